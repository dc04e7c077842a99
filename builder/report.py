"""What a build counted: the stats record of one shard of pages, and the whole build's report.

Below :mod:`builder.build`, :mod:`builder.card` and :mod:`builder.croissant`, which all read a
:class:`BuildReport`, so none of them imports another for it. A worker fills a :class:`PageCounts`
for its shard (:mod:`builder.shards`); the driver merges them, in input order, into the report:
everything the card, the Croissant file and a release manifest say about the pages comes from
those records, never from reading the rows again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from builder.model import StepStats
from builder.parquet import SplitFiles
from builder.process import PageResult
from builder.rows import ROW_FUNCTIONS
from builder.split import SPLIT_NAMES
from builder.steps import Reject

DATASET_NAME = "vna-corpus-fr"
#: The default config (the first of ``builder.write.CONFIGS``, which follows :data:`builder.rows.ROW_FUNCTIONS`).
DEFAULT_CONFIG = next(iter(ROW_FUNCTIONS))


@dataclass(kw_only=True)
class PageCounts:
    """The facts the card counts about written pages; a shard's stats record, merged by the driver."""

    pages_written: int = 0
    splits: dict[str, int] = field(default_factory=dict)
    label_sources: dict[str, dict[str, int]] = field(default_factory=dict)
    zone_counts: dict[str, int] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    entity_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # label -> {gold, silver}
    entity_pages: dict[str, int] = field(default_factory=dict)  # label source -> pages
    canonical_entities: Counter = field(default_factory=Counter)  # (label, canonical key) -> mentions
    canonical_texts: dict[tuple[str, str], str] = field(default_factory=dict)  # first spelling seen
    gold_rejected: int = 0
    synthetic_pages: int = 0  # pages made by ``vna-corpus synth``: a benchmark build, never a release

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
        if result.entities:  # counted a page at a time (Counter.update counts in C)
            keys = [(label, canonical) for label, canonical, _ in result.entities]
            for label, count in Counter(label for label, _ in keys).items():
                self.entity_counts.setdefault(label, {"gold": 0, "silver": 0})[result.entity_source] += count
            self.canonical_entities.update(keys)
            texts = self.canonical_texts
            for key, (_, _, text) in zip(keys, result.entities):
                if key not in texts:
                    texts[key] = text
        self.synthetic_pages += result.synthetic

    def merge(self, other: PageCounts) -> None:
        """Add the counts of ``other``, a later shard (first spellings stay the earliest)."""
        self.pages_written += other.pages_written
        _add(self.splits, other.splits)
        for split, by_source in other.label_sources.items():
            _add(self.label_sources.setdefault(split, {"gold": 0, "silver": 0}), by_source)
        _add(self.zone_counts, other.zone_counts)
        _add(self.repairs, other.repairs)
        _add(self.languages, other.languages)
        for label, by_source in other.entity_counts.items():
            _add(self.entity_counts.setdefault(label, {"gold": 0, "silver": 0}), by_source)
        _add(self.entity_pages, other.entity_pages)
        self.canonical_entities.update(other.canonical_entities)
        for key, text in other.canonical_texts.items():
            self.canonical_texts.setdefault(key, text)
        self.gold_rejected += other.gold_rejected
        self.synthetic_pages += other.synthetic_pages


def _add(into: dict[str, int], counts: dict[str, int]) -> None:
    for key, n in counts.items():
        into[key] = into.get(key, 0) + n


@dataclass(kw_only=True)
class BuildReport(PageCounts):
    """What a build did: the card's statistics, and the summary printed at the end."""

    out: Path
    version: str
    split_ratios: tuple[int, ...]
    pages_in: int = 0
    rejects: dict[str, int] = field(default_factory=dict)
    steps: list[StepStats] = field(default_factory=list)
    files: dict[str, dict[str, SplitFiles]] = field(default_factory=dict)
    gold_records: int = 0
    seconds: float = 0.0
    #: How the card and the summary name the dataset folder (a release: ``release/<version>``, wherever it was
    #: staged); empty: the output folder. What goes into the card must not depend on where the build ran.
    dataset_path: str = ""

    @property
    def folder_name(self) -> str:
        """The folder's name in the card's loading example."""
        return self.dataset_path or self.out.name
    location: str = ""  # the URL the build was published to, when ``out`` was one (``out`` is then its staging)

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
        return f'from datasets import load_dataset\nds = load_dataset("{path}", "{DEFAULT_CONFIG}")'

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
