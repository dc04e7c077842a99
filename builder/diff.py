"""What changed between two built dataset folders: pages, rows and labels per config, split moves, schemas, files.

Two steps, I/O at the edge: :func:`read_snapshot` reads a folder once into a
:class:`Snapshot` (a fingerprint of every row, not the rows), and :func:`diff_snapshots`
compares two of them (it reads back only the few rows that differ, to tell a list that grew
from a label that changed). :meth:`DatasetDiff.level` applies the version policy of
``release/README.md``: MAJOR when existing rows or labels change or a split moves, MINOR when
rows, columns or configs are added, PATCH when only the card or other metadata changed.

Nothing here knows today's configs: they are read from the folder (``data/<config>/``, in the
card's order). A row is identified by its ``id`` column (else its first column); it belongs to
a page through ``page_id`` (else ``id``); pages are the rows of the config that has both ``id``
and ``sha256`` (their content hash). A row's labels are ``gold`` or ``silver`` by its own
``label_source`` column, else its page's, else ``silver`` (parser output).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LEVELS: tuple[str, ...] = ("patch", "minor", "major")
SHARD_RE = re.compile(r"^(?P<split>[A-Za-z0-9_]+)-\d{5}-of-\d{5}\.parquet$")
#: Files that describe a release but are not the dataset (never compared).
MANIFEST_NAME = "MANIFEST.json"
#: How many ids a table lists under one heading before it says "and N more".
LIST_LIMIT = 12


class DiffError(ValueError):
    """A folder that cannot be read as a built dataset; the message names it and the problem."""


# --- reading a folder -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowPrint:
    """What the diff keeps of one row: where it is, whose it is, and a digest of each column."""

    split: str
    page_id: str | None
    label_source: str | None
    digests: tuple[bytes, ...]


@dataclass
class ConfigSnapshot:
    name: str
    columns: dict[str, Any]  # column name → its Hugging Face feature, as a dict
    key: str
    rows: dict[str, RowPrint] = field(default_factory=dict)
    shards: list[Path] = field(default_factory=list)


@dataclass
class Snapshot:
    """One built folder: its configs' row fingerprints, its pages' content hashes and splits, its files' hashes."""

    name: str
    folder: Path
    configs: dict[str, ConfigSnapshot]
    pages: dict[str, tuple[str, str]]  # page id → (content sha256, split)
    page_sources: dict[str, str]  # page id → label_source of its page row
    files: dict[str, str]  # relative path → sha256


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def folder_files(folder: Path) -> list[Path]:
    """Every file of a dataset folder but the manifest, sorted by relative POSIX path."""
    files = [p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST_NAME]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def config_names(folder: Path) -> list[str]:
    """Configs of a built folder: the card's ``configs`` order, then any other ``data/`` folder."""
    data = folder / "data"
    found = sorted(p.name for p in data.iterdir() if p.is_dir()) if data.is_dir() else []
    ordered: list[str] = []
    card = folder / "README.md"
    if card.is_file():
        from huggingface_hub import DatasetCard

        try:
            entries = DatasetCard.load(card).data.to_dict().get("configs") or []
        except Exception as err:  # a broken card is reported, not a crash
            raise DiffError(f"{card}: cannot read the card's YAML ({err})") from None
        ordered = [e["config_name"] for e in entries if e.get("config_name") in found]
    return ordered + [name for name in found if name not in ordered]


def value_digest(value: Any) -> bytes:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).digest()


def shard_split(path: Path) -> str:
    match = SHARD_RE.match(path.name)
    if not match:
        raise DiffError(f"{path}: not a shard name (<split>-NNNNN-of-NNNNN.parquet)")
    return match["split"]


def iter_shard_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1000):
            yield from batch.to_pylist()
    except Exception as err:  # pyarrow raises several types for a damaged file
        raise DiffError(f"{path}: cannot read Parquet rows ({err})") from None


