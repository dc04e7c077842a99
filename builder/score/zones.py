"""Zone scores: character labels, strict zone spans and main-content (body) tokens.

Every function takes zones as gold-schema dicts (``start``, ``end``, ``label``; half-open
offsets into the raw text) that do not overlap. The ``*_counts`` functions give one page's
additive counts; the ``summarize_*`` functions turn the summed counts of a corpus (or of a
bootstrap sample) into scores. Pk and WindowDiff are in :mod:`builder.score.segmentation`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from builder.model import ZONE_LABELS
from builder.score.fscore import precision_recall_f1

#: The zone label whose text is a page's main content.
MAIN_CONTENT_LABEL = "body"

#: Tokens of the main-content score: runs of word characters, as article-extraction benchmarks count them.
TOKEN = re.compile(r"\w+")

Zones = Sequence[Mapping[str, Any]]


def char_labels(raw: str, zones: Zones) -> list[str | None]:
    """The label of the zone covering each character of ``raw``, or None.

    >>> char_labels("ab cd", [{"start": 3, "end": 5, "label": "body"}])
    [None, None, None, 'body', 'body']
    """
    labels: list[str | None] = [None] * len(raw)
    for zone in zones:
        labels[zone["start"] : zone["end"]] = [zone["label"]] * (zone["end"] - zone["start"])
    return labels


def character_counts(raw: str, gold: Zones, predicted: Zones) -> Counter:
    """Per label, the non-white-space characters both sides give it (tp), only the prediction (fp), only gold (fn).

    >>> gold = [{"start": 0, "end": 5, "label": "body"}]
    >>> predicted = [{"start": 0, "end": 2, "label": "title"}, {"start": 3, "end": 5, "label": "body"}]
    >>> sorted(character_counts("ab cd", gold, predicted).items())
    [(('fn', 'body'), 2), (('fp', 'title'), 2), (('tp', 'body'), 2)]
    """
    counts: Counter = Counter()
    for char, gold_label, predicted_label in zip(raw, char_labels(raw, gold), char_labels(raw, predicted)):
        if char.isspace():
            continue
        if gold_label == predicted_label:
            if gold_label is not None:
                counts["tp", gold_label] += 1
            continue
        if predicted_label is not None:
            counts["fp", predicted_label] += 1
        if gold_label is not None:
            counts["fn", gold_label] += 1
    return counts


def span_counts(gold: Zones, predicted: Zones) -> Counter:
    """Per label, predicted zones that equal a gold zone (same start, end and label), predicted and gold zones.

    >>> sorted(span_counts([{"start": 0, "end": 4, "label": "title"}],
    ...                    [{"start": 0, "end": 4, "label": "title"}, {"start": 5, "end": 9, "label": "lead"}]).items())
    [(('correct', 'title'), 1), (('gold', 'title'), 1), (('predicted', 'lead'), 1), (('predicted', 'title'), 1)]
    """
    gold_spans = {(z["start"], z["end"], z["label"]) for z in gold}
    predicted_spans = {(z["start"], z["end"], z["label"]) for z in predicted}
    counts: Counter = Counter()
    correct_spans = gold_spans & predicted_spans
    for kind, spans in (("gold", gold_spans), ("predicted", predicted_spans), ("correct", correct_spans)):
        for _, _, label in spans:
            counts[kind, label] += 1
    return counts


def main_content_tokens(raw: str, zones: Zones) -> Counter:
    """The bag of case-folded word tokens of the main-content (body) zones, each zone tokenised on its own.

    >>> main_content_tokens("Un un mot", [{"start": 0, "end": 9, "label": "body"}])
    Counter({'un': 2, 'mot': 1})
    """
    tokens: Counter = Counter()
    for zone in zones:
        if zone["label"] == MAIN_CONTENT_LABEL:
            tokens.update(TOKEN.findall(raw[zone["start"] : zone["end"]].casefold()))
    return tokens


def main_content_counts(raw: str, gold: Zones, predicted: Zones) -> Counter:
    """Multiset overlap of the body tokens: ``common`` = sum of the smaller count of each token.

    >>> sorted(main_content_counts("un mot un", [{"start": 0, "end": 9, "label": "body"}],
    ...                            [{"start": 0, "end": 7, "label": "body"}]).items())
    [(('common',), 2), (('gold',), 3), (('predicted',), 2)]
    """
    gold_tokens = main_content_tokens(raw, gold)
    predicted_tokens = main_content_tokens(raw, predicted)
    return Counter({
        ("common",): sum((gold_tokens & predicted_tokens).values()),
        ("gold",): sum(gold_tokens.values()),
        ("predicted",): sum(predicted_tokens.values()),
    })


def _labels_in(counts: Mapping[tuple, int]) -> list[str]:
    """Labels that occur in the counts, in ZONE_LABELS order (labels unknown to the model last)."""
    seen = {key[-1] for key, value in counts.items() if value}
    return [label for label in ZONE_LABELS if label in seen] + sorted(seen - set(ZONE_LABELS))


def summarize_characters(counts: Mapping[tuple, int]) -> dict[str, Any]:
    """Per-label, micro and macro character P/R/F1 (macro: the mean over labels seen in gold or prediction)."""
    per_label = {}
    for label in _labels_in(counts):
        tp, fp, fn = counts.get(("tp", label), 0), counts.get(("fp", label), 0), counts.get(("fn", label), 0)
        per_label[label] = {**precision_recall_f1(tp, tp + fp, tp + fn), "gold": tp + fn, "predicted": tp + fp}
    gold = sum(v["gold"] for v in per_label.values())
    predicted = sum(v["predicted"] for v in per_label.values())
    correct = sum(v for k, v in counts.items() if k[0] == "tp")
    macro = {
        key: sum(v[key] for v in per_label.values()) / len(per_label) if per_label else 0.0
        for key in ("precision", "recall", "f1")
    }
    return {
        "micro": {**precision_recall_f1(correct, predicted, gold), "gold": gold, "predicted": predicted},
        "macro": macro,
        "per_label": per_label,
    }


def _pooled(counts: Mapping[tuple, int], labels: Iterable[str]) -> dict[str, Any]:
    correct, predicted, gold = (sum(counts.get((kind, label), 0) for label in labels)
                                for kind in ("correct", "predicted", "gold"))
    return {**precision_recall_f1(correct, predicted, gold), "correct": correct, "predicted": predicted, "gold": gold}


def summarize_spans(counts: Mapping[tuple, int]) -> dict[str, Any]:
    """Strict zone-span P/R/F1, overall and per label."""
    labels = _labels_in(counts)
    return {**_pooled(counts, labels), "per_label": {label: _pooled(counts, [label]) for label in labels}}


def summarize_main_content(counts: Mapping[tuple, int]) -> dict[str, Any]:
    """Bag-of-tokens P/R/F1 of the body text, pooled over the corpus."""
    common, predicted, gold = (counts.get((kind,), 0) for kind in ("common", "predicted", "gold"))
    return {**precision_recall_f1(common, predicted, gold), "common": common, "predicted": predicted, "gold": gold}
