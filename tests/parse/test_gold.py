"""The parsing core against the hand-made gold of the sample pages (scored with builder.score).

Floors sit a little under what the parser reaches, so a regression fails; the figures print with ``-s``.
"""

from __future__ import annotations

import pytest

from builder.label import load_gold
from builder.parse import parse_page
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page
from builder.score import format_table, score


@pytest.fixture(scope="module")
def scored() -> dict:
    gold = load_gold(bundled_gold_dir())
    raws = {page_id: read_page(bundled_pages_dir() / f"{page_id}.txt").raw for page_id in gold}
    predictions = {page_id: parse_page(raw, page_id, language=False).to_record() for page_id, raw in raws.items()}
    result = score(gold, raws, predictions, task="all")
    print(format_table(result))
    return result


def test_zone_characters_per_label(scored: dict) -> None:
    per_label = scored["zones"]["characters"]["per_label"]
    assert set(per_label) >= {"title", "lead", "caption", "dateline", "body", "signature", "more_header",
                              "teaser_caption", "teaser_title", "teaser_summary"}
    for label, figures in per_label.items():
        assert figures["f1"] >= 0.95, (label, figures)
    assert scored["zones"]["characters"]["micro"]["f1"] >= 0.98


def test_exact_zone_match(scored: dict) -> None:
    assert scored["zones"]["spans"]["f1"] >= 0.95


def test_repairs_precision_recall(scored: dict) -> None:
    repairs = scored["repairs"]
    assert repairs["precision"] >= 0.95
    assert repairs["recall"] >= 0.9
