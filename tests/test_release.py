"""Releases: the committed ones load and verify; a release refuses overwrites and policy breaks; it rebuilds
byte for byte; verify catches a flipped byte."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from huggingface_hub import DatasetCard
from release_corpora import LABELLED, add_page, copy_corpus, drop_gold_repair

from builder.api import check_release, release, verify
from builder.cli import main
from builder.diff import MANIFEST_NAME, DatasetDiff, file_sha256
from builder.release import (
    CHANGELOG_NAME,
    DEFAULT_RELEASE_DIR,
    REPOSITORY_ROOT,
    ReleaseError,
    Version,
    changelog_entries,
    check_version,
    corpus_digest,
    load_manifest,
    published_versions,
)

PUBLISHED = published_versions(DEFAULT_RELEASE_DIR)
NEWEST = DEFAULT_RELEASE_DIR / str(PUBLISHED[-1])


# --- the committed releases -------------------------------------------------------------


def test_every_published_version_verifies_with_its_changelog_entry():
    checked, problems = verify()
    assert problems == []
    assert checked == [str(v) for v in PUBLISHED] and "0.1.0" in checked
    entries = changelog_entries(DEFAULT_RELEASE_DIR / CHANGELOG_NAME)
    assert list(entries) == [str(v) for v in reversed(PUBLISHED)], "newest first"


@pytest.mark.parametrize("version", [str(v) for v in PUBLISHED])
def test_a_published_version_loads_every_config_with_the_manifest_counts(load, version):
    folder = DEFAULT_RELEASE_DIR / version
    manifest = load_manifest(folder)
    configs = [c["config_name"] for c in DatasetCard.load(folder / "README.md").data.to_dict()["configs"]]
    assert configs == [c for c, by_split in manifest["rows"].items() if sum(by_split.values())]
    for config in configs:
        dataset = load(folder, config)
        assert {s: len(d) for s, d in dataset.items()} == {s: n for s, n in manifest["rows"][config].items() if n}


def test_a_published_card_example_runs_from_the_repository_root(tmp_path, monkeypatch, capsys):
    import datasets

    text = DatasetCard.load(NEWEST / "README.md").text
    example = re.search(r"## How to load\n.*?```python\n(.*?)```", text, re.DOTALL).group(1)
    assert f'folder = "release/{NEWEST.name}"' in example
    monkeypatch.chdir(REPOSITORY_ROOT)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path)
    exec(compile(example, "card-example", "exec"), {})
    assert "DatasetDict" in capsys.readouterr().out


def test_the_manifest_records_the_corpus_and_the_builder():
    from builder import __version__

    manifest = load_manifest(NEWEST)
    assert manifest["builder"] == {"name": "vna-corpus", "version": __version__}
    assert set(manifest["corpus"]["folders"]) >= {"pages", "gold"}
    assert manifest["build"]["dataset_path"] == f"release/{NEWEST.name}"
    for entry in manifest["files"]:
        path = NEWEST / entry["path"]
        assert path.stat().st_size == entry["size"] and file_sha256(path) == entry["sha256"]


# --- verify -----------------------------------------------------------------------------


@pytest.fixture
def copied(tmp_path) -> Path:
    folder = tmp_path / NEWEST.name
    shutil.copytree(NEWEST, folder)
    return folder


def test_verify_catches_a_flipped_byte(copied):
    shard = sorted((copied / "data").rglob("*.parquet"))[0]
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0x01
    shard.write_bytes(bytes(data))
    _, problems = verify(copied)
    assert problems == [f"{shard}: sha256 differs from the manifest (the file was changed)"]
    result = CliRunner().invoke(main, ["verify", str(copied)])
    assert result.exit_code == 1
    assert f"error: {shard}: sha256 differs" in result.output


def test_verify_names_missing_extra_and_resized_files_and_wrong_counts(copied):
    (copied / "rejects.jsonl").unlink()
    (copied / "notes.txt").write_text("x", encoding="utf-8")
    with (copied / "croissant.json").open("a", encoding="utf-8") as stream:
        stream.write(" ")
    manifest = json.loads((copied / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["rows"]["pages"]["train"] += 1
    (copied / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    _, problems = verify(copied)
    size = (copied / "croissant.json").stat().st_size
    assert problems == [
        f"{copied / 'rejects.jsonl'}: listed in the manifest but missing",
        f"{copied / 'notes.txt'}: not in the manifest",
        f"{copied / 'croissant.json'}: {size} bytes, the manifest says {size - 1}",
        f"{copied}: pages/train has {manifest['rows']['pages']['train'] - 1} rows, the manifest says "
        f"{manifest['rows']['pages']['train']}",
    ]


def test_verify_all_catches_a_rewritten_manifest(tmp_path):
    release_dir = tmp_path / "release"
    shutil.copytree(DEFAULT_RELEASE_DIR, release_dir)
    manifest = release_dir / NEWEST.name / MANIFEST_NAME
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"rejected": 0', '"rejected": 0 '),
                        encoding="utf-8")
    _, problems = verify(release_dir=release_dir)
    assert problems == [f"{manifest}: sha256 differs from the one in {CHANGELOG_NAME} (the manifest was changed)"]


# --- making releases --------------------------------------------------------------------


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """0.1.0 from a copy of the bundled corpus, then the same corpus with a changed gold label."""
    root = tmp_path_factory.mktemp("releases")
    release_dir = root / "release"
    first = copy_corpus(root / "first")
    first_report = release("0.1.0", release_dir=release_dir, corpus=first, workers=1)
    relabelled = copy_corpus(root / "relabelled")
    drop_gold_repair(relabelled)
    return release_dir, first, relabelled, first_report


def test_a_release_is_a_build_with_a_manifest_and_a_changelog_entry(releases):
    release_dir, first, _, report = releases
    folder = release_dir / "0.1.0"
    assert report.folder == folder and report.previous is None and report.level == "initial"
    assert (folder / "README.md").is_file() and (folder / "data").is_dir()
    manifest = load_manifest(folder)
    assert manifest["corpus"] == corpus_digest(first)
    assert manifest["rows"]["pages"] == {"train": 3, "validation": 0, "test": 2}
    # Same corpus, same bytes as the committed release (the card names release/0.1.0 wherever it was built).
    published = load_manifest(DEFAULT_RELEASE_DIR / "0.1.0")
    if published["corpus"]["sha256"] == manifest["corpus"]["sha256"]:
        assert manifest["files"] == published["files"]
    assert not [p for p in release_dir.iterdir() if p.name.startswith(".")], "no staging folder left"


def test_a_release_refuses_to_overwrite(releases):
    release_dir, first, _, _ = releases
    before = load_manifest(release_dir / "0.1.0")
    with pytest.raises(ReleaseError, match=r"0\.1\.0 exists: a published version is never rewritten"):
        release("0.1.0", release_dir=release_dir, corpus=first, workers=1)
    assert load_manifest(release_dir / "0.1.0") == before
    result = CliRunner().invoke(main, ["release", "0.1.0", "--release-dir", str(release_dir)])
    assert result.exit_code != 0 and "never rewritten" in result.output


def test_a_changed_label_needs_a_major_version(releases):
    release_dir, _, relabelled, _ = releases
    with pytest.raises(ReleaseError, match=r"0\.2\.0 does not follow the version policy: the changes since 0\.1\.0 "
                                           r"need a MAJOR version \(repair: 1 row\(s\) with changed gold labels; "
                                           r"entities: 1 row\(s\) with changed gold labels\); "
                                           r"release 1\.0\.0"):
        release("0.2.0", release_dir=release_dir, corpus=relabelled, workers=1)
    assert published_versions(release_dir) == [Version(0, 1, 0)], "nothing written"
    assert not [p for p in release_dir.iterdir() if p.name.startswith(".")]
    report = release("1.0.0", release_dir=release_dir, corpus=relabelled, workers=1)
    assert report.level == "major" and report.previous == "0.1.0"
    assert report.diff.configs["repair"].changed["gold"][0].startswith(f"{LABELLED}/")
    entries = changelog_entries(release_dir / CHANGELOG_NAME)
    assert list(entries) == ["1.0.0", "0.1.0"]
    assert "MAJOR version after 0.1.0: repair: 1 row(s) with changed gold labels" in entries["1.0.0"]
    assert "vna-corpus diff 0.1.0 1.0.0" in entries["1.0.0"]
    assert verify(release_dir=release_dir) == (["0.1.0", "1.0.0"], [])
    with pytest.raises(ReleaseError, match="not newer than the latest release 1.0.0"):
        release("0.9.0", release_dir=release_dir, corpus=relabelled, workers=1)


def test_a_rebuild_into_another_folder_is_byte_identical(releases):
    release_dir, _, relabelled, _ = releases
    if not (release_dir / "1.0.0").is_dir():
        release("1.0.0", release_dir=release_dir, corpus=relabelled, workers=1)
    result = check_release("1.0.0", release_dir=release_dir, corpus=relabelled, workers=1)
    assert result.ok, result.problems
    assert result.files == len(load_manifest(release_dir / "1.0.0")["files"])


def test_the_check_names_what_a_changed_corpus_rebuilds_differently(releases):
    release_dir, first, _, _ = releases
    check = check_release("0.1.0", release_dir=release_dir, corpus=first, workers=1)
    assert check.ok, check.problems
    drifted = copy_corpus(first.parent / "drifted")
    drop_gold_repair(drifted)
    result = check_release("0.1.0", release_dir=release_dir, corpus=drifted, workers=1)
    assert not result.ok
    assert result.problems[0] == f"{drifted}: the corpus differs from the one 0.1.0 was built from (in gold)"
    assert f"{release_dir / '0.1.0' / 'README.md'}: the rebuild gives different bytes" in result.problems
    assert any(p.startswith(f"{release_dir / '0.1.0' / 'data' / 'repair'}") for p in result.problems)
    assert ("what the rebuild changes: repair: 1 row(s) with changed gold labels; "
            "entities: 1 row(s) with changed gold labels") in result.problems


def test_a_release_refuses_synthetic_pages(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus")
    source = next((corpus / "pages").glob("*.txt"))
    shutil.copy(source, corpus / "pages" / "synth-00001.txt")
    with pytest.raises(ReleaseError, match=r"synth-00001\.txt: synthetic page 'synth-00001' cannot go into a release"):
        release("0.1.0", release_dir=tmp_path / "release", corpus=corpus, workers=1)
    assert not (tmp_path / "release" / "0.1.0").exists()


@pytest.mark.parametrize("version, needed, ok", [
    ("0.2.0", "minor", True), ("1.0.0", "minor", True), ("0.1.1", "minor", False), ("0.3.0", "minor", False),
    ("0.1.1", "patch", True), ("0.2.0", "patch", True), ("0.1.2", "patch", False),
    ("1.0.0", "major", True), ("0.2.0", "major", False), ("2.0.0", "major", False),
])
def test_the_version_policy_allows_the_next_version_at_the_needed_level_or_above(version, needed, ok):
    diff = {"major": DatasetDiff("a", "b", pages_removed=["x"]),
            "minor": DatasetDiff("a", "b", pages_added=["x"]),
            "patch": DatasetDiff("a", "b", files_changed=["README.md"])}[needed]
    if ok:
        assert check_version(Version.parse(version), Version(0, 1, 0), diff) in ("major", "minor", "patch")
    else:
        with pytest.raises(ReleaseError, match=f"need a {needed.upper()} version"):
            check_version(Version.parse(version), Version(0, 1, 0), diff)


def test_an_added_page_is_a_minor_version(releases, tmp_path):
    release_dir, first, _, _ = releases
    single = tmp_path / "release"
    shutil.copytree(release_dir / "0.1.0", single / "0.1.0")
    grown = copy_corpus(tmp_path / "grown")
    add_page(grown)
    with pytest.raises(ReleaseError, match=r"need a MINOR version \(1 page\(s\) added; .*release 0\.2\.0"):
        release("0.1.1", release_dir=single, corpus=grown, workers=1)


def test_the_card_names_the_release_folder_wherever_the_build_ran(tmp_path):
    from builder.api import build

    first = build(out=tmp_path / "one" / "staging-a", workers=1, dataset_path="release/9.9.9").out
    second = build(out=tmp_path / "two" / "9.9.9", workers=1, dataset_path="release/9.9.9").out
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert 'folder = "release/9.9.9"' in (first / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def cards(tmp_path, monkeypatch):
    """A copy of cards/ the build and the release read instead of the repository's."""
    import builder.card

    folder = tmp_path / "cards"
    shutil.copytree(builder.card.CARDS_DIR, folder)
    monkeypatch.setattr(builder.card, "CARDS_DIR", folder)
    return folder


