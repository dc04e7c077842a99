"""A page viewer: one self-contained HTML file (inline CSS and JavaScript, no network) to read labels on the text.

Each page shows its raw text with zones coloured by label, a mark where each repair puts a space back, and
entities highlighted with their label (the look of spaCy's displaCy), then the parser's warnings. Given two label
sets (gold and predictions), they are shown side by side and what one has and the other lacks is outlined.
Every piece of page text goes through :func:`html.escape`: a page holding ``<script>`` shows it as text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from builder.annotate import REPAIR_COLOUR, label_colours
from builder.model import ENTITY_LABELS, ZONE_LABELS


@dataclass
class Layer:
    """One label set of a page (gold, silver, predictions): a name and a gold-schema record."""

    name: str
    record: Mapping[str, Any]


@dataclass
class PageView:
    """What the viewer shows for one page."""

    id: str
    raw: str
    layers: list[Layer]
    warnings: list[str] = field(default_factory=list)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _css_name(label: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in label)


def _key(item: Mapping[str, Any]) -> tuple:
    return (item["start"], item["end"], item["label"])


def render_text(raw: str, record: Mapping[str, Any], other: Mapping[str, Any] | None = None) -> str:
    """The raw text as HTML: zone spans, entity marks, repair marks; with ``other``, what it lacks is outlined."""
    zones = sorted(record.get("zones", []), key=_key)
    entities = sorted(record.get("entities", []), key=_key)
    repairs = sorted({r["offset"] for r in record.get("repairs", [])})
    other_zones = {_key(z) for z in other.get("zones", [])} if other is not None else None
    other_entities = {_key(e) for e in other.get("entities", [])} if other is not None else None
    other_repairs = {r["offset"] for r in other.get("repairs", [])} if other is not None else None
    cuts = {0, len(raw), *repairs}
    for item in (*zones, *entities):
        cuts.update((max(0, min(item["start"], len(raw))), max(0, min(item["end"], len(raw)))))
    cuts.update(i + 1 for i, c in enumerate(raw) if c == "\n")
    points = sorted(cuts)
    repair_set = set(repairs)

    def covering(items: Sequence[Mapping[str, Any]], offset: int) -> int | None:
        for i, item in enumerate(items):
            if item["start"] <= offset < item["end"]:
                return i
        return None

    out: list[str] = []
    open_zone: int | None = None
    open_entity: int | None = None

    def close_entity() -> None:
        nonlocal open_entity
        if open_entity is not None:
            entity = entities[open_entity]
            out.append(f'<span class="ent-label">{_esc(entity["label"])}</span></mark>')
            open_entity = None

    def close_zone() -> None:
        nonlocal open_zone
        close_entity()
        if open_zone is not None:
            out.append("</span>")
            open_zone = None

    for start, end in zip(points, points[1:]):
        if start in repair_set:
            diff = " diff" if other_repairs is not None and start not in other_repairs else ""
            out.append(f'<span class="repair{diff}" data-offset="{start}" title="a space goes back here">'
                       '<span class="repair-mark">␣</span></span>')
        piece = raw[start:end]
        zone = covering(zones, start)
        entity = covering(entities, start)
        if zone != open_zone:
            close_zone()
            if zone is not None:
                z = zones[zone]
                diff = " diff" if other_zones is not None and _key(z) not in other_zones else ""
                out.append(f'<span class="zone z-{_css_name(z["label"])}{diff}" data-label="{_esc(z["label"])}" '
                           f'data-start="{z["start"]}" data-end="{z["end"]}" title="{_esc(z["label"])}">')
                open_zone = zone
        if entity != open_entity:
            close_entity()
            if entity is not None:
                e = entities[entity]
                diff = " diff" if other_entities is not None and _key(e) not in other_entities else ""
                out.append(f'<mark class="ent e-{_css_name(e["label"])}{diff}" data-label="{_esc(e["label"])}" '
                           f'data-start="{e["start"]}" data-end="{e["end"]}">')
                open_entity = entity
        uncovered = zone is None and piece.strip()
        out.append(f'<span class="uncovered">{_esc(piece)}</span>' if uncovered else _esc(piece))
    close_zone()
    return "".join(out)


def _differences(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, int]:
    def keys(record: Mapping[str, Any], kind: str) -> set:
        if kind == "repairs":
            return {r["offset"] for r in record.get("repairs", [])}
        return {_key(item) for item in record.get(kind, [])}

    return {kind: len(keys(a, kind) ^ keys(b, kind)) for kind in ("zones", "repairs", "entities")}


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.5em 1em;z-index:2}
h1{font-size:1.2em;margin:.2em 0}
h2{font-size:1.05em;margin:.2em 0 .5em}
.legend span{display:inline-block;margin:2px 4px 2px 0;padding:1px 6px;border-radius:3px;font-size:.8em}
nav{font-size:.85em;margin:.3em 0}
nav a{margin-right:.8em}
main{padding:0 1em}
section.page{background:#fff;border:1px solid #ddd;border-radius:6px;margin:1em 0;padding:.6em 1em}
.layers{display:flex;gap:1em;align-items:flex-start}
.layer{flex:1;min-width:0}
.layer h3{font-size:.9em;margin:.2em 0;color:#555}
.text{white-space:pre-wrap;line-height:2.1;font-size:.92em;overflow-wrap:anywhere}
.zone{border-radius:3px;padding:2px 0;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.zone.diff{outline:2px dashed #d00;outline-offset:1px}
mark.ent{padding:.15em .3em;margin:0 .1em;border-radius:.35em;line-height:1;box-decoration-break:clone;
 -webkit-box-decoration-break:clone;color:#111}
mark.ent.diff{outline:2px solid #d00}
.ent-label{font-size:.6em;font-weight:bold;text-transform:uppercase;margin-left:.4em;vertical-align:middle}
.repair{position:relative}
.repair-mark{color:%(repair)s;font-weight:bold;font-size:.9em;margin:0 1px}
.repair.diff .repair-mark{background:#fdd;outline:1px solid #d00}
.uncovered{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#fcc 3px,#fcc 6px)}
.warnings{color:#8a4b00;font-size:.85em}
.summary{font-size:.85em;color:#444}
.hidden{display:none}
"""

