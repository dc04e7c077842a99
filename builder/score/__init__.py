"""Scoring any parser's predictions against gold: zones, repairs and entities.

Every metric is a pure function; :func:`score` runs them over a corpus and returns plain
JSON data, where every score but Pk and WindowDiff is higher-is-better::

    from builder.score import format_table, load_predictions, score
    predictions, warnings = load_predictions("preds.jsonl", gold.keys(), raws)
    print(format_table(score(gold, raws, predictions, bootstrap=1000)))

Each task first reduces a page to additive counts (``*_counts``), then turns the summed
counts into scores (``summarize_*``); the bootstrap resamples the pages' counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from builder.score.bootstrap import bootstrap as bootstrap_intervals
from builder.score.entities import entity_counts, summarize_entities
from builder.score.predictions import PredictionError, check_record, load_predictions
from builder.score.repairs import repair_counts, summarize_repairs
from builder.score.report import format_markdown, format_table
from builder.score.segmentation import boundary_counts, summarize_boundaries
from builder.score.zones import (
    character_counts,
    main_content_counts,
    span_counts,
    summarize_characters,
    summarize_main_content,
    summarize_spans,
)

__all__ = [
    "TASKS",
    "PredictionError",
    "check_record",
    "format_markdown",
    "format_table",
    "load_predictions",
    "page_counts",
    "score",
    "summarize",
]

#: The tasks :func:`score` knows, in report order.
TASKS: tuple[str, ...] = ("zones", "repairs", "entities")

#: Confidence of the bootstrap intervals.
CONFIDENCE = 0.95

Record = Mapping[str, Any]


def page_counts(gold: Record, predicted: Record, raw: str, tasks: tuple[str, ...] = TASKS) -> Counter:
    """One page's additive counts, keyed ``(task, metric, ...)``."""
    parts: list[tuple[tuple[str, ...], Counter]] = []
    if "zones" in tasks:
        gold_zones, predicted_zones = gold.get("zones", []), predicted.get("zones", [])
        parts += [
            (("zones", "characters"), character_counts(raw, gold_zones, predicted_zones)),
            (("zones", "spans"), span_counts(gold_zones, predicted_zones)),
            (("zones", "main_content"), main_content_counts(raw, gold_zones, predicted_zones)),
            (("zones", "boundary_errors"), boundary_counts(raw, gold_zones, predicted_zones)),
        ]
    if "repairs" in tasks:
        parts.append((("repairs",), repair_counts(gold.get("repairs", []), predicted.get("repairs", []))))
    if "entities" in tasks:
        parts.append((("entities",), entity_counts(gold.get("entities", []), predicted.get("entities", []))))
    counts: Counter = Counter()
    for prefix, part in parts:
        counts.update({(*prefix, *key): value for key, value in part.items()})
    return counts


def summarize(counts: Mapping[tuple, int], tasks: tuple[str, ...] = TASKS) -> dict[str, Any]:
    """Scores of every task from the counts summed over a set of pages."""
    def part(*prefix: str) -> dict[tuple, int]:
        return {key[len(prefix):]: value for key, value in counts.items() if key[: len(prefix)] == prefix}

    result: dict[str, Any] = {}
    if "zones" in tasks:
        result["zones"] = {
            "characters": summarize_characters(part("zones", "characters")),
            "spans": summarize_spans(part("zones", "spans")),
            "main_content": summarize_main_content(part("zones", "main_content")),
            "boundary_errors": summarize_boundaries(part("zones", "boundary_errors")),
        }
    if "repairs" in tasks:
        result["repairs"] = summarize_repairs(part("repairs"))
    if "entities" in tasks:
        result["entities"] = summarize_entities(part("entities"))
    return result


def _checked(record: Record, raw: str, what: str) -> Record:
    _, problems = check_record(record, raw)
    if problems:
        error = PredictionError if what == "prediction" else ValueError
        raise error(f"{what} for page {record.get('id')}: {problems[0]}")
    return record


def score(
    gold: Mapping[str, Record],
    raws: Mapping[str, str],
    predictions: Mapping[str, Record],
    task: str = "all",
    bootstrap: int = 0,
    seed: int = 0,
) -> dict[str, Any]:
    """Score predictions against gold over the gold pages; a gold page with no prediction counts as predicted empty.

    ``task`` is ``"all"`` or one of :data:`TASKS`. With ``bootstrap`` > 0, every precision,
    recall, F1, Pk and WindowDiff gets ``<key>_ci_low`` / ``<key>_ci_high``: a 95% percentile
    interval over that many resamples of the pages, drawn with ``seed``.
    """
    if task != "all" and task not in TASKS:
        raise ValueError(f"unknown task {task!r} (expected all, {', '.join(TASKS)})")
    tasks = TASKS if task == "all" else (task,)
    unknown = sorted(set(predictions) - set(gold))
    if unknown:
        raise PredictionError(f"predictions for pages that have no gold: {', '.join(unknown)}")
    no_raw = sorted(set(gold) - set(raws))
    if no_raw:
        raise ValueError(f"no raw text for gold pages: {', '.join(no_raw)}")
    ids = sorted(gold)
    empty: dict[str, Any] = {"zones": [], "repairs": [], "entities": []}
    doc_counts = [
        page_counts(_checked(gold[i], raws[i], "gold"), _checked(predictions.get(i, empty), raws[i], "prediction"),
                    raws[i], tasks)
        for i in ids
    ]
    total: Counter = Counter()
    for counts in doc_counts:
        total.update(counts)
    result: dict[str, Any] = {
        "documents": len(ids),
        "missing_ids": [i for i in ids if i not in predictions],
        "tasks": list(tasks),
        **summarize(total, tasks),
    }
    if bootstrap > 0 and ids:
        result = bootstrap_intervals(doc_counts, lambda c: summarize(c, tasks), result, bootstrap, seed, CONFIDENCE)
        result["bootstrap"] = {"samples": bootstrap, "seed": seed, "confidence": CONFIDENCE,
                               "method": "percentile, documents resampled with replacement"}
    return result