def test_a_card_fix_is_a_patch_that_needs_its_notes(releases, tmp_path, cards):
    release_dir, first, _, _ = releases
    single = tmp_path / "release"
    shutil.copytree(release_dir / "0.1.0", single / "0.1.0")
    shutil.copy(release_dir / CHANGELOG_NAME, single / CHANGELOG_NAME)
    template = cards / "dataset_card.md.jinja"
    template.write_text(template.read_text(encoding="utf-8").replace("## Known limitations\n",
                        "## Known limitations\n\n- Card fix: one more caveat.\n"), encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"0\.1\.1 changes only the card or metadata: say what it fixes under "
                                           r"'### 0\.1\.1' in cards/changelog\.md"):
        release("0.1.1", release_dir=single, corpus=first, workers=1)
    with (cards / "changelog.md").open("a", encoding="utf-8") as stream:
        stream.write("\n### 0.1.1\n\n- One more caveat in the card.\n")
    report = release("0.1.1", release_dir=single, corpus=first, workers=1)
    assert report.level == "patch" and report.diff.reasons()["patch"] == ["changed: README.md"]
    entry = changelog_entries(single / CHANGELOG_NAME)["0.1.1"]
    assert "PATCH version after 0.1.0: changed: README.md." in entry and "- One more caveat in the card." in entry
    assert verify(release_dir=single)[1] == []


