"""The build pipeline: inputs → checked, parsed, labelled pages → Parquet configs, card, Croissant file, rejects.

The flow, per input, in input order::

    read ─ check ─ dedup ─ cut into tasks          (this process, the driver: cheap, and dedup needs the
       │                                             memory of every page: its 32-byte content hash)
       └─ parse ─ language ─ rows ─ Parquet        (the engine's workers, a task at a time: builder.shards;
            │                                        the files written into the staging folder where the
            │                                        worker sees it, else sent back as bytes)
            └─ rejects, counts                     (back to the driver, in input order: it names the files,
                                                     writes rejects.jsonl, merges the counts)
    card, croissant.json                           (the driver, from the merged counts: no rows are read)

A task is a fixed number of consecutive inputs (``pages_per_task``), and its files are named by
its place in the input, never by the worker that ran it, so the output is byte-identical for any
worker count and either engine. Rejects made before the engine travel through it inside their
task, so ``rejects.jsonl`` keeps input order. The output is staged in a hidden folder beside the
target and renamed into place at the end: it appears whole or not at all. An output given as an
fsspec URL is built locally, then published there (:mod:`builder.remote`).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from builder.card import CardSection, write_card
from builder.croissant import write_croissant
from builder.engines import Engine, EngineFailed, EngineUnavailable, make_engine
from builder.label import load_gold
from builder.model import Page
from builder.parquet import ShardWriter, SplitFiles, merge_rows, shard_name
from builder.process import PageFunction, PageTask, failed_page, process_page
from builder.read import DEFAULT_MAX_PAGE_BYTES, LocationError, PageError, iter_pages, open_location
from builder.remote import RemoteFolder, output_folder
from builder.report import DATASET_NAME, BuildReport
from builder.shards import (
    DEFAULT_PAGES_PER_TASK,
    FOLDER_MARKER,
    ShardFailed,
    ShardResult,
    ShardSpec,
    ShardTask,
    build_shard,
    mark_folder,
    probe_page,
    release_memory,
    shard_tasks,
    task_file_path,
)
from builder.split import SPLIT_NAMES, check_ratios
from builder.steps import (
    Deduplicator,
    Reject,
    StepCounter,
    content_digest,
    content_problem,
    read_reject,
)
from builder.write import CONFIGS, DEFAULT_ROWS_PER_SHARD, arrow_schemas

#: Tasks in flight per worker: one running, one waiting (a task is many pages, so more would only hold memory).
TASKS_PER_WORKER = 2

__all__ = ["BUILD_MARKERS", "BuildError", "BuildReport", "PageTask", "build_dataset", "default_out",
           "process_page"]

VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")
#: Files every build writes: a folder holding them all is an earlier build, safe to replace.
BUILD_MARKERS = ("README.md", "croissant.json", "rejects.jsonl", "data")


class BuildError(Exception):
    """A build that cannot start or finish; the message says what to change."""


def default_out(version: str) -> Path:
    return Path("dist") / f"{DATASET_NAME}-{version}"


# --- the output folder ------------------------------------------------------------------


def is_earlier_build(folder: Path) -> bool:
    return all((folder / name).exists() for name in BUILD_MARKERS)


def check_output_folder(out: Path, force: bool) -> None:
    """Refuse a file, or a non-empty folder that is not an earlier build (unless ``force``)."""
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not is_earlier_build(out) and not force:
        raise BuildError(f"{out} is not empty and is not an earlier build; choose another --out or pass --force")


def publish(staging: Path, out: Path) -> None:
    """Put the staged build in place of ``out``; the earlier output is only removed once the new one is there."""
    replaced = None
    if out.exists():
        replaced = out.with_name(f".{out.name}.replaced-{os.getpid()}")
        out.rename(replaced)
    try:
        staging.rename(out)
    except OSError:
        if replaced is not None:
            replaced.rename(out)
        raise
    if replaced is not None:
        shutil.rmtree(replaced)


# --- the pipeline -----------------------------------------------------------------------


def screen(items: Iterable[Page | PageError], gold: dict[str, dict[str, Any]], ratios: tuple[int, ...],
           ) -> Iterator[PageTask | Reject]:
    """The steps run here, in order: read errors, content checks, duplicates."""
    dedup = Deduplicator()
    for item in items:
        if isinstance(item, PageError):
            yield read_reject(item)
            continue
        problem = content_problem(item.raw)
        if problem:
            yield Reject(item.source_file, item.id, *problem, step="check")
            continue
        digest = content_digest(item.raw)
        problem = dedup.check(item, digest)
        if problem:
            yield Reject(item.source_file, item.id, *problem, step="dedup")
            continue
        yield PageTask(item, digest.hex(), gold.get(item.id), ratios)


def load_gold_records(gold_dir: Path | None) -> dict[str, dict[str, Any]]:
    """Gold records by page id; none when there is no gold folder."""
    if gold_dir is None or not Path(gold_dir).is_dir():
        return {}
    return load_gold(gold_dir)


def build_dataset(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    version: str,
    split_ratios: tuple[int, ...],
    workers: int | None = None,
    force: bool = False,
    gold_dir: Path | None = None,
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
    rows_per_shard: int = DEFAULT_ROWS_PER_SHARD,
    pages_per_task: int = DEFAULT_PAGES_PER_TASK,
    extra_sections: Sequence[CardSection] = (),
    engine: str = "local",
    ray_address: str | None = None,
    progress: bool = False,
    dataset_path: str = "",
    page_fn: PageFunction = process_page,
) -> BuildReport:
    """Build the dataset folder ``out`` (a path or an fsspec URL) from ``inputs``; see :func:`builder.api.build`.

    ``page_fn`` is the per-page work (:func:`process_page`; another, picklable, one to wrap it, say to
    inject a fault); the engine's unit of work is a task of ``pages_per_task`` inputs
    (:func:`builder.shards.build_shard`), which also sets how many pages a Parquet file holds at most.
    """
    if not VERSION_RE.match(version):
        raise BuildError(f"version must look like X.Y.Z, not {version!r}")
    try:
        check_ratios(tuple(split_ratios))
    except ValueError as err:
        raise BuildError(str(err)) from None
    if not inputs:
        raise BuildError("no input given")
    if pages_per_task < 1 or rows_per_shard < 1:
        raise BuildError("pages_per_task and rows_per_shard must be at least 1")
    if ray_address and engine != "ray":
        raise BuildError(f"a Ray address is for the ray engine, not {engine!r}: pass --engine ray")
    try:
        for location in inputs:
            open_location(location)
        target = output_folder(out)
        runner = make_engine(engine, workers, **({"address": ray_address} if ray_address else {}))
    except (LocationError, EngineUnavailable, ValueError) as err:
        raise BuildError(str(err)) from None
    options = dict(version=version, split_ratios=tuple(split_ratios), force=force, gold_dir=gold_dir,
                   max_page_bytes=max_page_bytes, rows_per_shard=rows_per_shard, pages_per_task=pages_per_task,
                   extra_sections=extra_sections,
                   engine=runner, progress=progress, page_fn=page_fn, dataset_path=dataset_path)
    if isinstance(target, Path):
        return build_folder(inputs, target, **options)
    return build_remote(inputs, target, **options)


def build_remote(inputs: Sequence[str | Path], target: RemoteFolder, *, force: bool, **options) -> BuildReport:
    """Build into a local temporary folder, then publish it to ``target`` (see :mod:`builder.remote`)."""
    started = time.perf_counter()
    problem = target.problem(force, BUILD_MARKERS)
    if problem:
        raise BuildError(problem)
    with tempfile.TemporaryDirectory(prefix="vna-corpus-") as tmp:
        report = build_folder(inputs, Path(tmp) / target.name, force=False, **options)
        target.publish(report.out)
    report.location = target.url
    report.seconds = time.perf_counter() - started
    return report


def build_folder(
    inputs: Sequence[str | Path],
    out: Path,
    *,
    version: str,
    split_ratios: tuple[int, ...],
    force: bool,
    gold_dir: Path | None,
    max_page_bytes: int,
    rows_per_shard: int,
    pages_per_task: int,
    extra_sections: Sequence[CardSection],
    engine: Engine,
    progress: bool,
    page_fn: PageFunction,
    dataset_path: str,
) -> BuildReport:
    """Build into the local folder ``out``: staged beside it, renamed into place at the end."""
    check_output_folder(out, force)
    started = time.perf_counter()
    report = BuildReport(out=out, version=version, split_ratios=tuple(split_ratios), dataset_path=dataset_path)
    gold = load_gold_records(gold_dir)
    report.gold_records = len(gold)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        spec = ShardSpec(
            schemas={name: schema for name, schema in arrow_schemas().items() if name not in MERGED},
            merged={spec.name: (spec.merge_key, spec.merge) for spec in CONFIGS if spec.name in MERGED},
            splits=SPLIT_NAMES, rows_per_shard=rows_per_shard, page_fn=page_fn,
            folder=str(staging), folder_token=mark_folder(staging),
            rows_per_batch={spec.name: spec.rows_per_batch for spec in CONFIGS})
        files = ShardFiles(staging)
        merged = MergedRows(staging, rows_per_shard)
        counter = StepCounter()
        tasks = shard_tasks(screen(iter_pages(inputs, max_page_bytes), gold, report.split_ratios),
                            pages_per_task, spec)
        with (staging / "rejects.jsonl").open("w", encoding="utf-8", newline="\n") as rejects, \
                _progress_bar(progress) as bar:
            for result in engine.map(build_shard, tasks, on_error=ShardFailed, batch_size=1,
                                     per_worker=TASKS_PER_WORKER):
                if isinstance(result, ShardFailed):
                    result = settle_failed_shard(engine, result)
                report.pages_in += result.pages_in
                for reject in result.rejects:
                    counter.dropped(reject)
                    report.add_reject(reject)
                    rejects.write(json.dumps(reject.record(), ensure_ascii=False) + "\n")
                counter.passed(result.counts.pages_written)
                report.merge(result.counts)
                files.add(result)
                merged.add(result)
                bar.update(result.pages_in)
                del result
                release_memory()  # the task's pages and its result, freed: back to the system
        if not report.pages_written:
            reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(report.rejects.items()))
            raise BuildError(f"none of the {report.pages_in} inputs made it into the dataset ({reasons or 'no input'})")
        written = {**files.close(), **merged.close()}
        report.files = {spec.name: written[spec.name] for spec in CONFIGS}
        report.steps = list(counter.steps.values())
        write_card(staging, report, extra_sections)
        write_croissant(staging, report)
        publish(staging, out)
    except (EngineUnavailable, EngineFailed) as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(str(err)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report


#: Configs whose rows merge across pages (one row per teaser): merged and written by the driver.
MERGED = frozenset(spec.name for spec in CONFIGS if spec.merge_key)


def settle_failed_shard(engine: Engine, failed: ShardFailed) -> ShardResult:
    """A task whose worker kept dying: find the pages that kill a worker (each page's work run again through the
    engine, failures narrowed down to one page by :mod:`builder.engines.batches`), reject those, and run the task
    again without them. An error that is no page's fault fails the build."""
    task = failed.task
    probe = functools.partial(probe_page, task.spec.page_fn)
    old_items = task.items
    verdicts = list(engine.map(probe, old_items, on_error=failed_page))
    items = [verdict if isinstance(verdict, Reject) else item for item, verdict in zip(old_items, verdicts)]
    if all(new is old for new, old in zip(items, old_items)):
        raise failed.error
    return next(iter(engine.map(build_shard, [ShardTask(task.index, items, task.spec)], batch_size=1)))


