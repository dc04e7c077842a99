"""Our parsing core as three single-task predictors, so each peer is timed against the same work.

Each does what :func:`builder.parse.parse_page` does for that task and nothing else (no fields, no language):
zones from ``segment``, repairs from ``find_repairs``, entities from ``tag_entities`` inside the zones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from builder.parse.entities import tag_entities
from builder.parse.repairs import find_repairs
from builder.parse.zones import segment

Predictor = Callable[[str, str], dict[str, Any]]


def _record(page_id: str, zones: list | None = None, repairs: list | None = None,
            entities: list | None = None) -> dict[str, Any]:
    return {"id": page_id, "zones": zones or [], "repairs": repairs or [], "entities": entities or []}


def our_zones(raw: str, page_id: str) -> dict[str, Any]:
    zones = segment(raw)[0]
    return _record(page_id, zones=[{"start": z.start, "end": z.end, "label": z.label} for z in zones])


def our_repairs(raw: str, page_id: str) -> dict[str, Any]:
    return _record(page_id, repairs=[{"offset": r.offset} for r in find_repairs(raw)])


def our_entities(raw: str, page_id: str) -> dict[str, Any]:
    spans = [(z.start, z.end) for z in segment(raw)[0]]
    entities = [{"start": e.start, "end": e.end, "label": e.label, "text": e.text} for e in tag_entities(raw, spans)]
    return _record(page_id, entities=entities)


#: Our predictor of each task.
OUR_PREDICTORS: dict[str, Predictor] = {"zones": our_zones, "repairs": our_repairs, "entities": our_entities}
