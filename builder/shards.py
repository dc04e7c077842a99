"""A worker's unit of work in a build: a shard of input pages to its own Parquet files and a small stats record.

The driver cuts the screened inputs, in input order, into :class:`ShardTask`\\ s of a fixed number
of inputs (never "as many as there are workers"), so what a task writes, and the names its files
get, depend on the inputs only: any number of workers, on any engine, gives the same bytes. A task
runs the per-page work (:func:`builder.process.process_page`, or the ``page_fn`` given to the
build) on each page, encodes the rows of every config and split into Parquet in memory
(:class:`builder.parquet.PartWriter`), writes the files into the driver's staging folder when it
sees that folder (:func:`folder_reachable`: the local engine's workers, Ray's on this machine or on
nodes sharing the path) or else sends their bytes back, and returns its rejects in input order and
a :class:`~builder.report.PageCounts`. Configs whose rows merge across pages (``teasers``) are
merged within the shard and sent back as rows: only the driver sees every shard.

A page whose work raises costs that page (a ``parse-error`` reject, as before); a page that kills
its worker fails the whole task, which the driver then narrows down to that page
(:func:`builder.build.settle_failed_shard`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import io
import pickle
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

import pyarrow as pa

from builder.engines.batches import MAX_FAILURES_IN_A_ROW
from builder.parquet import ROWS_PER_BATCH, Part, PartWriter, Row, merge_rows
from builder.process import PageFunction, PageTask, failed_page
from builder.report import PageCounts
from builder.steps import Reject

#: Inputs a task takes: each task writes at most one file per config and split (unless it holds more rows than
#: ``rows_per_shard``), so this is also about how many pages a ``pages`` shard of the dataset holds.
DEFAULT_PAGES_PER_TASK = 1000

#: The cyclic collector's first threshold while a task runs (Python's default is 700). A page allocates thousands of
#: short-lived containers (tokens, candidates, rows), nearly all freed by reference counting, so at 700 the
#: collector ran about once a page and took a tenth of a task's CPU; at this threshold it takes about 2 %, and
#: the garbage it waits for is a few thousand objects.
TASK_GC_THRESHOLD = 20_000

#: How rows merged across pages are merged: the key column and the function that folds a later row into the kept one.
Merge = tuple[str, Callable[[Row, Row], None]]


@dataclass(frozen=True)
class ShardSpec:
    """What every task of a build shares: the schemas of the configs workers write, the merged configs, the
    splits, the shard size and the per-page function."""

    schemas: dict[str, pa.Schema]
    merged: dict[str, Merge]
    splits: tuple[str, ...]
    rows_per_shard: int
    page_fn: PageFunction
    #: The staging folder, and the token of its :data:`FOLDER_MARKER` file: a worker that finds the marker with
    #: this token there (the local engine's workers; Ray's on a single-node cluster, or on nodes sharing that
    #: path) writes its files in place; any other sends them back as bytes. None: always as bytes.
    folder: str | None = None
    folder_token: str = ""
    #: Rows a config's writer turns into Arrow at once (:attr:`builder.write.ConfigSpec.rows_per_batch`); a config
    #: not named: :data:`builder.parquet.ROWS_PER_BATCH`.
    rows_per_batch: dict[str, int] = field(default_factory=dict)


class ShardTask:
    """A task: its place in the input, its inputs and the build's :class:`ShardSpec`.

    The inputs are held pickled, one pickle an input laid end to end in one ``bytes``: a task waiting in the
    driver's window or in a queue to its worker takes about its pages' UTF-8 size instead of thousands of Python
    objects (text in memory takes up to twice its UTF-8 size), an engine sends it without pickling each page again,
    and a worker unpickles one input at a time (:meth:`iter_items`), so a task's pages are never all in its memory.
    """

    __slots__ = ("ends", "index", "packed", "spec")

    def __init__(self, index: int, items: Iterable[PageTask | Reject], spec: ShardSpec) -> None:
        packed, ends = io.BytesIO(), []
        for item in items:  # pickled as it comes: the inputs are never all in memory as objects
            pickle.dump(item, packed, pickle.HIGHEST_PROTOCOL)
            ends.append(packed.tell())
        self.index = index
        self.packed = packed.getvalue()
        self.ends = tuple(ends)
        self.spec = spec

    def __len__(self) -> int:
        return len(self.ends)

    def iter_items(self) -> Iterator[PageTask | Reject]:
        """The inputs, in order, unpickled as they are asked for (new objects at each call)."""
        view, start = memoryview(self.packed), 0
        for end in self.ends:
            yield pickle.loads(view[start:end])
            start = end

    @property
    def items(self) -> list[PageTask | Reject]:
        """The inputs, in order (a new list of new objects at each call)."""
        return list(self.iter_items())

    def __reduce__(self) -> tuple[Callable[..., ShardTask], tuple[int, bytes, tuple[int, ...], ShardSpec]]:
        return _packed_task, (self.index, self.packed, self.ends, self.spec)


def _packed_task(index: int, packed: bytes, ends: tuple[int, ...], spec: ShardSpec) -> ShardTask:
    task = ShardTask.__new__(ShardTask)
    task.index, task.packed, task.ends, task.spec = index, packed, ends, spec
    return task


@dataclass
class ShardResult:
    """What a task gives back: its files (bytes, by config and split, in order), its rejects in input order, its
    counts, and its rows of merged configs (merged within the shard, in first-seen order)."""

    index: int
    pages_in: int
    rejects: list[Reject] = field(default_factory=list)
    counts: PageCounts = field(default_factory=PageCounts)
    #: A :class:`builder.parquet.Part` a file: its bytes unless the worker wrote it (then it is at
    #: :func:`task_file_path`).
    parts: dict[str, dict[str, list[Part]]] = field(default_factory=dict)
    merged: dict[str, list[tuple[str, Row]]] = field(default_factory=dict)


#: A file the driver puts in its staging folder (removed before the folder is published): a worker that can read
#: it, with the build's token, sees the driver's folder, so it can write its files there.
FOLDER_MARKER = ".workers-write-here"


def mark_folder(folder: Path) -> str:
    """Put the marker in ``folder``; its token, for :attr:`ShardSpec.folder_token`."""
    token = secrets.token_hex(16)
    (folder / FOLDER_MARKER).write_text(token, encoding="ascii")
    return token


@lru_cache(maxsize=16)
def folder_reachable(folder: str, token: str) -> bool:
    """Whether this process sees the driver's staging ``folder`` (its marker holds ``token``); once a process."""
    try:
        return (Path(folder) / FOLDER_MARKER).read_text(encoding="ascii") == token
    except OSError:
        return False


