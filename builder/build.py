"""The build pipeline: inputs → checked, parsed, labelled pages → Parquet configs, card, Croissant file, rejects.

The flow, per input, in input order::

    read ─ check ─ dedup            (this process: cheap, and dedup needs memory of all pages)
          └─ parse ─ language ─ rows   (the engine's workers: :func:`process_page`)
                                   └─ write   (this process, in input order: shards, rejects.jsonl)

Rejects made before the engine travel through it untouched, so ``rejects.jsonl`` keeps
input order whatever the worker count. The output is staged in a hidden folder beside the
target and renamed into place at the end: it appears whole or not at all. The engine
(``local`` or ``ray``) only runs :func:`process_page`; everything written is written here,
so engines cannot drift apart. An output given as an fsspec URL is built locally, then
published there (:mod:`builder.remote`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from builder.card import DATASET_NAME, CardSection, write_card
from builder.croissant import write_croissant
from builder.engines import Engine, EngineFailed, EngineUnavailable, make_engine
from builder.label import load_gold
from builder.model import Page, StepStats
from builder.process import PageFunction, PageResult, PageTask, failed_page, process_page
from builder.read import DEFAULT_MAX_PAGE_BYTES, LocationError, PageError, iter_pages, open_location
from builder.remote import RemoteFolder, output_folder
from builder.split import SPLIT_NAMES, check_ratios
from builder.steps import (
    Deduplicator,
    Reject,
    StepCounter,
    content_problem,
    content_sha256,
    read_reject,
)
from builder.write import CONFIGS, DEFAULT_ROWS_PER_SHARD, DatasetWriter, SplitFiles

VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")
#: Files every build writes: a folder holding them all is an earlier build, safe to replace.
BUILD_MARKERS = ("README.md", "croissant.json", "rejects.jsonl", "data")


class BuildError(Exception):
    """A build that cannot start or finish; the message says what to change."""


def default_out(version: str) -> Path:
    return Path("dist") / f"{DATASET_NAME}-{version}"


# --- the report -------------------------------------------------------------------------


@dataclass
class BuildReport:
    """What a build did: the card's statistics, and the summary printed at the end."""

    out: Path
    version: str
    split_ratios: tuple[int, ...]
    pages_in: int = 0
    pages_written: int = 0
    splits: dict[str, int] = field(default_factory=dict)
    label_sources: dict[str, dict[str, int]] = field(default_factory=dict)
    zone_counts: dict[str, int] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    rejects: dict[str, int] = field(default_factory=dict)
    steps: list[StepStats] = field(default_factory=list)
    files: dict[str, dict[str, SplitFiles]] = field(default_factory=dict)
    entity_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # label -> {gold, silver}
    entity_pages: dict[str, int] = field(default_factory=dict)  # label source -> pages
    canonical_entities: Counter = field(default_factory=Counter)  # (label, canonical key) -> mentions
    canonical_texts: dict[tuple[str, str], str] = field(default_factory=dict)  # first spelling seen
    gold_records: int = 0
    gold_rejected: int = 0
    seconds: float = 0.0
    #: How the card and the summary name the dataset folder (a release: ``release/<version>``, wherever it was
    #: staged); empty: the output folder. What goes into the card must not depend on where the build ran.
    dataset_path: str = ""

    @property
    def folder_name(self) -> str:
        """The folder's name in the card's loading example."""
        return self.dataset_path or self.out.name
    location: str = ""  # the URL the build was published to, when ``out`` was one (``out`` is then its staging)
    synthetic_pages: int = 0  # pages made by ``vna-corpus synth``: a benchmark build, never a release

    @property
    def pages_rejected(self) -> int:
        return sum(self.rejects.values())

    @property
    def rows(self) -> dict[str, dict[str, int]]:
        return {config: {split: f.rows for split, f in by_split.items()} for config, by_split in self.files.items()}

    def label_source_totals(self) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for by_source in self.label_sources.values():
            totals.update(by_source)
        return {source: totals.get(source, 0) for source in ("gold", "silver")}

    def add_page(self, result: PageResult) -> None:
        self.pages_written += 1
        self.splits[result.split] = self.splits.get(result.split, 0) + 1
        by_source = self.label_sources.setdefault(result.split, {"gold": 0, "silver": 0})
        by_source[result.label_source] += 1
        for label, count in result.zone_counts.items():
            self.zone_counts[label] = self.zone_counts.get(label, 0) + count
        self.repairs[result.label_source] = self.repairs.get(result.label_source, 0) + result.repairs
        self.languages[result.language] = self.languages.get(result.language, 0) + 1
        self.gold_rejected += result.gold_rejected
        self.entity_pages[result.entity_source] = self.entity_pages.get(result.entity_source, 0) + 1
        for label, canonical, text in result.entities:
            by_source = self.entity_counts.setdefault(label, {"gold": 0, "silver": 0})
            by_source[result.entity_source] += 1
            key = (label, canonical)
            self.canonical_entities[key] += 1
            self.canonical_texts.setdefault(key, text)
        self.synthetic_pages += result.synthetic

    def add_reject(self, reject: Reject) -> None:
        self.rejects[reject.reason] = self.rejects.get(reject.reason, 0) + 1
        if reject.language:
            self.languages[reject.language] = self.languages.get(reject.language, 0) + 1

    @property
    def where(self) -> str:
        """Where the dataset is: the output folder, or the URL it was published to."""
        return self.location or self.out.as_posix()

    def load_example(self) -> str:
        path = self.dataset_path or self.where
        return f'from datasets import load_dataset\nds = load_dataset("{path}", "{CONFIGS[0].name}")'

    def summary(self) -> str:
        """The lines printed at the end of a build."""
        rows = ", ".join(f"{config} {sum(by_split.values())}" for config, by_split in self.rows.items())
        splits = ", ".join(f"{name} {self.splits.get(name, 0)}" for name in SPLIT_NAMES)
        ratios = "/".join(map(str, self.split_ratios))
        sources = self.label_source_totals()
        rejects = ", ".join(f"{reason} {n}" for reason, n in sorted(self.rejects.items())) or "none"
        lines = [
            f"Built {DATASET_NAME} {self.version} into {self.where} in {self.seconds:.1f} s",
            f"pages in: {self.pages_in} = {self.pages_written} written + {self.pages_rejected} rejected",
            f"splits: {splits} (ratios {ratios})",
            f"labels: {sources['gold']} gold, {sources['silver']} silver",
            *([f"synthetic: {self.synthetic_pages} pages made by vna-corpus synth (benchmarks only, never a release)"]
              if self.synthetic_pages else []),
            f"rows: {rows}",
            f"rejects: {rejects}" + (f" (listed in {self.where}/rejects.jsonl)" if self.rejects else ""),
            "Load it with:",
            *("    " + line for line in self.load_example().splitlines()),
        ]
        return "\n".join(lines)


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
        sha256 = content_sha256(item.raw)
        problem = dedup.check(item, sha256)
        if problem:
            yield Reject(item.source_file, item.id, *problem, step="dedup")
            continue
        yield PageTask(item, sha256, gold.get(item.id), ratios)


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
    extra_sections: Sequence[CardSection] = (),
    engine: str = "local",
    ray_address: str | None = None,
    progress: bool = False,
    dataset_path: str = "",
    page_fn: PageFunction = process_page,
) -> BuildReport:
    """Build the dataset folder ``out`` (a path or an fsspec URL) from ``inputs``; see :func:`builder.api.build`.

    ``page_fn`` is the engine's unit of work (:func:`process_page`; another, picklable, one to
    wrap it, say to inject a fault).
    """
    if not VERSION_RE.match(version):
        raise BuildError(f"version must look like X.Y.Z, not {version!r}")
    try:
        check_ratios(tuple(split_ratios))
    except ValueError as err:
        raise BuildError(str(err)) from None
    if not inputs:
        raise BuildError("no input given")
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
                   max_page_bytes=max_page_bytes, rows_per_shard=rows_per_shard, extra_sections=extra_sections,
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
        writer = DatasetWriter(staging, CONFIGS, SPLIT_NAMES, rows_per_shard)
        counter = StepCounter()
        tasks = screen(iter_pages(inputs, max_page_bytes), gold, report.split_ratios)
        with (staging / "rejects.jsonl").open("w", encoding="utf-8", newline="\n") as rejects, \
                _progress_bar(progress) as bar:
            for result in engine.map(page_fn, tasks, on_error=failed_page):
                report.pages_in += 1
                if isinstance(result, Reject):
                    counter.dropped(result)
                    report.add_reject(result)
                    rejects.write(json.dumps(result.record(), ensure_ascii=False) + "\n")
                else:
                    counter.passed()
                    report.add_page(result)
                    writer.add_page(result.rows)
                bar.update(1)
        if not report.pages_written:
            reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(report.rejects.items()))
            raise BuildError(f"none of the {report.pages_in} inputs made it into the dataset ({reasons or 'no input'})")
        report.files = writer.close()
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


def _progress_bar(enabled: bool) -> tqdm:
    return tqdm(desc="building", unit=" pages", disable=not enabled, file=sys.stderr, leave=False)

