"""The one data model every stage shares.

Span convention: every offset is a Python ``str`` index into a page's *raw text*
(UTF-8 decoded, leading BOM dropped, CRLF/CR turned into LF, nothing else), and
every span is half-open: ``raw[start:end]``.

Provenance: a label set is either ``gold`` (made by a person reading the page,
stored under ``builder/corpus/gold/``) or ``silver`` (made by the parsing core).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal, TypeVar

#: Zone labels, in their documented order (also the ClassLabel order).
ZONE_LABELS: tuple[str, ...] = (
    "title",
    "lead",
    "caption",
    "dateline",
    "body",
    "inline_link",
    "signature",
    "source",
    "more_header",
    "teaser_caption",
    "teaser_title",
    "teaser_summary",
    "boilerplate",  # appended last (v1.1): the ids of the labels above keep their meaning
)

#: Entity labels (flat, no nesting), in their documented order.
ENTITY_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC", "DATE")

#: BIO tags for token classification, in ClassLabel order.
NER_TAGS: tuple[str, ...] = ("O",) + tuple(
    f"{prefix}-{label}" for label in ENTITY_LABELS for prefix in ("B", "I")
)

LabelSource = Literal["gold", "silver"]


@dataclass(frozen=True, slots=True)
class Zone:
    """A labelled, half-open character span of the raw text."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Repair:
    """One space to insert before raw index ``offset`` (a glued word boundary)."""

    offset: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: half-open span of the raw text, label, and a grouping key."""

    start: int
    end: int
    label: str
    text: str = ""
    canonical: str = ""


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption split into the glued image alt text, the caption and its credit."""

    alt_text: str
    caption: str
    credit: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """``Hanoï, 25 juillet (VNA) –``: where, when (as written) and which agency."""

    place: str
    date: str
    agency: str


@dataclass(frozen=True, slots=True)
class Teaser:
    """A related-article teaser of the ``Voir plus`` block."""

    caption: str
    credit: str
    title: str
    summary: str


@dataclass(frozen=True, slots=True)
class Fields:
    """The structured fields of a page, in repaired text."""

    title: str = ""
    lead: str = ""
    captions: tuple[Caption, ...] = ()
    dateline: Dateline | None = None
    body: tuple[str, ...] = ()
    inline_links: tuple[str, ...] = ()
    signature: str = ""
    source: str = ""
    teasers: tuple[Teaser, ...] = ()


_Pickled = TypeVar("_Pickled", bound=type)


def pickled_as_fields(cls: _Pickled) -> _Pickled:
    """Pickle a dataclass as its class and its fields' values, in order (rebuilt through ``__init__``).

    A slotted dataclass pickles through ``dataclasses``' own ``__getstate__``/``__setstate__``, Python functions
    that call ``fields()`` for every object; a build's driver pickles every input page once, and its workers
    unpickle each, so that cost is paid a million times on a million-page crawl (a third of the time to pack a
    task). The fields' values in one tuple, read by a C ``attrgetter``, take a third of the time.
    """
    if any(not f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: every field must be an __init__ argument to be pickled as its values")
    names = [f.name for f in fields(cls)]
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Page:
    """A page as read from disk, before parsing."""

    id: str
    raw: str
    source_file: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """Everything the parsing core says about one page."""

    id: str
    raw: str
    zones: tuple[Zone, ...]
    repairs: tuple[Repair, ...]
    repaired_text: str
    fields: Fields
    language: str
    language_prob: float
    entities: tuple[Entity, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_record(self, with_fields: bool = False) -> dict[str, Any]:
        """The gold-file schema (``id``, ``zones``, ``repairs``, ``entities``) as plain JSON data."""
        record: dict[str, Any] = {
            "id": self.id,
            "zones": [zone_record(z, self.raw) for z in self.zones],
            "repairs": [repair_record(r, self.raw) for r in self.repairs],
            "entities": [
                {"start": e.start, "end": e.end, "label": e.label, "text": e.text, "canonical": e.canonical}
                for e in self.entities
            ],
        }
        if with_fields:
            record["fields"] = asdict(self.fields)
            record["language"] = self.language
            record["language_prob"] = self.language_prob
            record["warnings"] = list(self.warnings)
        return record


@dataclass(slots=True)
class StepStats:
    """Counters a pipeline step keeps: what came in, went on, was dropped and why."""

    name: str
    total: int = 0
    forwarded: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str) -> None:
        self.total += 1
        self.dropped[reason] = self.dropped.get(reason, 0) + 1

    def forward(self) -> None:
        self.total += 1
        self.forwarded += 1


def zone_record(zone: Zone, raw: str) -> dict[str, Any]:
    """A zone as JSON data, with its text for human review."""
    return {"start": zone.start, "end": zone.end, "label": zone.label, "text": raw[zone.start : zone.end]}


def repair_context(raw: str, offset: int, width: int = 12) -> str:
    """The glued token around a repair offset (the run of non-space characters), for human review."""
    lo = offset
    while lo > 0 and not raw[lo - 1].isspace() and offset - lo < width:
        lo -= 1
    hi = offset
    while hi < len(raw) and not raw[hi].isspace() and hi - offset < width:
        hi += 1
    return raw[lo:hi]


def repair_record(repair: Repair, raw: str) -> dict[str, Any]:
    return {"offset": repair.offset, "context": repair_context(raw, repair.offset)}


def apply_repairs(raw: str, offsets: list[int] | tuple[int, ...]) -> str:
    """The raw text with one space inserted before each repair offset."""
    pieces: list[str] = []
    last = 0
    for offset in sorted(offsets):
        pieces.append(raw[last:offset])
        pieces.append(" ")
        last = offset
    pieces.append(raw[last:])
    return "".join(pieces)