def row_key(config: ConfigSnapshot, row: dict[str, Any]) -> str:
    return str(row[config.key])


def read_config(folder: Path, name: str) -> ConfigSnapshot:
    """One config's schema and row fingerprints (page and label source left for :func:`read_snapshot`)."""
    import pyarrow.parquet as pq
    from datasets import Features

    shards = sorted((folder / "data" / name).glob("*.parquet"))
    if not shards:
        return ConfigSnapshot(name, {}, "id")
    try:
        columns = Features.from_arrow_schema(pq.read_schema(shards[0])).to_dict()
    except Exception as err:
        raise DiffError(f"{shards[0]}: cannot read the Parquet schema ({err})") from None
    key = "id" if "id" in columns else next(iter(columns))
    config = ConfigSnapshot(name, columns, key, shards=shards)
    names = list(columns)
    page_column = "page_id" if "page_id" in columns else ("id" if "id" in columns else None)
    for shard in shards:
        split = shard_split(shard)
        for row in iter_shard_rows(shard):
            key_value = row_key(config, row)
            if key_value in config.rows:
                raise DiffError(f"{shard}: {name} row {key_value!r} appears twice")
            config.rows[key_value] = RowPrint(
                split=split,
                page_id=None if page_column is None else str(row[page_column]),
                label_source=row.get("label_source"),
                digests=tuple(value_digest(row.get(column)) for column in names),
            )
    return config


def read_snapshot(folder: str | Path, name: str = "") -> Snapshot:
    """Read a built dataset folder (a release or any ``vna-corpus build`` output)."""
    folder = Path(folder)
    if not (folder / "data").is_dir():
        raise DiffError(f"{folder}: not a built dataset folder (no data/)")
    configs = {n: read_config(folder, n) for n in config_names(folder)}
    pages: dict[str, tuple[str, str]] = {}
    page_sources: dict[str, str] = {}
    page_config = next((c for c in configs.values() if {"id", "sha256"} <= set(c.columns)), None)
    if page_config is not None:
        for shard in page_config.shards:
            split = shard_split(shard)
            for row in iter_shard_rows(shard):
                pages[str(row["id"])] = (str(row["sha256"]), split)
                if row.get("label_source"):
                    page_sources[str(row["id"])] = str(row["label_source"])
    files = {p.relative_to(folder).as_posix(): file_sha256(p) for p in folder_files(folder)}
    return Snapshot(name or folder.name, folder, configs, pages, page_sources, files)


def read_rows(config: ConfigSnapshot, keys: set[str]) -> dict[str, dict[str, Any]]:
    """The full rows of ``keys`` (a second pass, only for rows that differ)."""
    found: dict[str, dict[str, Any]] = {}
    if not keys:
        return found
    for shard in config.shards:
        for row in iter_shard_rows(shard):
            key = row_key(config, row)
            if key in keys:
                found[key] = row
    return found


# --- the diff ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SplitMove:
    key: str
    before: str
    after: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.key, "from": self.before, "to": self.after}


@dataclass
class ConfigDiff:
    """How one config changed. ``changed`` holds rows whose labels changed on pages whose text did not."""

    name: str
    rows_before: int
    rows_after: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=lambda: {"gold": [], "silver": []})
    changed_columns: list[str] = field(default_factory=list)
    extended: list[str] = field(default_factory=list)  # only lists grew, old values kept in order
    on_changed_pages: list[str] = field(default_factory=list)
    split_moves: list[SplitMove] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_retyped: list[str] = field(default_factory=list)
    columns_widened: list[str] = field(default_factory=list)  # ClassLabel names appended, old ids kept
    status: str = "kept"  # kept, added, removed

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "rows": {"before": self.rows_before, "after": self.rows_after},
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "changed_columns": self.changed_columns,
            "extended": self.extended,
            "on_changed_pages": self.on_changed_pages,
            "split_moves": [m.to_dict() for m in self.split_moves],
            "columns": {"added": self.columns_added, "removed": self.columns_removed,
                        "retyped": self.columns_retyped, "widened": self.columns_widened},
        }