def task_file_path(root: Path, config: str, split: str, index: int, number: int) -> Path:
    """Where a task's file waits for its final name (hidden: a leftover is never mistaken for a shard)."""
    return root / "data" / config / f".{split}-task-{index:06d}-{number:03d}.parquet"


@dataclass(frozen=True)
class ShardFailed:
    """A task the engine could not run (its worker kept dying): the driver narrows it down to the page."""

    task: ShardTask
    error: BaseException


def shard_tasks(items: Iterable[PageTask | Reject], pages_per_task: int, spec: ShardSpec) -> Iterator[ShardTask]:
    """The screened inputs, in order, cut into tasks of ``pages_per_task`` inputs."""
    if pages_per_task < 1:
        raise ValueError("pages_per_task must be at least 1")
    iterator = iter(items)
    index = 0
    while len(task := ShardTask(index, islice(iterator, pages_per_task), spec)):
        yield task
        index += 1


@contextmanager
def fewer_collections(threshold: int = TASK_GC_THRESHOLD) -> Iterator[None]:
    """Run the cyclic garbage collector less often for the block (restored after it)."""
    before = gc.get_threshold()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def build_shard(task: ShardTask) -> ShardResult:
    """The engine's unit of work: every page of the task to rows, the rows to Parquet files, and the counts."""
    with fewer_collections():
        result = _build_shard(task)
    release_memory()
    return result


def release_memory() -> None:
    """Give the memory a finished task freed back to the system: Arrow's pool keeps freed blocks, and the C
    allocator keeps the freed middle of its heap (a task's row buffers, freed between long-lived objects), so a
    worker's resident size would stay at its largest task's peak plus what fragmentation adds (about 100 MiB a
    worker on 1,000-page tasks) rather than fall back to the parsing core's."""
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where there is none (macOS, musl, Windows)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def _build_shard(task: ShardTask) -> ShardResult:
    spec = task.spec
    # Where this process sees the driver's staging folder, files are written there as they are encoded (a task's
    # files never wait in memory); else they go back as bytes.
    folder = Path(spec.folder) if spec.folder is not None and folder_reachable(spec.folder, spec.folder_token) else None
    writers = {config: {split: PartWriter(schema, spec.rows_per_shard, spec.rows_per_batch.get(config, ROWS_PER_BATCH),
                                          None if folder is None else
                                          functools.partial(task_file_path, folder, config, split, task.index))
                        for split in spec.splits}
               for config, schema in spec.schemas.items()}
    merged: dict[str, dict[str, tuple[str, Row]]] = {config: {} for config in spec.merged}
    result = ShardResult(task.index, len(task))
    failures = 0
    for item in task.iter_items():
        if isinstance(item, Reject):
            result.rejects.append(item)
            continue
        try:
            page = spec.page_fn(item)
            failures = 0
        except Exception as err:
            failures += 1
            if failures >= MAX_FAILURES_IN_A_ROW:  # the environment, not the pages: let the engine decide
                raise
            page = failed_page(item, err)
        if isinstance(page, Reject):
            result.rejects.append(page)
            continue
        result.counts.add_page(page)
        for config, rows in page.rows.items():
            if config in merged:
                key, merge = spec.merged[config]
                merge_rows(merged[config], rows, key, merge)
            else:
                by_split = writers[config]
                for split, row in rows:
                    by_split[split].add(row)
    result.parts = {config: {split: _close(writer) for split, writer in by_split.items()}
                    for config, by_split in writers.items()}
    result.merged = {config: list(rows.values()) for config, rows in merged.items()}
    return result


def _close(writer: PartWriter) -> list[Part]:
    """A writer's last row group built and encoded, its files closed; the memory the task freed so far goes back to
    the system first, as these are a worker's largest allocations (its peak falls by about 30 MiB on 1,000-page
    tasks of synthetic pages, for 15 trims a task)."""
    release_memory()
    return writer.close()


def probe_page(page_fn: PageFunction, item: PageTask | Reject) -> None:
    """Run one page's work and drop its result: used to find the page that kills a task's worker."""
    page_fn(item)
