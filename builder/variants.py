"""Layout variants of the gold pages, with gold by construction: the robustness suite of the zone step.

Real crawls are not all shaped like the sample pages: the head or the tail is cut, the headline, the standfirst,
the captions or the ``Voir plus`` line are missing, blank lines are lost or multiplied, the site's footer comes
along. Each variant here is made from a gold page by one such cut, and its gold is made from the page's gold by
the same cut, so it is exact: a kept zone is moved by the text removed before it, a zone the cut goes through
is clipped (cut mid-word, it keeps its label), a removed line takes its zones with it, an appended footer line
is one ``boilerplate`` zone. Pure functions; :func:`score_variants` scores the zone step on every kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.parse.zones import split_lines

#: A footer in the partner site's style (names, address and numbers invented for the suite).
FOOTER_LINES = (
    "Le Courrier du Vietnam",
    "Rédactrice en chef : Trân Thi Lan Anh",
    "Adresse : 79, rue des Pêcheurs, district de Hoàn Kiêm, Hanoï",
    "Tél : (84-24) 3800 0000",
    "Email : redaction@example.vn",
    "Partager",
    "Imprimer",
    "back to top",
    "© Agence Vietnamienne d'Information. Tous droits réservés.",
)
#: Where the tail cuts fall, as fractions of the page (each moved forward to the middle of a word).
TAIL_CUTS = (0.2, 0.4, 0.6, 0.8, 0.95)

KINDS = ("head_cut", "tail_cut", "no_more_header", "no_title", "no_lead", "no_captions", "no_blank_lines",
         "blank_lines_tripled", "footer_appended")

Zones = Sequence[Mapping[str, Any]]
#: A piece of a variant: a span ``(start, end)`` of the page kept as it is, or new text and its label (or None).
Piece = tuple[int, int] | tuple[str, str | None]


@dataclass(frozen=True)
class Variant:
    """A page derived from a gold page by one cut, and its gold zones derived by the same cut."""

    page_id: str
    kind: str
    name: str
    raw: str
    zones: tuple[dict[str, Any], ...]


def rebuild(raw: str, zones: Zones, pieces: Sequence[Piece]) -> tuple[str, list[dict[str, Any]]]:
    """The text made of ``pieces`` and the gold zones that follow from them (clipped, moved, merged when whole)."""
    ordered = sorted(zones, key=lambda z: z["start"])
    text: list[str] = []
    out: list[dict[str, Any]] = []
    at = 0
    for piece in pieces:
        a, b = piece
        if isinstance(a, str):
            if a and b is not None:
                start = at + len(a) - len(a.lstrip())
                end = at + len(a.rstrip())
                if start < end:
                    out.append({"start": start, "end": end, "label": b})
            text.append(a)
            at += len(a)
            continue
        for zone in ordered:
            lo, hi = max(zone["start"], a), min(zone["end"], b)
            if lo >= hi:
                continue
            piece_text = raw[lo:hi]
            lo += len(piece_text) - len(piece_text.lstrip())
            hi -= len(piece_text) - len(piece_text.rstrip())
            if lo >= hi:
                continue
            start, end = at + lo - a, at + hi - a
            if out and out[-1]["label"] == zone["label"] and out[-1]["end"] == start and \
                    out[-1].get("_zone") is zone:
                out[-1]["end"] = end
            else:
                out.append({"start": start, "end": end, "label": zone["label"], "_zone": zone})
        text.append(raw[a:b])
        at += b - a
    new_raw = "".join(text)
    return new_raw, [{"start": z["start"], "end": z["end"], "label": z["label"],
                      "text": new_raw[z["start"] : z["end"]]} for z in out]


def _labels_by_line(raw: str, zones: Zones) -> list[tuple[int, int, set[str]]]:
    """Each non-blank line's span (to the next line's start, blank lines included) and the labels on it."""
    lines = split_lines(raw)
    result = []
    for k, line in enumerate(lines):
        stop = lines[k + 1].start if k + 1 < len(lines) else len(raw)
        labels = {z["label"] for z in zones if z["start"] < line.end and z["end"] > line.start}
        result.append((line.start, stop, labels))
    return result


def _without_lines(raw: str, zones: Zones, drop: set[str]) -> tuple[str, list[dict[str, Any]]] | None:
    """The page without its lines labelled with one of ``drop`` (None if it has none)."""
    lines = _labels_by_line(raw, zones)
    kept = [(a, b) for a, b, labels in lines if not labels & drop]
    if len(kept) == len(lines) or not kept:
        return None
    first = lines[0][0]
    return rebuild(raw, zones, [(0, first), *kept] if first else kept)


def _mid_word(raw: str, at: int) -> int | None:
    """The first place at or after ``at`` between two word characters of one word."""
    for p in range(max(at, 1), len(raw)):
        if raw[p - 1].isalnum() and raw[p].isalnum():
            return p
    return None


def derive_variants(page_id: str, raw: str, zones: Zones) -> Iterator[Variant]:
    """Every variant of one gold page (see :data:`KINDS`)."""
    def variant(kind: str, name: str, made: tuple[str, list[dict[str, Any]]] | None) -> Iterator[Variant]:
        if made is not None:
            yield Variant(page_id, kind, f"{page_id}~{name}", made[0], tuple(made[1]))

    lines = _labels_by_line(raw, zones)
    # The head cut at each line up to the first body paragraph (a page that starts at the lead, the caption,
    # the dateline, a body line).
    for k, (start, _, labels) in enumerate(lines):
        if k:
            yield from variant("head_cut", f"head{k}", rebuild(raw, zones, [(start, len(raw))]))
        if labels & {"body", "dateline"}:
            break
    for fraction in TAIL_CUTS:
        at = _mid_word(raw, int(len(raw) * fraction))
        if at is not None:
            yield from variant("tail_cut", f"tail{int(fraction * 100)}", rebuild(raw, zones, [(0, at)]))
    yield from variant("no_more_header", "no-more-header", _without_lines(raw, zones, {"more_header"}))
    yield from variant("no_title", "no-title", _without_lines(raw, zones, {"title"}))
    yield from variant("no_lead", "no-lead", _without_lines(raw, zones, {"lead"}))
    yield from variant("no_captions", "no-captions", _without_lines(raw, zones, {"caption"}))
    # Blank lines between paragraphs removed, or tripled.
    page_lines = split_lines(raw)
    squeezed: list[Piece] = [(0, page_lines[0].start)]
    tripled: list[Piece] = [(0, page_lines[0].start)]
    for k, line in enumerate(page_lines):
        squeezed.append((line.start, line.end))
        tripled.append((line.start, line.end))
        if k + 1 < len(page_lines):
            gap_end = page_lines[k + 1].start
            squeezed.append(("\n", None))
            tripled.append((line.end, gap_end))
            if raw.count("\n", line.end, gap_end) >= 2:
                tripled.append(("\n\n", None))
        else:
            squeezed.append((line.end, len(raw)))
            tripled.append((line.end, len(raw)))
    yield from variant("no_blank_lines", "no-blank-lines", rebuild(raw, zones, squeezed))
    yield from variant("blank_lines_tripled", "blank-lines-tripled", rebuild(raw, zones, tripled))
    # The site's footer appended.
    body_end = len(raw.rstrip())
    footer: list[Piece] = [(0, body_end), ("\n\n", None)]
    for line in FOOTER_LINES:
        footer += [(line, "boilerplate"), ("\n", None)]
    yield from variant("footer_appended", "footer", rebuild(raw, zones, footer))


def gold_variants(gold: Mapping[str, Mapping[str, Any]], raws: Mapping[str, str]) -> list[Variant]:
    """The variants of every gold page, in page order then kind order."""
    return [v for page_id in sorted(gold) for v in derive_variants(page_id, raws[page_id], gold[page_id]["zones"])]


def variant_corpus(gold: Mapping[str, Mapping[str, Any]], raws: Mapping[str, str]) -> tuple[dict, dict]:
    """The variants as a gold corpus ``(records, raws)`` keyed by variant name, for the evaluation harness.

    Variant gold holds zones only (a cut derives zone gold exactly; repairs and entities are not carried over).
    """
    records: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    for v in gold_variants(gold, raws):
        records[v.name] = {"id": v.name, "zones": [dict(z) for z in v.zones]}
        texts[v.name] = v.raw
    return records, texts


def score_variants(variants: Sequence[Variant]) -> dict[str, dict[str, Any]]:
    """Zone character P/R/F1 of the zone step (:func:`builder.parse.zones.segment`) per variant kind.

    Each kind's figure is micro-averaged over its pages with :mod:`builder.score.zones`; ``worst`` names the page
    of the kind that scores lowest.
    """
    from builder.parse.zones import segment
    from builder.score.zones import character_counts, summarize_characters

    totals: dict[str, Counter] = {}
    pages: Counter = Counter()
    worst: dict[str, tuple[float, str]] = {}
    for v in variants:
        predicted = [{"start": z.start, "end": z.end, "label": z.label} for z in segment(v.raw)[0]]
        counts = character_counts(v.raw, v.zones, predicted)
        totals.setdefault(v.kind, Counter()).update(counts)
        pages[v.kind] += 1
        f1 = summarize_characters(counts)["micro"]["f1"]
        if v.kind not in worst or f1 < worst[v.kind][0]:
            worst[v.kind] = (f1, v.name)
    result = {}
    for kind in [k for k in KINDS if k in totals]:
        micro = summarize_characters(totals[kind])["micro"]
        result[kind] = {"pages": pages[kind], "precision": micro["precision"], "recall": micro["recall"],
                        "f1": micro["f1"], "worst_page": worst[kind][1], "worst_f1": worst[kind][0]}
    return result


def format_variant_scores(result: Mapping[str, Mapping[str, Any]]) -> str:
    """The per-kind table as Markdown."""
    rows = ["| variant kind | pages | precision | recall | zone char-F1 | worst page (F1) |",
            "|---|---:|---:|---:|---:|---|"]
    for kind, r in result.items():
        rows.append(f"| `{kind}` | {r['pages']} | {r['precision']:.3f} | {r['recall']:.3f} | **{r['f1']:.3f}** | "
                    f"{r['worst_page']} ({r['worst_f1']:.3f}) |")
    return "\n".join(rows)
