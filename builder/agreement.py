"""Inter-annotator agreement between two gold folders, page by page and pooled.

* zones: Cohen's kappa over the non-white-space characters (each labelled with its zone's label, or ``none``),
  and character F1 per label (:func:`builder.score.zones.character_counts`, with set A as the reference; F1 is
  the same either way round);
* repairs: F1 of the offsets (:func:`builder.score.repairs.repair_counts`);
* entities: strict and partial F1 overall and per label (:mod:`builder.score.entities`), and Cohen's kappa over
  BIO tags of tokens (:func:`builder.tokens.tokenize`, cut at every entity boundary of both sets, so both sets tag
  the same tokens).

Besides the scores, every page lists its differences (character runs labelled differently, repairs and entities
in one set only), so a reviewer can see what two annotators disagree on, not only how much.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from builder.score.entities import entity_counts, summarize_entities
from builder.score.repairs import repair_counts, summarize_repairs
from builder.score.zones import char_labels, character_counts, summarize_characters
from builder.tokens import bio_tags, tokenize

#: The label of a character no zone covers.
NO_ZONE = "none"


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa of two labellings of the same items, computed from integer counts (exact up to one division).

    When both sides give every item one and the same label, chance agreement is 1 and kappa is undefined
    (scikit-learn returns nan); here it is 1.0, since the two sides agree on everything.

    >>> cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    0.5
    """
    if len(a) != len(b):
        raise ValueError(f"the two labellings have {len(a)} and {len(b)} items")
    n = len(a)
    if n == 0:
        return 1.0
    agree = sum(x == y for x, y in zip(a, b))
    count_a, count_b = Counter(a), Counter(b)
    chance = sum(count_a[k] * count_b[k] for k in count_a)
    if chance == n * n:
        return 1.0
    return (n * agree - chance) / (n * n - chance)


def zone_char_labels(raw: str, zones: Sequence[Mapping[str, Any]]) -> list[str]:
    """The zone label of every non-white-space character (``none`` where no zone covers it)."""
    return [label or NO_ZONE for char, label in zip(raw, char_labels(raw, zones)) if not char.isspace()]


def entity_token_tags(raw: str, a: Sequence[Mapping[str, Any]], b: Sequence[Mapping[str, Any]]
                      ) -> tuple[list[str], list[str]]:
    """BIO tags of the page's tokens under each entity set (the tokens are cut at both sets' boundaries)."""
    cuts = sorted({e[k] for side in (a, b) for e in side for k in ("start", "end")})
    tokens = tokenize(raw, 0, (), cuts)
    spans = [[(e["start"], e["end"], e["label"]) for e in side] for side in (a, b)]
    return bio_tags(tokens, spans[0]), bio_tags(tokens, spans[1])


def _zone_differences(raw: str, a: Sequence[Mapping], b: Sequence[Mapping]) -> list[dict[str, Any]]:
    """Runs of characters (white space inside a run included) that the two sets label differently."""
    labels_a, labels_b = char_labels(raw, a), char_labels(raw, b)
    runs: list[dict[str, Any]] = []
    for i, char in enumerate(raw):
        if char.isspace() or labels_a[i] == labels_b[i]:
            continue
        pair = (labels_a[i] or NO_ZONE, labels_b[i] or NO_ZONE)
        last = runs[-1] if runs else None
        if last and (last["a"], last["b"]) == pair and not raw[last["end"]:i].strip():
            last["end"] = i + 1
        else:
            runs.append({"start": i, "end": i + 1, "a": pair[0], "b": pair[1]})
    for run in runs:
        run["text"] = raw[run["start"]:run["end"]]
    return runs


