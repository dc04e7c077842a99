"""Label Studio export and import without the server: offsets in UTF-16 units, the config, the import's checks.

The round trip through a real Label Studio server is in ``test_label_studio.py``.
"""

from __future__ import annotations

import copy
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from browser import dump_dom, requires_chromium
from click.testing import CliRunner

from builder import __version__, api
from builder.annotate import (
    ENTITY_CONTROL,
    REPAIR_CONTROL,
    ZONE_CONTROL,
    from_utf16,
    import_export,
    label_hotkeys,
    make_task,
    record_to_result,
    result_to_record,
    sha256_text,
    utf16_table,
)
from builder.cli import main
from builder.label import load_gold
from builder.model import ENTITY_LABELS, ZONE_LABELS
from builder.read import bundled_gold_dir, bundled_pages_dir, read_page

DATA = Path(__file__).parent / "data" / "annotate"
EMOJI_ID = "900_offsets_outside_the_bmp"
LABEL_KEYS = ("zones", "repairs", "entities")


def emoji_page() -> tuple[str, dict]:
    raw = read_page(DATA / "pages" / f"{EMOJI_ID}.txt").raw
    return raw, load_gold(DATA / "gold")[EMOJI_ID]


def annotated(tasks: list[dict], who: dict | int = 1) -> list[dict]:
    """A Label Studio export of ``tasks`` where an annotator accepted every prediction as it was."""
    export = copy.deepcopy(tasks)
    for n, task in enumerate(export, 1):
        task["id"] = n
        task["annotations"] = [{"id": 100 + n, "completed_by": who, "result": task["predictions"][0]["result"],
                                "was_cancelled": False, "created_at": "2026-12-05T09:00:00Z",
                                "updated_at": "2026-12-05T09:00:00Z"}]
    return export


def test_the_page_really_holds_characters_outside_the_bmp() -> None:
    raw, _ = emoji_page()
    outside = [c for c in raw if ord(c) > 0xFFFF]
    assert len(outside) == 3
    assert len(raw.encode("utf-16-le")) // 2 == len(raw) + 3


def test_offsets_become_utf16_units_and_come_back() -> None:
    raw, gold = emoji_page()
    utf16 = raw.encode("utf-16-le")
    result = record_to_result(gold, raw)
    assert len(result) == len(gold["zones"]) + len(gold["entities"]) + len(gold["repairs"])
    shifted = 0
    for region in result:
        value = region["value"]
        # What a JavaScript front end reads at these offsets: UTF-16 code units.
        assert utf16[2 * value["start"]:2 * value["end"]].decode("utf-16-le") == value["text"]
        shifted += value["start"] != raw.index(value["text"]) if region["from_name"] == ZONE_CONTROL else 0
    assert shifted > 0, "no zone lies after a character outside the BMP"
    record, problems = result_to_record(result, raw, EMOJI_ID, "task")
    assert problems == []
    assert {k: record[k] for k in LABEL_KEYS} == {k: gold[k] for k in LABEL_KEYS}


def test_a_repair_travels_as_the_two_characters_around_the_glue_point() -> None:
    raw, gold = emoji_page()
    (offset,) = [r["offset"] for r in gold["repairs"]]
    (region,) = [r for r in record_to_result(gold, raw) if r["from_name"] == REPAIR_CONTROL]
    assert region["value"]["text"] == raw[offset - 1:offset + 1] == "sd"
    assert region["value"]["labels"] == ["repair"]


def test_an_offset_inside_a_surrogate_pair_is_refused_not_rounded() -> None:
    raw, _ = emoji_page()
    table = utf16_table(raw)
    emoji = raw.index("🌏")
    assert from_utf16(table, table[emoji] + 2) == emoji + 1
    with pytest.raises(ValueError, match="inside a character outside the BMP"):
        from_utf16(table, table[emoji] + 1)
    region = {"id": "bad", "from_name": ZONE_CONTROL, "type": "labels",
              "value": {"start": table[emoji] + 1, "end": table[emoji + 5], "labels": ["title"]}}
    _, problems = result_to_record([region], raw, EMOJI_ID, "task 7")
    assert len(problems) == 1 and problems[0].startswith("task 7: region 'bad'")


@requires_chromium
def test_chromium_reads_the_exported_offsets_as_the_exported_text(tmp_path: Path) -> None:
    """The browser's own String.prototype.substring (what Label Studio's front end uses) on the exported offsets."""
    raw, gold = emoji_page()
    regions = [r["value"] for r in record_to_result(gold, raw)]
    page = tmp_path / "offsets.html"
    script = (f"var raw = {json.dumps(raw)}; var regions = {json.dumps(regions)};"
              "var bad = regions.filter(function (r) { return raw.substring(r.start, r.end) !== r.text; });"
              "document.getElementById('out').textContent = 'checked ' + regions.length + ' bad ' + bad.length;")
    page.write_text(f"<!doctype html><meta charset='utf-8'><p id='out'>not run</p><script>{script}</script>",
                    encoding="utf-8")
    assert f"checked {len(regions)} bad 0" in dump_dom(page)


