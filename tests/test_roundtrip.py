"""Write, then load with ``datasets.load_dataset(folder, config)`` offline: counts, feature types, offsets."""

from __future__ import annotations

import hashlib
import json

import pyarrow.parquet as pq
import pytest
from datasets import ClassLabel, List

from builder.api import build
from builder.label import gold_repairs, gold_zones, load_gold
from builder.model import ZONE_LABELS, apply_repairs
from builder.read import bundled_gold_dir, bundled_pages_dir, iter_pages
from builder.write import CONFIGS

CONFIG_NAMES = [spec.name for spec in CONFIGS]
RAW_BY_ID = {page.id: page.raw for page in iter_pages([bundled_pages_dir()])}


def test_configs_are_the_documented_ones():
    assert CONFIG_NAMES == ["pages", "segmentation", "repair", "teasers", "entities"]
    for spec in CONFIGS:
        assert list(spec.columns) == list(spec.features), f"{spec.name}: every column documented, in order"


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_every_config_loads_with_the_reported_row_counts(built, load, config):
    report, folder = built
    dataset = load(folder, config)
    expected = {split: n for split, n in report.rows[config].items() if n}
    assert {split: len(rows) for split, rows in dataset.items()} == expected


def test_pages_rows_are_the_bundled_pages(built, load):
    _, folder = built
    rows = [row for split in load(folder, "pages").values() for row in split]
    assert sorted(row["id"] for row in rows) == sorted(RAW_BY_ID)
    for row in rows:
        assert row["raw"] == RAW_BY_ID[row["id"]]
        assert row["sha256"] == hashlib.sha256(row["raw"].encode("utf-8")).hexdigest()
        assert row["language"] == "fr"
        assert row["title"] and row["title"] in row["text"]
        assert row["source_file"] == f"pages/{row['id']}.txt"


def _zone_label_feature(features, path):
    feature = features
    for key in path:
        feature = feature[key]
        if isinstance(feature, List):
            feature = feature.feature
    return feature


@pytest.mark.parametrize("config, path", [("segmentation", ("zones", "label")), ("segmentation", ("line_labels",)),
                                          ("repair", ("zone",))])
def test_label_columns_load_as_classlabel_in_documented_order(built, load, config, path):
    _, folder = built
    split = next(iter(load(folder, config).values()))
    feature = _zone_label_feature(split.features, path)
    assert isinstance(feature, ClassLabel)
    assert feature.names == list(ZONE_LABELS)


def test_parquet_schema_carries_the_features(built):
    """``load_dataset`` would also get ClassLabel from the Parquet files alone (the ``huggingface`` key)."""
    _, folder = built
    for path in sorted((folder / "data" / "segmentation").glob("*.parquet")):
        metadata = json.loads(pq.read_schema(path).metadata[b"huggingface"])
        zones = metadata["info"]["features"]["zones"]["feature"]
        assert zones["label"] == {"names": list(ZONE_LABELS), "_type": "ClassLabel"}


def test_every_zone_indexes_the_raw_text(built, load):
    _, folder = built
    gold = load_gold(bundled_gold_dir())
    for split in load(folder, "segmentation").values():
        names = split.features["zones"].feature["label"].names
        for row in split:
            raw = row["raw"]
            assert raw == RAW_BY_ID[row["id"]]
            zones = [(z["start"], z["end"], names[z["label"]]) for z in row["zones"]]
            for start, end, _ in zones:
                assert 0 <= start < end <= len(raw)
                assert raw[start:end].strip(), "a zone covers text"
            assert zones == sorted(zones)
            if row["label_source"] == "gold":
                assert zones == [(z.start, z.end, z.label) for z in gold_zones(gold[row["id"]])]
            for text, start in zip(row["lines"], row["line_starts"]):
                assert raw[start : start + len(text)] == text
            assert len(row["lines"]) == len(row["line_labels"])


def test_line_view_takes_the_label_of_the_covering_zone(built, load):
    _, folder = built
    split = next(iter(load(folder, "segmentation").values()))
    names = split.features["zones"].feature["label"].names
    row = split[0]
    for start, text, label in zip(row["line_starts"], row["lines"], row["line_labels"]):
        middle = start + len(text) // 2
        covering = [z for z in row["zones"] if z["start"] <= middle < z["end"]]
        if len(covering) == 1 and covering[0]["start"] <= start and covering[0]["end"] >= start + len(text):
            assert names[label] == names[covering[0]["label"]]


def test_repair_rows_cover_every_labelled_repair_once(built, load):
    report, folder = built
    gold = load_gold(bundled_gold_dir())
    found: dict[str, list[int]] = {}
    for split in load(folder, "repair").values():
        for row in split:
            assert row["repaired"] == apply_repairs(row["raw"], row["repair_offsets"])
            assert RAW_BY_ID[row["page_id"]][row["start"] : row["start"] + len(row["raw"])] == row["raw"]
            assert all(0 < offset < len(row["raw"]) for offset in row["repair_offsets"])
            found.setdefault(row["page_id"], []).extend(row["start"] + o for o in row["repair_offsets"])
    for page_id, offsets in found.items():
        if page_id in gold:
            assert sorted(offsets) == [r.offset for r in gold_repairs(gold[page_id])]
    assert sum(len(offsets) for offsets in found.values()) == sum(report.repairs.values())


def test_teasers_are_deduplicated_and_point_at_their_pages(built, load):
    _, folder = built
    pages = {row["id"]: row for split in load(folder, "pages").values() for row in split}
    teasers = [row for split in load(folder, "teasers").values() for row in split]
    assert len({t["teaser_id"] for t in teasers}) == len(teasers)
    for teaser in teasers:
        for page_id in teaser["page_ids"]:
            assert teaser["title"] in [t["title"] for t in pages[page_id]["teasers"]]
    shown = {t["title"] for page in pages.values() for t in page["teasers"] if t["title"]}
    assert {t["title"] for t in teasers} == shown


def test_many_shards_are_named_and_loaded(tmp_path, load):
    out = tmp_path / "sharded"
    report = build(out=out, workers=1, rows_per_shard=2)
    pages = report.rows["pages"]
    for split, n in pages.items():
        names = sorted(p.name for p in (out / "data" / "pages").glob(f"{split}-*.parquet"))
        count = -(-n // 2)
        assert names == [f"{split}-{i:05d}-of-{count:05d}.parquet" for i in range(count)]
    assert {s: len(d) for s, d in load(out, "pages").items()} == {s: n for s, n in pages.items() if n}
    assert not list(out.rglob(".*")), "no temporary shard left behind"
