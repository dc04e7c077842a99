"""The dataset's configs, their explicit schemas, and the Parquet writer.

Every config is one :class:`ConfigSpec` in :data:`CONFIGS`: its name, its Hugging Face
``Features`` (the one place a schema is declared; the Parquet schema and its ``huggingface``
metadata key are derived from it, so ``load_dataset`` gives back ``ClassLabel`` and nested
types), a description of every column, and a pure row function from a labelled page to
``(split, row)`` pairs. A later config (say ``entities``: tokens and BIO ``ner_tags`` over
:data:`~builder.model.NER_TAGS`) is one more entry.

Rows are streamed into shards of at most ``rows_per_shard`` rows and about
:data:`MAX_SHARD_BYTES` (whichever comes first: small rows, as in ``repair``, make few big
files, large rows, as in ``pages``, files of a sensible size), written under temporary
names and renamed ``<split>-NNNNN-of-NNNNN.parquet`` once the shard count is known.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import ClassLabel, Features, List, Value

from builder.model import ZONE_LABELS, Fields, Zone, apply_repairs
from builder.parse.zones import Line, split_lines
from builder.split import fold_title, split_key, split_of
from builder.steps import LabelledPage

Row = dict[str, Any]
RowFunction = Callable[[LabelledPage, tuple[int, ...]], Iterable[tuple[str, Row]]]

ZONE_CLASS = ClassLabel(names=list(ZONE_LABELS))
_ZONE_INDEX = {label: i for i, label in enumerate(ZONE_LABELS)}

DEFAULT_ROWS_PER_SHARD = 100_000
#: A shard is closed once its rows take this much Arrow memory (checked after each row group).
MAX_SHARD_BYTES = 256 * 2**20
ROWS_PER_GROUP = 1000
PARQUET_COMPRESSION = "zstd"


@dataclass(frozen=True)
class ConfigSpec:
    """One dataset config: name, schema, column docs and how a page becomes rows.

    ``merge_key`` names a column that identifies a row across pages: rows with the same key
    are merged with ``merge`` (kept in memory until the end, bounded by distinct keys) instead
    of written once per page.
    """

    name: str
    description: str
    features: Features
    columns: dict[str, str]
    rows: RowFunction
    merge_key: str | None = None
    merge: Callable[[Row, Row], None] | None = None

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema, with the ``huggingface`` metadata key that carries the features."""
        return self.features.arrow_schema

    def label_names(self) -> dict[str, list[str]]:
        """ClassLabel columns (dotted path for nested ones) and their names, in index order."""
        found: dict[str, list[str]] = {}

        def walk(feature: Any, path: str) -> None:
            if isinstance(feature, ClassLabel):
                found[path] = list(feature.names)
            elif isinstance(feature, List):
                walk(feature.feature, path)
            elif isinstance(feature, dict):
                for key, sub in feature.items():
                    walk(sub, f"{path}.{key}" if path else key)

        walk(dict(self.features), "")
        return found


# --- rows -------------------------------------------------------------------------------


def article_text(fields: Fields) -> str:
    """The repaired article: title, lead and body paragraphs, separated by blank lines."""
    return "\n\n".join(p for p in (fields.title, fields.lead, *fields.body) if p)


def line_zones(lines: list[Line], zones: tuple[Zone, ...]) -> list[Zone | None]:
    """For each line, the zone covering most of its non-space characters (the first on a tie), None if none does.

    ``zones`` sorted by start; a sweep, so linear when zones do not overlap.
    """
    result: list[Zone | None] = []
    first = 0
    for line in lines:
        while first < len(zones) and zones[first].end <= line.start:
            first += 1
        best, best_count = None, 0
        for k in range(first, len(zones)):
            zone = zones[k]
            if zone.start >= line.end:
                break
            if zone.start <= line.start and zone.end >= line.end:  # the usual case: one zone holds the line
                best = zone
                break
            lo, hi = max(zone.start, line.start), min(zone.end, line.end)
            count = len("".join(line.text[lo - line.start : hi - line.start].split()))
            if count > best_count:
                best, best_count = zone, count
        result.append(best)
    return result