def test_the_config_has_every_label_with_a_colour_a_hotkey_and_the_guidelines_hint() -> None:
    root = ET.fromstring(api.annotate_config())
    controls = {c.get("name"): c for c in root.iter("Labels")}
    assert set(controls) == {ZONE_CONTROL, ENTITY_CONTROL, REPAIR_CONTROL}
    values = {name: [label.get("value") for label in c.iter("Label")] for name, c in controls.items()}
    assert values == {ZONE_CONTROL: list(ZONE_LABELS), ENTITY_CONTROL: list(ENTITY_LABELS), REPAIR_CONTROL: ["repair"]}
    labels = [label for c in controls.values() for label in c.iter("Label")]
    assert all(label.get("background", "").startswith("#") for label in labels)
    assert all(label.get("hint") for label in labels), [label.get("value") for label in labels if not label.get("hint")]
    hotkeys = [label.get("hotkey") for label in labels]
    assert len(set(hotkeys)) == len(hotkeys) == len(label_hotkeys())
    assert controls[ENTITY_CONTROL].find("Label[@value='PER']").get("hint") == "people"
    (text,) = root.iter("Text")
    assert text.get("name") == "text" and text.get("value") == "$text"


def test_a_round_trip_with_no_edits_gives_back_the_bundled_gold(tmp_path: Path) -> None:
    tasks = api.annotate_export(labels="gold")
    gold = load_gold(bundled_gold_dir())
    assert [t["data"]["page_id"] for t in tasks] == sorted(gold)
    for task in tasks:
        assert task["data"]["sha256"] == sha256_text(task["data"]["text"])
        assert task["predictions"][0]["model_version"] == "gold"
    export = tmp_path / "export.json"
    export.write_text(json.dumps(annotated(tasks, {"id": 1, "email": "anna@example.org"})), encoding="utf-8")
    report = api.annotate_import(export, tmp_path / "gold")
    assert report.ok, report.all_problems()
    imported = load_gold(tmp_path / "gold")
    assert sorted(imported) == sorted(gold)
    for page_id, record in imported.items():
        assert {k: record[k] for k in LABEL_KEYS} == {k: gold[page_id].get(k, []) for k in LABEL_KEYS}
        assert record["annotator"] == "anna@example.org"
        assert record["annotation"]["annotation_id"] > 100 and record["annotation"]["created_at"]
        assert record["annotation"]["pre_annotation"] == "gold"
    result = api.agreement(bundled_gold_dir(), tmp_path / "gold")
    for scores in result["pages"].values():
        assert scores["zones"]["kappa"] == scores["entities"]["kappa"] == 1.0
        assert scores["repairs"]["f1"] == scores["entities"]["strict"]["f1"] == 1.0


def test_silver_export_carries_the_parsing_core_labels() -> None:
    from builder.parse import parse_page

    raw, _ = emoji_page()
    (task,) = api.annotate_export([DATA / "pages"], labels="silver")
    expected = record_to_result(parse_page(raw, EMOJI_ID).to_record(), raw)
    assert task["predictions"][0]["result"] == expected
    assert task["predictions"][0]["model_version"] == f"vna-corpus {__version__}"
    (bare,) = api.annotate_export([DATA / "pages"], labels="none")
    assert "predictions" not in bare and bare["data"]["text"] == raw


def test_a_task_whose_page_changed_is_refused_with_one_line() -> None:
    raw, gold = emoji_page()
    export = annotated([make_task(EMOJI_ID, raw, gold)])
    report = import_export(export, {EMOJI_ID: raw.replace("forum", "Forum", 1)})
    assert report.pages == []
    assert report.problems == [f"task 1 ({EMOJI_ID}): the page's text changed since export (sha256 differs); refused"]


def test_two_annotators_go_to_two_folders_or_one_is_picked(tmp_path: Path) -> None:
    raw, gold = emoji_page()
    export = annotated([make_task(EMOJI_ID, raw, gold)], who=1)
    second = copy.deepcopy(export[0]["annotations"][0])
    second.update(id=555, completed_by=2)
    export[0]["annotations"].append(second)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    pages = DATA / "pages"
    both = api.annotate_import(path, tmp_path / "both", pages=pages)
    assert both.ok and sorted(p.relative_to(tmp_path / "both").as_posix() for p in both.written) == [
        f"user-1/{EMOJI_ID}.json", f"user-2/{EMOJI_ID}.json"]
    one = api.annotate_import(path, tmp_path / "one", pages=pages, annotator="user-2")
    assert [p.name for p in one.written] == [f"{EMOJI_ID}.json"]
    assert load_gold(tmp_path / "one")[EMOJI_ID]["annotation"]["annotation_id"] == 555


