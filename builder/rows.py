"""Rows: how one labelled page becomes the rows of every config (pure functions, run in the engine's workers).

Kept apart from :mod:`builder.write` (the schemas and the Parquet writer), so a worker process imports
neither ``datasets`` nor ``pyarrow``: a worker is the parsing core plus these functions, and its memory
is what the parsing core needs. :data:`ROW_FUNCTIONS` is in config order; :data:`builder.write.CONFIGS`
pairs each with its schema.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from builder.model import ENTITY_LABELS, NER_TAGS, ZONE_LABELS, Fields, Zone, apply_repairs
from builder.parse.zones import Line, split_lines
from builder.split import fold_title, split_of
from builder.steps import LabelledPage
from builder.tokens import bio_tags, page_tokens, split_at

Row = dict[str, Any]
RowFunction = Callable[[LabelledPage, tuple[int, ...]], Iterable[tuple[str, Row]]]

_ZONE_INDEX = {label: i for i, label in enumerate(ZONE_LABELS)}
_ENTITY_INDEX = {label: i for i, label in enumerate(ENTITY_LABELS)}
_NER_INDEX = {tag: i for i, tag in enumerate(NER_TAGS)}



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


def segmentation_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> Iterator[tuple[str, Row]]:
    lines = split_lines(lp.page.raw)
    labelled = [(line, zone) for line, zone in zip(lines, line_zones(lines, lp.zones)) if zone is not None]
    yield lp.split, {
        "id": lp.page.id,
        "raw": lp.page.raw,
        "zones": [{"start": z.start, "end": z.end, "label": _ZONE_INDEX[z.label]} for z in lp.zones],
        "lines": [line.text for line, _ in labelled],
        "line_starts": [line.start for line, _ in labelled],
        "line_labels": [_ZONE_INDEX[zone.label] for _, zone in labelled],
        "label_source": lp.label_source,
    }


def repair_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> Iterator[tuple[str, Row]]:
    raw = lp.page.raw
    lines = split_lines(raw)
    offsets = [r.offset for r in lp.repairs]
    for number, (line, zone) in enumerate(zip(lines, line_zones(lines, lp.zones))):
        inside = [o - line.start for o in offsets if line.start < o < line.end]
        yield lp.split, {
            "id": f"{lp.page.id}/{number}",
            "page_id": lp.page.id,
            "paragraph": number,
            "start": line.start,
            "zone": None if zone is None else _ZONE_INDEX[zone.label],
            "raw": line.text,
            "repaired": apply_repairs(line.text, inside),
            "repair_offsets": inside,
            "label_source": lp.label_source,
        }


def entity_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> Iterator[tuple[str, Row]]:
    """One row per non-blank paragraph: tokens of the repaired text, BIO tags, and the entity spans.

    An entity is kept in the paragraph that holds it whole (entities never cross a line break).
    """
    raw = lp.page.raw
    lines = split_lines(raw)
    offsets = [r.offset for r in lp.repairs]
    page = page_tokens(raw)  # the page's one tokenisation pass, shared with the parse steps
    entities = sorted(lp.entities, key=lambda e: (e.start, e.end))
    first = 0
    for number, (line, zone) in enumerate(zip(lines, line_zones(lines, lp.zones))):
        while first < len(entities) and entities[first].start < line.start:
            first += 1
        inside = []
        for k in range(first, len(entities)):  # by index: no copy of the page's entities per line
            if entities[k].start >= line.end:
                break
            if entities[k].end <= line.end:
                inside.append(entities[k])
        repairs = [o for o in offsets if line.start < o < line.end]
        cuts = [b for e in inside for b in (e.start, e.end)]
        tokens = split_at(page.between(line.start, line.end), [*repairs, *cuts])
        tags = bio_tags(tokens, [(e.start, e.end, e.label) for e in inside])
        yield lp.split, {
            "id": f"{lp.page.id}/{number}",
            "page_id": lp.page.id,
            "paragraph": number,
            "zone": None if zone is None else _ZONE_INDEX[zone.label],
            "text": apply_repairs(line.text, [o - line.start for o in repairs]),
            "tokens": tokens.texts,
            "token_starts": tokens.starts,
            "token_ends": tokens.ends,
            "ner_tags": [_NER_INDEX[tag] for tag in tags],
            "entities": [{"start": e.start, "end": e.end, "label": _ENTITY_INDEX[e.label], "text": e.text,
                          "canonical": e.canonical} for e in inside],
            "label_source": lp.entity_source,
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


def page_config_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> dict[str, list[tuple[str, Row]]]:
    """Every config's rows for one page."""
    return {name: list(rows(lp, ratios)) for name, rows in ROW_FUNCTIONS.items()}