def test_a_release_of_the_same_build_is_refused(releases, tmp_path):
    release_dir, first, _, _ = releases
    single = tmp_path / "release"
    shutil.copytree(release_dir / "0.1.0", single / "0.1.0")
    with pytest.raises(ReleaseError, match=r"nothing changed since 0\.1\.0"):
        release("0.1.1", release_dir=single, corpus=first, workers=1)
    assert published_versions(single) == [Version(0, 1, 0)]


def test_cli_release_check_passes_on_the_corpus_it_was_built_from_and_fails_otherwise(releases):
    release_dir, _, relabelled, _ = releases
    if not (release_dir / "1.0.0").is_dir():
        release("1.0.0", release_dir=release_dir, corpus=relabelled, workers=1)
    same = CliRunner().invoke(main, ["release", "--check", "0.1.0", "--release-dir", str(release_dir),
                                     "--workers", "1"])
    assert same.exit_code == 0, same.output
    assert "a rebuild from the corpus gives the same" in same.output
    # 1.0.0 came from the relabelled corpus: the repository's corpus does not rebuild it.
    other = CliRunner().invoke(main, ["release", "--check", "latest", "--release-dir", str(release_dir),
                                      "--workers", "1"])
    assert other.exit_code == 1
    assert "the corpus differs from the one 1.0.0 was built from (in gold)" in other.output
    assert "repair: 1 row(s) with changed gold labels" in other.output
