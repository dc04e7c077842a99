"""``vna-corpus evaluate``: the parsers asked for, the gold set, the harness, then the leaderboard and the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from builder.evaluate.harness import Entry, evaluate_entries
from builder.evaluate.parsers import OURS, CommandParser, EvaluateError, ParserSource, registered_parsers
from builder.score import TASKS


def parser_entries(parsers: Sequence[str], commands: Sequence[str], plugins: Sequence[str],
                   compare: bool = True) -> list[Entry]:
    """Entries for Python paths, commands and plugin names (every registered parser when none is given);
    with ``compare``, our core's registered parsers are added when they are not already there."""
    registered = registered_parsers()
    by_name = {source.plugin: (source, parser) for source, parser in registered}
    entries = []
    if not (parsers or commands or plugins) or "all" in plugins:
        entries += [Entry(parser, source) for source, parser in registered]
    for name in plugins:
        if name == "all":
            continue
        if name not in by_name:
            known = ", ".join(sorted(by_name)) or "none"
            raise EvaluateError(f"no parser plugin named {name!r} is installed (registered: {known})")
        source, parser = by_name[name]
        entries.append(Entry(parser, source))
    for reference in parsers:
        source = ParserSource(reference)
        entries.append(Entry(source.load(), source))
    entries += [Entry(CommandParser(command)) for command in commands]
    if compare:
        present = {entry.source.plugin for entry in entries if entry.source}
        entries += [Entry(parser, source) for source, parser in registered
                    if parser.kind == OURS and source.plugin not in present]
    return entries


def variant_corpus(gold: dict, raws: dict) -> tuple[dict, dict]:
    """The layout-variant suite derived from the gold pages (``builder.variants``), where this version has it."""
    try:
        from builder import variants
    except ImportError:
        raise EvaluateError("this version of vna-corpus has no layout-variant suite (builder.variants)") from None
    make = getattr(variants, "variant_corpus", None)
    if make is None:
        raise EvaluateError("builder.variants has no variant_corpus(gold, raws) to derive the variant pages from")
    return make(gold, raws)


def run_evaluation(
    parsers: Sequence[str] = (),
    *,
    commands: Sequence[str] = (),
    plugins: Sequence[str] = (),
    gold: str | Path | None = None,
    pages: str | Path | None = None,
    variants: bool = False,
    task: str = "all",
    bootstrap: int = 1000,
    seed: int = 0,
    min_seconds: float = 1.0,
    timeout: float = 60.0,
    compare: bool = True,
    leaderboard: str | Path | None = None,
    report: str | Path | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> dict[str, Any]:
    """What :func:`builder.api.evaluate` does (see there)."""
    from builder.label import load_gold_corpus

    tasks = TASKS if task == "all" else ({"segmentation": "zones", "repair": "repairs"}.get(task, task),)
    if tasks[0] not in TASKS:
        raise EvaluateError(f"unknown task {task!r} (expected all, {', '.join(TASKS)})")
    if timeout <= 0:
        raise EvaluateError(f"the timeout must be positive, not {timeout}")
    entries = parser_entries(parsers, commands, plugins, compare)
    records, raws = load_gold_corpus(gold, pages)
    if variants:
        if tasks != ("zones",):
            if task != "all":
                raise EvaluateError(f"--variants holds zone gold only; it cannot score {task}")
            tasks = ("zones",)
            log("--variants: the variant pages have zone gold only, so only zones are scored")
        extra_gold, extra_raws = variant_corpus(records, raws)
        records, raws = {**records, **extra_gold}, {**raws, **extra_raws}
    predictions: dict[int, dict[str, dict[str, Any]]] = {}
    result = evaluate_entries(entries, records, raws, bootstrap=bootstrap, seed=seed, min_seconds=min_seconds,
                              timeout=timeout, tasks=tasks, log=log, predictions_out=predictions)
    gold_source = str(gold) if gold is not None else "the bundled gold pages"
    result["gold_set"]["source"] = gold_source + (" and their layout variants" if variants else "")
    entries_before: list[dict[str, Any]] = []
    if leaderboard is not None:
        from builder.evaluate.leaderboard import append_to_leaderboard, read_leaderboard

        entries_before = read_leaderboard(leaderboard)
        markdown, _ = append_to_leaderboard(leaderboard, result, result["gold_set"]["source"])
        log(f"appended to {leaderboard}; wrote {markdown}")
    if report is not None:
        from builder.evaluate.report import write_report

        write_report(report, result, entries_before, records, raws, predictions)
        log(f"wrote {report}")
    return result
