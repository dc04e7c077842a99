"""Repair scores: the inserted-space offsets of a page compared as sets, pooled over the corpus."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from builder.score.fscore import precision_recall_f1


def repair_counts(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]) -> Counter:
    """Offsets found by both sides (correct), by the prediction, by gold; a repeated offset counts once.

    >>> sorted(repair_counts([{"offset": 5}, {"offset": 9}], [{"offset": 9}, {"offset": 12}, {"offset": 12}]).items())
    [(('correct',), 1), (('gold',), 2), (('predicted',), 2)]
    """
    gold_offsets = {r["offset"] for r in gold}
    predicted_offsets = {r["offset"] for r in predicted}
    return Counter({
        ("correct",): len(gold_offsets & predicted_offsets),
        ("predicted",): len(predicted_offsets),
        ("gold",): len(gold_offsets),
    })


def summarize_repairs(counts: Mapping[tuple, int]) -> dict[str, Any]:
    """Micro P/R/F1 of the inserted spaces."""
    correct, predicted, gold = (counts.get((kind,), 0) for kind in ("correct", "predicted", "gold"))
    return {**precision_recall_f1(correct, predicted, gold), "correct": correct, "predicted": predicted, "gold": gold}
