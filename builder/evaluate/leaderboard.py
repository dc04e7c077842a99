"""The leaderboard: every evaluation appended to one JSON file, and ``LEADERBOARD.md`` rendered from it.

An entry is one parser's result on one gold set: its name and version, the gold set's identity (a sha256 over
its pages and labels), the toolkit version, the date, the machine, every task's scores with their intervals,
its speed and its failed pages. Rankings are made per gold set and per task: rows measured on different gold
sets are never ranked together. Within a ranking, a parser's newest entry (by name and version) counts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from builder.evaluate.harness import TASK_METRICS

Node = Mapping[str, Any]

#: The file rendered beside the leaderboard JSON.
MARKDOWN_NAME = "LEADERBOARD.md"

METRIC_TITLES = {"main_content": "body tokens F1", "inserted_spaces": "inserted spaces F1", "strict": "strict F1"}


class LeaderboardError(ValueError):
    """A leaderboard file that cannot be read; the message names the file and the problem."""


def result_entries(result: Node, gold_source: str = "") -> list[dict[str, Any]]:
    """Leaderboard entries of a harness result: one per parser name, kind and version (our core's three
    single-task parsers make one entry), each task with its scores, speed and failed pages."""
    merged: dict[tuple, dict[str, Any]] = {}
    for task, section in result["tasks"].items():
        for row in section["systems"]:
            if row["status"] != "ok":
                continue
            parser = result["parsers"][row["parser_id"]]
            key = (parser["name"], parser["kind"], parser["version"])
            entry = merged.setdefault(key, {
                "parser": parser["name"],
                "kind": parser["kind"],
                "version": parser["version"],
                "source": parser["source"],
                "gold_set": {**result["gold_set"], "source": gold_source},
                "toolkit": result["toolkit"],
                "date": result["date"],
                "machine": result["machine"],
                "bootstrap": result["bootstrap"],
                "tasks": {},
            })
            entry["tasks"][task] = {
                "metrics": {metric: dict(node) for metric, node in row["scores"].items()},
                **({"labels": row["labels"]} if "labels" in row else {}),
                "speed": {key: row[key] for key in ("setup_seconds", "pages_per_second", "peak_memory_mib")},
                "failed_pages": row["failed_pages"],
            }
    return list(merged.values())


def read_leaderboard(path: str | Path) -> list[dict[str, Any]]:
    """The entries of a leaderboard file (none when it does not exist yet)."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise LeaderboardError(f"{path}: not a leaderboard JSON file ({err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise LeaderboardError(f"{path}: not a leaderboard JSON file (no 'entries' list)")
    return data["entries"]


def append_to_leaderboard(path: str | Path, result: Node, gold_source: str = "") -> tuple[Path, list[dict]]:
    """Append the result's entries to the JSON file and render ``LEADERBOARD.md`` beside it: (markdown, entries)."""
    path = Path(path)
    entries = read_leaderboard(path) + result_entries(result, gold_source)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"entries": entries}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown = path.with_name(MARKDOWN_NAME)
    markdown.write_text(leaderboard_markdown(entries, path.name), encoding="utf-8")
    return markdown, entries


def rankings(entries: Sequence[Node]) -> list[tuple[Node, dict[str, list[Node]]]]:
    """Per gold set (newest first): its identity and, per task, the newest entry of each parser, best first."""
    by_gold: dict[str, list[Node]] = {}
    for entry in entries:
        by_gold.setdefault(entry["gold_set"]["sha256"], []).append(entry)
    out = []
    for group in sorted(by_gold.values(), key=lambda g: max(e["date"] for e in g), reverse=True):
        newest: dict[tuple, Node] = {}
        for entry in sorted(group, key=lambda e: e["date"]):
            newest[(entry["parser"], entry["version"], entry["kind"])] = entry
        per_task = {}
        for task, metrics in TASK_METRICS.items():
            rows = [e for e in newest.values() if task in e["tasks"]]
            rows.sort(key=lambda e: -(e["tasks"][task]["metrics"].get(metrics[0], {}).get("f1") or 0.0))
            if rows:
                per_task[task] = rows
        out.append((group[-1]["gold_set"], per_task))
    return out


def _number(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _speed(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ranking_rows(task: str, rows: Sequence[Node]) -> tuple[list[str], list[list[str]]]:
    """Headers and cells of one task's ranking (shared by the Markdown file and the HTML report)."""
    metric = TASK_METRICS[task][0]
    headers = ["rank", "parser", "version", "kind", METRIC_TITLES.get(metric, f"{metric} F1"), "95% CI", "P", "R",
               "failed pages", "pages/s", "setup s", "peak MiB", "date"]
    body = []
    for rank, entry in enumerate(rows, 1):
        node = entry["tasks"][task]["metrics"].get(metric, {})
        interval = ("" if node.get("f1_ci_low") is None
                    else f"[{node['f1_ci_low']:.3f}, {node['f1_ci_high']:.3f}]")
        speed = entry["tasks"][task]["speed"]
        body.append([str(rank), entry["parser"], entry["version"] or "", entry["kind"], _number(node.get("f1")),
                     interval, _number(node.get("precision")), _number(node.get("recall")),
                     str(len(entry["tasks"][task]["failed_pages"])), _speed(speed["pages_per_second"]),
                     _number(speed["setup_seconds"], 2), _number(speed["peak_memory_mib"], 0), entry["date"][:10]])
    return headers, body


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|")


def leaderboard_markdown(entries: Sequence[Node], source: str = "leaderboard.json") -> str:
    """``LEADERBOARD.md``: one section per gold set, one ranking per task."""
    lines = ["# Leaderboard", "",
             f"Rendered from `{source}` by `vna-corpus evaluate --leaderboard`. Each gold set is ranked on its own "
             "(its identity is a sha256 over its pages' raw texts and gold records); rows measured on another gold "
             "set are never mixed in. Intervals are 95% bootstrap intervals over the pages; speed is warm pages per "
             "second on the machine named in the JSON, setup apart."]
    if not entries:
        lines += ["", "No entries yet."]
    for gold, per_task in rankings(entries):
        source_text = f", {gold['source']}" if gold.get("source") else ""
        lines += ["", f"## Gold set `{gold['sha256'][:12]}` ({gold['pages']} pages{source_text})"]
        for task, rows in per_task.items():
            headers, body = ranking_rows(task, rows)
            lines += ["", f"### {task}", "",
                      "| " + " | ".join(headers) + " |",
                      "|" + "|".join("---" if i in (1, 2, 3) else "---:" for i in range(len(headers))) + "|"]
            lines += ["| " + " | ".join(_escape(cell) for cell in row) + " |" for row in body]
    return "\n".join(lines) + "\n"
