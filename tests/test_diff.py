"""The diff between two builds from different corpora reports each change exactly."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from release_corpora import (
    ADDED,
    EDITED,
    LABELLED,
    REMOVED,
    add_page,
    copy_corpus,
    drop_gold_repair,
    edit_page,
    remove_page,
)

from builder.api import build, diff, format_diff
from builder.cli import main
from builder.diff import DatasetDiff, DiffError


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The bundled corpus with a page added, a gold label changed, a page removed and a page edited, built."""
    root = tmp_path_factory.mktemp("changed")
    corpus = copy_corpus(root / "corpus")
    offset = drop_gold_repair(corpus)
    add_page(corpus)
    remove_page(corpus)
    edit_page(corpus)
    out = root / "vna-corpus-fr-test"
    build([corpus / "pages"], out, gold_dir=corpus / "gold", workers=1)
    return out, offset


def rows(load, folder, config):
    return [row for split in load(folder, config).values() for row in split]


def test_diff_reports_each_page_change_exactly(built, changed):
    _, before = built
    after, _ = changed
    result = diff(before, after)
    assert result.pages_added == [ADDED]
    assert result.pages_removed == [REMOVED]
    assert result.pages_changed == [EDITED]
    assert result.split_moves == []


def test_diff_reports_the_label_change_in_its_config_only(built, changed, load):
    _, before = built
    after, offset = changed
    result = diff(before, after)
    # The dropped repair lies in one paragraph of the labelled page: that repair row, and nothing else, changed.
    line = next(r for r in rows(load, before, "repair")
                if r["page_id"] == LABELLED and r["start"] < offset < r["start"] + len(r["raw"]))
    repair = result.configs["repair"]
    assert repair.changed == {"gold": [line["id"]], "silver": []}
    assert repair.changed_columns == ["repaired", "repair_offsets"]
    assert {r.split("/")[0] for r in repair.added} == {ADDED}
    assert {r.split("/")[0] for r in repair.removed} == {REMOVED}
    for name in ("pages", "segmentation"):
        config = result.configs[name]
        assert config.changed == {"gold": [], "silver": []}, name
        assert config.added == [ADDED] and config.removed == [REMOVED], name
        assert config.on_changed_pages == [EDITED], name
    assert result.level() == "major"
    reasons = " ".join(result.reasons()["major"])
    assert "1 page(s) removed" in reasons and "repair: 1 row(s) with changed gold labels" in reasons
    assert "1 page(s) added" in result.reasons()["minor"]


def test_teasers_of_an_added_page_extend_rows_instead_of_changing_them(built, changed, load):
    _, before = built
    after, _ = changed
    teasers = diff(before, after).configs["teasers"]
    old = {t["teaser_id"]: t["page_ids"] for t in rows(load, before, "teasers")}
    new = {t["teaser_id"]: t["page_ids"] for t in rows(load, after, "teasers")}
    grew = sorted(k for k in old.keys() & new.keys() if new[k][: len(old[k])] == old[k] and len(new[k]) > len(old[k]))
    assert grew and teasers.extended == grew
    assert teasers.removed == sorted(k for k in old if k not in new)
    assert teasers.added == sorted(k for k in new if k not in old)
    shrunk = sorted(k for k in old.keys() & new.keys() if old[k] != new[k] and k not in grew)
    assert teasers.changed["silver"] == shrunk and teasers.changed["gold"] == []


def test_split_moves_are_reported_and_need_a_major_version(built, tmp_path):
    _, before = built
    after = build(out=tmp_path / "ratios", workers=1, split_ratios="1,1,1").out
    result = diff(before, after)
    assert result.split_moves, "other ratios move some page"
    assert not result.pages_added and not result.pages_removed and not result.pages_changed
    assert {m.key for m in result.split_moves} == {m.key for m in result.configs["pages"].split_moves}
    assert result.level() == "major" and "moved to another split" in " ".join(result.reasons()["major"])


def test_the_same_build_is_no_change(built):
    _, folder = built
    result = diff(folder, folder)
    assert result.level() is None
    assert "no change" in format_diff(result).splitlines()[0]


