"""Entity scores: the four schemes of SemEval-2013 task 9.1, computed as nervaluate (1.x) computes them.

Each predicted entity is matched greedily, in order of (start, end, label), against the gold
entities not matched yet:

* ``strict``: correct if a gold entity has the same span and label; else *incorrect* if it
  overlaps one; else *spurious*;
* ``exact``: the same, ignoring the label;
* ``partial``: correct on the same span, *partial* on an overlap, labels ignored;
* ``ent_type``: correct if it overlaps a gold entity of its label (the one with the closest
  boundaries); else incorrect if it overlaps one of another label.

Gold entities left unmatched are *missed*. An overlap counts when it covers at least 1% of
the gold span (nervaluate's ``min_overlap_percentage=1``). ``possible`` = correct + incorrect
+ partial + missed, ``actual`` = correct + incorrect + partial + spurious, precision =
(correct + partial / 2) / actual and recall = (correct + partial / 2) / possible. Per-label
scores rerun the matching on the entities of that label only, as nervaluate does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from builder.model import ENTITY_LABELS
from builder.score.fscore import precision_recall_f1

SCHEMES: tuple[str, ...] = ("strict", "exact", "partial", "ent_type")
OUTCOMES: tuple[str, ...] = ("correct", "incorrect", "partial", "missed", "spurious")

#: The key of the scores over all labels.
OVERALL = "overall"

Span = tuple[int, int, str]


def _spans(entities: Sequence[Mapping[str, Any]]) -> list[Span]:
    return sorted((e["start"], e["end"], e["label"]) for e in entities)


def _overlaps(predicted: Span, gold: Span) -> bool:
    """At least 1% of the gold span is covered (nervaluate's default threshold)."""
    shared = min(predicted[1], gold[1]) - max(predicted[0], gold[0])
    return shared > 0 and 100 * shared >= gold[1] - gold[0]


def match_entities(gold: Sequence[Span], predicted: Sequence[Span], scheme: str) -> Counter:
    """Outcome counts of one page under one scheme; spans are ``(start, end, label)``, half-open.

    >>> gold = [(0, 5, "PER"), (10, 15, "LOC")]
    >>> predicted = [(0, 5, "ORG"), (10, 13, "LOC"), (20, 25, "DATE")]
    >>> [dict(match_entities(gold, predicted, scheme)) for scheme in SCHEMES]  # doctest: +NORMALIZE_WHITESPACE
    [{'incorrect': 2, 'spurious': 1}, {'correct': 1, 'incorrect': 1, 'spurious': 1},
     {'correct': 1, 'partial': 1, 'spurious': 1}, {'incorrect': 1, 'correct': 1, 'spurious': 1}]
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r} (expected one of {', '.join(SCHEMES)})")
    matched: set[int] = set()
    counts: Counter = Counter()
    for p in predicted:
        hit: int | None = None
        near: int | None = None
        best_distance = 0
        for i, g in enumerate(gold):
            if i in matched:
                continue
            if scheme == "ent_type":
                if not _overlaps(p, g):
                    continue
                distance = abs(p[0] - g[0]) + abs(p[1] - g[1])
                if p[2] == g[2] and (hit is None or distance < best_distance):
                    hit, best_distance = i, distance
                elif p[2] != g[2] and near is None:
                    near = i
                continue
            if p[:2] == g[:2] and (scheme != "strict" or p[2] == g[2]):
                hit = i
                break
            if near is None and _overlaps(p, g):
                near = i
        if hit is not None:
            counts["correct"] += 1
            matched.add(hit)
        elif near is not None:
            counts["partial" if scheme == "partial" else "incorrect"] += 1
            matched.add(near)
        else:
            counts["spurious"] += 1
    counts["missed"] += len(gold) - len(matched)
    return +counts


def entity_counts(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]) -> Counter:
    """One page's outcome counts keyed ``(label or "overall", scheme, outcome)``."""
    gold_spans, predicted_spans = _spans(gold), _spans(predicted)
    counts: Counter = Counter()
    labels = sorted({s[2] for s in gold_spans} | {s[2] for s in predicted_spans})
    for scheme in SCHEMES:
        for outcome, n in match_entities(gold_spans, predicted_spans, scheme).items():
            counts[OVERALL, scheme, outcome] += n
        for label in labels:
            label_gold = [s for s in gold_spans if s[2] == label]
            label_predicted = [s for s in predicted_spans if s[2] == label]
            for outcome, n in match_entities(label_gold, label_predicted, scheme).items():
                counts[label, scheme, outcome] += n
    return counts


def summarize_outcomes(outcomes: Mapping[str, int]) -> dict[str, Any]:
    """Counts, ``possible``, ``actual`` and P/R/F1 (a partial match is worth half).

    >>> summarize_outcomes({"correct": 2, "partial": 2, "missed": 1, "spurious": 1})["precision"]
    0.6
    """
    result: dict[str, Any] = {outcome: outcomes.get(outcome, 0) for outcome in OUTCOMES}
    result["possible"] = sum(result[o] for o in ("correct", "incorrect", "partial", "missed"))
    result["actual"] = sum(result[o] for o in ("correct", "incorrect", "partial", "spurious"))
    credit = result["correct"] + 0.5 * result["partial"]
    result.update(precision_recall_f1(credit, result["actual"], result["possible"]))
    return result


def summarize_entities(counts: Mapping[tuple, int]) -> dict[str, Any]:
    """Scores per scheme, overall and for each label that occurs in gold or prediction."""
    def scores(key: str) -> dict[str, Any]:
        return {
            scheme: summarize_outcomes({o: counts.get((key, scheme, o), 0) for o in OUTCOMES}) for scheme in SCHEMES
        }

    seen = {key[0] for key, value in counts.items() if value} - {OVERALL}
    labels = [label for label in ENTITY_LABELS if label in seen] + sorted(seen - set(ENTITY_LABELS))
    return {OVERALL: scores(OVERALL), "per_label": {label: scores(label) for label in labels}}
