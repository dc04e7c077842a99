"""The parsing core on pages written for the tests (``tests/data/pages``), scored against their hand-made gold.

The pages are short articles in the site's style whose sentences were written for this repository. Each
one has a shape real crawls have and the five sample pages lack: no title, no lead, a page that opens at
its caption, its dateline or in mid-body, old agency pages signed ``-AVI``, captions printed first or
twice, credit-only captions, interviews, sub-headings, partner-site pages with a footer, teasers with no
header, pages cut mid-word. Their gold was written as labelled drafts (``tests/data/drafts``) under
guidelines v1.1 and turned into offsets by ``tests/data/author_gold.py``, never from a parser's output.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from builder.label import GUIDELINES_VERSION, gold_repairs, load_gold, validate_gold_dir
from builder.parse import parse_page
from builder.read import read_page
from builder.score.repairs import repair_counts, summarize_repairs
from builder.score.zones import character_counts, summarize_characters
from builder.steps import NOT_FRENCH

DATA = Path(__file__).resolve().parents[1] / "data"
PAGES, GOLD = DATA / "pages", DATA / "gold"
ZONE_F1_FLOOR = 0.97

GOLD_RECORDS = load_gold(GOLD)
STEMS = sorted(GOLD_RECORDS)


def _raw(stem: str) -> str:
    return read_page(PAGES / f"{stem}.txt").raw


def test_enough_written_pages_of_every_kind() -> None:
    assert len(STEMS) >= 30
    labels = Counter(zone["label"] for record in GOLD_RECORDS.values() for zone in record["zones"])
    assert set(labels) >= {"title", "lead", "caption", "dateline", "body", "inline_link", "signature", "source",
                           "more_header", "teaser_caption", "teaser_title", "teaser_summary", "boilerplate"}
    starts = Counter(min(record["zones"], key=lambda z: z["start"])["label"] for record in GOLD_RECORDS.values())
    assert {"caption", "lead", "dateline", "body"} <= set(starts), starts
    with_entities = sum(1 for record in GOLD_RECORDS.values() if record.get("entities"))
    assert with_entities * 3 >= len(STEMS)


def test_written_gold_validates() -> None:
    assert validate_gold_dir(GOLD, PAGES) == []
    assert {record["guidelines_version"] for record in GOLD_RECORDS.values()} == {GUIDELINES_VERSION}


def test_written_gold_matches_its_drafts() -> None:
    """The pages and gold in the repository are what the drafts give (nobody edited offsets by hand)."""
    spec = importlib.util.spec_from_file_location("author_gold", DATA / "author_gold.py")
    assert spec is not None and spec.loader is not None
    author_gold = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(author_gold)
    drafts = sorted((DATA / "drafts").glob("*.draft"))
    assert [d.stem for d in drafts] == STEMS
    for draft in drafts:
        raw, record = author_gold.author(draft)
        assert raw == _raw(draft.stem), draft.name
        assert record == GOLD_RECORDS[draft.stem], draft.name


@pytest.mark.parametrize("stem", STEMS)
def test_written_page_zone_characters(stem: str) -> None:
    raw = _raw(stem)
    predicted = parse_page(raw, stem, language=False, entities=False).to_record()
    scores = summarize_characters(character_counts(raw, GOLD_RECORDS[stem]["zones"], predicted["zones"]))
    wrong = {label: round(figures["f1"], 3) for label, figures in scores["per_label"].items() if figures["f1"] < 1}
    assert scores["micro"]["f1"] >= ZONE_F1_FLOOR, (stem, round(scores["micro"]["f1"], 3), wrong)


def test_written_pages_repairs() -> None:
    """Repair precision/recall over every written page, printed with ``-s``; recall of the glue is floored."""
    counts: Counter = Counter()
    for stem in STEMS:
        raw = _raw(stem)
        predicted = parse_page(raw, stem, language=False, entities=False).to_record()
        gold = [{"offset": r.offset} for r in gold_repairs(GOLD_RECORDS[stem])]
        counts += repair_counts(gold, predicted["repairs"])
    result = summarize_repairs(counts)
    print(f"\nrepairs on {len(STEMS)} written pages: {result}")
    assert result["gold"] >= 60
    assert result["f1"] >= 0.9, result


def test_no_french_written_page_rejected(tmp_path: Path) -> None:
    """A build of the written pages keeps every one of them: none is taken for another language."""
    from builder.api import build

    report = build([PAGES], tmp_path / "out", workers=1)
    assert report.rejects.get(NOT_FRENCH, 0) == 0, report.rejects
    assert report.pages_written == len(STEMS), report.rejects
