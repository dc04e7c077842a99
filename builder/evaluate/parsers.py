"""What a parser is to the harness, and the three ways to name one: a Python path, a command, a plugin.

A parser is a callable ``(raw: str, page_id: str) -> dict`` giving a record in the gold schema (any of ``zones``,
``repairs``, ``entities``; a missing list means the parser does not answer that task). It may carry a ``setup()``
step, timed apart from the pages: when ``setup()`` returns a callable, that callable is the predictor (load a
model once, return the function that uses it); otherwise the object itself is.

A :class:`Parser` says more: its display name, the tasks it answers, what kind of system it is (``ours``,
``peer``, ``reference`` or a ``candidate`` under evaluation), how it was run and which distributions it needs.
Installed plugins declare one under the entry-point group :data:`ENTRY_POINT_GROUP` (this project declares its
own core and its peers the same way, in ``pyproject.toml``); an entry point may also name a plain callable.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from builder.model import ENTITY_LABELS
from builder.score import TASKS

#: The entry-point group plugins register their parsers under.
ENTRY_POINT_GROUP = "vna_corpus.parsers"

#: The kinds of system a result row may be, in table order.
KINDS: tuple[str, ...] = ("ours", "candidate", "peer", "reference")

OURS, CANDIDATE, PEER, REFERENCE = KINDS

Predictor = Callable[[str, str], dict[str, Any]]

_REFERENCE_RE = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")


class EvaluateError(ValueError):
    """Bad options of an evaluation; the message is one line saying what is wrong."""


class ParserNotFound(EvaluateError):
    """A parser reference that names nothing importable; the message is one line saying what is wrong."""


@dataclass(frozen=True)
class Parser:
    """A parser and what the harness reports about it.

    ``setup`` returns the predictor; it runs once, timed apart from the pages. ``tasks`` None means the tasks
    are the record fields the parser returns. ``entity_labels``: the entity labels it can predict (gold and
    predictions are scored on these only). ``distributions``: installed packages whose versions the result lists.
    """

    name: str
    setup: Callable[[], Predictor]
    tasks: tuple[str, ...] | None = None
    kind: str = CANDIDATE
    how: str = ""
    distributions: tuple[str, ...] = ()
    entity_labels: tuple[str, ...] = ENTITY_LABELS
    version: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"parser {self.name!r}: unknown kind {self.kind!r} (expected one of {', '.join(KINDS)})")
        unknown = [t for t in self.tasks or () if t not in TASKS]
        if unknown:
            raise ValueError(f"parser {self.name!r}: unknown task {unknown[0]!r} (expected {', '.join(TASKS)})")


def _setup_of(obj: Callable[..., Any]) -> Callable[[], Predictor]:
    """The setup step of a plain callable: its own ``setup()`` if it has one, then the predictor."""
    def setup() -> Predictor:
        step = getattr(obj, "setup", None)
        made = step() if callable(step) else None
        return made if callable(made) else obj

    return setup


def as_parser(obj: Any, name: str) -> Parser:
    """A :class:`Parser` from what a reference names: a Parser as it is, a callable wrapped (named ``name``)."""
    if isinstance(obj, Parser):
        return obj
    if not callable(obj):
        raise ParserNotFound(f"{name}: {type(obj).__name__} is neither a Parser nor a callable (raw, page_id) -> dict")
    module = sys.modules.get(getattr(obj, "__module__", None) or "")
    version = getattr(obj, "__version__", None) or getattr(module, "__version__", None)
    return Parser(name=name, setup=_setup_of(obj), how=f"`{name}`", version=version)


def load_reference(reference: str) -> Any:
    """The object a ``package.module:attribute`` reference names (attribute may be dotted)."""
    if not _REFERENCE_RE.match(reference):
        raise ParserNotFound(f"{reference!r} is not a parser reference of the form package.module:function")
    module_name, attribute = reference.split(":")
    try:
        obj: Any = importlib.import_module(module_name)
    except ImportError as err:
        raise ParserNotFound(f"{reference}: cannot import {module_name!r} ({err})") from None
    for part in attribute.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise ParserNotFound(f"{reference}: {module_name!r} has no attribute {attribute!r}") from None
    return obj


def registered_entry_points() -> list[importlib.metadata.EntryPoint]:
    """Every entry point of :data:`ENTRY_POINT_GROUP` installed (one per name: the first found on the path)."""
    seen: dict[str, importlib.metadata.EntryPoint] = {}
    for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        seen.setdefault(entry.name, entry)
    return list(seen.values())


@dataclass(frozen=True)
class ParserSource:
    """Where a parser comes from, as text a worker process can resolve again: ``module:attribute``.

    ``plugin`` is the entry-point name (None for a ``--parser`` path); ``distribution`` the package that
    registered it, with its version.
    """

    reference: str
    plugin: str | None = None
    distribution: str | None = None
    distribution_version: str | None = None

    def load(self) -> Parser:
        return as_parser(load_reference(self.reference), self.plugin or self.reference)


def registered_parsers() -> list[tuple[ParserSource, Parser]]:
    """Every installed plugin parser, loaded (their packages are imported only in their ``setup``)."""
    found = []
    for entry in registered_entry_points():
        dist = getattr(entry, "dist", None)
        source = ParserSource(entry.value, entry.name, dist.metadata["Name"] if dist else None,
                              dist.version if dist else None)
        found.append((source, source.load()))
    return found


@dataclass(frozen=True)
class CommandParser:
    """A parser in any language, run once over a folder of pages: ``{pages_dir}`` holds ``<page id>.txt`` files
    (the raw text, UTF-8), and the command writes JSON Lines in the gold schema to ``{out_file}``."""

    command: str
    name: str = ""
    tasks: tuple[str, ...] | None = None
    kind: str = CANDIDATE
    entity_labels: tuple[str, ...] = ENTITY_LABELS
    version: str | None = None
    distributions: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        missing = [p for p in ("{pages_dir}", "{out_file}") if p not in self.command]
        if missing:
            raise EvaluateError(f"command {self.command!r} has no {' and no '.join(missing)} placeholder")

    @property
    def display_name(self) -> str:
        return self.name or self.command

    @property
    def how(self) -> str:
        return f"the command `{self.command}`, run once over a folder of the pages"