def page_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> Iterator[tuple[str, Row]]:
    f = lp.parsed.fields
    yield lp.split, {
        "id": lp.page.id,
        "url": lp.page.url,
        "source_file": lp.page.source_file,
        "sha256": lp.sha256,
        "language": lp.parsed.language,
        "language_prob": float(lp.parsed.language_prob),
        "title": f.title,
        "lead": f.lead,
        "captions": [{"alt_text": c.alt_text, "caption": c.caption, "credit": c.credit} for c in f.captions],
        "dateline": None if f.dateline is None else
        {"place": f.dateline.place, "date": f.dateline.date, "agency": f.dateline.agency},
        "body": list(f.body),
        "inline_links": list(f.inline_links),
        "signature": f.signature,
        "source": f.source,
        "teasers": [{"caption": t.caption, "credit": t.credit, "title": t.title, "summary": t.summary}
                    for t in f.teasers],
        "text": article_text(f),
        "raw": lp.page.raw,
        "warnings": list(lp.parsed.warnings),
        "label_source": lp.label_source,
    }


def segmentation_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> Iterator[tuple[str, Row]]:
    lines = split_lines(lp.page.raw)
    labelled = [(line, zone) for line, zone in zip(lines, line_zones(lines, lp.zones)) if zone is not None]
    yield lp.split, {
        "id": lp.page.id,
        "raw": lp.page.raw,
        "zones": [{"start": z.start, "end": z.end, "label": _ZONE_INDEX[z.label]} for z in lp.zones],
        "lines": [line.text for line, _ in labelled],
        "line_starts": [line.start for line, _ in labelled],
        "line_labels": [_ZONE_INDEX[zone.label] for _, zone in labelled],
        "label_source": lp.label_source,
    }


def repair_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> Iterator[tuple[str, Row]]:
    raw = lp.page.raw
    lines = split_lines(raw)
    offsets = [r.offset for r in lp.repairs]
    for number, (line, zone) in enumerate(zip(lines, line_zones(lines, lp.zones))):
        inside = [o - line.start for o in offsets if line.start < o < line.end]
        yield lp.split, {
            "id": f"{lp.page.id}/{number}",
            "page_id": lp.page.id,
            "paragraph": number,
            "start": line.start,
            "zone": None if zone is None else _ZONE_INDEX[zone.label],
            "raw": line.text,
            "repaired": apply_repairs(line.text, inside),
            "repair_offsets": inside,
            "label_source": lp.label_source,
        }


def teaser_id(title: str) -> str:
    """Same normalised title, same teaser."""
    return hashlib.sha256(fold_title(title).encode("utf-8")).hexdigest()[:16]


def teaser_rows(lp: LabelledPage, ratios: tuple[int, ...]) -> Iterator[tuple[str, Row]]:
    for t in lp.parsed.fields.teasers:
        if not fold_title(t.title):
            continue
        yield split_of(split_key(t.title, t.title), ratios), {
            "teaser_id": teaser_id(t.title),
            "title": t.title,
            "summary": t.summary,
            "caption": t.caption,
            "credit": t.credit,
            "page_ids": [lp.page.id],
        }


def merge_teaser(kept: Row, new: Row) -> None:
    """A teaser seen again: remember the page that shows it (the first wording is kept).

    Page ids are unique in a build and a page's rows arrive together, so a page already listed is the last one
    listed: comparing with the tail keeps this O(1) (a membership test over the list made builds quadratic in
    the pages that show a popular teaser).
    """
    page_ids = kept["page_ids"]
    for page_id in new["page_ids"]:
        if not page_ids or page_ids[-1] != page_id:
            page_ids.append(page_id)


