"""Published versions: ``release/<version>/`` is a build of the repository's corpus plus ``MANIFEST.json``.

A release is made once and never rewritten. :func:`make_release` builds the bundled corpus
with :func:`builder.build.build_dataset` (the code path of ``vna-corpus build``) into a staging
folder, diffs it with the previous release (:mod:`builder.diff`), refuses a version that does
not follow the policy of ``release/README.md`` (TFDS-style: MAJOR, MINOR, PATCH), writes the
manifest, moves the folder into place and adds the diff to ``release/CHANGELOG.md``.

The manifest lists every file with its size and sha256, the rows per config and split, the
builder version, the build options and a digest of the input corpus, so :func:`verify_release`
can check a folder without rebuilding it, and :func:`check_release` can rebuild it from the
corpus and compare byte for byte. Nothing in a release depends on where or when it was built:
the card names the folder ``release/<version>`` whatever the staging path.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.diff import LEVELS, MANIFEST_NAME, DatasetDiff, diff_folders, file_sha256, folder_files, format_table

#: The repository's folders: the published versions and the corpus they are built from.
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RELEASE_DIR = REPOSITORY_ROOT / "release"
DEFAULT_CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
CHANGELOG_NAME = "CHANGELOG.md"
MANIFEST_FORMAT = 1
#: Ids of generated pages: they must never go into a release.
SYNTHETIC_PREFIX = "synth-"
#: Names the newest published version where a command reads one (``release --check latest``).
LATEST = "latest"
VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
_ENTRY_RE = re.compile(r"^## (\d+\.\d+\.\d+)\b", re.MULTILINE)
_MANIFEST_SHA_RE = re.compile(r"`MANIFEST\.json` sha256: `([0-9a-f]{64})`")

CHANGELOG_HEADER = """# Changelog