def test_cli_diff_prints_a_table_and_json(built, changed):
    _, before = built
    after, _ = changed
    table = CliRunner().invoke(main, ["diff", str(before), str(after)])
    assert table.exit_code == 0, table.output
    assert "needs a MAJOR version" in table.output
    assert f"+ {ADDED}" in table.output and f"- {REMOVED}" in table.output and f"~ {EDITED}" in table.output
    as_json = CliRunner().invoke(main, ["diff", str(before), str(after), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert data["level"] == "major"
    assert data["pages"] == {"added": [ADDED], "removed": [REMOVED], "changed": [EDITED]}
    assert len(data["configs"]["repair"]["changed"]["gold"]) == 1


def test_diff_names_a_folder_that_is_not_a_build(tmp_path, built):
    _, folder = built
    with pytest.raises(DiffError, match=f"{tmp_path}: not a built dataset folder"):
        diff(tmp_path, folder)
    result = CliRunner().invoke(main, ["diff", str(tmp_path), str(folder)])
    assert result.exit_code != 0 and "not a built dataset folder" in result.output


def test_policy_levels_follow_the_kind_of_change():
    assert DatasetDiff("a", "b", pages_added=["x"]).level() == "minor"
    assert DatasetDiff("a", "b", files_changed=["README.md"]).level() == "patch"
    assert DatasetDiff("a", "b", pages_added=["x"], pages_changed=["y"]).level() == "major"
    assert DatasetDiff("a", "b").level() is None


@pytest.fixture
def copy_of_built(built, tmp_path):
    import shutil

    _, folder = built
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy)
    return copy


def test_a_config_added_or_removed_is_read_from_the_folders(built, copy_of_built):
    import shutil

    _, folder = built
    shutil.rmtree(copy_of_built / "data" / "teasers")
    grown = diff(copy_of_built, folder)
    assert grown.configs["teasers"].status == "added" and grown.level() == "minor"
    assert "config teasers added" in grown.reasons()["minor"]
    shrunk = diff(folder, copy_of_built)
    assert shrunk.configs["teasers"].status == "removed" and shrunk.level() == "major"


def test_a_column_added_is_minor_and_a_column_retyped_is_major(built, copy_of_built):
    import pyarrow as pa
    import pyarrow.parquet as pq

    _, folder = built
    for shard in sorted((copy_of_built / "data" / "teasers").glob("*.parquet")):
        table = pq.read_table(shard)
        pq.write_table(table.append_column("note", pa.array([""] * table.num_rows)), shard)
    added = diff(folder, copy_of_built).configs["teasers"]
    assert added.columns_added == ["note"] and added.changed == {"gold": [], "silver": []}
    assert diff(folder, copy_of_built).level() == "minor"
    for shard in sorted((copy_of_built / "data" / "repair").glob("*.parquet")):
        table = pq.read_table(shard)
        index = table.schema.get_field_index("start")
        pq.write_table(table.set_column(index, "start", table["start"].cast(pa.int64())), shard)
    retyped = diff(folder, copy_of_built)
    assert retyped.configs["repair"].columns_retyped == ["start"] and retyped.level() == "major"


def _rename_zone_classes(folder, rename) -> None:
    """Rewrite the ``segmentation`` shards' feature metadata with ``rename(names)`` as the zone ClassLabel names."""
    import json

    import pyarrow.parquet as pq

    def walk(feature):
        if isinstance(feature, dict):
            if feature.get("_type") == "ClassLabel":
                feature["names"] = rename(feature["names"])
            for value in feature.values():
                walk(value)

    for shard in sorted((folder / "data" / "segmentation").glob("*.parquet")):
        table = pq.read_table(shard)
        meta = json.loads(table.schema.metadata[b"huggingface"])
        walk(meta["info"]["features"])
        pq.write_table(table.replace_schema_metadata({b"huggingface": json.dumps(meta).encode()}), shard)


def test_class_names_appended_are_minor_and_reordered_are_major(built, copy_of_built):
    _, folder = built
    _rename_zone_classes(copy_of_built, lambda names: [*names, "appended_label"])
    widened = diff(folder, copy_of_built)
    segmentation = widened.configs["segmentation"]
    assert segmentation.columns_widened == ["zones", "line_labels"] and not segmentation.columns_retyped
    assert segmentation.changed == {"gold": [], "silver": []} and widened.level() == "minor"
    _rename_zone_classes(copy_of_built, lambda names: names[1:2] + names[:1] + names[2:])
    reordered = diff(folder, copy_of_built)
    assert reordered.configs["segmentation"].columns_retyped == ["zones", "line_labels"]
    assert reordered.level() == "major"
