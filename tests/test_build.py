"""The build: output folder, card, Croissant file, CLI, determinism."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from huggingface_hub import DatasetCard

import builder.build
from builder.api import BuildError, CardSection, build
from builder.card import ZONE_LABEL_DOCS
from builder.cli import main
from builder.model import ZONE_LABELS
from builder.read import bundled_pages_dir
from builder.split import SPLIT_NAMES
from builder.steps import STEP_NAMES
from builder.write import CONFIGS

PAGE_COUNT = len(list(bundled_pages_dir().glob("*.txt")))


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- what a build writes ----------------------------------------------------------------


def test_build_writes_a_dataset_repository(built):
    report, folder = built
    assert (folder / "README.md").is_file() and (folder / "croissant.json").is_file()
    assert (folder / "rejects.jsonl").read_text(encoding="utf-8") == ""
    assert report.pages_in == PAGE_COUNT == report.pages_written + report.pages_rejected
    assert sum(report.splits.values()) == report.pages_written
    for spec in CONFIGS:
        for split in SPLIT_NAMES:
            files = sorted(p.name for p in (folder / "data" / spec.name).glob(f"{split}-*.parquet"))
            assert len(files) == (1 if report.rows[spec.name][split] else 0)
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")], "no staging folder left"


def test_every_step_counts_every_input(built):
    report, _ = built
    assert [s.name for s in report.steps] == list(STEP_NAMES)
    assert report.steps[0].total == report.pages_in
    for before, after in zip(report.steps, report.steps[1:]):
        assert after.total == before.forwarded
        assert before.total == before.forwarded + sum(before.dropped.values())
    assert report.steps[-1].forwarded == report.pages_written


def test_card_yaml_carries_every_field(built):
    report, folder = built
    data = DatasetCard.load(folder / "README.md").data.to_dict()
    for key in ("pretty_name", "language", "license", "task_categories", "task_ids", "size_categories",
                "annotations_creators", "source_datasets"):
        assert data.get(key), key
    assert data["language"] == ["fr"]
    configs = {c["config_name"]: c for c in data["configs"]}
    assert list(configs) == [spec.name for spec in CONFIGS]
    assert configs["pages"]["default"] is True
    infos = {info["config_name"]: info for info in data["dataset_info"]}
    for spec in CONFIGS:
        written = [s for s in SPLIT_NAMES if report.rows[spec.name][s]]
        assert [f["split"] for f in configs[spec.name]["data_files"]] == written
        assert {s["name"]: s["num_examples"] for s in infos[spec.name]["splits"]} == \
            {s: report.rows[spec.name][s] for s in written}
        assert [f["name"] for f in infos[spec.name]["features"]] == list(spec.features)
    zones = next(f for f in infos["segmentation"]["features"] if f["name"] == "zones")
    label = next(f for f in zones["list"] if f["name"] == "label")
    assert list(label["dtype"]["class_label"]["names"].values()) == list(ZONE_LABELS)


def test_card_body_reports_this_build(built):
    report, folder = built
    text = DatasetCard.load(folder / "README.md").text
    for heading in ("Summary", "How to load", "Dataset structure", "Label sets", "Statistics",
                    "Collection and processing", "Known limitations", "Version and changelog", "Citation"):
        assert f"\n## {heading}\n" in text, heading
    assert f"{report.pages_in} input pages, of which {report.pages_written} are in the dataset" in text
    assert list(ZONE_LABEL_DOCS) == list(ZONE_LABELS)
    for label in ZONE_LABELS:
        row = rf"\| `{label}` \| {re.escape(ZONE_LABEL_DOCS[label])} \| {report.zone_counts.get(label, 0)} \|"
        assert re.search(row, text), label
    for spec in CONFIGS:
        for column, doc in spec.columns.items():
            assert f"| `{column}` |" in text and doc in text
    for step in report.steps:
        assert f"| {step.name} | {step.total} | {step.forwarded} |" in text
    assert f"version **{report.version}**" in text


def test_the_card_loading_example_runs(built, tmp_path, monkeypatch, capsys):
    import datasets

    _, folder = built
    text = DatasetCard.load(folder / "README.md").text
    example = re.search(r"## How to load\n.*?```python\n(.*?)```", text, re.DOTALL).group(1)
    monkeypatch.chdir(folder.parent)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path)
    exec(compile(example, "card-example", "exec"), {})
    printed = capsys.readouterr().out
    assert "DatasetDict" in printed
    assert any(line.split(" ", 1)[0] in ZONE_LABELS for line in printed.splitlines())


def test_extra_sections_go_into_the_card(tmp_path):
    out = tmp_path / "with-extra"
    build(out=out, workers=1, extra_sections=[CardSection("Baselines", "| model | F1 |\n|---|---|\n| rules | 1.0 |")])
    text = (out / "README.md").read_text(encoding="utf-8")
    assert "\n## Baselines\n\n| model | F1 |" in text
    assert text.index("## Baselines") < text.index("## Collection and processing")


def test_croissant_file_loads_the_records_offline(built):
    mlc = pytest.importorskip("mlcroissant")
    report, folder = built
    dataset = mlc.Dataset(folder / "croissant.json")
    assert not dataset.metadata.ctx.issues.errors
    labels = [(int(r["zone_labels/index"]), r["zone_labels/name"]) for r in dataset.records("zone_labels")]
    assert labels == list(enumerate(ZONE_LABELS))
    for spec in CONFIGS:
        records = list(dataset.records(spec.name))
        assert len(records) == sum(report.rows[spec.name].values())
        splits = [r[f"{spec.name}/split"].decode() for r in records]
        assert {s: splits.count(s) for s in set(splits)} == {s: n for s, n in report.rows[spec.name].items() if n}
    page = next(iter(dataset.records("segmentation")))
    raw = page["segmentation/raw"].decode("utf-8")
    for zone in page["segmentation/zones"]:
        assert 0 <= zone["segmentation/zones/start"] < zone["segmentation/zones/end"] <= len(raw)


# --- determinism ------------------------------------------------------------------------


def test_rebuild_is_byte_identical_whatever_the_worker_count(built, tmp_path):
    _, folder = built
    again = build(out=tmp_path / "one" / folder.name, workers=1).out
    parallel = build(out=tmp_path / "two" / folder.name, workers=2).out
    first = folder_bytes(folder)
    assert folder_bytes(again) == first
    assert folder_bytes(parallel) == first


# --- the output folder ------------------------------------------------------------------


def test_refuses_a_non_empty_folder_that_is_not_a_build(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(BuildError, match="not an earlier build"):
        build(out=out, workers=1)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"
    build(out=out, workers=1, force=True)
    assert not (out / "notes.txt").exists() and (out / "README.md").is_file()


def test_replaces_an_earlier_build_without_force(built, tmp_path):
    _, folder = built
    out = tmp_path / folder.name
    shutil.copytree(folder, out)
    (out / "data" / "stale.parquet").write_bytes(b"old")
    build(out=out, workers=1)
    assert not (out / "data" / "stale.parquet").exists()
    assert folder_bytes(out) == folder_bytes(folder)


def test_an_interrupted_build_leaves_the_earlier_output_untouched(built, tmp_path, monkeypatch):
    _, folder = built
    out = tmp_path / folder.name
    shutil.copytree(folder, out)
    before = folder_bytes(out)

    def fail(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(builder.build, "write_croissant", fail)
    with pytest.raises(KeyboardInterrupt):
        build(out=out, workers=1)
    assert folder_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name], "staging folder removed"


@pytest.mark.parametrize("options, message", [
    ({"version": "1.0"}, "X.Y.Z"),
    ({"split_ratios": "80,20"}, "split ratios"),
    ({"split_ratios": (0, 0, 0)}, "not all zero"),
])
def test_bad_options_are_refused_before_any_work(tmp_path, options, message):
    with pytest.raises(BuildError, match=message):
        build(out=tmp_path / "out", workers=1, **options)
    assert not (tmp_path / "out").exists()


# --- the command ------------------------------------------------------------------------


def test_cli_build_prints_a_summary_and_the_load_line(tmp_path):
    out = tmp_path / "cli-build"
    result = CliRunner().invoke(main, ["build", str(bundled_pages_dir()), "--out", str(out), "--workers", "1",
                                       "--version", "2.0.1", "--split-ratios", "1,1,1"])
    assert result.exit_code == 0, result.output
    assert f"pages in: {PAGE_COUNT} = {PAGE_COUNT} written + 0 rejected" in result.output
    assert "(ratios 1/1/1)" in result.output
    assert f'load_dataset("{out.as_posix()}", "pages")' in result.output
    assert "version **2.0.1**" in (out / "README.md").read_text(encoding="utf-8")
    assert json.loads((out / "croissant.json").read_text(encoding="utf-8"))["version"] == "2.0.1"


def test_cli_build_turns_a_refusal_into_an_error_message(tmp_path):
    out = tmp_path / "taken"
    out.mkdir()
    (out / "x").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--workers", "1"])
    assert result.exit_code != 0
    assert "not an earlier build" in result.output


def test_two_workers_give_the_bytes_of_one_over_many_batches(tmp_path):
    """Sixty pages are eight batches: the workers really share them, and the order still holds."""
    from builder.engines.local import BATCH_SIZE
    from builder.synth import write_synth

    shards = write_synth(60, tmp_path / "synth", seed=5, shard_pages=25)
    assert 60 > 4 * BATCH_SIZE
    one = build(shards, tmp_path / "one" / "out", workers=1)
    two = build(shards, tmp_path / "two" / "out", workers=2)
    assert one.pages_written == two.pages_written == 60
    assert folder_bytes(one.out) == folder_bytes(two.out)


def test_a_teaser_shown_by_many_pages_lists_each_page_once_in_input_order(tmp_path):
    """The teasers config merges rows by teaser: every page that shows it, once, in input order."""
    import pyarrow.parquet as pq

    from builder.parse import parse_page
    from builder.synth import synth_pages, write_synth
    from builder.write import teaser_id

    write_synth(80, tmp_path / "synth", seed=2)
    build([tmp_path / "synth"], tmp_path / "out", workers=1)
    rows = [r for p in sorted((tmp_path / "out" / "data" / "teasers").glob("*.parquet"))
            for r in pq.read_table(p).to_pylist()]
    order = {p.id: i for i, p in enumerate(synth_pages(80, seed=2))}
    shown: dict[str, list[str]] = {}
    for page in synth_pages(80, seed=2):
        for teaser in parse_page(page.raw, page.id, entities=False).fields.teasers:
            ids = shown.setdefault(teaser_id(teaser.title), [])
            if page.id not in ids:
                ids.append(page.id)
    assert rows and max(len(r["page_ids"]) for r in rows) > 10
    for row in rows:
        assert row["page_ids"] == sorted(set(row["page_ids"]), key=order.__getitem__)
        assert row["page_ids"] == shown[row["teaser_id"]]


def test_card_has_the_robustness_section(built):
    from builder.variants import KINDS

    _, folder = built
    text = DatasetCard.load(folder / "README.md").text
    section = text.split("\n## Robustness\n", 1)[1].split("\n## ", 1)[0]
    for kind in KINDS:
        row = re.search(rf"^\| `{kind}` \| \d+ \| [\d.]+ \| [\d.]+ \| \*\*([\d.]+)\*\* \|", section, re.M)
        assert row and float(row.group(1)) >= 0.97, kind


def test_workers_write_their_own_shards_named_by_the_input_not_the_worker(tmp_path):
    """Tasks of 7 inputs: each writes its own files; 1 or 2 workers give the same bytes, and the card's counts,
    merged from the tasks' stats records, are those of one task holding every page."""
    import pyarrow.parquet as pq

    from builder.build import build_dataset
    from builder.read import bundled_gold_dir
    from builder.split import DEFAULT_RATIOS
    from builder.synth import write_synth

    shards = write_synth(40, tmp_path / "synth", seed=3)

    def run(name: str, workers: int, pages_per_task: int):
        return build_dataset(shards, tmp_path / name / "out", version="0.1.0", split_ratios=DEFAULT_RATIOS,
                             gold_dir=bundled_gold_dir(), workers=workers, pages_per_task=pages_per_task)

    one, two, whole = run("one", 1, 7), run("two", 2, 7), run("whole", 1, 1000)
    assert folder_bytes(one.out) == folder_bytes(two.out)
    names = sorted(p.name for p in (one.out / "data" / "pages").glob("train-*.parquet"))
    assert len(names) == 6 and names[0] == "train-00000-of-00006.parquet"  # one file a task: 40 pages, 7 a task
    for attribute in ("pages_in", "pages_written", "splits", "label_sources", "zone_counts", "repairs", "languages",
                      "entity_counts", "entity_pages", "canonical_entities", "canonical_texts", "rows"):
        assert getattr(one, attribute) == getattr(whole, attribute), attribute
    def rows(report, config: str, split: str) -> list[dict]:
        return [r for p in sorted((report.out / "data" / config).glob(f"{split}-*.parquet"))
                for r in pq.read_table(p).to_pylist()]

    for spec in CONFIGS:  # the same rows, in the same order, however the pages were cut into tasks
        for split in SPLIT_NAMES:
            assert rows(one, spec.name, split) == rows(whole, spec.name, split), (spec.name, split)
    assert not list(one.out.rglob(".*")), "no task file left under a temporary name"