@dataclass
class DatasetDiff:
    """Everything that differs between folder ``a`` (before) and ``b`` (after)."""

    a: str
    b: str
    pages_added: list[str] = field(default_factory=list)
    pages_removed: list[str] = field(default_factory=list)
    pages_changed: list[str] = field(default_factory=list)
    split_moves: list[SplitMove] = field(default_factory=list)
    configs: dict[str, ConfigDiff] = field(default_factory=dict)
    files_changed: list[str] = field(default_factory=list)  # outside data/: the card, croissant.json, ...
    data_files_changed: list[str] = field(default_factory=list)

    def reasons(self) -> dict[str, list[str]]:
        """Why each version level would be needed: level → reasons (empty lists when none)."""
        major: list[str] = []
        minor: list[str] = []
        patch: list[str] = []
        if self.pages_removed:
            major.append(f"{len(self.pages_removed)} page(s) removed")
        if self.pages_changed:
            major.append(f"{len(self.pages_changed)} page(s) changed")
        if self.split_moves:
            major.append(f"{len(self.split_moves)} page(s) moved to another split")
        if self.pages_added:
            minor.append(f"{len(self.pages_added)} page(s) added")
        for name, c in self.configs.items():
            if c.status == "removed":
                major.append(f"config {name} removed")
                continue
            if c.status == "added":
                minor.append(f"config {name} added")
                continue
            if c.removed:
                major.append(f"{name}: {len(c.removed)} row(s) removed")
            for source in ("gold", "silver"):
                if c.changed[source]:
                    major.append(f"{name}: {len(c.changed[source])} row(s) with changed {source} labels")
            if c.on_changed_pages:
                major.append(f"{name}: {len(c.on_changed_pages)} row(s) of changed pages")
            if c.split_moves:
                major.append(f"{name}: {len(c.split_moves)} row(s) moved to another split")
            if c.columns_removed or c.columns_retyped:
                major.append(f"{name}: columns removed or retyped: {', '.join(c.columns_removed + c.columns_retyped)}")
            if c.added:
                minor.append(f"{name}: {len(c.added)} row(s) added")
            if c.extended:
                minor.append(f"{name}: {len(c.extended)} row(s) extended")
            if c.columns_added:
                minor.append(f"{name}: columns added: {', '.join(c.columns_added)}")
            if c.columns_widened:
                minor.append(f"{name}: class names appended (old ids kept) in: {', '.join(c.columns_widened)}")
        if self.files_changed:
            patch.append("changed: " + ", ".join(self.files_changed))
        if self.data_files_changed and not major and not minor:
            patch.append(f"{len(self.data_files_changed)} data file(s) re-encoded, rows identical")
        return {"major": major, "minor": minor, "patch": patch}

    def level(self) -> str | None:
        """The smallest version bump this diff allows: ``major``, ``minor``, ``patch``, or None (no change)."""
        reasons = self.reasons()
        return next((level for level in reversed(LEVELS) if reasons[level]), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "level": self.level(),
            "reasons": self.reasons(),
            "pages": {"added": self.pages_added, "removed": self.pages_removed, "changed": self.pages_changed},
            "split_moves": [m.to_dict() for m in self.split_moves],
            "configs": {name: c.to_dict() for name, c in self.configs.items()},
            "files_changed": self.files_changed,
            "data_files_changed": self.data_files_changed,
        }


def only_grew(before: Any, after: Any) -> bool:
    """A list that kept its old values, in order, and gained some at the end."""
    return isinstance(before, list) and isinstance(after, list) and len(after) > len(before) \
        and after[: len(before)] == before


