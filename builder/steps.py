"""The build's steps: small functions that decide whether a page goes on, and counters that say why not.

Each step is a pure check (or, for duplicates, a check with the memory of what it has
seen); the pipeline in :mod:`builder.build` chains them. Every input either reaches the
dataset or becomes one :class:`Reject` with a reason code from :data:`REJECT_REASONS`, and
:class:`StepCounter` keeps a :class:`~builder.model.StepStats` per step, so
*pages in = pages written + rejects* holds by construction.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from builder.label import gold_entities, gold_repairs, gold_zones, validate_gold_record
from builder.model import ZONE_LABELS, Entity, Page, ParsedPage, Repair, StepStats, Zone
from builder.read import READ_REASONS, PageError

EMPTY = "empty"
HTML = "html"
DUPLICATE = "duplicate"
DUPLICATE_ID = "duplicate-id"
PARSE_ERROR = "parse-error"
NOT_FRENCH = "not-french"

#: Every reason an input can be left out of the dataset, with what it means (the card's table).
REJECT_REASONS: dict[str, str] = {
    **READ_REASONS,
    EMPTY: "no text, or white space only",
    HTML: "an HTML document instead of extracted text",
    DUPLICATE: "exact duplicate (same raw text) of an earlier input",
    DUPLICATE_ID: "same id as an earlier input with different text",
    PARSE_ERROR: "the parsing core failed on it",
    NOT_FRENCH: "the detected language is not French",
}

#: The steps an input goes through, in order; a reject is counted at the step that drops it.
STEP_NAMES: tuple[str, ...] = ("read", "check", "dedup", "parse", "language", "write")

#: The language a page must be in.
LANGUAGE = "fr"

_HTML_DOCUMENT_RE = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_TAG_RE = re.compile(r"</?(?:head|body|div|span|p|a|script|style|meta|link|table|tr|td|ul|li|br|img)\b[^<>]*>",
                          re.IGNORECASE)
#: So many tags in a page means markup, not a scraped text that quotes a tag.
HTML_TAG_LIMIT = 5


@dataclass(frozen=True, slots=True)
class Reject:
    """An input left out of the dataset: where it came from, its id if known, why."""

    input: str
    id: str
    reason: str
    detail: str
    step: str
    language: str = ""  # detected language, when the page got that far

    def record(self) -> dict[str, str]:
        """The ``rejects.jsonl`` line."""
        return {"input": self.input, "id": self.id, "reason": self.reason, "detail": self.detail}


def read_reject(error: PageError) -> Reject:
    return Reject(input=error.source, id=error.id, reason=error.reason, detail=str(error), step="read")


def content_problem(raw: str) -> tuple[str, str] | None:
    """``(reason, detail)`` when a readable page is not a text page at all: empty, or HTML."""
    if not raw.strip():
        return EMPTY, "no text"
    if _HTML_DOCUMENT_RE.search(raw[:2000]):
        return HTML, "an HTML document (doctype or <html> tag)"
    tags = len(_HTML_TAG_RE.findall(raw))
    if tags >= HTML_TAG_LIMIT:
        return HTML, f"{tags} HTML tags"
    return None


def content_digest(raw: str) -> bytes:
    """The page's identity for duplicate detection: SHA-256 of its raw text (after newline normalisation)."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).digest()


def content_sha256(raw: str) -> str:
    """:func:`content_digest` in hex, as the ``pages`` config shows it."""
    return content_digest(raw).hex()


@dataclass(slots=True)
class Deduplicator:
    """Remembers the content hash (32 bytes: the digest, not its hex) and the id of every page let through.

    The page id and its input's name are kept for the rejects' details ("exact duplicate of page X", "id X
    already used by FILE"): with the digest and two dictionary slots, about 250 bytes a page in all.
    """

    by_hash: dict[bytes, str] = field(default_factory=dict)
    by_id: dict[str, str] = field(default_factory=dict)

    def check(self, page: Page, digest: bytes) -> tuple[str, str] | None:
        """``(reason, detail)`` for a duplicate, else None (and the page is remembered)."""
        first = self.by_hash.get(digest)
        if first is not None:
            return DUPLICATE, f"exact duplicate of page {first}"
        if page.id in self.by_id:
            return DUPLICATE_ID, f"id {page.id} already used by {self.by_id[page.id]}"
        self.by_hash[digest] = page.id
        self.by_id[page.id] = page.source_file
        return None