def test_a_worker_that_cannot_see_the_staging_folder_sends_the_same_files_as_bytes(tmp_path):
    """A worker writes its files in place only where it finds the build's marker with the build's token (the local
    engine's workers, Ray's on this machine); elsewhere it sends them back, and the driver writes the same bytes."""
    from builder.build import MERGED, ShardFiles
    from builder.process import PageTask, process_page
    from builder.read import iter_pages
    from builder.shards import FOLDER_MARKER, ShardSpec, ShardTask, build_shard, folder_reachable, mark_folder
    from builder.split import DEFAULT_RATIOS
    from builder.steps import content_digest
    from builder.write import DEFAULT_ROWS_PER_SHARD, arrow_schemas

    items = [PageTask(page, content_digest(page.raw).hex(), None, DEFAULT_RATIOS)
             for page in iter_pages([bundled_pages_dir()])]
    written = {}
    for name in ("in-place", "as-bytes"):
        staging = tmp_path / name
        staging.mkdir()
        token = mark_folder(staging)
        assert (staging / FOLDER_MARKER).read_text(encoding="ascii") == token
        seen_token = token if name == "in-place" else "another build's token"
        assert folder_reachable(str(staging), seen_token) is (name == "in-place")
        spec = ShardSpec(schemas={c: s for c, s in arrow_schemas().items() if c not in MERGED},
                         merged={c.name: (c.merge_key, c.merge) for c in CONFIGS if c.name in MERGED},
                         splits=SPLIT_NAMES, rows_per_shard=DEFAULT_ROWS_PER_SHARD, page_fn=process_page,
                         folder=str(staging), folder_token=seen_token)
        result = build_shard(ShardTask(0, items, spec))
        sent = [file.data for by_split in result.parts.values() for files in by_split.values() for file in files]
        assert sent and all((data is None) is (name == "in-place") for data in sent)
        files = ShardFiles(staging)
        files.add(result)
        files.close()
        assert not (staging / FOLDER_MARKER).exists(), "the marker is never published"
        written[name] = folder_bytes(staging)
    assert written["in-place"] == written["as-bytes"]
    assert {path.split("/")[1] for path in written["in-place"]} == {c for c in arrow_schemas() if c not in MERGED}


