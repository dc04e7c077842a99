"""The harness: run parsers on a gold set, score every task each answers, compare them, and time them.

Every row of a task is scored by :func:`builder.score.score` with the same bootstrap seed over the same pages,
so all intervals come from the same resamples; the difference to our core and to the best peer gets its own
paired interval. A failed page (the parser raised, gave malformed output or ran past the timeout) is scored as
an empty prediction and listed with its reason. The result is plain JSON data, one row per parser and task.
"""

from __future__ import annotations

import hashlib
import json
import platform
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder import __version__
from builder.evaluate.parsers import CANDIDATE, KINDS, OURS, PEER, CommandParser, Parser, ParserSource
from builder.evaluate.runner import OK, ParserRun, run_command_parser, run_python_parser
from builder.model import ENTITY_LABELS
from builder.score import CONFIDENCE, TASKS, page_counts, score, summarize
from builder.score.bootstrap import percentile_interval, resampled_totals

Record = Mapping[str, Any]

#: The metrics of a task, in table order; the first is the headline, the one the paired differences use.
TASK_METRICS: dict[str, tuple[str, ...]] = {
    "zones": ("main_content", "body_characters", "characters"),
    "repairs": ("inserted_spaces",),
    "entities": ("strict", "exact", "partial", "ent_type"),
}

#: Rows of a task listed in a result's ``worst_pages``.
WORST_PAGES = 5

SUPPORT_KEYS = ("gold", "predicted", "correct", "common", "possible", "actual")


@dataclass(frozen=True)
class Entry:
    """One parser to run: a Python parser with the source a worker resolves it from, or a command."""

    parser: Parser | CommandParser
    source: ParserSource | None = None

    @property
    def name(self) -> str:
        return self.parser.display_name if isinstance(self.parser, CommandParser) else self.parser.name


def gold_set_identity(gold: Mapping[str, Record], raws: Mapping[str, str]) -> dict[str, Any]:
    """What a gold set is, for the leaderboard: a sha256 over its pages' raw texts and gold records, by page id.

    Two gold sets with the same pages and labels get the same digest, whatever folder or dataset they came from.
    """
    digest = hashlib.sha256()
    for page_id in sorted(gold):
        record = {key: gold[page_id].get(key, []) for key in ("zones", "repairs", "entities")}
        for part in (page_id, raws[page_id], json.dumps(record, sort_keys=True, ensure_ascii=False)):
            digest.update(hashlib.sha256(part.encode("utf-8")).digest())
    return {"sha256": digest.hexdigest(), "pages": len(gold)}


def machine_facts() -> dict[str, Any]:
    """The machine a speed was measured on."""
    import os

    return {"python": platform.python_version(), "platform": platform.platform(), "processor": platform.machine(),
            "cpus": os.cpu_count()}