def page_agreement(raw: str, a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """One page's scores and differences, and its additive counts (for pooling over pages)."""
    zones_a, zones_b = a.get("zones", []), b.get("zones", [])
    chars_a, chars_b = zone_char_labels(raw, zones_a), zone_char_labels(raw, zones_b)
    ents_a, ents_b = a.get("entities", []), b.get("entities", [])
    tags_a, tags_b = entity_token_tags(raw, ents_a, ents_b)
    zone_counts = character_counts(raw, zones_a, zones_b)
    rep_counts = repair_counts(a.get("repairs", []), b.get("repairs", []))
    ent_counts = entity_counts(ents_a, ents_b)
    spans_a = {(e["start"], e["end"], e["label"]) for e in ents_a}
    spans_b = {(e["start"], e["end"], e["label"]) for e in ents_b}
    offsets_a = {r["offset"] for r in a.get("repairs", [])}
    offsets_b = {r["offset"] for r in b.get("repairs", [])}
    result = {
        "zones": {"kappa": cohen_kappa(chars_a, chars_b), "characters": len(chars_a),
                  "disagreements": sum(x != y for x, y in zip(chars_a, chars_b)),
                  **summarize_characters(zone_counts)},
        "repairs": summarize_repairs(rep_counts),
        "entities": {"kappa": cohen_kappa(tags_a, tags_b), "tokens": len(tags_a), **_entity_scores(ent_counts)},
        "differences": {
            "zones": _zone_differences(raw, zones_a, zones_b),
            "repairs": {"a_only": sorted(offsets_a - offsets_b), "b_only": sorted(offsets_b - offsets_a)},
            "entities": {
                "a_only": [_entity(raw, s) for s in sorted(spans_a - spans_b)],
                "b_only": [_entity(raw, s) for s in sorted(spans_b - spans_a)],
            },
        },
    }
    counts = {"chars": (chars_a, chars_b), "tags": (tags_a, tags_b), "zones": zone_counts, "repairs": rep_counts,
              "entities": ent_counts}
    return result, counts


def _entity(raw: str, span: tuple[int, int, str]) -> dict[str, Any]:
    return {"start": span[0], "end": span[1], "label": span[2], "text": raw[span[0]:span[1]]}


def _entity_scores(counts: Mapping[tuple, int]) -> dict[str, Any]:
    """Strict and partial F1, overall and per label, from the entity outcome counts."""
    summary = summarize_entities(counts)

    def keep(scores: Mapping[str, Any]) -> dict[str, Any]:
        return {scheme: scores[scheme] for scheme in ("strict", "partial")}

    return {**keep(summary["overall"]), "per_label": {label: keep(s) for label, s in summary["per_label"].items()}}


def agreement(records_a: Mapping[str, Mapping], records_b: Mapping[str, Mapping], raws: Mapping[str, str]
              ) -> dict[str, Any]:
    """Agreement of two gold sets (records by page id) on the pages both have; the others are listed."""
    common = sorted(set(records_a) & set(records_b))
    pages: dict[str, Any] = {}
    pooled: dict[str, Any] = {"chars": ([], []), "tags": ([], []), "zones": Counter(), "repairs": Counter(),
                              "entities": Counter()}
    for page_id in common:
        pages[page_id], counts = page_agreement(raws[page_id], records_a[page_id], records_b[page_id])
        for key in ("chars", "tags"):
            pooled[key][0].extend(counts[key][0])
            pooled[key][1].extend(counts[key][1])
        for key in ("zones", "repairs", "entities"):
            pooled[key].update(counts[key])
    chars_a, chars_b = pooled["chars"]
    overall = {
        "zones": {"kappa": cohen_kappa(chars_a, chars_b), "characters": len(chars_a),
                  "disagreements": sum(x != y for x, y in zip(chars_a, chars_b)),
                  **summarize_characters(pooled["zones"])},
        "repairs": summarize_repairs(pooled["repairs"]),
        "entities": {"kappa": cohen_kappa(*pooled["tags"]), "tokens": len(pooled["tags"][0]),
                     **_entity_scores(pooled["entities"])},
    }
    return {
        "pages": pages,
        "overall": overall,
        "common": common,
        "a_only": sorted(set(records_a) - set(records_b)),
        "b_only": sorted(set(records_b) - set(records_a)),
    }


# --- reports -----------------------------------------------------------------------------------


def _row(page: str, scores: Mapping[str, Any]) -> list[str]:
    return [
        page,
        f"{scores['zones']['kappa']:.4f}",
        f"{scores['zones']['micro']['f1']:.4f}",
        str(scores["zones"]["disagreements"]),
        f"{scores['repairs']['f1']:.4f}",
        f"{scores['entities']['strict']['f1']:.4f}",
        f"{scores['entities']['partial']['f1']:.4f}",
        f"{scores['entities']['kappa']:.4f}",
    ]


HEADER = ["page", "zone kappa", "zone char F1", "chars differing", "repair F1", "entity strict F1",
          "entity partial F1", "entity token kappa"]


def _rows(result: Mapping[str, Any]) -> list[list[str]]:
    rows = [_row(page, scores) for page, scores in result["pages"].items()]
    return rows + [_row("all pages", result["overall"])]


def _difference_lines(result: Mapping[str, Any]) -> list[str]:
    lines = []
    for page, scores in result["pages"].items():
        diff = scores["differences"]
        for run in diff["zones"]:
            lines.append(f"{page}: zone [{run['start']}:{run['end']}] {run['text']!r}: A {run['a']}, B {run['b']}")
        for side in ("a_only", "b_only"):
            who = side[0].upper()
            for offset in diff["repairs"][side]:
                lines.append(f"{page}: repair at {offset} in {who} only")
            for e in diff["entities"][side]:
                lines.append(f"{page}: entity [{e['start']}:{e['end']}] {e['label']} {e['text']!r} in {who} only")
    for side in ("a_only", "b_only"):
        for page in result[side]:
            lines.append(f"{page}: in {side[0].upper()} only (not compared)")
    return lines


def format_table(result: Mapping[str, Any]) -> str:
    rows = [HEADER, *_rows(result)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    differences = _difference_lines(result)
    lines += ["", "differences:" if differences else "differences: none", *[f"  {d}" for d in differences]]
    return "\n".join(lines) + "\n"


def format_markdown(result: Mapping[str, Any]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in _rows(result)]
    differences = _difference_lines(result)
    lines += ["", "Differences:" if differences else "Differences: none."]
    lines += [f"- {d}" for d in differences]
    return "\n".join(lines) + "\n"