def test_a_task_gives_back_its_inputs_in_order_one_at_a_time():
    """A task holds its inputs pickled end to end (pages as their fields' values), from any iterable, and gives
    back equal objects in input order; rejects travel with the pages."""
    import pickle

    from builder.model import Page
    from builder.process import PageTask
    from builder.read import iter_pages
    from builder.shards import ShardSpec, ShardTask, shard_tasks
    from builder.split import DEFAULT_RATIOS
    from builder.steps import Reject, content_digest

    pages = list(iter_pages([bundled_pages_dir()]))
    items = [PageTask(page, content_digest(page.raw).hex(), {"id": page.id} if n % 2 else None, DEFAULT_RATIOS)
             for n, page in enumerate(pages)]
    items.insert(2, Reject("crawl/empty.txt", "empty", "empty", "no text", "check"))
    assert Page.__reduce__(pages[0]) == (Page, (pages[0].id, pages[0].raw, pages[0].source_file, pages[0].url))
    assert pickle.loads(pickle.dumps(items[0])) == items[0]
    spec = ShardSpec(schemas={}, merged={}, splits=SPLIT_NAMES, rows_per_shard=1, page_fn=len)
    task = ShardTask(7, iter(items), spec)
    assert len(task) == len(items)
    assert list(task.iter_items()) == items
    assert pickle.loads(pickle.dumps(task)).items == items
    tasks = list(shard_tasks(iter(items), 4, spec))
    assert [t.index for t in tasks] == [0, 1] and [len(t) for t in tasks] == [4, len(items) - 4]
    assert [item for t in tasks for item in t.iter_items()] == items
    assert not list(shard_tasks(iter([]), 4, spec)), "no input, no task"