# --- the registry -----------------------------------------------------------------------

_TEXT = Value("string")
_INT = Value("int32")
_LABEL_SOURCE_DOC = "`gold` when the labels of this row were made by a person, `silver` when by the parsing core."

PAGES = ConfigSpec(
    name="pages",
    description="One row per page: identity, language, the structured fields of the parsing core, the repaired "
    "article text and the raw text.",
    features=Features({
        "id": _TEXT,
        "url": _TEXT,
        "source_file": _TEXT,
        "sha256": _TEXT,
        "language": _TEXT,
        "language_prob": Value("float64"),
        "title": _TEXT,
        "lead": _TEXT,
        "captions": List({"alt_text": _TEXT, "caption": _TEXT, "credit": _TEXT}),
        "dateline": {"place": _TEXT, "date": _TEXT, "agency": _TEXT},
        "body": List(_TEXT),
        "inline_links": List(_TEXT),
        "signature": _TEXT,
        "source": _TEXT,
        "teasers": List({"caption": _TEXT, "credit": _TEXT, "title": _TEXT, "summary": _TEXT}),
        "text": _TEXT,
        "raw": _TEXT,
        "warnings": List(_TEXT),
        "label_source": _TEXT,
    }),
    columns={
        "id": "Page id: the file name without `.txt`/`.txt.gz`, or the `id` of a JSON Lines record.",
        "url": "Address the page was scraped from, when the input gave one (empty otherwise).",
        "source_file": "Input file the page was read from, relative to the folder holding the input "
        "(`file.jsonl:LINE` for JSON Lines).",
        "sha256": "SHA-256 (hex) of the raw text; two inputs with the same hash are exact duplicates.",
        "language": "Language detected on a sample of the running text (ISO 639-1); always `fr` here.",
        "language_prob": "Probability the language detector gives that language.",
        "title": "Title, repaired.",
        "lead": "Lead (chapeau), repaired.",
        "captions": "Photo captions: the glued image alt text, the caption, the photo credit.",
        "dateline": "Dateline opening the body (`Hanoï (VNA) –`): place, date as written, agency; null when absent.",
        "body": "Body paragraphs, repaired, dateline removed.",
        "inline_links": "Inline links to other articles placed in the body (`[...]` lines), brackets removed.",
        "signature": "Closing agency signature (`-VNA`).",
        "source": "Lone `source` line, when there is one.",
        "teasers": "Related-article teasers of the `Voir plus` block: caption, credit, title, summary.",
        "text": "The repaired article text: title, lead and body paragraphs separated by blank lines.",
        "raw": "The raw text: the file decoded as UTF-8, BOM dropped, CRLF/CR turned into LF, nothing else. "
        "Every offset in this dataset indexes it (Python `str` indices).",
        "warnings": "What the parsing core could not place on this page.",
        "label_source": "Whether this page's `segmentation` and `repair` rows carry `gold` or `silver` labels "
        "(the fields above always come from the parsing core).",
    },
    rows=page_rows,
)

SEGMENTATION = ConfigSpec(
    name="segmentation",
    description="One row per page: the raw text cut into labelled zones, and the same labels as a line view for "
    "sequence-labelling models.",
    features=Features({
        "id": _TEXT,
        "raw": _TEXT,
        "zones": List({"start": _INT, "end": _INT, "label": ZONE_CLASS}),
        "lines": List(_TEXT),
        "line_starts": List(_INT),
        "line_labels": List(ZONE_CLASS),
        "label_source": _TEXT,
    }),
    columns={
        "id": "Page id (as in `pages`).",
        "raw": "The raw text of the page.",
        "zones": "Zones: half-open character spans `raw[start:end]` with their label (ClassLabel, zone labels "
        "below), sorted by start.",
        "lines": "Each non-blank line of `raw`, without its surrounding white space.",
        "line_starts": "Offset in `raw` where each line of `lines` starts.",
        "line_labels": "For each line, the label of the zone covering most of its non-space characters.",
        "label_source": _LABEL_SOURCE_DOC,
    },
    rows=segmentation_rows,
)