Every published version of the dataset, newest first. Each entry is written by `vna-corpus release`:
the notes of `cards/changelog.md` for that version, then `vna-corpus diff <previous> <version>` and the
sha256 of the version's `MANIFEST.json` (which `vna-corpus verify` checks).
"""


class ReleaseError(Exception):
    """A release that is refused or broken; the message is one line saying what and why."""


@dataclass(frozen=True, order=True, slots=True)
class Version:
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version:
        match = VERSION_RE.match(str(text))
        if not match:
            raise ReleaseError(f"version must look like X.Y.Z (three whole numbers), not {text!r}")
        return cls(*(int(part) for part in match.groups()))

    def bump(self, level: str) -> Version:
        if level == "major":
            return Version(self.major + 1, 0, 0)
        if level == "minor":
            return Version(self.major, self.minor + 1, 0)
        return Version(self.major, self.minor, self.patch + 1)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def release_path(version: str | Version) -> str:
    """How a release folder is named inside the repository (and in its card)."""
    return f"release/{version}"


# --- the version policy -----------------------------------------------------------------


def check_version(new: Version, previous: Version | None, diff: DatasetDiff | None) -> str:
    """The level of ``new`` after ``previous`` (``initial`` for the first), or :class:`ReleaseError` if the
    policy refuses it: the next version at the level the diff needs, or at a higher level, nothing else."""
    if previous is None:
        return "initial"
    if new <= previous:
        raise ReleaseError(f"{new} is not newer than the latest release {previous}; versions only go forward")
    needed = diff.level() if diff is not None else None
    if needed is None:
        raise ReleaseError(f"nothing changed since {previous} (same rows, same files); there is nothing to release")
    allowed = {level: previous.bump(level) for level in LEVELS[LEVELS.index(needed):]}
    for level, version in allowed.items():
        if new == version:
            return level
    why = "; ".join(diff.reasons()[needed])  # type: ignore[union-attr]
    others = ", ".join(f"{v} ({level})" for level, v in list(allowed.items())[1:])
    raise ReleaseError(
        f"{new} does not follow the version policy: the changes since {previous} need a {needed.upper()} version "
        f"({why}); release {allowed[needed]}" + (f" (or {others})" if others else "")
    )


# --- the corpus -------------------------------------------------------------------------


def corpus_digest(corpus: Path) -> dict[str, Any]:
    """sha256 of the corpus: of ``sha256sum``-style lines (file hash, relative path), sorted, per folder and all."""
    lines: dict[str, list[str]] = {}
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        relative = path.relative_to(corpus).as_posix()
        top = relative.split("/", 1)[0] if "/" in relative else "."
        lines.setdefault(top, []).append(f"{file_sha256(path)}  {relative}\n")

    def digest(items: list[str]) -> str:
        return hashlib.sha256("".join(items).encode("utf-8")).hexdigest()

    everything = [line for folder in sorted(lines) for line in lines[folder]]
    return {"sha256": digest(everything), "files": len(everything),
            "folders": {folder: digest(items) for folder, items in sorted(lines.items())}}


def check_corpus(corpus: Path) -> None:
    """Refuse a corpus without pages, or with a synthetic page or gold record (ids ``synth-...``)."""
    from builder.read import PageError, iter_pages

    pages = corpus / "pages"
    if not pages.is_dir():
        raise ReleaseError(f"{corpus}: no pages/ folder; a release is built from the repository's corpus")
    for page in iter_pages([pages]):
        page_id, name = page.id, (page.source if isinstance(page, PageError) else page.source_file)
        if page_id.startswith(SYNTHETIC_PREFIX) or Path(name).name.startswith(SYNTHETIC_PREFIX):
            raise ReleaseError(f"{corpus / name}: synthetic page {page_id or name!r} cannot go into a release")
    for gold in sorted((corpus / "gold").glob(f"{SYNTHETIC_PREFIX}*")):
        raise ReleaseError(f"{gold}: synthetic gold record cannot go into a release")


# --- the manifest -----------------------------------------------------------------------


def environment() -> dict[str, str]:
    """Versions of what writes the bytes (Parquet writer, card, features), for a failed reproducibility check."""
    from importlib.metadata import version

    return {"python": platform.python_version(),
            **{name: version(name) for name in ("pyarrow", "datasets", "huggingface_hub")}}


def file_entries(folder: Path) -> list[dict[str, Any]]:
    return [{"path": p.relative_to(folder).as_posix(), "size": p.stat().st_size, "sha256": file_sha256(p)}
            for p in folder_files(folder)]


def make_manifest(folder: Path, report: Any, corpus: dict[str, Any], previous: Version | None,
                  level: str) -> dict[str, Any]:
    from builder import __version__
    from builder.report import DATASET_NAME
    from builder.write import DEFAULT_ROWS_PER_SHARD

    return {
        "manifest_format": MANIFEST_FORMAT,
        "dataset": DATASET_NAME,
        "version": report.version,
        "previous": None if previous is None else str(previous),
        "change": level,
        "builder": {"name": "vna-corpus", "version": __version__},
        "environment": environment(),
        "build": {"split_ratios": list(report.split_ratios), "rows_per_shard": DEFAULT_ROWS_PER_SHARD,
                  "dataset_path": report.dataset_path},
        "corpus": corpus,
        "pages": {"in": report.pages_in, "written": report.pages_written, "rejected": report.pages_rejected},
        "rows": report.rows,
        "files": file_entries(folder),
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")


def load_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise ReleaseError(f"{path}: no manifest (is {folder} a release folder?)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ReleaseError(f"{path}: broken manifest ({err})") from None
    for key in ("version", "files", "rows", "corpus", "build"):
        if key not in manifest:
            raise ReleaseError(f"{path}: the manifest has no {key!r}")
    return manifest


def count_rows(folder: Path, configs: list[str], splits: list[str]) -> dict[str, dict[str, int]]:
    """Rows per config and split, from the Parquet footers (``data/<config>/<split>-*.parquet``)."""
    import pyarrow.parquet as pq

    counts: dict[str, dict[str, int]] = {}
    for config in configs:
        counts[config] = {}
        for split in splits:
            total = 0
            for shard in sorted((folder / "data" / config).glob(f"{split}-*.parquet")):
                try:
                    total += pq.ParquetFile(shard).metadata.num_rows
                except Exception as err:
                    raise ReleaseError(f"{shard}: cannot read the Parquet footer ({err})") from None
            counts[config][split] = total
    return counts


# --- verify -----------------------------------------------------------------------------


def verify_release(folder: str | Path) -> list[str]:
    """Every way ``folder`` differs from its manifest (files, sizes, sha256, rows), one line each."""
    folder = Path(folder)
    try:
        manifest = load_manifest(folder)
    except ReleaseError as err:
        return [str(err)]
    problems: list[str] = []
    listed = {entry["path"]: entry for entry in manifest["files"]}
    present = {p.relative_to(folder).as_posix(): p for p in folder_files(folder)}
    for path in sorted(set(listed) - set(present)):
        problems.append(f"{folder / path}: listed in the manifest but missing")
    for path in sorted(set(present) - set(listed)):
        problems.append(f"{folder / path}: not in the manifest")
    for path in sorted(set(listed) & set(present)):
        entry, actual = listed[path], present[path]
        size = actual.stat().st_size
        if size != entry["size"]:
            problems.append(f"{actual}: {size} bytes, the manifest says {entry['size']}")
        elif file_sha256(actual) != entry["sha256"]:
            problems.append(f"{actual}: sha256 differs from the manifest (the file was changed)")
    if manifest["version"] != folder.name:
        problems.append(f"{folder / MANIFEST_NAME}: version {manifest['version']} but the folder is {folder.name}")
    expected: dict[str, dict[str, int]] = manifest["rows"]
    splits = sorted({s for by_split in expected.values() for s in by_split})
    try:
        found = count_rows(folder, list(expected), splits)
    except ReleaseError as err:
        return problems + [str(err)]
    for config, by_split in expected.items():
        for split, rows in by_split.items():
            if found[config][split] != rows:
                problems.append(f"{folder}: {config}/{split} has {found[config][split]} rows, the manifest says {rows}")
    return problems


def published_versions(release_dir: Path) -> list[Version]:
    """Version folders of ``release_dir``, oldest first."""
    if not release_dir.is_dir():
        return []
    return sorted(Version.parse(p.name) for p in release_dir.iterdir() if p.is_dir() and VERSION_RE.match(p.name))


def latest_version(release_dir: Path) -> Version:
    versions = published_versions(release_dir)
    if not versions:
        raise ReleaseError(f"{release_dir}: no published version")
    return versions[-1]


def verify_all(release_dir: str | Path = DEFAULT_RELEASE_DIR) -> tuple[list[str], list[str]]:
    """Verify every published version and its changelog entry: ``(versions checked, problems)``."""
    release_dir = Path(release_dir)
    versions = published_versions(release_dir)
    if not versions:
        return [], [f"{release_dir}: no published version"]
    problems: list[str] = []
    entries = changelog_entries(release_dir / CHANGELOG_NAME)
    for version in versions:
        folder = release_dir / str(version)
        problems += verify_release(folder)
        entry = entries.get(str(version))
        if entry is None:
            problems.append(f"{release_dir / CHANGELOG_NAME}: no entry for {version}")
            continue
        noted = _MANIFEST_SHA_RE.search(entry)
        manifest = folder / MANIFEST_NAME
        if manifest.is_file() and (noted is None or noted.group(1) != file_sha256(manifest)):
            problems.append(f"{manifest}: sha256 differs from the one in {CHANGELOG_NAME} (the manifest was changed)")
    return [str(v) for v in versions], problems


# --- the changelog ----------------------------------------------------------------------


def changelog_entries(path: Path) -> dict[str, str]:
    """Entries of a changelog by version (each from its ``## X.Y.Z`` heading to the next)."""
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    starts = list(_ENTRY_RE.finditer(text))
    return {m.group(1): text[m.start(): (starts[i + 1].start() if i + 1 < len(starts) else len(text))].strip() + "\n"
            for i, m in enumerate(starts)}


def write_changelog(path: Path, version: str, entry: str) -> None:
    """Add (or replace) the entry of ``version``; entries stay newest first. Written whole, then renamed."""
    entries = changelog_entries(path)
    entries[version] = entry.strip() + "\n"
    ordered = sorted(entries, key=Version.parse, reverse=True)
    text = CHANGELOG_HEADER + "".join("\n" + entries[v] for v in ordered)
    staged = path.with_name(f".{path.name}.{os.getpid()}")
    staged.write_text(text, encoding="utf-8", newline="\n")
    os.replace(staged, path)


def card_notes(version: str) -> str:
    """The human-written notes of ``version`` in ``cards/changelog.md`` (its ``### X.Y.Z`` section)."""
    from builder.card import CARDS_DIR, CHANGELOG

    path = CARDS_DIR / CHANGELOG
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^### {re.escape(version)}\s*$(.*?)(?=^### |\Z)", text, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else ""


def rows_table(rows: dict[str, dict[str, int]]) -> str:
    splits = sorted({s for by_split in rows.values() for s in by_split},
                    key=lambda s: next((i for c in rows.values() for i, k in enumerate(c) if k == s), 0))
    lines = ["| config | " + " | ".join(splits) + " | rows |", "|---|" + "---:|" * (len(splits) + 1)]
    for config, by_split in rows.items():
        cells = " | ".join(str(by_split.get(s, 0)) for s in splits)
        lines.append(f"| `{config}` | {cells} | {sum(by_split.values())} |")
    return "\n".join(lines)


def changelog_entry(manifest: dict[str, Any], manifest_sha: str, diff: DatasetDiff | None, notes: str) -> str:
    version, previous, level = manifest["version"], manifest["previous"], manifest["change"]
    corpus = manifest["corpus"]
    if previous is None or diff is None:
        head = "First release."
    else:
        reasons = diff.reasons()
        why = reasons[level] or reasons[diff.level() or level]
        head = f"{level.upper()} version after {previous}: " + "; ".join(why) + "."
    parts = [
        f"## {version}",
        f"{head} Built by vna-corpus {manifest['builder']['version']} from the corpus with sha256 "
        f"`{corpus['sha256']}` ({corpus['files']} files): {manifest['pages']['written']} pages.",
    ]
    if notes:
        parts.append(notes)
    parts.append("Rows:\n\n" + rows_table(manifest["rows"]))
    if diff is not None:
        parts.append(f"Changes (`vna-corpus diff {previous} {version}`):\n\n```text\n{format_table(diff)}\n```")
    parts.append(f"`MANIFEST.json` sha256: `{manifest_sha}`")
    return "\n\n".join(parts) + "\n"


def differs_beyond_version(a: Path, b: Path, a_version: Version, b_version: Version) -> bool:
    """Whether two files differ in more than the version number they carry (the card, croissant.json)."""
    if not (a.is_file() and b.is_file()):
        return True
    try:
        a_text, b_text = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return a.read_bytes() != b.read_bytes()
    def masked(text: str) -> str:
        return text.replace(str(a_version), "<version>").replace(str(b_version), "<version>")

    return masked(a_text) != masked(b_text)


# --- release and check ------------------------------------------------------------------


@dataclass
class ReleaseReport:
    """What :func:`make_release` did."""

    version: str
    folder: Path
    previous: str | None
    level: str
    manifest: dict[str, Any]
    diff: DatasetDiff | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        after = "first release" if self.previous is None else f"{self.level} version after {self.previous}"
        lines = [f"Released {self.version} into {self.folder} ({after}) in {self.seconds:.1f} s",
                 f"{len(self.manifest['files'])} files, corpus sha256 {self.manifest['corpus']['sha256'][:16]}…"]
        if self.diff is not None:
            lines.append(format_table(self.diff))
        return "\n".join(lines)


def _build(corpus: Path, out: Path, version: str, workers: int | None, split_ratios: tuple[int, ...] | None = None,
           rows_per_shard: int | None = None) -> Any:
    from builder.build import BuildError, build_dataset
    from builder.split import DEFAULT_RATIOS
    from builder.write import DEFAULT_ROWS_PER_SHARD

    try:
        report = build_dataset([corpus / "pages"], out, version=version, gold_dir=corpus / "gold", workers=workers,
                               dataset_path=release_path(version), split_ratios=tuple(split_ratios or DEFAULT_RATIOS),
                               rows_per_shard=rows_per_shard or DEFAULT_ROWS_PER_SHARD)
    except BuildError as err:
        raise ReleaseError(f"the build failed: {err}") from None
    if report.synthetic_pages:  # also pages marked synthetic by their url, whatever their id
        raise ReleaseError(f"{corpus}: {report.synthetic_pages} synthetic page(s) cannot go into a release")
    return report


def make_release(version: str, *, release_dir: str | Path = DEFAULT_RELEASE_DIR,
                 corpus: str | Path = DEFAULT_CORPUS_DIR, workers: int | None = None) -> ReleaseReport:
    """Build ``release/<version>`` from the corpus, if the version policy allows it; see :func:`builder.api.release`."""
    started = time.perf_counter()
    new = Version.parse(version)
    release_dir, corpus = Path(release_dir), Path(corpus)
    target = release_dir / str(new)
    if target.exists():
        raise ReleaseError(f"{target} exists: a published version is never rewritten (if it was never published, "
                           "remove the folder and run the release again)")
    check_corpus(corpus)
    versions = published_versions(release_dir)
    previous = versions[-1] if versions else None
    if previous is not None and new <= previous:
        check_version(new, previous, None)
    release_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{new}.staging-", dir=release_dir))
    try:
        out = staging / str(new)
        report = _build(corpus, out, str(new), workers)
        diff = None
        if previous is not None:
            diff = diff_folders(release_dir / str(previous), out, str(previous), str(new))
            diff.files_changed = [p for p in diff.files_changed
                                  if differs_beyond_version(release_dir / str(previous) / p, out / p, previous, new)]
        level = check_version(new, previous, diff)
        notes = card_notes(str(new))
        if level == "patch" and not notes:
            raise ReleaseError(f"{new} changes only the card or metadata: say what it fixes under '### {new}' in "
                               "cards/changelog.md (it goes into the card and the changelog), then release again")
        manifest = make_manifest(out, report, corpus_digest(corpus), previous, level)
        write_json(out / MANIFEST_NAME, manifest)
        problems = verify_release(out)
        if problems:
            raise ReleaseError(f"the staged release does not verify: {problems[0]}")
        out.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    manifest_sha = file_sha256(target / MANIFEST_NAME)
    write_changelog(release_dir / CHANGELOG_NAME, str(new),
                    changelog_entry(manifest, manifest_sha, diff, notes))
    return ReleaseReport(str(new), target, None if previous is None else str(previous), level, manifest, diff,
                         time.perf_counter() - started)


@dataclass
class CheckResult:
    """What :func:`check_release` found: the problems (none: byte-identical) and the files compared."""

    version: str
    files: int
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_release(version: str, *, release_dir: str | Path = DEFAULT_RELEASE_DIR,
                  corpus: str | Path = DEFAULT_CORPUS_DIR, workers: int | None = None) -> CheckResult:
    """Rebuild ``release/<version>`` (or the ``latest``) from the corpus into a temporary folder; compare byte for
    byte."""
    started = time.perf_counter()
    release_dir, corpus = Path(release_dir), Path(corpus)
    new = latest_version(release_dir) if version == LATEST else Version.parse(version)
    folder = release_dir / str(new)
    if not folder.is_dir():
        raise ReleaseError(f"{folder}: no such release")
    manifest = load_manifest(folder)
    check_corpus(corpus)
    problems = verify_release(folder)
    digest = corpus_digest(corpus)
    if digest["sha256"] != manifest["corpus"]["sha256"]:
        changed = [name for name in sorted(set(digest["folders"]) | set(manifest["corpus"].get("folders", {})))
                   if digest["folders"].get(name) != manifest["corpus"].get("folders", {}).get(name)]
        problems.append(f"{corpus}: the corpus differs from the one {new} was built from (in {', '.join(changed)})")
    with tempfile.TemporaryDirectory(prefix=f"vna-check-{new}-") as tmp:
        out = Path(tmp) / str(new)
        build = manifest["build"]
        _build(corpus, out, str(new), workers, tuple(build["split_ratios"]), build.get("rows_per_shard"))
        published = {e["path"]: e["sha256"] for e in manifest["files"]}
        rebuilt = {p.relative_to(out).as_posix(): p for p in folder_files(out)}
        differing = []
        for path in sorted(set(published) | set(rebuilt)):
            if path not in rebuilt:
                problems.append(f"{folder / path}: published but not made by the rebuild")
            elif path not in published:
                problems.append(f"{path}: made by the rebuild but not published in {folder}")
            elif not (folder / path).is_file() or (folder / path).read_bytes() != rebuilt[path].read_bytes():
                problems.append(f"{folder / path}: the rebuild gives different bytes")
                differing.append(path)
        if differing and (folder / "data").is_dir():
            diff = diff_folders(folder, out, str(new), "rebuild")
            level = diff.level()
            problems.append("what the rebuild changes: " + ("; ".join(diff.reasons()[level]) if level else
                                                            "no row, only bytes"))
        from builder import __version__

        now = {"vna-corpus": __version__, **environment()}
        was = {"vna-corpus": manifest.get("builder", {}).get("version"), **manifest.get("environment", {})}
        moved = [f"{k} {was.get(k)} → {v}" for k, v in now.items() if was.get(k) != v and k != "python"]
        if problems and moved:
            problems.append("the release was built with other versions of what writes the files: " + ", ".join(moved))
    return CheckResult(str(new), len(manifest["files"]), problems, time.perf_counter() - started)


def release_folder(target: str | Path, release_dir: str | Path = DEFAULT_RELEASE_DIR) -> Path:
    """A release folder from a path, or from a bare version (``0.1.0`` → ``release/0.1.0``)."""
    path = Path(target)
    if path.is_dir() or not VERSION_RE.match(str(target)):
        return path
    return Path(release_dir) / str(target)
