"""False splits of the repair step on text that has no glue, measured on the bundled pages.

Two glue-free texts come from the gold, never from the parser: the teaser zones (the site's
related-article block, nearly clean text) and the whole pages, each with the gold repairs applied,
so no glue is left. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import pytest

from builder.label import gold_repairs, gold_zones, load_gold
from builder.model import apply_repairs
from builder.parse.repairs import find_repairs
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page
from builder.score.repairs import false_split_counts

TEASER_LABELS = ("teaser_caption", "teaser_title", "teaser_summary")


def glue_free_texts() -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {"teasers": [], "repaired pages": []}
    for page_id, record in load_gold(bundled_gold_dir()).items():
        raw = read_page(bundled_pages_dir() / f"{page_id}.txt").raw
        offsets = {r.offset for r in gold_repairs(record)}
        for zone in gold_zones(record):
            if zone.label in TEASER_LABELS:
                inside = sorted(o - zone.start for o in offsets if zone.start < o < zone.end)
                texts["teasers"].append(apply_repairs(raw[zone.start : zone.end], inside))
        texts["repaired pages"].append(apply_repairs(raw, sorted(offsets)))
    return texts


@pytest.mark.parametrize("kind", ["teasers", "repaired pages"])
def test_false_split_rate_on_glue_free_text(kind: str) -> None:
    totals = {"words": 0, "false_splits": 0, "words_split": 0}
    splits = []
    for text in glue_free_texts()[kind]:
        offsets = [r.offset for r in find_repairs(text)]
        for key, value in false_split_counts(text, offsets).items():
            totals[key] += value
        splits += [text[max(0, o - 12) : o] + "|" + text[o : o + 12] for o in offsets]
    rate = totals["false_splits"] / totals["words"]
    print(f"\n{kind}: {totals['false_splits']} false splits in {totals['words']} words "
          f"({rate:.4%}); {splits}")
    assert totals["words"] > 1000
    assert rate <= 0.002, splits


def test_false_split_rate_on_frequent_french_words() -> None:
    """Real words of middling frequency (``surplus``, ``atout``) are not glued function words."""
    import wordfreq

    words = [w for w in wordfreq.top_n_list("fr", 30_000) if w.isalpha() and len(w) >= 4]
    split = [w for w in words if find_repairs(w)]
    print(f"\nfrequent French words: {len(split)} false splits in {len(words)} words "
          f"({len(split) / len(words):.4%}); {split}")
    assert len(words) > 25_000
    assert len(split) / len(words) <= 0.0005, split
