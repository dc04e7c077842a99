"""Parquet shards: rows of one config and split, encoded into files of bounded size (``pyarrow`` only).

A worker encodes its shard's rows with :class:`PartWriter` (in memory: a worker that does not see the
output folder sends the files back as bytes), and the driver gives the files their final
``<split>-NNNNN-of-NNNNN.parquet`` names once every count is known.
No ``datasets`` here: the schemas come in as Arrow schemas (the ``huggingface`` metadata key
included), so a worker imports the parsing core and ``pyarrow`` only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

DEFAULT_ROWS_PER_SHARD = 100_000
#: A shard is closed once its rows take this much Arrow memory (checked after each row group).
MAX_SHARD_BYTES = 256 * 2**20
ROWS_PER_GROUP = 1000
#: Rows kept as Python objects before they are turned into Arrow (a row group is written whole, once it has
#: :data:`ROWS_PER_GROUP` rows). Python rows take several times the memory of their Arrow form, once the
#: allocator's fragmentation is counted, and a group of ``pages`` rows is a thousand pages' texts. Configs of
#: small rows (a paragraph, a teaser) convert a whole group at once (``rows_per_batch``): one conversion, no
#: concatenation, the same bytes.
ROWS_PER_BATCH = 100
PARQUET_COMPRESSION = "zstd"
#: The pool rows are encoded with: the C allocator's. Arrow's default (mimalloc) keeps the blocks a row group
#: freed for its next allocations, which held about 50 MiB more at a task's peak in each worker (issue 15,
#: round 2), and was no faster here.
ARROW_POOL = pa.system_memory_pool()

Row = dict[str, Any]


@dataclass
class SplitFiles:
    """What was written for one config and split."""

    rows: int = 0
    num_bytes: int = 0  # Arrow (in-memory) size, as datasets' ``num_bytes``
    files: list[tuple[str, int]] = field(default_factory=list)  # (path relative to the dataset folder, size)

    @property
    def download_size(self) -> int:
        return sum(size for _, size in self.files)


@dataclass(frozen=True, slots=True)
class Part:
    """One encoded Parquet file: its bytes (None when it was written to its file), its rows, their Arrow size and
    the file's size."""

    data: bytes | None
    rows: int
    num_bytes: int
    size: int


def merge_rows(kept_rows: dict[Any, tuple[str, Row]], rows: Iterable[tuple[str, Row]], key: str,
               merge: Callable[[Row, Row], None]) -> None:
    """Fold rows that name the same thing across pages (a teaser) into the first one kept, by ``key``."""
    for split, row in rows:
        kept = kept_rows.get(row[key])
        if kept is None:
            kept_rows[row[key]] = (split, row)
        else:
            merge(kept[1], row)


def written_splits(files: dict[str, SplitFiles]) -> list[str]:
    """The splits of a config that have rows, in split order (only these go into the card and Croissant file)."""
    return [split for split, written in files.items() if written.rows]


def shard_name(split: str, index: int, count: int) -> str:
    return f"{split}-{index:05d}-of-{count:05d}.parquet"


def _column(rows: list[Row], name: str, cell: Callable[[Row], Any]) -> list[Any]:
    """One column of ``rows`` (``cell`` is ``itemgetter(name)``, in C); None where a row lacks the key."""
    try:
        return list(map(cell, rows))
    except KeyError:
        return [row.get(name) for row in rows]


