"""The HTML report of an evaluation: one self-contained file (inline CSS and SVG charts, no network).

It holds the ranking of every task (with the leaderboard's other entries on the same gold set), per-label F1
with 95% intervals as bar charts, quality against speed (headline F1 against warm pages per second, log scale)
per task, and the pages where each parser is furthest from gold. When the page viewer is installed
(``builder.view``), those pages link to a viewer file written beside the report, gold and prediction side by side.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from builder.evaluate.harness import TASK_METRICS
from builder.evaluate.leaderboard import METRIC_TITLES, ranking_rows, rankings, result_entries

Node = Mapping[str, Any]

TASK_TITLES = {"zones": "Zones", "repairs": "Word repairs", "entities": "Entities"}

#: What the per-label chart of a task shows.
PER_LABEL_TITLES = {"zones": "character F1 per zone label", "entities": "strict F1 per entity label",
                    "repairs": "F1 of inserted spaces"}

CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1200px; color: #1d2733;
       background: #fff; padding: 0 16px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 2px solid #d7dee8; }
h3 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d7dee8; padding: 3px 8px; text-align: right; }
th { background: #eef2f7; } td.text, th.text { text-align: left; }
tr.ours td { background: #f3f8ee; } tr.candidate td { background: #fff8e6; }
figure.chart { margin: 8px 0 24px; } figure.chart svg { max-width: 100%; height: auto; }
.meta { color: #52606d; } .failed { color: #a61b1b; }
"""