def restricted(records: Mapping[str, Record], labels: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Records whose entities keep only ``labels`` (to score a parser on the label set it has)."""
    if tuple(labels) == ENTITY_LABELS:
        return {i: dict(record) for i, record in records.items()}
    return {i: {**record, "entities": [e for e in record.get("entities", []) if e["label"] in labels]}
            for i, record in records.items()}


def metric_node(result: Mapping[str, Any], task: str, metric: str) -> Mapping[str, Any]:
    """The score node of one metric in a :func:`builder.score.score` result."""
    if task == "zones":
        if metric == "main_content":
            return result["zones"]["main_content"]
        if metric == "characters":
            return result["zones"]["characters"].get("micro", result["zones"]["characters"])
        return result["zones"]["characters"]["per_label"].get("body", {})
    if task == "repairs":
        return result["repairs"]
    return result["entities"]["overall"][metric]


def _compact(node: Mapping[str, Any]) -> dict[str, Any]:
    """P/R/F1, their intervals and the support counts of a score node."""
    keep = [f"{m}{s}" for m in ("precision", "recall", "f1") for s in ("", "_ci_low", "_ci_high")]
    return {key: node[key] for key in (*keep, *SUPPORT_KEYS) if key in node}


def paired_difference(
    gold: Mapping[str, Record], raws: Mapping[str, str], base: Mapping[str, Record], theirs: Mapping[str, Record],
    task: str, metric: str, samples: int, seed: int,
) -> dict[str, Any]:
    """F1(theirs) − F1(base) on the pages, with a percentile interval over the same page resamples for both."""
    ids = sorted(gold)
    empty: dict[str, Any] = {"zones": [], "repairs": [], "entities": []}
    doc_counts = []
    for i in ids:
        counts: Counter = Counter()
        for side, predictions in (("base", base), ("theirs", theirs)):
            part = page_counts(gold[i], predictions.get(i, empty), raws[i], (task,))
            counts.update({(side, *key): value for key, value in part.items()})
        doc_counts.append(counts)

    def difference(totals: Mapping[tuple, int]) -> float:
        f1 = {}
        for side in ("base", "theirs"):
            side_totals = {key[1:]: value for key, value in totals.items() if key[0] == side}
            f1[side] = metric_node(summarize(side_totals, (task,)), task, metric).get("f1", 0.0)
        return f1["theirs"] - f1["base"]

    total: Counter = Counter()
    for counts in doc_counts:
        total.update(counts)
    out: dict[str, Any] = {"metric": metric, "difference": difference(total)}
    if samples > 0 and ids:
        replicates = [difference(t) for t in resampled_totals(doc_counts, samples, seed)]
        out["ci_low"], out["ci_high"] = percentile_interval(replicates, CONFIDENCE)
    return out


def page_scores(
    gold: Mapping[str, Record], raws: Mapping[str, str], predictions: Mapping[str, Record], task: str,
) -> dict[str, float]:
    """The headline F1 of each page that has gold or predicted items for the task."""
    empty: dict[str, Any] = {"zones": [], "repairs": [], "entities": []}
    metric = TASK_METRICS[task][0]
    out = {}
    for i in sorted(gold):
        predicted = predictions.get(i, empty)
        if not gold[i].get(task) and not predicted.get(task):
            continue
        node = metric_node(summarize(page_counts(gold[i], predicted, raws[i], (task,)), (task,)), task, metric)
        out[i] = float(node.get("f1", 0.0))
    return out


def reachable_repairs(gold: Mapping[str, Record], raws: Mapping[str, str]) -> dict[str, int]:
    """How many gold repairs a letter-run segmenter could find: those with a letter on both sides."""
    offsets = [(raws[i], r["offset"]) for i, record in gold.items() for r in record.get("repairs", [])]
    inside = sum(0 < o < len(raw) and raw[o - 1].isalpha() and raw[o].isalpha() for raw, o in offsets)
    return {"gold": len(offsets), "inside_letter_runs": inside}


def _versions(entry: Entry) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in entry.parser.distributions:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def _parser_info(entry: Entry, run: ParserRun, warnings: Sequence[str]) -> dict[str, Any]:
    parser, source = entry.parser, entry.source
    versions = _versions(entry)
    version = (parser.version or ", ".join(f"{name} {v}" for name, v in versions.items())
               or (source.distribution_version if source else None))
    info: dict[str, Any] = {
        "name": entry.name,
        "kind": parser.kind,
        "version": version,
        "source": ({"command": parser.command} if isinstance(parser, CommandParser)
                   else {"plugin": source.plugin, "distribution": source.distribution, "reference": source.reference}
                   if source and source.plugin else {"python": source.reference if source else None}),
        "status": run.status,
        "failed_pages": [{"page": page, "reason": reason} for page, reason in sorted(run.failures.items())],
        "setup_seconds": run.setup_seconds,
        "pages_per_second": run.pages_per_second,
        "peak_memory_mib": run.peak_memory_mib,
    }
    if run.error:
        info["error"] = run.error
    if warnings:
        info["warnings"] = list(warnings)
    return info


def _tasks_of(entry: Entry, run: ParserRun, wanted: Sequence[str]) -> list[str]:
    declared = entry.parser.tasks
    tasks = declared if declared is not None else [t for t in TASKS if t in run.answered]
    return [t for t in TASKS if t in tasks and t in wanted]


def run_entry(entry: Entry, raws: Mapping[str, str], timeout: float, min_seconds: float) -> tuple[ParserRun, list]:
    if isinstance(entry.parser, CommandParser):
        return run_command_parser(entry.parser, raws, timeout=timeout, min_seconds=min_seconds)
    assert entry.source is not None, f"{entry.name}: a Python parser needs a source a worker can import"
    return run_python_parser(entry.source, entry.name, raws, timeout=timeout, min_seconds=min_seconds), []


def evaluate_entries(
    entries: Sequence[Entry],
    gold: Mapping[str, Record],
    raws: Mapping[str, str],
    *,
    bootstrap: int = 1000,
    seed: int = 0,
    min_seconds: float = 1.0,
    timeout: float = 60.0,
    tasks: Sequence[str] = TASKS,
    log: Callable[[str], None] = lambda line: None,
    predictions_out: dict[int, dict[str, dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """Run, score and time every entry on the gold pages: plain JSON data, rows per task (see the module doc).

    ``predictions_out``, when given, receives each parser's valid records by page, keyed by its index in the
    result's ``parsers`` (what a row's ``parser_id`` points to).
    """
    raws = {i: raws[i] for i in sorted(gold)}
    order = sorted(range(len(entries)), key=lambda i: KINDS.index(entries[i].parser.kind))
    parsers: list[dict[str, Any]] = []
    rows: dict[str, list[tuple[int, dict[str, Any], dict[str, dict[str, Any]] | None]]] = {t: [] for t in tasks}
    for index in order:
        entry = entries[index]
        log(f"running {entry.name}")
        started = time.perf_counter()
        run, warnings = run_entry(entry, raws, timeout, min_seconds)
        info = _parser_info(entry, run, warnings)
        info["tasks"] = _tasks_of(entry, run, tasks) if run.status == OK else list(entry.parser.tasks or ())
        parsers.append(info)
        if predictions_out is not None:
            predictions_out[len(parsers) - 1] = run.records
        log(f"  {run.status}, {len(run.records)} pages scored, {len(run.failures)} failed "
            f"({time.perf_counter() - started:.1f} s)")
        for task in info["tasks"] if run.status == OK else [t for t in entry.parser.tasks or () if t in tasks]:
            row, predictions = _row(entry, run, info, task, gold, raws, bootstrap, seed)
            row["parser_id"] = len(parsers) - 1
            rows[task].append((index, row, predictions))
    result_tasks = {}
    for task in tasks:
        if not rows[task]:
            continue
        _compare(rows[task], task, gold, raws, entries, bootstrap, seed)
        result_tasks[task] = {"metrics": list(TASK_METRICS[task]),
                              "systems": [row for _, row, _ in sorted(rows[task], key=lambda r: order.index(r[0]))]}
    if "repairs" in result_tasks:
        result_tasks["repairs"]["gold_reachable"] = reachable_repairs(gold, raws)
    return {
        "documents": len(raws),
        "pages": sorted(raws),
        "gold_set": gold_set_identity(gold, raws),
        "toolkit": {"name": "vna-corpus", "version": __version__},
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine_facts(),
        "parsers": parsers,
        "tasks": result_tasks,
        "bootstrap": {"samples": bootstrap, "seed": seed, "confidence": CONFIDENCE,
                      "method": "percentile; pages resampled with replacement, the same resamples for every system"},
        "timing": {"min_seconds": min_seconds, "timeout": timeout,
                   "method": "setup = loading + first pass over the pages; pages/s over the warm passes after it "
                             "(a command: setup = a run over no pages; pages/s from runs over the pages minus it); "
                             "peak memory = the peak RSS of the process that ran the parser"},
    }


def _row(
    entry: Entry, run: ParserRun, info: Mapping[str, Any], task: str, gold: Mapping[str, Record],
    raws: Mapping[str, str], bootstrap: int, seed: int,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]] | None]:
    """One row of a task's table and the predictions it was scored on (None when the parser did not run)."""
    parser = entry.parser
    row: dict[str, Any] = {
        "system": entry.name,
        "kind": parser.kind,
        "how": parser.how,
        "versions": _versions(entry),
    }
    if task == "entities":
        row["labels"] = list(parser.entity_labels)
    if run.status != OK:
        return {**row, "status": "missing" if run.status == "missing" else "failed", "error": run.error}, None
    predictions = {i: {"id": i, **{t: r.get(t, []) for t in TASKS}} for i, r in run.records.items()}
    scored_gold, scored = gold, predictions
    if task == "entities":
        scored_gold, scored = restricted(gold, parser.entity_labels), restricted(predictions, parser.entity_labels)
    result = score(scored_gold, raws, scored, task=task, bootstrap=bootstrap, seed=seed)
    row.update({
        "status": "ok",
        "scores": {m: _compact(metric_node(result, task, m)) for m in TASK_METRICS[task]},
        "setup_seconds": run.setup_seconds,
        "pages_per_second": run.pages_per_second,
        "peak_memory_mib": run.peak_memory_mib,
        "failed_pages": list(info["failed_pages"]),
    })
    if task == "zones":
        row["unmapped_paragraphs"] = run.unmapped
        row["per_label"] = {label: _compact(node)
                            for label, node in result["zones"]["characters"]["per_label"].items()}
    if task == "entities":
        row["per_label"] = {label: _compact(node["strict"]) for label, node in result["entities"]["per_label"].items()}
    worst = sorted(page_scores(scored_gold, raws, scored, task).items(), key=lambda item: (item[1], item[0]))
    row["worst_pages"] = [{"page": page, "f1": f1} for page, f1 in worst[:WORST_PAGES]]
    return row, scored


