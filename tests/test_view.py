"""The HTML viewer opened in headless Chromium, as a reader opens it: zones in the DOM, no injected script runs,
differences outlined, a picture that is not blank."""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import dump_dom, is_blank, requires_chromium, screenshot
from click.testing import CliRunner

from builder import api
from builder.annotate import label_colours
from builder.cli import main
from builder.label import load_gold
from builder.model import ENTITY_LABELS, ZONE_LABELS
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page

GOLD = load_gold(bundled_gold_dir())
SKIPPED = {"ent-label", "repair-mark"}      # text the viewer adds (entity labels, the repair mark)


class Regions(HTMLParser):
    """Zone spans and entity marks of a viewer DOM, per page and layer, with the page text inside each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []
        self.stack: list[tuple[str, dict | None, bool]] = []
        self.page = self.layer = None
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        self.scripts += tag == "script"
        if tag == "section" and "page" in classes:
            self.page = attrs["data-page"]
        if "layer" in classes:
            self.layer = attrs["data-layer"]
        region = None
        if classes & {"zone", "ent"}:
            region = {"kind": "zone" if "zone" in classes else "entity", "page": self.page, "layer": self.layer,
                      "label": attrs["data-label"], "start": int(attrs["data-start"]), "end": int(attrs["data-end"]),
                      "diff": "diff" in classes, "text": ""}
            self.found.append(region)
        skipped = bool(classes & SKIPPED) or any(s for _, _, s in self.stack[-1:])
        self.stack.append((tag, region, skipped))

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][2]:
            return
        for _, region, _ in self.stack:
            if region is not None:
                region["text"] += data


def regions(dom: str) -> Regions:
    parser = Regions()
    parser.feed(dom)
    return parser


@pytest.fixture(scope="module")
def predictions(tmp_path_factory) -> Path:
    """The parsing core's labels with one zone boundary moved and one entity added on page 000."""
    from builder.parse import parse_page

    path = tmp_path_factory.mktemp("pred") / "preds.jsonl"
    lines = []
    for page_id in sorted(GOLD):
        record = copy.deepcopy(GOLD[page_id])
        record.pop("annotator"), record.pop("guidelines_version")
        if page_id.startswith("000"):
            record["zones"][0]["end"] -= 7                       # the title loses its last word
            record["zones"][0]["text"] = record["zones"][0]["text"][:-7]
            raw = read_page(bundled_pages_dir() / f"{page_id}.txt").raw
            start = raw.index("coordination")
            record["entities"].append({"start": start, "end": start + 12, "label": "MISC", "text": "coordination"})
            record["entities"].sort(key=lambda e: e["start"])
        else:
            record = parse_page(read_page(bundled_pages_dir() / f"{page_id}.txt").raw, page_id).to_record()
            record["zones"], record["entities"] = GOLD[page_id]["zones"], GOLD[page_id]["entities"]
            record["repairs"] = GOLD[page_id]["repairs"]
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gold_view(tmp_path_factory, predictions) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("view") / "view.html"
    api.view([bundled_pages_dir()], out, gold=bundled_gold_dir(), pred=predictions)
    return out, dump_dom(out) if _has_chromium() else ""


def _has_chromium() -> bool:
    from browser import find_chromium

    return find_chromium() is not None


def test_the_file_loads_nothing_from_outside(gold_view) -> None:
    html = gold_view[0].read_text(encoding="utf-8")
    for needle in ("http://", "https://", "src=", "<link", "@import", "url("):
        assert needle not in html, needle
    assert "default-src 'none'" in html


@requires_chromium
def test_every_gold_zone_and_entity_is_in_the_dom_with_its_label(gold_view) -> None:
    found = regions(gold_view[1]).found
    for page_id, record in GOLD.items():
        raw = read_page(bundled_pages_dir() / f"{page_id}.txt").raw
        for kind, items in (("zone", record["zones"]), ("entity", record["entities"])):
            shown = [(r["start"], r["end"], r["label"]) for r in found
                     if r["page"] == page_id and r["layer"] == "gold" and r["kind"] == kind]
            assert shown == [(z["start"], z["end"], z["label"]) for z in items], (page_id, kind)
        zone_texts = [r["text"] for r in found if r["page"] == page_id and r["layer"] == "gold" and r["kind"] == "zone"]
        assert zone_texts == [raw[z["start"]:z["end"]] for z in record["zones"]]


