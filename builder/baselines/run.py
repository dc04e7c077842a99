"""The baselines: the harness (:mod:`builder.evaluate`) run over every registered parser on the gold pages.

Our core and the peers are registered parsers like any plugin (``builder.baselines.parsers``, declared under the
entry-point group ``vna_corpus.parsers`` in ``pyproject.toml``); so is any installed plugin, which then shows up
here beside them. Every system of a task is scored with the same bootstrap resamples, the difference to ours
gets its own paired interval, and each system is timed in a process of its own: loading and a first pass over
the pages are its *setup*, pages per second come from the warm passes after it, for at least ``min_seconds``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from builder.evaluate.harness import TASK_METRICS, Entry, evaluate_entries
from builder.evaluate.harness import restricted as _restricted  # noqa: F401 - builder.bench uses it from here
from builder.evaluate.parsers import Parser, registered_parsers

Record = Mapping[str, Any]

__all__ = ["TASK_METRICS", "default_systems", "run_baselines"]


def default_systems() -> list[Entry]:
    """Every registered parser (our core, the peers, any installed plugin), ready for the harness."""
    return [Entry(parser, source) for source, parser in registered_parsers()]


def run_baselines(
    gold: Mapping[str, Record],
    raws: Mapping[str, str],
    bootstrap: int = 1000,
    seed: int = 0,
    systems: Sequence[Entry] | None = None,
    min_seconds: float = 1.0,
    timeout: float = 60.0,
    log: Callable[[str], None] = lambda line: None,
) -> dict[str, Any]:
    """Scores with 95% bootstrap intervals, paired differences to ours, and throughput, per task and system.

    ``gold`` and ``raws`` map page ids to gold records and raw texts (only gold pages are run). A peer whose
    package is missing gets a row with ``status: "missing"`` and the install line, instead of stopping the run.
    """
    entries = default_systems() if systems is None else list(systems)
    return evaluate_entries(entries, gold, raws, bootstrap=bootstrap, seed=seed, min_seconds=min_seconds,
                            timeout=timeout, log=log)


def system_named(name: str, task: str, systems: Sequence[Entry] | None = None) -> Entry:
    """The registered system of ``task`` called ``name`` (as in the table)."""
    for entry in default_systems() if systems is None else systems:
        parser = entry.parser
        if isinstance(parser, Parser) and parser.name == name and task in (parser.tasks or ()):
            return entry
    raise LookupError(f"no registered parser {name!r} for {task}")