REPAIR = ConfigSpec(
    name="repair",
    description="One row per non-blank paragraph (line) of every page: the raw paragraph, where the scraper lost "
    "spaces at line wraps, and the repaired one.",
    features=Features({
        "id": _TEXT,
        "page_id": _TEXT,
        "paragraph": _INT,
        "start": _INT,
        "zone": ZONE_CLASS,
        "raw": _TEXT,
        "repaired": _TEXT,
        "repair_offsets": List(_INT),
        "label_source": _TEXT,
    }),
    columns={
        "id": "`<page id>/<paragraph number>`.",
        "page_id": "Page id (as in `pages`).",
        "paragraph": "Number of the paragraph in its page, from 0 (non-blank lines only).",
        "start": "Offset in the page's raw text where `raw` starts.",
        "zone": "Label of the zone covering most of the paragraph (null if none does).",
        "raw": "The paragraph as scraped, surrounding white space removed.",
        "repaired": "The paragraph with one space inserted before each repair offset.",
        "repair_offsets": "Repair offsets **relative to the start of `raw` (this paragraph)**, not to the page: "
        "insert one space before `raw[offset]`.",
        "label_source": _LABEL_SOURCE_DOC,
    },
    rows=repair_rows,
)

TEASERS = ConfigSpec(
    name="teasers",
    description="Related-article teasers, deduplicated across pages (same normalised title = same teaser), with "
    "the pages that show them. Split by the same title hash as pages, so a teaser lands where its article would.",
    features=Features({
        "teaser_id": _TEXT,
        "title": _TEXT,
        "summary": _TEXT,
        "caption": _TEXT,
        "credit": _TEXT,
        "page_ids": List(_TEXT),
    }),
    columns={
        "teaser_id": "First 16 hex digits of the SHA-256 of the normalised title (case, accents, punctuation and "
        "white space folded).",
        "title": "Teaser title, repaired (as first seen).",
        "summary": "Teaser summary, repaired (as first seen).",
        "caption": "Caption of the teaser's photo, when there is one.",
        "credit": "Photo credit of that caption.",
        "page_ids": "Ids of the pages that show this teaser, in input order.",
    },
    rows=teaser_rows,
    merge_key="teaser_id",
    merge=merge_teaser,
)

#: Every config the build writes, in card order; the first is the default config.
CONFIGS: tuple[ConfigSpec, ...] = (PAGES, SEGMENTATION, REPAIR, TEASERS)


def page_config_rows(lp: LabelledPage, ratios: tuple[int, ...],
                     configs: tuple[ConfigSpec, ...] = CONFIGS) -> dict[str, list[tuple[str, Row]]]:
    """Every config's rows for one page."""
    return {spec.name: list(spec.rows(lp, ratios)) for spec in configs}


# --- writing ----------------------------------------------------------------------------


@dataclass
class SplitFiles:
    """What was written for one config and split."""

    rows: int = 0
    num_bytes: int = 0  # Arrow (in-memory) size, as datasets' ``num_bytes``
    files: list[tuple[str, int]] = field(default_factory=list)  # (path relative to the dataset folder, size)

    @property
    def download_size(self) -> int:
        return sum(size for _, size in self.files)


def written_splits(files: dict[str, SplitFiles]) -> list[str]:
    """The splits of a config that have rows, in split order (only these go into the card and Croissant file)."""
    return [split for split, written in files.items() if written.rows]


def shard_name(split: str, index: int, count: int) -> str:
    return f"{split}-{index:05d}-of-{count:05d}.parquet"


