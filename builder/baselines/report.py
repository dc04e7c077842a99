"""The ``## Baselines`` section of the dataset card, as Markdown, from a :func:`run_baselines` result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from builder.model import ENTITY_LABELS

Node = Mapping[str, Any]

TASK_TITLES = {"zones": "Main content (zones)", "repairs": "Word repairs", "entities": "Entities"}

TASK_NOTES = {
    "zones": (
        "A peer labels the text it keeps `body` and nothing else, so only the body scores apply: body tokens "
        "(bag of case-folded word tokens of the body zones, the usual main-content extraction score) and body "
        "characters. The dateline and the `-VNA` signature share a line with the body, so a peer keeping that "
        "line pays for them in precision."
    ),
    "repairs": (
        "A repair is one inserted space, scored as a set of raw offsets. A segmenter only sees letter runs, so "
        "glue at a digit or after sentence punctuation is out of its reach."
    ),
    "entities": (
        "SemEval-2013 schemes as nervaluate computes them (strict: span and label; exact: span; partial: overlap, "
        "half credit; type: overlap and label). spaCy's French label set has no DATE, so it is scored, like the "
        "`ours` row beside it, on PER/ORG/LOC/MISC with DATE removed from gold and predictions; "
        "`ours (with DATE)` is our core on all five labels."
    ),
}


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _interval(node: Node, key: str = "f1") -> str:
    low, high = node.get(f"{key}_ci_low"), node.get(f"{key}_ci_high")
    return "" if low is None else f"[{low:.3f}, {high:.3f}]"


def _difference(row: Node) -> str:
    diff = row.get("difference_vs_ours")
    if not diff:
        return ""
    text = f"{diff['difference']:+.3f}"
    if "ci_low" in diff:
        text += f" [{diff['ci_low']:+.3f}, {diff['ci_high']:+.3f}]"
    return text


def _speed(row: Node) -> list[str]:
    pages = row["pages_per_second"]
    ratio = row.get("speed_vs_ours")
    return [f"{pages:,.0f}" if pages >= 100 else f"{pages:.1f}",
            "" if ratio is None else f"{ratio:.2g}×",
            f"{row['setup_seconds']:.2f}"]


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], text_columns: int = 1) -> list[str]:
    align = ["---" if i < text_columns else "---:" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _missing(row: Node, width: int) -> list[str]:
    return [row["system"], f"not run: {row['error']}", *([""] * (width - 2))]


SPEED_HEADERS = ("pages/s", "× ours", "setup s")


def _zones_rows(rows: Sequence[Node]) -> tuple[list[str], list[list[str]]]:
    headers = ["system", "body tokens P", "R", "F1", "95% CI", "body chars F1", "95% CI", "Δ tokens F1 vs ours",
               *SPEED_HEADERS]
    out = []
    for row in rows:
        if row["status"] != "ok":
            out.append(_missing(row, len(headers)))
            continue
        tokens, chars = row["scores"]["main_content"], row["scores"]["body_characters"]
        out.append([row["system"], *(_number(tokens[k]) for k in ("precision", "recall", "f1")), _interval(tokens),
                    _number(chars.get("f1")), _interval(chars), _difference(row), *_speed(row)])
    return headers, out


def _repairs_rows(rows: Sequence[Node]) -> tuple[list[str], list[list[str]]]:
    headers = ["system", "P", "R", "F1", "95% CI", "Δ F1 vs ours", *SPEED_HEADERS]
    out = []
    for row in rows:
        if row["status"] != "ok":
            out.append(_missing(row, len(headers)))
            continue
        node = row["scores"]["inserted_spaces"]
        out.append([row["system"], *(_number(node[k]) for k in ("precision", "recall", "f1")), _interval(node),
                    _difference(row), *_speed(row)])
    return headers, out


def _labels(row: Node) -> str:
    labels = row.get("labels", list(ENTITY_LABELS))
    return "all five" if list(labels) == list(ENTITY_LABELS) else "/".join(labels)


def _entities_rows(rows: Sequence[Node]) -> tuple[list[str], list[list[str]]]:
    headers = ["system", "labels", "strict P", "strict R", "strict F1", "95% CI", "exact F1", "partial F1",
               "type F1", "Δ strict F1 vs ours", *SPEED_HEADERS]
    out = []
    for row in rows:
        if row["status"] != "ok":
            out.append(_missing(row, len(headers)))
            continue
        scores = row["scores"]
        strict = scores["strict"]
        out.append([row["system"], _labels(row), *(_number(strict[k]) for k in ("precision", "recall", "f1")),
                    _interval(strict), *(_number(scores[s]["f1"]) for s in ("exact", "partial", "ent_type")),
                    _difference(row), *_speed(row)])
    return headers, out


def _entity_label_rows(rows: Sequence[Node]) -> tuple[list[str], list[list[str]]]:
    headers = ["system", *ENTITY_LABELS]
    out = []
    for row in rows:
        if row["status"] != "ok":
            continue
        per_label, scored = row.get("per_label", {}), row.get("labels", ENTITY_LABELS)
        out.append([row["system"], *(_number(per_label[label]["f1"]) if label in per_label and label in scored
                                      else "n/a" for label in ENTITY_LABELS)])
    return headers, out


ROW_BUILDERS = {"zones": _zones_rows, "repairs": _repairs_rows, "entities": _entities_rows}


def _preamble(result: Node) -> str:
    b, n = result["bootstrap"], result["documents"]
    return (
        f"Peers that no one here wrote, run on the {n} gold pages beside our parsing core (`ours`) by the "
        "evaluation harness (`vna-corpus evaluate`; every system, ours included, is a parser plugin registered "
        "under `vna_corpus.parsers`) and scored by `builder.score`. Intervals are "
        f"{b['confidence']:.0%} percentile intervals over {b['samples']} bootstrap resamples of the pages (seed "
        f"{b['seed']}), the same resamples for every system; \"Δ vs ours\" is the peer's score minus ours on each "
        "resample (paired). Each system runs in a fresh process of its own; pages/s count warm passes after "
        "loading and a first pass (the imports, the loading and that first pass are \"setup s\"), on the machine "
        "that ran the comparison; \"× ours\" is the system's pages/s over ours on the same task. Our core was "
        "developed on these same gold pages and the peers were not tuned to them (every peer setting was fixed "
        "before scoring, as listed below): the table says how far a general-purpose tool gets on this page layout, "
        "not how well our core does on pages it has not seen."
    )


def baselines_markdown(result: Node) -> str:
    """The result as a ``## Baselines`` Markdown section: one table per task and how each peer was run."""
    parts = ["## Baselines", "", _preamble(result)]
    for task, section in result["tasks"].items():
        rows = section["systems"]
        parts += ["", f"### {TASK_TITLES.get(task, task)}", "", TASK_NOTES.get(task, "")]
        if task == "repairs" and "gold_reachable" in section:
            reach = section["gold_reachable"]
            parts[-1] += (f" Of the {reach['gold']} gold repairs, {reach['inside_letter_runs']} fall inside a "
                          "letter run.")
        headers, body = ROW_BUILDERS[task](rows)
        parts += [""] + _table(headers, body)
        if task == "entities":
            headers, body = _entity_label_rows(rows)
            parts += ["", "Strict F1 per label:", ""] + _table(headers, body)
    parts += ["", "### How each system was run", ""]
    for task, section in result["tasks"].items():
        for row in section["systems"]:
            versions = ", ".join(f"{name} {version}" for name, version in row.get("versions", {}).items())
            failed = "; ".join(f"`{f['page']}`: {f['reason']}" for f in row.get("failed_pages", []))
            parts.append(f"- **{row['system']}** ({task}{'; ' + versions if versions else ''}): {row['how']}."
                         + (f" Failed pages, scored as empty: {failed}." if failed else ""))
    return "\n".join(parts) + "\n"
