"""Reading and checking predictions: JSON Lines in the gold schema, one page per line.

A line is ``{"id": ..., "zones": [...], "repairs": [...], "entities": [...]}``; a missing list
means the parser predicts nothing for that task. Every problem is reported as one line naming
the file, the line number and what is wrong; items are counted from 0, as JSON arrays are.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from builder.model import ENTITY_LABELS, ZONE_LABELS

#: The lists a record may hold, with the name of one of their items in messages.
ITEM_KINDS: dict[str, str] = {"zones": "zone", "repairs": "repair", "entities": "entity"}


class PredictionError(ValueError):
    """A bad prediction; the message is one line naming the file, the line and the problem."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _span_problem(kind: str, index: int, item: Any, raw: str, page_id: str, labels: Collection[str]) -> str | None:
    """What is wrong with one zone or entity, or None."""
    name = f"{kind} {index}"
    if not isinstance(item, dict):
        return f"{name} is not a JSON object"
    for key in ("start", "end"):
        if key not in item:
            return f"{name} has no {key!r}"
        if not _is_int(item[key]):
            return f"{name} has {key} {item[key]!r}, not an integer"
    start, end = item["start"], item["end"]
    if start < 0:
        return f"{name} starts at {start}, before the start of page {page_id}"
    if end > len(raw):
        return f"{name} ends at {end}, past the end of page {page_id} ({len(raw)} chars)"
    if start >= end:
        return f"{name} is empty or reversed (start {start} >= end {end})"
    if item.get("label") not in labels:
        return f"{name} has unknown label {item.get('label')!r} (expected one of: {', '.join(labels)})"
    return None


def _repair_problem(index: int, item: Any, raw: str, page_id: str) -> str | None:
    if not isinstance(item, dict):
        return f"repair {index} is not a JSON object"
    if "offset" not in item:
        return f"repair {index} has no 'offset'"
    offset = item["offset"]
    if not _is_int(offset):
        return f"repair {index} has offset {offset!r}, not an integer"
    if not 0 <= offset <= len(raw):
        return f"repair {index} has offset {offset}, outside page {page_id} (0 to {len(raw)})"
    return None


def check_record(record: Mapping[str, Any], raw: str) -> tuple[dict[str, Any], list[str]]:
    """The record with every bad item dropped, and one message per dropped item, in file order.

    Zones must not overlap: a zone overlapping an earlier kept zone is dropped.

    >>> clean, problems = check_record({"id": "p", "zones": [{"start": 0, "end": 9, "label": "title"}]}, "Titre")
    >>> clean["zones"], problems
    ([], ['zone 0 ends at 9, past the end of page p (5 chars)'])
    """
    page_id = str(record.get("id"))
    clean: dict[str, Any] = {"id": record.get("id")}
    problems: list[str] = []
    for field, kind in ITEM_KINDS.items():
        items = record.get(field, [])
        if not isinstance(items, list):
            problems.append(f"{field!r} is not a list")
            items = []
        kept: list[tuple[int, Any]] = []
        for index, item in enumerate(items):
            if field == "repairs":
                problem = _repair_problem(index, item, raw, page_id)
            else:
                labels = ZONE_LABELS if field == "zones" else ENTITY_LABELS
                problem = _span_problem(kind, index, item, raw, page_id, labels)
            if problem is None and field == "zones":
                problem = _overlap_problem(index, item, kept)
            if problem is None:
                kept.append((index, item))
            else:
                problems.append(problem)
        clean[field] = [item for _, item in kept]
    return clean, problems


def _overlap_problem(index: int, zone: Mapping[str, Any], kept: Iterable[tuple[int, Mapping[str, Any]]]) -> str | None:
    for other_index, other in kept:
        if zone["start"] < other["end"] and other["start"] < zone["end"]:
            return (f"zone {index} ({zone['start']}-{zone['end']}) overlaps zone {other_index} "
                    f"({other['start']}-{other['end']})")
    return None


def _source_lines(path_or_lines: str | Path | Iterable[str]) -> tuple[str, list[str]]:
    """The name messages give the source, and its lines (a file may start with a BOM)."""
    if isinstance(path_or_lines, (str, Path)):
        return str(path_or_lines), Path(path_or_lines).read_text(encoding="utf-8-sig").splitlines()
    return "<predictions>", list(path_or_lines)


def load_predictions(
    path_or_lines: str | Path | Iterable[str],
    gold_ids: Collection[str],
    raws: Mapping[str, str],
    lenient: bool = False,
    name: str | None = None,
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Predictions by page id, and the warnings of lenient mode.

    Strict mode raises :class:`PredictionError` on the first problem. Lenient mode drops the
    bad item (a zone, repair or entity), or the whole line when it is not JSON or names no
    known, new page, and returns one warning per drop. A str or Path is a file name; any other
    iterable (a list, ``sys.stdin``) gives the lines themselves. ``name`` replaces the file name
    in messages (e.g. ``"<stdin>"``).
    """
    source, lines = _source_lines(path_or_lines)
    name = name or source
    records: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    warnings: list[str] = []

    def problem(line_number: int, message: str) -> None:
        text = f"{name}:{line_number}: {message}"
        if not lenient:
            raise PredictionError(text)
        warnings.append(text)

    for line_number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            problem(line_number, f"not JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(record, dict):
            problem(line_number, f"not a JSON object but {type(record).__name__}")
            continue
        page_id = record.get("id")
        if not isinstance(page_id, str):
            problem(line_number, "no 'id'" if page_id is None else f"id {page_id!r} is not a string")
            continue
        if page_id not in gold_ids:
            problem(line_number, f"unknown id {page_id!r} (no gold page has it)")
            continue
        if page_id in records:
            problem(line_number, f"duplicate id {page_id!r} (first on line {first_line[page_id]})")
            continue
        clean, messages = check_record(record, raws[page_id])
        for message in messages:
            problem(line_number, message)
        records[page_id] = clean
        first_line[page_id] = line_number
    return records, warnings
