"""Repair scores: the inserted-space offsets of a page compared as sets, pooled over the corpus."""

from __future__ import annotations

import re
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


def false_split_counts(clean_text: str, offsets: Sequence[int]) -> dict[str, int]:
    """Splits a repair step made in text that has no glue: every one is a false split.

    Counted per word (a run of letters and digits), so the rate is comparable across texts.

    >>> false_split_counts("la visite officielle", [5])
    {'words': 3, 'false_splits': 1, 'words_split': 1}
    """
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(clean_text)]
    split_words = {i for o in offsets for i, (start, end) in enumerate(words) if start < o < end}
    return {"words": len(words), "false_splits": len(offsets), "words_split": len(split_words)}


_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