SCRIPT = """
(function(){
  var box=document.getElementById('filter');
  var onlyDiff=document.getElementById('only-diff');
  function apply(){
    var q=box.value.toLowerCase();
    document.querySelectorAll('section.page').forEach(function(s){
      var show=s.getAttribute('data-page').toLowerCase().indexOf(q)>=0;
      if(onlyDiff && onlyDiff.checked){show=show && s.getAttribute('data-differences')!=='0';}
      s.classList.toggle('hidden',!show);
    });
  }
  box.addEventListener('input',apply);
  if(onlyDiff){onlyDiff.addEventListener('change',apply);}
})();
"""


def _legend() -> str:
    zones = "".join(f'<span class="z-{_css_name(label)}">{_esc(label)}</span>' for label in ZONE_LABELS)
    entities = "".join(f'<span class="e-{_css_name(label)}">{_esc(label)}</span>' for label in ENTITY_LABELS)
    return (f'<div class="legend" id="legend">zones: {zones}<br>entities: {entities} '
            f'<span style="color:{REPAIR_COLOUR}">␣ repair (a space goes back)</span> '
            '<span style="outline:2px dashed #d00">in one set only</span></div>')


def _label_css() -> str:
    colours = label_colours()
    # Zones are a light wash with a coloured underline, so the entities' full colours stand out on them.
    rules = [f".z-{_css_name(label)}{{background:{colours[label]}66;border-bottom:3px solid {colours[label]}}}"
             for label in ZONE_LABELS]
    rules += [f".e-{_css_name(label)}{{background:{colours[label]};border:1px solid #0003}}" for label in ENTITY_LABELS]
    return "\n".join(rules)


def _count(n: int, plural: str) -> str:
    """``1 zone``, ``2 zones``; ``entities`` -> ``entity``."""
    singular = plural[:-3] + "y" if plural.endswith("ies") else plural[:-1]
    return f"{n} {singular if n == 1 else plural}"


