"""Precision, recall and F1 from counts: the one formula every score shares."""

from __future__ import annotations


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, 0.0 when the denominator is 0 (the seqeval and nervaluate convention)."""
    return numerator / denominator if denominator > 0 else 0.0


def precision_recall_f1(correct: float, predicted: float, gold: float) -> dict[str, float]:
    """P = correct / predicted, R = correct / gold, F1 = 2PR / (P + R); a 0 denominator gives 0.0.

    >>> precision_recall_f1(3, 4, 6)
    {'precision': 0.75, 'recall': 0.5, 'f1': 0.6}
    >>> precision_recall_f1(0, 0, 2)
    {'precision': 0.0, 'recall': 0.0, 'f1': 0.0}
    """
    precision = ratio(correct, predicted)
    recall = ratio(correct, gold)
    f1 = ratio(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1}
