"""Rows: how one labelled page becomes the rows of every config (pure functions, run in the engine's workers).

Kept apart from :mod:`builder.write` (the schemas and the Parquet writer), so a worker process imports
neither ``datasets`` nor ``pyarrow``: a worker is the parsing core plus these functions, and its memory
is what the parsing core needs. :data:`ROW_FUNCTIONS` is in config order; :data:`builder.write.CONFIGS`
pairs each with its schema.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from builder.model import ENTITY_LABELS, NER_TAGS, ZONE_LABELS, Entity, Fields, Zone, apply_repairs
from builder.parse.zones import Line, split_lines
from builder.split import fold_title, split_of
from builder.steps import LabelledPage
from builder.tokens import page_tokens, split_at, tokens_inside

Row = dict[str, Any]
RowFunction = Callable[[LabelledPage, tuple[int, ...]], Iterable[tuple[str, Row]]]

_ZONE_INDEX = {label: i for i, label in enumerate(ZONE_LABELS)}
_ENTITY_INDEX = {label: i for i, label in enumerate(ENTITY_LABELS)}
_NER_INDEX = {tag: i for i, tag in enumerate(NER_TAGS)}
_OUTSIDE = _NER_INDEX["O"]
_BEGIN = {label: _NER_INDEX[f"B-{label}"] for label in ENTITY_LABELS}
_INSIDE = {label: _NER_INDEX[f"I-{label}"] for label in ENTITY_LABELS}


def article_text(fields: Fields) -> str:
    """The repaired article: title, lead and body paragraphs, separated by blank lines."""
    return "\n\n".join(p for p in (fields.title, fields.lead, *fields.body) if p)


def line_zones(lines: list[Line], zones: tuple[Zone, ...]) -> list[Zone | None]:
    """For each line, the zone covering most of its non-space characters (the first on a tie), None if none does.

    ``zones`` sorted by start; a sweep, so linear when zones do not overlap.
    """
    result: list[Zone | None] = []
    first = 0
    for line in lines:
        while first < len(zones) and zones[first].end <= line.start:
            first += 1
        best, best_count = None, 0
        for k in range(first, len(zones)):
            zone = zones[k]
            if zone.start >= line.end:
                break
            if zone.start <= line.start and zone.end >= line.end:  # the usual case: one zone holds the line
                best = zone
                break
            lo, hi = max(zone.start, line.start), min(zone.end, line.end)
            count = len("".join(line.text[lo - line.start : hi - line.start].split()))
            if count > best_count:
                best, best_count = zone, count
        result.append(best)
    return result


def page_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> Iterator[tuple[str, Row]]:
    f = lp.parsed.fields
    yield lp.split, {
        "id": lp.page.id,
        "url": lp.page.url,
        "source_file": lp.page.source_file,
        "sha256": lp.sha256,
        "language": lp.parsed.language,
        "language_prob": float(lp.parsed.language_prob),
        "title": f.title,
        "lead": f.lead,
        "captions": [{"alt_text": c.alt_text, "caption": c.caption, "credit": c.credit} for c in f.captions],
        "dateline": None if f.dateline is None else
        {"place": f.dateline.place, "date": f.dateline.date, "agency": f.dateline.agency},
        "body": list(f.body),
        "inline_links": list(f.inline_links),
        "signature": f.signature,
        "source": f.source,
        "teasers": [{"caption": t.caption, "credit": t.credit, "title": t.title, "summary": t.summary}
                    for t in f.teasers],
        "text": article_text(f),
        "raw": lp.page.raw,
        "warnings": list(lp.parsed.warnings),
        "label_source": lp.label_source,
    }


class PageLines(NamedTuple):
    """A page's non-blank lines and, for each, the label index of the zone covering most of it (None if none):
    made once a page and shared by the ``segmentation``, ``repair`` and ``entities`` rows."""

    lines: list[Line]
    zones: list[int | None]


def page_lines_of(lp: LabelledPage) -> PageLines:
    lines = split_lines(lp.page.raw)
    return PageLines(lines, [None if z is None else _ZONE_INDEX[z.label] for z in line_zones(lines, lp.zones)])


def segmentation_rows(lp: LabelledPage, ratios: tuple[int, ...],
                      shared: PageLines | None = None) -> Iterator[tuple[str, Row]]:
    lines, zones = shared or page_lines_of(lp)
    labelled = [(line, zone) for line, zone in zip(lines, zones) if zone is not None]
    yield lp.split, {
        "id": lp.page.id,
        "raw": lp.page.raw,
        "zones": [{"start": z.start, "end": z.end, "label": _ZONE_INDEX[z.label]} for z in lp.zones],
        "lines": [line.text for line, _ in labelled],
        "line_starts": [line.start for line, _ in labelled],
        "line_labels": [zone for _, zone in labelled],
        "label_source": lp.label_source,
    }


def _is_sorted(values: list[int]) -> bool:
    return all(a <= b for a, b in zip(values, values[1:]))


def repair_rows(lp: LabelledPage, ratios: tuple[int, ...],
                shared: PageLines | None = None) -> Iterator[tuple[str, Row]]:
    lines, zones = shared or page_lines_of(lp)
    offsets = [r.offset for r in lp.repairs]
    ordered = _is_sorted(offsets)  # the parser's are: a line's offsets are then a slice (else kept in their order)
    split, page_id, label_source = lp.split, lp.page.id, lp.label_source
    for number, (line, zone) in enumerate(zip(lines, zones)):
        start, end, text = line
        if ordered:
            inside = [o - start for o in offsets[bisect_right(offsets, start) : bisect_left(offsets, end)]]
        else:
            inside = [o - start for o in offsets if start < o < end]
        yield split, {
            "id": f"{page_id}/{number}",
            "page_id": page_id,
            "paragraph": number,
            "start": start,
            "zone": zone,
            "raw": text,
            "repaired": apply_repairs(text, inside) if inside else text,
            "repair_offsets": inside,
            "label_source": label_source,
        }


def entity_rows(lp: LabelledPage, ratios: tuple[int, ...],
                shared: PageLines | None = None) -> Iterator[tuple[str, Row]]:
    """One row per non-blank paragraph: tokens of the repaired text, BIO tags, and the entity spans.

    An entity is kept in the paragraph that holds it whole (entities never cross a line break). The page's
    tokens are cut once at every repair offset and every kept entity's boundaries (a token holds no line break,
    so this is cutting each paragraph's tokens at its own); a paragraph's tokens are then a slice of the page's,
    found by bisection, and its tags are made by slices, with no work per token in Python.
    """
    lines, zones = shared or page_lines_of(lp)
    offsets = sorted(r.offset for r in lp.repairs)  # only cuts and apply_repairs (which sorts) read them here
    entities = sorted(lp.entities, key=lambda e: (e.start, e.end))
    count = len(entities)
    per_line: list[list[Entity]] = []
    cuts: list[int] = []
    first = 0
    for line in lines:
        start, end = line.start, line.end
        while first < count and entities[first].start < start:
            first += 1
        inside = []
        for k in range(first, count):  # by index: no copy of the page's entities per line
            entity = entities[k]
            if entity.start >= end:
                break
            if entity.end <= end:
                inside.append(entity)
                cuts.append(entity.start)
                cuts.append(entity.end)
        per_line.append(inside)
    texts, starts, ends = split_at(page_tokens(lp.page.raw), [*offsets, *cuts])
    split, page_id, label_source = lp.split, lp.page.id, lp.entity_source
    for number, (line, zone, inside) in enumerate(zip(lines, zones, per_line)):
        start, end, text = line
        lo, hi = bisect_left(starts, start), bisect_right(ends, end)
        tags = [_OUTSIDE] * (hi - lo)
        for entity in inside:  # as bio_tags, on the page's lists between lo and hi, tags as indices
            head, tail = tokens_inside(starts, ends, entity.start, entity.end, lo, hi)
            if tail > head:
                tags[head - lo] = _BEGIN[entity.label]
                tags[head - lo + 1 : tail - lo] = [_INSIDE[entity.label]] * (tail - head - 1)
        repairs = offsets[bisect_right(offsets, start) : bisect_left(offsets, end)]
        yield split, {
            "id": f"{page_id}/{number}",
            "page_id": page_id,
            "paragraph": number,
            "zone": zone,
            "text": apply_repairs(text, [o - start for o in repairs]) if repairs else text,
            "tokens": texts[lo:hi],
            "token_starts": starts[lo:hi],
            "token_ends": ends[lo:hi],
            "ner_tags": tags,
            "entities": [{"start": e.start, "end": e.end, "label": _ENTITY_INDEX[e.label], "text": e.text,
                          "canonical": e.canonical} for e in inside],
            "label_source": label_source,
        }


def teaser_id(title: str) -> str:
    """Same normalised title, same teaser."""
    return _teaser_id(fold_title(title))


def _teaser_id(folded: str) -> str:
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=4096)
def _teaser_place(title: str, ratios: tuple[int, ...]) -> tuple[str, str] | None:
    """A teaser title's split and id, or None when it has no letter or digit. Kept for the titles seen last: a
    crawl shows the same teasers on page after page, and folding a title is most of a teaser row's cost."""
    folded = fold_title(title)
    if not folded:
        return None
    return split_of(folded, ratios), _teaser_id(folded)  # split_key(title, title) is the folded title