class ShardWriter:
    """Rows of one config and split, streamed into Parquet shards (at most ``rows_per_shard`` rows, about
    :data:`MAX_SHARD_BYTES`)."""

    def __init__(self, root: Path, folder: Path, split: str, schema: pa.Schema, rows_per_shard: int) -> None:
        self.root, self.folder, self.split, self.schema = root, folder, split, schema
        self.rows_per_shard = rows_per_shard
        self.rows_per_group = min(ROWS_PER_GROUP, rows_per_shard)
        self.buffer: list[Row] = []
        self.parts: list[Path] = []
        self.writer: pq.ParquetWriter | None = None
        self.in_shard = 0
        self.shard_bytes = 0
        self.result = SplitFiles()

    def add(self, row: Row) -> None:
        self.buffer.append(row)
        if len(self.buffer) >= min(self.rows_per_group, self.rows_per_shard - self.in_shard):
            self._flush()

    def _open(self) -> pq.ParquetWriter:
        self.folder.mkdir(parents=True, exist_ok=True)
        part = self.folder / f".{self.split}-part-{len(self.parts):05d}.parquet"
        self.parts.append(part)
        return pq.ParquetWriter(part, self.schema, compression=PARQUET_COMPRESSION)

    def _flush(self) -> None:
        if not self.buffer:
            return
        table = pa.Table.from_pylist(self.buffer, schema=self.schema)
        self.buffer = []
        if self.writer is None:
            self.writer = self._open()
        self.writer.write_table(table, row_group_size=self.rows_per_group)
        self.result.rows += table.num_rows
        self.result.num_bytes += table.nbytes
        self.in_shard += table.num_rows
        self.shard_bytes += table.nbytes
        if self.in_shard >= self.rows_per_shard or self.shard_bytes >= MAX_SHARD_BYTES:
            self.writer.close()
            self.writer, self.in_shard, self.shard_bytes = None, 0, 0

    def close(self) -> SplitFiles:
        """Flush, and give the shards their final names (an empty split gets none: ``datasets`` refuses those)."""
        self._flush()
        if self.writer is not None:
            self.writer.close()
        for index, part in enumerate(self.parts):
            final = part.with_name(shard_name(self.split, index, len(self.parts)))
            part.rename(final)
            self.result.files.append((final.relative_to(self.root).as_posix(), final.stat().st_size))
        return self.result


class DatasetWriter:
    """Every config's shard writers under ``<root>/data/<config>/``; merged configs are held until :meth:`close`."""

    def __init__(self, root: Path, configs: tuple[ConfigSpec, ...], splits: tuple[str, ...],
                 rows_per_shard: int = DEFAULT_ROWS_PER_SHARD) -> None:
        if rows_per_shard < 1:
            raise ValueError("rows_per_shard must be at least 1")
        self.configs = {spec.name: spec for spec in configs}
        self.writers: dict[str, dict[str, ShardWriter]] = {}
        for spec in configs:
            folder = root / "data" / spec.name
            self.writers[spec.name] = {s: ShardWriter(root, folder, s, spec.schema, rows_per_shard) for s in splits}
        self.merged: dict[str, dict[str, tuple[str, Row]]] = {s.name: {} for s in configs if s.merge_key}

    def add(self, config: str, split: str, row: Row) -> None:
        spec = self.configs[config]
        if spec.merge_key is None or spec.merge is None:
            self.writers[config][split].add(row)
            return
        kept = self.merged[config].get(row[spec.merge_key])
        if kept is None:
            self.merged[config][row[spec.merge_key]] = (split, row)
        else:
            spec.merge(kept[1], row)

    def add_page(self, rows: dict[str, list[tuple[str, Row]]]) -> None:
        for config, config_rows in rows.items():
            for split, row in config_rows:
                self.add(config, split, row)

    def close(self) -> dict[str, dict[str, SplitFiles]]:
        for config, rows in self.merged.items():
            for split, row in rows.values():
                self.writers[config][split].add(row)
        return {config: {split: writer.close() for split, writer in by_split.items()}
                for config, by_split in self.writers.items()}