def test_every_problem_is_listed_per_page_and_the_page_is_not_written(tmp_path: Path) -> None:
    raw, gold = emoji_page()
    broken = copy.deepcopy(gold)
    del broken["zones"][1]                                   # the lead: its text is left in no zone
    broken["zones"][0]["end"] += 3                           # the title now runs over the line break
    broken["repairs"] = [{"offset": raw.index("l'économie") + 2}]   # "'" + "é": no space may go there
    body = next(z for z in broken["zones"] if z["label"] == "body")
    broken["zones"].append({**body, "start": body["start"] + 3, "label": "caption"})   # lies over the body
    export = annotated([make_task(EMOJI_ID, raw, broken)])
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = CliRunner().invoke(main, ["annotate", "import", str(path), "--pages", str(DATA / "pages"),
                                       "--out", str(tmp_path / "gold")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert all(f"{EMOJI_ID}.json (user-1): " in line for line in errors)
    assert any("crosses a line break" in line for line in errors)
    assert any("is in no zone" in line for line in errors)
    assert any("is not a glued boundary" in line for line in errors)
    assert any("overlaps the zone before it" in line for line in errors)
    assert "1 pages with problems not written" in result.output
    assert not (tmp_path / "gold" / f"{EMOJI_ID}.json").exists()


def test_a_repair_region_of_the_wrong_width_is_named() -> None:
    raw, gold = emoji_page()
    result = record_to_result(gold, raw)
    (region,) = [r for r in result if r["from_name"] == REPAIR_CONTROL]
    region["value"]["end"] += 1
    region["value"]["text"] = raw.encode("utf-16-le")[2 * region["value"]["start"]:2 * region["value"]["end"]] \
        .decode("utf-16-le")
    record, problems = result_to_record(result, raw, EMOJI_ID, "task 3")
    assert record["repairs"] == []
    assert problems == ["task 3: repair region 'repair-0' [237:240] 'sdé' must span the two characters around the "
                        "lost space"]


def test_the_cli_writes_the_config_and_the_tasks(tmp_path: Path) -> None:
    runner = CliRunner()
    config = runner.invoke(main, ["annotate", "config"])
    assert config.exit_code == 0 and config.output == api.annotate_config()
    pages = tmp_path / "pages"
    shutil.copytree(DATA / "pages", pages)
    shutil.copy(bundled_pages_dir() / "000_5b3fb5f38518c9b8.txt", pages)
    out = tmp_path / "tasks.json"
    result = runner.invoke(main, ["annotate", "export", str(pages), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote 2 tasks to {out}\n"
    assert [t["data"]["page_id"] for t in json.loads(out.read_text(encoding="utf-8"))] == [
        "000_5b3fb5f38518c9b8", EMOJI_ID]


def test_the_readme_loop_runs_as_written(tmp_path: Path, monkeypatch) -> None:
    """The "Growing the gold" block, line by line, with the Label Studio step done by accepting every
    pre-annotation (the real server is in test_label_studio.py)."""
    import re
    import shlex

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Growing the gold"):]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    lines = [line for line in block.splitlines() if line.startswith("vna-corpus ")]
    assert [line.split()[1] for line in lines] == ["annotate", "annotate", "annotate", "validate-gold", "agreement",
                                                   "view"]
    (tmp_path / "builder").symlink_to(Path(__file__).resolve().parent.parent / "builder")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for line in lines:
        if line.startswith("vna-corpus annotate import"):
            tasks = json.loads(Path("tasks.json").read_text(encoding="utf-8"))
            Path("export.json").write_text(json.dumps(annotated(tasks)), encoding="utf-8")
        command, _, redirect = line.partition(" > ")
        result = runner.invoke(main, shlex.split(command)[1:])
        assert result.exit_code == 0, (line, result.output)
        if redirect:
            Path(redirect).write_text(result.output, encoding="utf-8")
    assert ET.fromstring(Path("label_config.xml").read_text(encoding="utf-8")).tag == "View"
    assert sorted(p.stem for p in Path("gold-new").glob("*.json")) == sorted(load_gold(bundled_gold_dir()))
    assert Path("view.html").read_text(encoding="utf-8").count('class="layer"') == 10