def _compare(
    rows: list[tuple[int, dict[str, Any], dict[str, dict[str, Any]] | None]], task: str, gold: Mapping[str, Record],
    raws: Mapping[str, str], entries: Sequence[Entry], bootstrap: int, seed: int,
) -> None:
    """Add to each row its speed and paired difference against our core, and its difference to the best peer."""
    metric = TASK_METRICS[task][0]
    scored = [(i, row, preds) for i, row, preds in rows if preds is not None]
    ours = [(i, row, preds) for i, row, preds in scored if row["kind"] == OURS]
    # our core with the widest label set: its predictions restricted to a row's labels are ours on that set
    ours.sort(key=lambda item: -len(entries[item[0]].parser.entity_labels))
    peers = [(i, row, preds) for i, row, preds in scored if row["kind"] == PEER]
    best_peer = max(peers, key=lambda item: item[1]["scores"][metric].get("f1", 0.0), default=None)
    for i, row, preds in scored:
        labels = entries[i].parser.entity_labels
        if ours:
            _, our_row, our_preds = next((o for o in ours if tuple(o[1].get("labels", ())) == tuple(labels)), ours[0])
            if our_row is row:
                row["speed_vs_ours"] = 1.0
            else:
                if our_row["pages_per_second"] and row["pages_per_second"]:
                    row["speed_vs_ours"] = row["pages_per_second"] / our_row["pages_per_second"]
                if row["kind"] != OURS or tuple(labels) != tuple(our_row.get("labels", labels)):
                    row["difference_vs_ours"] = paired_difference(
                        restricted(gold, labels), raws, restricted(our_preds, labels), preds, task, metric,
                        bootstrap, seed)
        if best_peer is not None and best_peer[1] is not row and row["kind"] in (OURS, CANDIDATE):
            shared = [label for label in labels if label in entries[best_peer[0]].parser.entity_labels]
            diff = paired_difference(restricted(gold, shared), raws, restricted(best_peer[2], shared),
                                     restricted(preds, shared), task, metric, bootstrap, seed)
            row["difference_vs_best_peer"] = {"system": best_peer[1]["system"], **diff}
            if task == "entities":
                row["difference_vs_best_peer"]["labels"] = shared
