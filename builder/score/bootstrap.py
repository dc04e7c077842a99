"""Bootstrap confidence intervals: resample the DOCUMENTS with replacement, take percentiles.

Every score is a function of counts summed over documents, so a resample only needs the
per-document counts weighted by how often each document was drawn. The generator is a
``numpy.random.Generator`` made from the seed: same seed, same intervals; no global state.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

#: The keys of a result that get an interval (``<key>_ci_low``, ``<key>_ci_high`` beside them).
SCORE_KEYS: tuple[str, ...] = ("precision", "recall", "f1", "pk", "window_diff")


def resampled_totals(doc_counts: Sequence[Mapping[tuple, int]], samples: int, seed: int) -> Iterator[Counter]:
    """Summed counts of ``samples`` corpora, each drawn from the documents with replacement."""
    keys = sorted({key for counts in doc_counts for key in counts}, key=repr)
    matrix = np.array([[counts.get(key, 0) for key in keys] for counts in doc_counts], dtype=np.int64)
    rng = np.random.default_rng(seed)
    n = len(doc_counts)
    for _ in range(samples):
        weights = np.bincount(rng.integers(0, n, size=n), minlength=n)
        totals = weights @ matrix
        yield Counter({key: int(value) for key, value in zip(keys, totals) if value})


def percentile_interval(values: Sequence[float], confidence: float = 0.95) -> tuple[float, float]:
    """The central ``confidence`` interval of the values (linear interpolation between order statistics).

    >>> percentile_interval([0.0, 1.0, 2.0, 3.0, 4.0], confidence=0.5)
    (1.0, 3.0)
    """
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(np.asarray(values, dtype=float), [tail, 100 - tail])
    return float(low), float(high)


def _score_leaves(result: Mapping[str, Any], path: tuple = ()) -> Iterator[tuple[tuple, float]]:
    for key, value in result.items():
        if isinstance(value, Mapping):
            yield from _score_leaves(value, (*path, key))
        elif key in SCORE_KEYS and isinstance(value, float):
            yield (*path, key), value


def with_intervals(
    result: Mapping[str, Any], replicates: Sequence[Mapping[str, Any]], confidence: float = 0.95
) -> dict[str, Any]:
    """A copy of ``result`` where each score has ``<key>_ci_low`` and ``<key>_ci_high`` from the replicates.

    A replicate lacking a score (a label no resampled document has, Pk with no window) is left
    out of that score's interval.
    """
    values: dict[tuple, list[float]] = {}
    for replicate in replicates:
        for path, value in _score_leaves(replicate):
            values.setdefault(path, []).append(value)
    out = copy.deepcopy(dict(result))
    for path, _ in list(_score_leaves(out)):
        if not values.get(path):
            continue
        node = out
        for key in path[:-1]:
            node = node[key]
        node[f"{path[-1]}_ci_low"], node[f"{path[-1]}_ci_high"] = percentile_interval(values[path], confidence)
    return out


def bootstrap(
    doc_counts: Sequence[Mapping[tuple, int]],
    summarize: Callable[[Mapping[tuple, int]], Mapping[str, Any]],
    result: Mapping[str, Any],
    samples: int,
    seed: int = 0,
    confidence: float = 0.95,
) -> dict[str, Any]:
    """``result`` with percentile intervals from ``samples`` document resamples scored by ``summarize``."""
    replicates = [summarize(totals) for totals in resampled_totals(doc_counts, samples, seed)]
    return with_intervals(result, replicates, confidence)
