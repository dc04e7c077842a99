"""The dataset's configs, their explicit schemas, and the Parquet writer.

Every config is one :class:`ConfigSpec` in :data:`CONFIGS`: its name, its Hugging Face
``Features`` (the one place a schema is declared; the Parquet schema and its ``huggingface``
metadata key are derived from it, so ``load_dataset`` gives back ``ClassLabel`` and nested
types), a description of every column, and a pure row function from a labelled page to
``(split, row)`` pairs; a new config is one more entry of :data:`CONFIGS`.

Rows are streamed into shards of at most ``rows_per_shard`` rows and about
:data:`MAX_SHARD_BYTES` (whichever comes first: small rows, as in ``repair``, make few big
files, large rows, as in ``pages``, files of a sensible size) by :mod:`builder.parquet`, which
needs only ``pyarrow``: a build's workers encode their own shards with it, from
:func:`arrow_schemas`. :class:`DatasetWriter` writes every config in one process (the
driver's merged ``teasers`` config, and the Parquet-writing benchmark).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from datasets import ClassLabel, Features, List, Value

from builder.model import ENTITY_LABELS, NER_TAGS, ZONE_LABELS
from builder.parquet import (
    DEFAULT_ROWS_PER_SHARD,
    MAX_SHARD_BYTES,
    PARQUET_COMPRESSION,
    ROWS_PER_BATCH,
    ROWS_PER_GROUP,
    ShardWriter,
    SplitFiles,
    merge_rows,
    shard_name,
    written_splits,
)
from builder.rows import (
    ROW_FUNCTIONS,
    Row,
    RowFunction,
    entity_rows,
    merge_teaser,
    page_rows,
    repair_rows,
    segmentation_rows,
    teaser_id,
    teaser_rows,
)

ZONE_CLASS = ClassLabel(names=list(ZONE_LABELS))
ENTITY_CLASS = ClassLabel(names=list(ENTITY_LABELS))
NER_CLASS = ClassLabel(names=list(NER_TAGS))


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
    #: Rows turned into Arrow at once (:class:`builder.parquet.PartWriter`): a few for rows that hold a page's
    #: texts, a whole row group for small rows.
    rows_per_batch: int = ROWS_PER_BATCH

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
    rows_per_batch=ROWS_PER_GROUP,
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
    rows_per_batch=ROWS_PER_GROUP,
)

ENTITIES = ConfigSpec(
    name="entities",
    description="One row per non-blank paragraph (line) of every page, for named-entity recognition: tokens of "
    "the repaired text with BIO tags over PER, ORG, LOC, MISC and DATE, and the entity spans in the raw text.",
    features=Features({
        "id": _TEXT,
        "page_id": _TEXT,
        "paragraph": _INT,
        "zone": ZONE_CLASS,
        "text": _TEXT,
        "tokens": List(_TEXT),
        "token_starts": List(_INT),
        "token_ends": List(_INT),
        "ner_tags": List(NER_CLASS),
        "entities": List({"start": _INT, "end": _INT, "label": ENTITY_CLASS, "text": _TEXT, "canonical": _TEXT}),
        "label_source": _TEXT,
    }),
    columns={
        "id": "`<page id>/<paragraph number>` (the same ids as `repair`).",
        "page_id": "Page id (as in `pages`).",
        "paragraph": "Number of the paragraph in its page, from 0 (non-blank lines only).",
        "zone": "Label of the zone covering most of the paragraph (null if none does).",
        "text": "The paragraph, repaired (the spaces lost at line wraps put back).",
        "tokens": "Tokens of `text`: words (with inner hyphens: `COVID-19`), elided forms with their apostrophe "
        "(`d'`), single punctuation marks; cut at every entity boundary.",
        "token_starts": "For each token, its start offset in the page's raw text (`pages.raw`).",
        "token_ends": "For each token, its end offset in the page's raw text: `raw[start:end]` is the token.",
        "ner_tags": "BIO tag of each token (ClassLabel, entity tags below).",
        "entities": "Entity spans: half-open offsets into the page's raw text, label (ClassLabel: PER, ORG, LOC, "
        "MISC, DATE), text as in the raw text, and a canonical key (accents, case and spacing folded) that "
        "groups spellings of one name.",
        "label_source": "`gold` when this paragraph's entities were annotated by a person, `silver` when by the "
        "baseline tagger.",
    },
    rows=entity_rows,
    rows_per_batch=ROWS_PER_GROUP,
)

#: Every config the build writes, in card order; the first is the default config.
CONFIGS: tuple[ConfigSpec, ...] = (PAGES, SEGMENTATION, REPAIR, TEASERS, ENTITIES)
assert [spec.name for spec in CONFIGS] == list(ROW_FUNCTIONS), "builder.rows.ROW_FUNCTIONS follows CONFIGS"


def arrow_schemas(configs: tuple[ConfigSpec, ...] = CONFIGS) -> dict[str, pa.Schema]:
    """Each config's Arrow schema (features in its metadata): what a worker needs to encode rows, without
    ``datasets``."""
    return {spec.name: spec.schema for spec in configs}

__all__ = ["CONFIGS", "DEFAULT_ROWS_PER_SHARD", "MAX_SHARD_BYTES", "PARQUET_COMPRESSION", "ROWS_PER_GROUP",
           "ConfigSpec", "DatasetWriter", "Row", "RowFunction", "ShardWriter", "SplitFiles", "shard_name",
           "teaser_id", "written_splits"]


# --- writing ----------------------------------------------------------------------------


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
            self.writers[spec.name] = {s: ShardWriter(root, folder, s, spec.schema, rows_per_shard, spec.rows_per_batch)
                                       for s in splits}
        self.merged: dict[str, dict[str, tuple[str, Row]]] = {s.name: {} for s in configs if s.merge_key}

    def add(self, config: str, split: str, row: Row) -> None:
        spec = self.configs[config]
        if spec.merge_key is None or spec.merge is None:
            self.writers[config][split].add(row)
            return
        merge_rows(self.merged[config], ((split, row),), spec.merge_key, spec.merge)

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
