"""A worker's unit of work: one screened page to its rows for every config, or to its reject.

The engines pickle :func:`process_page` by reference, so a worker imports this module and what it
needs (the parsing core, :mod:`builder.rows`), never ``datasets``, which only the writing side
(:mod:`builder.build`, :mod:`builder.write`) uses. The parsing core is loaded at the first page parsed, so the
driver, which imports this module for its task types, does not hold it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from builder import parse as parsing
from builder.model import Page, pickled_as_fields
from builder.rows import Row, page_config_rows
from builder.split import split_key, split_of
from builder.steps import (
    PARSE_ERROR,
    LabelledPage,
    Reject,
    choose_entities,
    choose_labels,
    fitting_gold,
    language_problem,
)
from builder.synth import is_synthetic


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class PageTask:
    page: Page
    sha256: str
    gold: dict[str, Any] | None
    ratios: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PageResult:
    """A page kept: its rows for every config, and the few facts the card counts."""

    split: str
    label_source: str
    language: str
    zone_counts: dict[str, int]
    repairs: int
    gold_rejected: bool
    rows: dict[str, list[tuple[str, Row]]]
    entity_source: str = "silver"
    entities: tuple[tuple[str, str, str], ...] = ()  # (label, canonical key, text) of every entity
    synthetic: bool = False


def label_page(task: PageTask) -> LabelledPage | Reject:
    """Parse, check the language, choose gold or silver labels, place in a split."""
    page = task.page
    try:
        parsed = parsing.parse_page(page.raw, page.id)  # the parsing core loads at a worker's first page
    except Exception as err:  # a parser bug must cost one page, not the build
        return Reject(page.source_file, page.id, PARSE_ERROR, f"{type(err).__name__}: {err}", "parse")
    problem = language_problem(parsed)
    if problem:
        return Reject(page.source_file, page.id, *problem, step="language", language=parsed.language)
    gold = fitting_gold(task.gold, parsed)
    zones, repairs, source = choose_labels(parsed, gold)
    entities, entity_source = choose_entities(parsed, gold)
    split = split_of(split_key(parsed.fields.title, page.id), task.ratios)
    return LabelledPage(page, parsed, task.sha256, zones, repairs, source, split, entities, entity_source)


def process_page(item: PageTask | Reject) -> PageResult | Reject:
    """The engine's unit of work; a :class:`Reject` passes through so results keep input order."""
    if isinstance(item, Reject):
        return item
    lp = label_page(item)
    if isinstance(lp, Reject):
        return lp
    return PageResult(
        split=lp.split,
        label_source=lp.label_source,
        language=lp.parsed.language,
        zone_counts=dict(Counter(z.label for z in lp.zones)),
        repairs=len(lp.repairs),
        gold_rejected=item.gold is not None and lp.label_source != "gold",
        rows=page_config_rows(lp, item.ratios),
        entity_source=lp.entity_source,
        entities=tuple((e.label, e.canonical, e.text) for e in lp.entities),
        synthetic=is_synthetic(item.page),
    )


def failed_page(item: PageTask | Reject, error: BaseException) -> Reject:
    """The reject of a page whose work failed in the engine: the function raised, or its worker kept dying."""
    if isinstance(item, Reject):
        return item
    return Reject(item.page.source_file, item.page.id, PARSE_ERROR, f"{type(error).__name__}: {error}", "parse")


#: The engine's unit of work: a screened input to its rows, or to its reject.
PageFunction = Callable[[PageTask | Reject], PageResult | Reject]