class PartWriter:
    """Rows of one config and split, streamed into Parquet files in memory (at most ``rows_per_shard`` rows,
    about :data:`MAX_SHARD_BYTES` each), ``rows_per_group`` rows a row group, turned into Arrow
    ``rows_per_batch`` rows at a time."""

    def __init__(self, schema: pa.Schema, rows_per_shard: int = DEFAULT_ROWS_PER_SHARD,
                 rows_per_batch: int = ROWS_PER_BATCH, path_of: Callable[[int], Path] | None = None) -> None:
        if rows_per_shard < 1 or rows_per_batch < 1:
            raise ValueError("rows_per_shard and rows_per_batch must be at least 1")
        self.schema = schema
        self.rows_per_shard = rows_per_shard
        self.rows_per_group = min(ROWS_PER_GROUP, rows_per_shard)
        self.rows_per_batch = rows_per_batch
        self.columns = [(field.name, itemgetter(field.name), field.type) for field in schema]
        self.pool = ARROW_POOL
        self.buffer: list[Row] = []
        self.group: list[pa.Table] = []  # the row group being gathered, as Arrow tables of rows_per_batch rows
        self.group_rows = 0
        self.parts: list[Part] = []
        #: Where the file of part number N goes, written as it is encoded; None: kept in memory, as bytes.
        self.path_of = path_of
        self.path: Path | None = None
        self.sink: pa.BufferOutputStream | None = None
        self.writer: pq.ParquetWriter | None = None
        self.in_shard = 0
        self.shard_bytes = 0

    def add(self, row: Row) -> None:
        self.buffer.append(row)
        if self.group_rows + len(self.buffer) >= min(self.rows_per_group, self.rows_per_shard - self.in_shard):
            self._flush()
        elif len(self.buffer) >= self.rows_per_batch:
            self._to_arrow()

    def _to_arrow(self) -> None:
        # As Table.from_pylist does (a column at a time, None for a missing key), with the pool given.
        rows, pool = self.buffer, self.pool
        arrays = [pa.array(_column(rows, name, cell), type=kind, memory_pool=pool) for name, cell, kind in self.columns]
        self.group.append(pa.Table.from_arrays(arrays, schema=self.schema))
        self.group_rows += len(rows)
        self.buffer = []

    def _flush(self) -> None:
        if self.buffer:
            self._to_arrow()
        if not self.group:
            return
        # One chunk a column, as one from_pylist of the whole group gives: the same Parquet bytes.
        table = self.group[0] if len(self.group) == 1 else pa.concat_tables(self.group).combine_chunks(self.pool)
        self.group, self.group_rows = [], 0
        if self.writer is None:
            if self.path_of is None:
                self.sink = pa.BufferOutputStream()
            else:
                self.path = self.path_of(len(self.parts))
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.sink if self.path is None else str(self.path), self.schema,
                                           compression=PARQUET_COMPRESSION, memory_pool=self.pool)
        self.writer.write_table(table, row_group_size=self.rows_per_group)
        self.in_shard += table.num_rows
        self.shard_bytes += table.nbytes
        if self.in_shard >= self.rows_per_shard or self.shard_bytes >= MAX_SHARD_BYTES:
            self._close_part()

    def _close_part(self) -> None:
        assert self.writer is not None
        self.writer.close()
        if self.path is not None:
            self.parts.append(Part(None, self.in_shard, self.shard_bytes, self.path.stat().st_size))
        else:
            assert self.sink is not None
            data = self.sink.getvalue().to_pybytes()
            self.parts.append(Part(data, self.in_shard, self.shard_bytes, len(data)))
        self.writer, self.sink, self.path, self.in_shard, self.shard_bytes = None, None, None, 0, 0

    def close(self) -> list[Part]:
        """Flush; the files, in order (none without rows: ``datasets`` refuses an empty split)."""
        self._flush()
        if self.writer is not None:
            self._close_part()
        return self.parts


class ShardWriter:
    """Rows of one config and split into named Parquet files under ``folder`` (a :class:`PartWriter` to disk)."""

    def __init__(self, root: Path, folder: Path, split: str, schema: pa.Schema, rows_per_shard: int,
                 rows_per_batch: int = ROWS_PER_BATCH) -> None:
        self.root, self.folder, self.split = root, folder, split
        self.parts = PartWriter(schema, rows_per_shard, rows_per_batch)

    def add(self, row: Row) -> None:
        self.parts.add(row)

    def close(self) -> SplitFiles:
        parts = self.parts.close()
        result = SplitFiles()
        for index, part in enumerate(parts):
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / shard_name(self.split, index, len(parts))
            assert part.data is not None
            path.write_bytes(part.data)
            result.rows += part.rows
            result.num_bytes += part.num_bytes
            result.files.append((path.relative_to(self.root).as_posix(), len(part.data)))
        return result