def teaser_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> Iterator[tuple[str, Row]]:
    for t in lp.parsed.fields.teasers:
        place = _teaser_place(t.title, ratios)
        if place is None:
            continue
        yield place[0], {
            "teaser_id": place[1],
            "title": t.title,
            "summary": t.summary,
            "caption": t.caption,
            "credit": t.credit,
            "page_ids": [lp.page.id],
        }


def merge_teaser(kept: Row, new: Row) -> None:
    """A teaser seen again: remember the page that shows it (the first wording is kept).

    Page ids are unique in a build and a page's rows arrive together, so a page already listed is the last one
    listed: comparing with the tail keeps this O(1) (a membership test over the list made builds quadratic in
    the pages that show a popular teaser).
    """
    page_ids = kept["page_ids"]
    for page_id in new["page_ids"]:
        if not page_ids or page_ids[-1] != page_id:
            page_ids.append(page_id)


#: Every config's row function, in config order (the first config is the default one).
ROW_FUNCTIONS: dict[str, RowFunction] = {
    "pages": page_rows,
    "segmentation": segmentation_rows,
    "repair": repair_rows,
    "teasers": teaser_rows,
    "entities": entity_rows,
}


#: The row functions that take the page's lines and their zones, made once a page by :func:`page_config_rows`.
_LINE_ROW_FUNCTIONS = frozenset({segmentation_rows, repair_rows, entity_rows})


def page_config_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> dict[str, list[tuple[str, Row]]]:
    """Every config's rows for one page (its lines and their zones found once)."""
    shared = page_lines_of(lp)
    return {name: list(rows(lp, ratios, shared) if rows in _LINE_ROW_FUNCTIONS else rows(lp, ratios))
            for name, rows in ROW_FUNCTIONS.items()}