class ShardFiles:
    """The workers' files, put in the staging folder under temporary names as their tasks come back, and named
    ``<split>-NNNNN-of-NNNNN.parquet`` in task order once every count is known."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parts: dict[tuple[str, str], list[tuple[Path, int, int, int]]] = {}  # (path, rows, num_bytes, size)

    def add(self, result: ShardResult) -> None:
        for config, by_split in result.parts.items():
            for split, files in by_split.items():
                for number, file in enumerate(files):
                    path = task_file_path(self.root, config, split, result.index, number)
                    if file.data is not None:  # sent back as bytes (else the worker wrote it there)
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_bytes(file.data)
                    self.parts.setdefault((config, split), []).append((path, file.rows, file.num_bytes, file.size))

    def close(self) -> dict[str, dict[str, SplitFiles]]:
        written: dict[str, dict[str, SplitFiles]] = {}
        for config in {config for config, _ in self.parts}:
            written[config] = {split: SplitFiles() for split in SPLIT_NAMES}
        for (config, split), parts in self.parts.items():
            files = written[config][split]
            for index, (path, rows, num_bytes, size) in enumerate(parts):
                final = path.with_name(shard_name(split, index, len(parts)))
                path.rename(final)
                files.rows += rows
                files.num_bytes += num_bytes
                files.files.append((final.relative_to(self.root).as_posix(), size))
        for spec in CONFIGS:
            if spec.name not in MERGED:
                written.setdefault(spec.name, {split: SplitFiles() for split in SPLIT_NAMES})
        for leftover in self.root.glob("data/*/.*-task-*.parquet"):  # from an attempt whose worker died
            leftover.unlink()
        (self.root / FOLDER_MARKER).unlink(missing_ok=True)
        return written


class MergedRows:
    """Rows of the merged configs (teasers), merged across tasks in input order and written at the end."""

    def __init__(self, root: Path, rows_per_shard: int) -> None:
        self.root, self.rows_per_shard = root, rows_per_shard
        self.specs = {spec.name: spec for spec in CONFIGS if spec.name in MERGED}
        self.kept: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {name: {} for name in self.specs}

    def add(self, result: ShardResult) -> None:
        for config, rows in result.merged.items():
            spec, kept_rows = self.specs[config], self.kept[config]
            key, merge = spec.merge_key, spec.merge
            assert key is not None and merge is not None
            merge_rows(kept_rows, rows, key, merge)

    def close(self) -> dict[str, dict[str, SplitFiles]]:
        written = {}
        for config, kept_rows in self.kept.items():
            folder = self.root / "data" / config
            spec = self.specs[config]
            writers = {split: ShardWriter(self.root, folder, split, spec.schema, self.rows_per_shard,
                                          spec.rows_per_batch) for split in SPLIT_NAMES}
            for split, row in kept_rows.values():
                writers[split].add(row)
            written[config] = {split: writer.close() for split, writer in writers.items()}
        return written


def _progress_bar(enabled: bool) -> tqdm:
    return tqdm(desc="building", unit=" pages", disable=not enabled, file=sys.stderr, leave=False)