def diff_config(a: ConfigSnapshot | None, b: ConfigSnapshot | None, pages_changed: set[str],
                page_sources: dict[str, str]) -> ConfigDiff:
    """One config's changes; ``pages_changed``: pages whose text changed (their rows are not label changes)."""
    name = (a or b).name  # type: ignore[union-attr]
    result = ConfigDiff(name, len(a.rows) if a else 0, len(b.rows) if b else 0)
    if a is None or not a.rows:
        result.status = "added" if b is not None and b.rows else "kept"
        result.added = sorted(b.rows) if b else []
        return result
    if b is None or not b.rows:
        result.status = "removed"
        result.removed = sorted(a.rows)
        return result
    result.columns_added = [c for c in b.columns if c not in a.columns]
    result.columns_removed = [c for c in a.columns if c not in b.columns]
    differ = [c for c in a.columns if c in b.columns and a.columns[c] != b.columns[c]]
    result.columns_widened = [c for c in differ if only_widened(a.columns[c], b.columns[c])]
    result.columns_retyped = [c for c in differ if c not in result.columns_widened]
    result.added = sorted(set(b.rows) - set(a.rows))
    result.removed = sorted(set(a.rows) - set(b.rows))
    shared = [c for c in a.columns if c in b.columns and c not in result.columns_retyped]
    a_index = {c: i for i, c in enumerate(a.columns)}
    b_index = {c: i for i, c in enumerate(b.columns)}
    differing: dict[str, list[str]] = {}
    for key in sorted(set(a.rows) & set(b.rows)):
        before, after = a.rows[key], b.rows[key]
        if before.split != after.split:
            result.split_moves.append(SplitMove(key, before.split, after.split))
        columns = [c for c in shared if before.digests[a_index[c]] != after.digests[b_index[c]]]
        if columns:
            differing[key] = columns
    old_rows = read_rows(a, set(differing))
    new_rows = read_rows(b, set(differing))
    changed_columns: set[str] = set()
    for key, columns in differing.items():
        page = b.rows[key].page_id
        if page is not None and page in pages_changed:
            result.on_changed_pages.append(key)
            continue
        if all(only_grew(old_rows[key][c], new_rows[key][c]) for c in columns):
            result.extended.append(key)
            continue
        sources = {row_source(a.rows[key], page_sources), row_source(b.rows[key], page_sources)}
        result.changed["gold" if "gold" in sources else "silver"].append(key)
        changed_columns.update(columns)
    result.changed_columns = [c for c in shared if c in changed_columns]
    return result


def only_widened(before: Any, after: Any) -> bool:
    """Whether a feature type changed only by names appended to its ClassLabels (every old id keeps its name).

    >>> only_widened({"_type": "ClassLabel", "names": ["a"]}, {"_type": "ClassLabel", "names": ["a", "b"]})
    True
    >>> only_widened({"_type": "ClassLabel", "names": ["a", "b"]}, {"_type": "ClassLabel", "names": ["b", "a"]})
    False
    """
    if isinstance(before, dict) and isinstance(after, dict):
        if before.keys() != after.keys():
            return False
        if before.get("_type") == "ClassLabel":
            old, new = before.get("names") or [], after.get("names") or []
            rest = {k: v for k, v in before.items() if k != "names"} == {k: v for k, v in after.items() if k != "names"}
            return rest and new[: len(old)] == old
        return all(only_widened(before[k], after[k]) for k in before)
    if isinstance(before, list) and isinstance(after, list):
        return len(before) == len(after) and all(only_widened(x, y) for x, y in zip(before, after))
    return before == after


def row_source(row: RowPrint, page_sources: dict[str, str]) -> str:
    if row.label_source:
        return row.label_source
    if row.page_id is not None and row.page_id in page_sources:
        return page_sources[row.page_id]
    return "silver"