def _svg(figure: Any) -> str:
    """A matplotlib figure as inline SVG markup (no XML prolog), then closed."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _short(name: str, width: int = 28) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def _ok_rows(section: Node) -> list[Node]:
    return [row for row in section["systems"] if row["status"] == "ok"]


def per_label_chart(task: str, section: Node) -> str:
    """Grouped bars: F1 per label for every system of the task, with 95% interval whiskers."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rows = _ok_rows(section)
    if task == "repairs":
        metric = TASK_METRICS[task][0]
        per_row = [{"all": row["scores"][metric]} for row in rows]
    else:
        per_row = [row.get("per_label", {}) for row in rows]
    labels = [label for label in dict.fromkeys(k for p in per_row for k in p)
              if any(p.get(label, {}).get("gold") or p.get(label, {}).get("possible") for p in per_row)
              or task == "repairs"]
    figure, axes = plt.subplots(figsize=(max(6.0, 1.1 * len(labels) + 3), 3.6))
    width = 0.8 / max(1, len(rows))
    x = np.arange(len(labels))
    for i, (row, nodes) in enumerate(zip(rows, per_row)):
        f1 = np.array([nodes.get(label, {}).get("f1", 0.0) or 0.0 for label in labels])
        low = np.array([nodes.get(label, {}).get("f1_ci_low", f) for label, f in zip(labels, f1)])
        high = np.array([nodes.get(label, {}).get("f1_ci_high", f) for label, f in zip(labels, f1)])
        axes.bar(x + (i - (len(rows) - 1) / 2) * width, f1, width, label=_short(row["system"]),
                 yerr=np.vstack([np.clip(f1 - low, 0, None), np.clip(high - f1, 0, None)]), capsize=2)
    axes.set_xticks(x, labels, rotation=30 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center")
    axes.set_ylim(0, 1.05)
    axes.set_ylabel("F1 (95% CI)")
    axes.set_title(f"{TASK_TITLES.get(task, task)}: {PER_LABEL_TITLES[task]}")
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(figure)


def speed_chart(task: str, section: Node) -> str:
    """Headline F1 (with its interval) against warm pages per second, log scale, one point per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metric = TASK_METRICS[task][0]
    rows = [row for row in _ok_rows(section) if row.get("pages_per_second")]
    figure, axes = plt.subplots(figsize=(6.5, 3.8))
    for row in rows:
        node = row["scores"][metric]
        f1 = node.get("f1", 0.0)
        error = [[max(0.0, f1 - node.get("f1_ci_low", f1))], [max(0.0, node.get("f1_ci_high", f1) - f1)]]
        axes.errorbar([row["pages_per_second"]], [f1], yerr=error, fmt="o", capsize=3)
        axes.annotate(_short(row["system"], 22), (row["pages_per_second"], f1), fontsize=7,
                      xytext=(4, 4), textcoords="offset points")
    axes.set_xscale("log")
    axes.set_xlabel("warm pages per second (log scale)")
    axes.set_ylabel(METRIC_TITLES.get(metric, f"{metric} F1"))
    axes.set_ylim(0, 1.05)
    axes.set_title(f"{TASK_TITLES.get(task, task)}: quality against speed")
    axes.grid(True, which="both", alpha=0.3)
    return _svg(figure)


def _table(headers: Sequence[str], body: Sequence[Sequence[str]], text_columns: Sequence[int] = (1,),
           row_classes: Sequence[str] = ()) -> str:
    head = "".join(f'<th class="text">{html.escape(h)}</th>' if i in text_columns else f"<th>{html.escape(h)}</th>"
                   for i, h in enumerate(headers))
    rows = []
    for index, cells in enumerate(body):
        css = f' class="{row_classes[index]}"' if index < len(row_classes) else ""
        tds = "".join(f'<td class="text">{c}</td>' if i in text_columns else f"<td>{c}</td>"
                      for i, c in enumerate(cells))
        rows.append(f"<tr{css}>{tds}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "parser"


def viewer_links(
    report_path: Path, result: Node, gold: Mapping[str, Node], raws: Mapping[str, str],
    predictions: Mapping[int, Mapping[str, Node]],
) -> dict[int, str]:
    """Write one viewer file per parser (its worst pages, gold beside its prediction) when the page viewer is
    installed; the file name of each, by parser index (none without the viewer)."""
    try:
        from builder.view import page_views, render_html
    except ImportError:
        return {}
    links: dict[int, str] = {}
    for index, parser in enumerate(result["parsers"]):
        pages = sorted({page["page"] for section in result["tasks"].values() for row in section["systems"]
                        if row.get("parser_id") == index for page in row.get("worst_pages", [])})
        if not pages or index not in predictions:
            continue
        name = f"{report_path.stem}-view-{index}-{_slug(parser['name'])}.html"
        layers = {"gold": {p: gold[p] for p in pages},
                  parser["name"]: {p: predictions[index][p] for p in pages if p in predictions[index]}}
        failures = {f["page"]: [f"failed: {f['reason']}"] for f in parser["failed_pages"]}
        views = page_views({p: raws[p] for p in pages}, layers, failures)
        (report_path.parent / name).write_text(render_html(views, f"{parser['name']}: pages furthest from gold"),
                                               encoding="utf-8")
        links[index] = name
    return links


def render_report(result: Node, leaderboard: Sequence[Node] = (), viewer: Mapping[int, str] | None = None) -> str:
    """The report as one HTML document. ``leaderboard``: earlier entries (only those on this gold set are shown);
    ``viewer``: viewer file names by parser index, to link the worst pages to."""
    viewer = viewer or {}
    gold = result["gold_set"]
    here = [e for e in leaderboard if e["gold_set"]["sha256"] == gold["sha256"]] + result_entries(result)
    _, per_task = rankings(here)[0] if here else ({}, {})
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        "<title>vna-corpus evaluation</title>", f"<style>{CSS}</style></head><body>",
        "<h1>vna-corpus evaluation</h1>",
        f'<p class="meta">Gold set <code>{gold["sha256"][:12]}</code> ({gold["pages"]} pages), vna-corpus '
        f'{html.escape(result["toolkit"]["version"])}, {html.escape(result["date"])}, '
        f'{html.escape(result["machine"]["platform"])} ({result["machine"]["cpus"]} CPUs). '
        f'Intervals: {result["bootstrap"]["confidence"]:.0%} percentile intervals over '
        f'{result["bootstrap"]["samples"]} bootstrap resamples of the pages (seed {result["bootstrap"]["seed"]}), '
        "the same for every parser.</p>",
        '<section id="leaderboard"><h2>Leaderboard</h2>',
    ]
    for task, rows in per_task.items():
        headers, body = ranking_rows(task, rows)
        classes = [row["kind"] for row in rows]
        parts += [f"<h3>{html.escape(TASK_TITLES.get(task, task))}</h3>",
                  _table(headers, [[html.escape(c) for c in cells] for cells in body], (1, 2, 3), classes)]
    parts.append("</section>")
    failed = [p for p in result["parsers"] if p["failed_pages"] or p["status"] != "ok"]
    if failed:
        parts.append('<section id="failures"><h2>Failures</h2><ul>')
        for parser in failed:
            if parser["status"] != "ok":
                parts.append(f'<li class="failed">{html.escape(parser["name"])}: not run '
                             f'({html.escape(parser.get("error") or parser["status"])})</li>')
            for failure in parser["failed_pages"]:
                parts.append(f'<li class="failed">{html.escape(parser["name"])}, page '
                             f'<code>{html.escape(failure["page"])}</code>: {html.escape(failure["reason"])}</li>')
        parts.append("</ul></section>")
    parts.append('<section id="charts"><h2>Charts</h2>')
    for task, section in result["tasks"].items():
        if not _ok_rows(section):
            continue
        parts.append(f'<figure class="chart" id="chart-labels-{task}">{per_label_chart(task, section)}</figure>')
        parts.append(f'<figure class="chart" id="chart-speed-{task}">{speed_chart(task, section)}</figure>')
    parts.append('</section><section id="worst-pages"><h2>Pages furthest from gold</h2>')
    for task, section in result["tasks"].items():
        metric = TASK_METRICS[task][0]
        body = []
        for row in _ok_rows(section):
            link = viewer.get(row.get("parser_id", -1))
            for page in row.get("worst_pages", []):
                page_id = html.escape(page["page"])
                cell = f'<a href="{html.escape(link)}#page-{page_id}">{page_id}</a>' if link else page_id
                body.append([html.escape(row["system"]), cell, f"{page['f1']:.3f}"])
        if body:
            parts += [f"<h3>{html.escape(TASK_TITLES.get(task, task))} "
                      f"({html.escape(METRIC_TITLES.get(metric, metric))} of the page)</h3>",
                      _table(["parser", "page", "F1"], body, (0, 1))]
    parts += ["</section>", "</body></html>"]
    return "\n".join(parts) + "\n"


def write_report(
    path: str | Path, result: Node, leaderboard: Sequence[Node] = (), gold: Mapping[str, Node] | None = None,
    raws: Mapping[str, str] | None = None, predictions: Mapping[int, Mapping[str, Node]] | None = None,
) -> Path:
    """Write the report (and, with the page viewer installed, the viewer files it links to)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        from builder.evaluate.parsers import EvaluateError

        raise EvaluateError("the HTML report draws its charts with matplotlib: "
                            "pip install 'vna-corpus[bench]'") from None
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    links = viewer_links(path, result, gold, raws, predictions) if gold and raws and predictions else {}
    path.write_text(render_report(result, leaderboard, links), encoding="utf-8")
    return path
