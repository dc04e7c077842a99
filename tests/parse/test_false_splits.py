"""False splits of the repair step on text that has no glue (goal: at most 1 per 10,000 words).

Glue-free texts: from the gold, never from the parser, the teaser zones (the site's related-article block,
nearly clean text) and the whole pages, each with the gold repairs applied, so no glue is left; wordfreq's
frequent French words; and a larger text of real forms the frequency list lacks, generated from its frequent
words by French morphology (plurals in ``-aux``, feminine plurals, future and conditional forms, the words
written without their accents), with brand names and domain names. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import unicodedata

import pytest

from builder.label import gold_repairs, gold_zones, load_gold
from builder.model import apply_repairs
from builder.parse.repairs import find_repairs
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page
from builder.score.repairs import false_split_counts

TEASER_LABELS = ("teaser_caption", "teaser_title", "teaser_summary")
#: The goal: at most one false split per 10,000 words of glue-free text.
MAX_FALSE_SPLIT_RATE = 1 / 10_000


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
    assert rate <= MAX_FALSE_SPLIT_RATE, splits


def test_false_split_rate_on_frequent_french_words() -> None:
    """Real words of middling frequency (``surplus``, ``atout``) are not glued function words."""
    import wordfreq

    words = [w for w in wordfreq.top_n_list("fr", 30_000) if w.isalpha() and len(w) >= 4]
    split = [w for w in words if find_repairs(w)]
    print(f"\nfrequent French words: {len(split)} false splits in {len(words)} words "
          f"({len(split) / len(words):.4%}); {split}")
    assert len(words) > 25_000
    assert len(split) / len(words) <= MAX_FALSE_SPLIT_RATE, split


def inflected_forms(words: list[str]) -> set[str]:
    """Real forms of the given frequent words, made by the rules of French morphology (each rule applied only
    where the word shows it takes it: an adjective in ``-al`` whose feminine is listed, a verb whose past
    participle is listed), and the words without their accents."""
    listed = set(words)
    forms: set[str] = set()
    for w in words:
        if w.endswith("al") and w + "e" in listed and w + "es" in listed:  # an adjective
            forms.add(w[:-2] + "aux")
        if w.endswith("e") and w[:-1] in listed and len(w) > 5:
            forms.add(w + "s")  # feminine plural
        if w.endswith("elle") or w.endswith("enne") or w.endswith("ive") or w.endswith("euse"):
            forms.add(w + "s")
        if w.endswith("er") and w[:-2] + "é" in listed:  # a verb in -er
            forms.update(w + e for e in ("a", "ont", "ait", "aient", "ons", "ez", "ai", "ions"))
            forms.update(w[:-2] + e for e in ("ées", "ant", "aient", "ions"))
        if w.endswith("ir") and w[:-1] in listed:  # a verb in -ir
            forms.update(w + e for e in ("a", "ont", "ait", "aient"))
        if w.endswith("re") and w[:-2] + "u" in listed:  # a verb in -re
            forms.update(w[:-1] + e for e in ("a", "ont", "ait", "aient"))
        if not w.isascii():
            forms.add(unicodedata.normalize("NFD", w).encode("ascii", "ignore").decode())
    return {f for f in forms if f.isalpha() and len(f) >= 4}


#: Brand and site names of the kind credits and texts carry (camel case, domains), from general knowledge.
BRANDS_AND_DOMAINS = (
    "VnExpress TikTok YouTube LinkedIn WhatsApp PayPal VinFast MobiFone VinaPhone VietinBank HDBank eBay iPhone "
    "PowerPoint JavaScript SpaceX OpenAI BlackRock FedEx GlaxoSmithKline ExxonMobil AstraZeneca PetroVietnam "
    "VietJet GrabFood SeABank TPBank AirAsia MasterCard McDonald VietnamPlus BioNTech SoftBank SkyTeam "
    "qdnd.vn vietnamplus.vn baoquocte.vn nhandan.vn lecourrier.vn chinhphu.vn tuoitre.vn thanhnien.vn "
    "www.vietnam.vn vnexpress.net dangcongsan.vn baochinhphu.vn contact@vnanet.vn sggp.org.vn"
).split()


def test_false_split_rate_on_generated_forms_brands_and_domains() -> None:
    import wordfreq

    words = [w for w in wordfreq.top_n_list("fr", 30_000) if w.isalpha() and len(w) >= 3]
    forms = sorted(inflected_forms(words) - set(words))
    text = " ".join(forms) + "\n" + "Photo : " + ", ".join(BRANDS_AND_DOMAINS) + "."
    offsets = [r.offset for r in find_repairs(text)]
    counts = false_split_counts(text, offsets)
    splits = [text[max(0, o - 12) : o] + "|" + text[o : o + 12] for o in offsets]
    print(f"\ngenerated forms, brands and domains: {counts['false_splits']} false splits in {counts['words']} "
          f"words ({counts['false_splits'] / counts['words']:.4%}); {splits}")
    assert counts["words"] > 15_000
    assert counts["false_splits"] / counts["words"] <= MAX_FALSE_SPLIT_RATE, splits