def diff_snapshots(a: Snapshot, b: Snapshot) -> DatasetDiff:
    """What changed from ``a`` to ``b``."""
    result = DatasetDiff(a.name, b.name)
    result.pages_added = sorted(set(b.pages) - set(a.pages))
    result.pages_removed = sorted(set(a.pages) - set(b.pages))
    shared = sorted(set(a.pages) & set(b.pages))
    result.pages_changed = [p for p in shared if a.pages[p][0] != b.pages[p][0]]
    result.split_moves = [SplitMove(p, a.pages[p][1], b.pages[p][1]) for p in shared if a.pages[p][1] != b.pages[p][1]]
    changed = set(result.pages_changed)
    sources = {**a.page_sources, **b.page_sources}
    names = list(a.configs) + [n for n in b.configs if n not in a.configs]
    result.configs = {n: diff_config(a.configs.get(n), b.configs.get(n), changed, sources) for n in names}
    paths = sorted(set(a.files) | set(b.files))
    differ = [p for p in paths if a.files.get(p) != b.files.get(p)]
    result.files_changed = [p for p in differ if not p.startswith("data/")]
    result.data_files_changed = [p for p in differ if p.startswith("data/")]
    return result


def diff_folders(a: str | Path, b: str | Path, a_name: str = "", b_name: str = "") -> DatasetDiff:
    return diff_snapshots(read_snapshot(a, a_name), read_snapshot(b, b_name))


# --- showing it -------------------------------------------------------------------------


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:LIST_LIMIT])
    return shown + (f", … and {len(ids) - LIST_LIMIT} more" if len(ids) > LIST_LIMIT else "")


def format_table(diff: DatasetDiff) -> str:
    """The diff for a terminal: a verdict, the pages, one line per config, then the details."""
    level = diff.level()
    reasons = diff.reasons()
    verdict = "no change" if level is None else f"needs a {level.upper()} version: " + "; ".join(reasons[level])
    moves = ", ".join(f"{m.key} {m.before}→{m.after}" for m in diff.split_moves) or "none"
    lines = [
        f"diff {diff.a} → {diff.b}: {verdict}",
        f"pages (by content sha256): {len(diff.pages_added)} added, {len(diff.pages_removed)} removed, "
        f"{len(diff.pages_changed)} changed; split moves: {moves}",
    ]
    for sign, ids in (("+", diff.pages_added), ("-", diff.pages_removed), ("~", diff.pages_changed)):
        if ids:
            lines.append(f"  {sign} {_ids(ids)}")
    header = ("config", "rows", "added", "removed", "gold changed", "silver changed", "extended",
              "of changed pages", "split moves")
    table = [header]
    for name, c in diff.configs.items():
        rows = f"{c.rows_before} → {c.rows_after}" + ("" if c.status == "kept" else f" ({c.status})")
        table.append((name, rows, str(len(c.added)), str(len(c.removed)), str(len(c.changed["gold"])),
                      str(len(c.changed["silver"])), str(len(c.extended)), str(len(c.on_changed_pages)),
                      str(len(c.split_moves))))
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines.append("")
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in table]
    details = []
    for name, c in diff.configs.items():
        for source in ("gold", "silver"):
            if c.changed[source]:
                details.append(f"{name}: {source} labels changed in {', '.join(c.changed_columns)}: "
                               f"{_ids(c.changed[source])}")
        if c.columns_added or c.columns_removed or c.columns_retyped or c.columns_widened:
            details.append(f"{name}: columns added {c.columns_added or '-'}, removed {c.columns_removed or '-'}, "
                           f"retyped {c.columns_retyped or '-'}, class names appended {c.columns_widened or '-'}")
        if c.split_moves:
            details.append(f"{name}: split moves: " + _ids([f"{m.key} {m.before}→{m.after}" for m in c.split_moves]))
    if diff.files_changed:
        details.append("other files changed: " + ", ".join(diff.files_changed))
    if details:
        lines += ["", *details]
    return "\n".join(lines)


def format_json(diff: DatasetDiff) -> str:
    return json.dumps(diff.to_dict(), indent=2, ensure_ascii=False)