def render_page(page: PageView) -> str:
    """One page's section: its layers side by side, differences outlined when there are two."""
    two = len(page.layers) == 2
    differences = _differences(page.layers[0].record, page.layers[1].record) if two else {}
    parts = [f'<section class="page" id="page-{_esc(page.id)}" data-page="{_esc(page.id)}" '
             f'data-differences="{sum(differences.values())}">',
             f"<h2>{_esc(page.id)}</h2>"]
    if two:
        names = f"{_esc(page.layers[0].name)} / {_esc(page.layers[1].name)}"
        counts = ", ".join(_count(n, kind) for kind, n in differences.items())
        parts.append(f'<p class="summary">in one of {names} only: {counts}</p>')
    parts.append('<div class="layers">')
    for i, layer in enumerate(page.layers):
        other = page.layers[1 - i].record if two else None
        record = layer.record
        summary = ", ".join(_count(len(record.get(kind, [])), kind) for kind in ("zones", "repairs", "entities"))
        parts.append(f'<div class="layer" data-layer="{_esc(layer.name)}"><h3>{_esc(layer.name)}: {summary}</h3>'
                     f'<div class="text">{render_text(page.raw, record, other)}</div></div>')
    parts.append("</div>")
    if page.warnings:
        items = "".join(f"<li>{_esc(w)}</li>" for w in page.warnings)
        parts.append(f'<div class="warnings">warnings:<ul>{items}</ul></div>')
    parts.append("</section>")
    return "\n".join(parts)


def render_html(pages: Sequence[PageView], title: str = "vna-corpus pages") -> str:
    """The whole viewer: one HTML document with its CSS and JavaScript inline; it loads nothing."""
    two = any(len(p.layers) == 2 for p in pages)
    nav = "".join(f'<a href="#page-{_esc(p.id)}">{_esc(p.id)}</a>' for p in pages)
    only_diff = ('<label><input type="checkbox" id="only-diff"> only pages with differences</label>' if two else "")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        # No network: the page may load nothing but its own inline parts.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">",
        f"<title>{_esc(title)}</title>",
        f"<style>{STYLE % {'repair': REPAIR_COLOUR}}\n{_label_css()}</style></head><body>",
        f"<header><h1>{_esc(title)}</h1>{_legend()}",
        f'<div><input id="filter" placeholder="filter pages by id" size="30"> {only_diff} '
        f"{len(pages)} pages</div><nav>{nav}</nav></header>",
        "<main>",
        *[render_page(page) for page in pages],
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body></html>",
        "",
    ])


def page_views(raws: Mapping[str, str], layers: Mapping[str, Mapping[str, Mapping[str, Any]]],
               warnings: Mapping[str, Sequence[str]]) -> list[PageView]:
    """Pages in id order with the label sets that have them (``layers``: name -> records by page id)."""
    views = []
    for page_id in sorted(raws):
        page_layers = [Layer(name, records[page_id]) for name, records in layers.items() if page_id in records]
        missing = [name for name, records in layers.items() if page_id not in records]
        notes = [f"no {name} labels for this page" for name in missing]
        views.append(PageView(page_id, raws[page_id], page_layers, [*notes, *warnings.get(page_id, ())]))
    return views


def dataset_records(folder: Any) -> tuple[dict[str, str], dict[str, dict[str, dict[str, Any]]]]:
    """Raw texts and label sets of a built dataset folder: its rows' zones, repairs and entities, grouped by their
    ``label_source`` (gold or silver)."""
    from pathlib import Path

    import pyarrow.dataset as ds

    folder = Path(folder)

    def rows(config: str) -> list[dict[str, Any]]:
        path = folder / "data" / config
        return ds.dataset(str(path), format="parquet").to_table().to_pylist() if path.is_dir() else []

    raws: dict[str, str] = {}
    by_page: dict[str, dict[str, Any]] = {}
    sources: dict[str, str] = {}
    for row in rows("segmentation"):
        raws[row["id"]] = row["raw"]
        sources[row["id"]] = row["label_source"]
        zones = [{"start": z["start"], "end": z["end"], "label": ZONE_LABELS[z["label"]]} for z in row["zones"]]
        by_page[row["id"]] = {"id": row["id"], "zones": zones, "repairs": [], "entities": []}
    for row in rows("repair"):
        if row["page_id"] in by_page:
            by_page[row["page_id"]]["repairs"] += [{"offset": row["start"] + o} for o in row["repair_offsets"]]
    for row in rows("entities"):
        if row.get("page_id") in by_page:
            by_page[row["page_id"]]["entities"] += [
                {"start": e["start"], "end": e["end"], "label": ENTITY_LABELS[e["label"]]} for e in row["entities"]]
    layers: dict[str, dict[str, dict[str, Any]]] = {}
    for page_id, record in by_page.items():
        layers.setdefault(sources[page_id], {})[page_id] = record
    return raws, layers
