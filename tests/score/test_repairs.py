"""Repair scores: sets of inserted-space offsets, pooled over pages."""

from __future__ import annotations

from collections import Counter

from builder.score.repairs import repair_counts, summarize_repairs


def offsets(*values: int) -> list[dict[str, int]]:
    return [{"offset": v} for v in values]


def test_one_page_by_hand() -> None:
    # gold {5, 9, 14}, predicted {9, 14, 20} (20 twice): 2 correct of 3 predicted, 2 of 3 gold.
    scores = summarize_repairs(repair_counts(offsets(5, 9, 14), offsets(9, 14, 20, 20)))
    assert (scores["correct"], scores["predicted"], scores["gold"]) == (2, 3, 3)
    assert scores["precision"] == scores["recall"] == scores["f1"] == 2 / 3


def test_pages_are_pooled_micro() -> None:
    # page A: gold {5}, nothing predicted; page B: gold {3, 7}, predicted {3, 7, 9}.
    # pooled: 2 correct, 3 predicted, 3 gold (a mean of per-page F1 would be (0 + 0.8) / 2 instead).
    total = Counter()
    total.update(repair_counts(offsets(5), []))
    total.update(repair_counts(offsets(3, 7), offsets(3, 7, 9)))
    scores = summarize_repairs(total)
    assert (scores["precision"], scores["recall"]) == (2 / 3, 2 / 3)


def test_offsets_must_match_exactly() -> None:
    assert summarize_repairs(repair_counts(offsets(10), offsets(11)))["f1"] == 0.0