@requires_chromium
def test_the_differences_and_only_they_are_outlined(gold_view) -> None:
    outlined = {(r["page"], r["layer"], r["kind"], r["label"]) for r in regions(gold_view[1]).found if r["diff"]}
    page = "000_5b3fb5f38518c9b8"
    assert outlined == {(page, "gold", "zone", "title"), (page, "predictions", "zone", "title"),
                        (page, "predictions", "entity", "MISC")}
    assert 'data-page="000_5b3fb5f38518c9b8" data-differences="3"' in gold_view[1]
    assert 'data-page="001_3fb93719fb058c44" data-differences="0"' in gold_view[1]


@requires_chromium
def test_the_legend_lists_every_label(gold_view) -> None:
    dom = gold_view[1]
    legend = dom[dom.index('id="legend"'):dom.index("</div>", dom.index('id="legend"'))]
    for label in (*ZONE_LABELS, *ENTITY_LABELS):
        assert f">{label}</span>" in legend


@requires_chromium
def test_page_text_holding_markup_is_shown_as_text_and_runs_no_script(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    hostile = ("Un titre <script>document.title='pwned';document.body.innerHTML='gone'</script> pour voir\n\n"
               "Le chapeau </div></section><img src=x onerror=\"document.title='img'\"> & fin.\n\n"
               "Hanoï (VNA) – Le texte <b>gras</b> reste du texte.-VNA\n")
    (pages / "777_markup.txt").write_text(hostile, encoding="utf-8")
    out = tmp_path / "view.html"
    result = CliRunner().invoke(main, ["view", str(pages), "--out", str(out)])
    assert result.exit_code == 0, result.output
    dom = dump_dom(out)
    assert "<title>vna-corpus pages</title>" in dom
    found = regions(dom)
    assert found.scripts == 1                                    # the viewer's own
    assert "<img" not in dom and "<b>" not in dom
    assert "&lt;script&gt;document.title='pwned'" in dom
    assert "&lt;/div&gt;&lt;/section&gt;&lt;img src=x" in dom
    zones = [r for r in found.found if r["kind"] == "zone"]
    assert zones and all(r["layer"] == "silver" for r in zones)
    assert "".join(r["text"] for r in zones).count("<script>") == 1


@requires_chromium
def test_the_viewer_script_runs_and_the_picture_is_not_blank(tmp_path: Path, gold_view) -> None:
    png = screenshot(gold_view[0], tmp_path / "view.png", 1280, 900)
    assert not is_blank(png)
    from PIL import Image

    with Image.open(png) as image:
        colours = {colour for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    title = label_colours()["title"]
    assert tuple(int(title[i:i + 2], 16) for i in (1, 3, 5)) in colours     # the title zones' underline


def test_a_built_dataset_is_shown_with_its_own_labels(built, tmp_path: Path) -> None:
    _, folder = built
    out = api.view([folder], tmp_path / "dataset.html")
    html = out.read_text(encoding="utf-8")
    found = regions(html).found
    assert {r["layer"] for r in found} == {"gold"}
    for page_id, record in GOLD.items():
        for kind, items in (("zone", record["zones"]), ("entity", record["entities"])):
            shown = [(r["start"], r["end"], r["label"]) for r in found if r["page"] == page_id and r["kind"] == kind]
            assert shown == [(z["start"], z["end"], z["label"]) for z in items], (page_id, kind)
        repairs = [int(x.split('"')[0]) for x in html.split(f'id="page-{page_id}"')[1].split("</section>")[0]
                   .split('data-offset="')[1:]]
        assert repairs == [r["offset"] for r in record["repairs"]]
