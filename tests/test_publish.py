"""Publishing: the dry run's file list and tag, and the calls a real run makes (to a recording Hub API, no network)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from builder.api import publish
from builder.cli import main
from builder.diff import MANIFEST_NAME
from builder.publish import PublishError
from builder.release import DEFAULT_RELEASE_DIR, load_manifest, published_versions

VERSION = str(published_versions(DEFAULT_RELEASE_DIR)[-1])
FOLDER = DEFAULT_RELEASE_DIR / VERSION


def manifest_files() -> list[str]:
    return sorted([e["path"] for e in load_manifest(FOLDER)["files"]] + [MANIFEST_NAME])


def test_the_dry_run_lists_the_manifest_files_and_the_tag():
    plan, commit = publish(VERSION, "my-org/vna-corpus-fr", dry_run=True)
    assert commit is None
    assert [path for path, _ in plan.files] == manifest_files()
    assert all(size == (FOLDER / path).stat().st_size for path, size in plan.files)
    assert plan.tag == VERSION and plan.repo_type == "dataset" and plan.folder == FOLDER


def test_cli_dry_run_prints_the_plan():
    result = CliRunner().invoke(main, ["publish", VERSION, "--repo-id", "my-org/vna-corpus-fr", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"tag the commit '{VERSION}'" in result.output
    assert "https://huggingface.co/datasets/my-org/vna-corpus-fr" in result.output
    listed = [line.split()[0] for line in result.output.splitlines() if line.startswith("  ")]
    assert listed == manifest_files()


@dataclass
class RecordingHub:
    """Stands in for ``HfApi``: records each call, answers like the Hub (a commit id, the tags it has)."""

    tags: list[str] = field(default_factory=list)
    calls: list[tuple[str, dict]] = field(default_factory=list)

    def create_repo(self, repo_id, **kwargs):
        self.calls.append(("create_repo", {"repo_id": repo_id, **kwargs}))

    def list_repo_refs(self, repo_id, **kwargs):
        return SimpleNamespace(tags=[SimpleNamespace(name=t) for t in self.tags])

    def upload_folder(self, **kwargs):
        self.calls.append(("upload_folder", kwargs))
        return SimpleNamespace(oid="c0ffee")

    def create_tag(self, repo_id, **kwargs):
        self.calls.append(("create_tag", {"repo_id": repo_id, **kwargs}))


def test_publish_uploads_exactly_the_manifest_files_and_tags_that_commit():
    hub = RecordingHub()
    plan, commit = publish(VERSION, "my-org/vna-corpus-fr", hub_api=hub)
    assert commit == "c0ffee"
    names = [name for name, _ in hub.calls]
    assert names == ["create_repo", "upload_folder", "create_tag"]
    upload = hub.calls[1][1]
    assert upload["repo_type"] == "dataset" and upload["folder_path"] == str(FOLDER)
    assert sorted(upload["allow_patterns"]) == manifest_files()
    assert upload["delete_patterns"] == "*", "files of an earlier version go"
    tag = hub.calls[2][1]
    assert tag == {"repo_id": "my-org/vna-corpus-fr", "tag": VERSION, "revision": "c0ffee", "repo_type": "dataset",
                   "tag_message": f"vna-corpus-fr {VERSION}"}


def test_publish_refuses_a_version_the_hub_already_has():
    hub = RecordingHub(tags=[VERSION])
    with pytest.raises(PublishError, match=f"already has the tag '{VERSION}'"):
        publish(VERSION, "my-org/vna-corpus-fr", hub_api=hub)
    assert [name for name, _ in hub.calls] == ["create_repo"], "nothing uploaded"


def test_publish_refuses_a_folder_that_does_not_verify(tmp_path):
    release_dir = tmp_path / "release"
    shutil.copytree(FOLDER, release_dir / VERSION)
    (release_dir / VERSION / "README.md").write_text("changed", encoding="utf-8")
    with pytest.raises(PublishError, match="does not verify, so it is not published"):
        publish(VERSION, "my-org/vna-corpus-fr", dry_run=True, release_dir=release_dir)


@pytest.mark.parametrize("repo_id", ["vna-corpus-fr", "a/b/c", "my org/name"])
def test_publish_refuses_a_bad_repo_id(repo_id):
    result = CliRunner().invoke(main, ["publish", VERSION, "--repo-id", repo_id, "--dry-run"])
    assert result.exit_code != 0 and "--repo-id" in result.output
