"""Publishing a release to the Hugging Face Hub: upload exactly the manifest's files, tag the commit.

:func:`plan_publish` is pure of the network: it verifies the folder and computes what would
be sent (the files of ``MANIFEST.json`` plus the manifest, the tag, the commit message), which
is all ``--dry-run`` prints. :func:`publish_plan` sends it with ``huggingface_hub``:
``create_repo`` (a dataset repository), ``upload_folder`` restricted to those files (remote files
of an earlier version that are not in this one are deleted in the same commit), then
``create_tag`` on that commit, so ``load_dataset(repo_id, revision="<version>")`` gives these
bytes forever. A tag that already exists is refused: a published version is never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.diff import MANIFEST_NAME
from builder.release import DEFAULT_RELEASE_DIR, ReleaseError, Version, load_manifest, verify_release

REPO_TYPE = "dataset"


class PublishError(ReleaseError):
    """A publication that is refused or failed; one line saying why."""


@dataclass(frozen=True)
class PublishPlan:
    """What publishing one release sends: which files from which folder, to which repository, under which tag."""

    repo_id: str
    folder: Path
    version: str
    files: tuple[tuple[str, int], ...]  # (path in the repository, size in bytes)
    repo_type: str = REPO_TYPE

    @property
    def tag(self) -> str:
        return self.version

    @property
    def commit_message(self) -> str:
        return f"vna-corpus-fr {self.version}"

    @property
    def total_bytes(self) -> int:
        return sum(size for _, size in self.files)

    def describe(self) -> str:
        """The dry run's output."""
        lines = [
            f"would upload {self.folder} to https://huggingface.co/datasets/{self.repo_id} "
            f"({len(self.files)} files, {self.total_bytes} bytes) and tag the commit {self.tag!r}",
            f"commit message: {self.commit_message}",
            *(f"  {path}  {size}" for path, size in self.files),
        ]
        return "\n".join(lines)


def check_repo_id(repo_id: str) -> None:
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    if repo_id.count("/") != 1:
        raise PublishError(f"--repo-id must be ORG/NAME, not {repo_id!r}")
    try:
        validate_repo_id(repo_id)
    except HFValidationError as err:
        raise PublishError(f"--repo-id {repo_id!r} is not a valid repository id ({err})") from None


def plan_publish(version: str, repo_id: str, *, release_dir: str | Path = DEFAULT_RELEASE_DIR) -> PublishPlan:
    """Verify ``release/<version>`` and list what publishing it sends (no network)."""
    check_repo_id(repo_id)
    folder = Path(release_dir) / str(Version.parse(version))
    if not folder.is_dir():
        raise PublishError(f"{folder}: no such release")
    problems = verify_release(folder)
    if problems:
        raise PublishError(f"{folder} does not verify, so it is not published: {problems[0]}"
                           + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    manifest = load_manifest(folder)
    files = [(entry["path"], int(entry["size"])) for entry in manifest["files"]]
    files.append((MANIFEST_NAME, (folder / MANIFEST_NAME).stat().st_size))
    return PublishPlan(repo_id, folder, str(Version.parse(version)), tuple(sorted(files)))


def publish_plan(plan: PublishPlan, api: Any = None, private: bool = False) -> str:
    """Send the plan; returns the commit id the tag points at. ``api``: an ``HfApi`` (default: a new one)."""
    if api is None:
        from huggingface_hub import HfApi

        api = HfApi()
    from huggingface_hub.errors import HfHubHTTPError

    try:
        api.create_repo(plan.repo_id, repo_type=plan.repo_type, private=private, exist_ok=True)
        tags = {ref.name for ref in api.list_repo_refs(plan.repo_id, repo_type=plan.repo_type).tags}
        if plan.tag in tags:
            raise PublishError(f"{plan.repo_id} already has the tag {plan.tag!r}: a published version is never "
                               "rewritten; release a new version instead")
        commit = api.upload_folder(
            repo_id=plan.repo_id,
            repo_type=plan.repo_type,
            folder_path=str(plan.folder),
            allow_patterns=[path for path, _ in plan.files],
            delete_patterns="*",
            commit_message=plan.commit_message,
        )
        api.create_tag(plan.repo_id, tag=plan.tag, revision=commit.oid, repo_type=plan.repo_type,
                       tag_message=plan.commit_message)
    except (HfHubHTTPError, OSError) as err:  # OSError: no connection, offline mode
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise PublishError(f"publishing {plan.version} to {plan.repo_id} failed: {first}") from None
    return commit.oid