def language_problem(parsed: ParsedPage) -> tuple[str, str] | None:
    """``(reason, detail)`` when the page is not in :data:`LANGUAGE`."""
    if parsed.language != LANGUAGE:
        return NOT_FRENCH, f"detected language {parsed.language} (p={parsed.language_prob:.2f})"
    return None


@dataclass(frozen=True, slots=True)
class LabelledPage:
    """A page ready to become rows: what the parser said, the labels chosen for it (gold or silver) and its split."""

    page: Page
    parsed: ParsedPage
    sha256: str
    zones: tuple[Zone, ...]
    repairs: tuple[Repair, ...]
    label_source: str
    split: str
    entities: tuple[Entity, ...] = ()
    entity_source: str = "silver"


def usable_gold(record: dict[str, Any], raw: str, page_id: str) -> bool:
    """Whether a gold record fits this page's raw text (else the page falls back to silver labels)."""
    return not validate_gold_record(record, raw, f"{page_id}.json")


def fitting_gold(gold: dict[str, Any] | None, parsed: ParsedPage) -> dict[str, Any] | None:
    """The page's gold record if it fits the raw text (else the page falls back to silver labels)."""
    return gold if gold is not None and usable_gold(gold, parsed.raw, parsed.id) else None


def choose_labels(parsed: ParsedPage, gold: dict[str, Any] | None) -> tuple[tuple[Zone, ...], tuple[Repair, ...], str]:
    """Gold zones and repairs when the page has a fitting gold record (see :func:`fitting_gold`), the parser's
    otherwise."""
    if gold is not None:
        zones = tuple(sorted(gold_zones(gold), key=lambda z: (z.start, z.end)))
        return zones, tuple(sorted(gold_repairs(gold), key=lambda r: r.offset)), "gold"
    zones = tuple(sorted((z for z in parsed.zones if z.label in ZONE_LABELS), key=lambda z: (z.start, z.end)))
    return zones, tuple(sorted(parsed.repairs, key=lambda r: r.offset)), "silver"


def choose_entities(parsed: ParsedPage, gold: dict[str, Any] | None) -> tuple[tuple[Entity, ...], str]:
    """Gold entities when the page has a fitting gold record with an entity annotation, the tagger's otherwise.

    Gold spans get the tagger's canonical key, so gold and silver entities group the same way.
    """
    from builder.parse.entities import canonical_key

    if gold is not None and "entities" in gold:
        found = sorted(gold_entities(gold), key=lambda e: (e.start, e.end))
        raw = parsed.raw
        return tuple(Entity(e.start, e.end, e.label, raw[e.start : e.end], canonical_key(raw[e.start : e.end]))
                     for e in found), "gold"
    return tuple(sorted(parsed.entities, key=lambda e: (e.start, e.end))), "silver"


@dataclass(slots=True)
class StepCounter:
    """A :class:`StepStats` per step of :data:`STEP_NAMES`; an input passes every step before the one that drops it."""

    steps: dict[str, StepStats] = field(default_factory=lambda: {name: StepStats(name) for name in STEP_NAMES})

    def passed(self, pages: int = 1) -> None:
        """``pages`` inputs went through every step."""
        for stats in self.steps.values():
            stats.total += pages
            stats.forwarded += pages

    def dropped(self, reject: Reject) -> None:
        for name, stats in self.steps.items():
            if name == reject.step:
                stats.drop(reject.reason)
                return
            stats.forward()
        raise ValueError(f"unknown step {reject.step!r}")
