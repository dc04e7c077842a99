"""Score results as text: aligned plain-text tables for a terminal, Markdown tables for papers and cards.

Both render the same tables from a :func:`builder.score.score` result; JSON is the result itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from builder.score.entities import OUTCOMES

Node = Mapping[str, Any]


@dataclass(frozen=True)
class Table:
    """A titled table of text cells; the first ``text_columns`` columns are left-aligned, numbers right."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    text_columns: int = 1


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _interval(node: Node, key: str) -> str:
    low, high = node.get(f"{key}_ci_low"), node.get(f"{key}_ci_high")
    return "" if low is None else f"[{low:.3f}, {high:.3f}]"


def _prf_cells(node: Node, ci: bool, scored: bool = True) -> list[str]:
    """Precision, recall, F1 (and its interval); "n/a" when nothing was there to score (the result holds 0.0)."""
    cells = [_number(node[key] if scored else None) for key in ("precision", "recall", "f1")]
    return cells + ([_interval(node, "f1") if scored else ""] if ci else [])


def _scores_table(result: Node, ci: bool) -> Table:
    lines: list[tuple[str, str, Node, int, int]] = []
    if "zones" in result:
        chars, spans, content = (result["zones"][k] for k in ("characters", "spans", "main_content"))
        micro = chars["micro"]
        lines += [
            ("zones", "characters (micro)", micro, micro["gold"], micro["predicted"]),
            ("zones", "characters (macro)", chars["macro"], micro["gold"], micro["predicted"]),
            ("zones", "zone spans (strict)", spans, spans["gold"], spans["predicted"]),
            ("zones", "main content (body tokens)", content, content["gold"], content["predicted"]),
        ]
    if "repairs" in result:
        repairs = result["repairs"]
        lines.append(("repairs", "inserted spaces", repairs, repairs["gold"], repairs["predicted"]))
    if "entities" in result:
        lines += [("entities", scheme, node, node["possible"], node["actual"])
                  for scheme, node in result["entities"]["overall"].items()]
    return Table(
        "Scores (higher is better)",
        ["task", "metric", "precision", "recall", "F1", *(["95% CI (F1)"] if ci else []), "gold", "pred"],
        [[task, metric, *_prf_cells(node, ci, bool(gold or predicted)), str(gold), str(predicted)]
         for task, metric, node, gold, predicted in lines],
        text_columns=2,
    )


def _boundary_table(errors: Node, ci: bool) -> Table:
    return Table(
        "Line segmentation errors (lower is better)",
        ["metric", "error", *(["95% CI"] if ci else []), "windows"],
        [[name, _number(errors[key]), *([_interval(errors, key)] if ci else []), str(errors["windows"])]
         for name, key in (("Pk", "pk"), ("WindowDiff", "window_diff"))],
    )


def _zone_label_table(per_label: Node, ci: bool) -> Table:
    return Table(
        "Zones per label (characters)",
        ["label", "precision", "recall", "F1", *(["95% CI (F1)"] if ci else []), "gold chars", "pred chars"],
        [[label, *_prf_cells(node, ci), str(node["gold"]), str(node["predicted"])]
         for label, node in per_label.items()],
    )


def _entity_outcome_table(overall: Node) -> Table:
    columns = [*OUTCOMES, "possible", "actual"]
    return Table(
        "Entity outcomes (SemEval-2013 task 9.1)",
        ["scheme", *columns],
        [[scheme, *(str(node[c]) for c in columns)] for scheme, node in overall.items()],
    )


def _entity_label_table(per_label: Node, schemes: list[str]) -> Table:
    return Table(
        "Entities per label (F1)",
        ["label", *schemes, "gold", "pred"],
        [[label, *(_number(node[s]["f1"]) for s in schemes), str(node["strict"]["possible"]),
          str(node["strict"]["actual"])] for label, node in per_label.items()],
    )


def tables(result: Node) -> list[Table]:
    """The tables of a result, in report order."""
    ci = "bootstrap" in result
    out = [_scores_table(result, ci)]
    if "zones" in result:
        out.append(_boundary_table(result["zones"]["boundary_errors"], ci))
        out.append(_zone_label_table(result["zones"]["characters"]["per_label"], ci))
    if "entities" in result:
        overall = result["entities"]["overall"]
        out.append(_entity_outcome_table(overall))
        if result["entities"]["per_label"]:
            out.append(_entity_label_table(result["entities"]["per_label"], list(overall)))
    return out


def _preamble(result: Node) -> list[str]:
    lines = [f"{result['documents']} gold pages"]
    missing = result.get("missing_ids")
    if missing:
        lines.append(f"no prediction (scored as empty) for {len(missing)}: {', '.join(missing)}")
    if "bootstrap" in result:
        b = result["bootstrap"]
        lines.append(f"{b['confidence']:.0%} CI: {b['samples']} bootstrap resamples of the pages "
                     f"(seed {b['seed']}, percentile method)")
    return lines


def format_table(result: Node) -> str:
    """The result as aligned plain-text tables for a terminal."""
    parts = _preamble(result)
    for table in tables(result):
        widths = [max(len(cell) for cell in column) for column in zip(table.headers, *table.rows)]

        def line(cells: list[str], widths: list[int] = widths, text_columns: int = table.text_columns) -> str:
            return "  ".join(cell.ljust(width) if i < text_columns else cell.rjust(width)
                             for i, (cell, width) in enumerate(zip(cells, widths))).rstrip()

        parts += ["", table.title, line(table.headers), "  ".join("-" * w for w in widths)]
        parts += [line(row) for row in table.rows]
    return "\n".join(parts) + "\n"


def format_markdown(result: Node) -> str:
    """The result as Markdown tables, each under a bold title."""
    parts = [" · ".join(_preamble(result))]
    for table in tables(result):
        align = ["---" if i < table.text_columns else "---:" for i in range(len(table.headers))]
        parts += ["", f"**{table.title}**", "", "| " + " | ".join(table.headers) + " |", "|" + "|".join(align) + "|"]
        parts += ["| " + " | ".join(row) + " |" for row in table.rows]
    return "\n".join(parts) + "\n"
