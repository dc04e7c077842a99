"""The dataset card: YAML front matter from ``DatasetCardData``, body from the Jinja2 templates in ``cards/``.

:func:`card_context` gathers everything the template shows (a plain dict, so a test or a
later section can read it); :func:`render_card` hands it to ``DatasetCard.from_template``.
Later sections (entity statistics, a baselines table) go in as ``extra_sections``: each a
:class:`CardSection` (title and Markdown body), rendered after the statistics, in order.
Nothing in the card depends on the clock, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datasets import ClassLabel, DatasetInfo, List, SplitDict, SplitInfo, Value
from datasets.info import DatasetInfosDict
from huggingface_hub import DatasetCard, DatasetCardData

from builder.label import GUIDELINES_VERSION
from builder.model import ENTITY_LABELS, NER_TAGS, ZONE_LABELS
from builder.report import BuildReport
from builder.split import SPLIT_NAMES
from builder.steps import REJECT_REASONS
from builder.write import CONFIGS, ConfigSpec, written_splits

#: The templates: the repository's top-level ``cards/`` folder, shipped in the package as ``builder/cards`` (a link).
CARDS_DIR = Path(__file__).resolve().parent / "cards"
CARD_TEMPLATE = "dataset_card.md.jinja"
CHANGELOG = "changelog.md"
#: The baselines comparison (``vna-corpus baselines --out cards/baselines.json``), rendered into every card.
BASELINES = "baselines.json"

PRETTY_NAME = "VNA French news pages: zones, word repairs and teasers"
LICENSE = "other"
LICENSE_NAME = "vna-content"
TAGS = ["news", "vietnam", "document-segmentation", "text-repair", "web-scraping"]

#: What each zone label marks, in ZONE_LABELS order (the annotation guidelines have the full rules).
ZONE_LABEL_DOCS: dict[str, str] = {
    "title": "the article's headline (a page may have none)",
    "lead": "the standfirst (chapeau) before the caption, dateline and body",
    "caption": "a photo caption, glued to the image's Vietnamese alt text, with its credit",
    "dateline": "`Place (VNA) –` opening the first body paragraph",
    "body": "a body paragraph (sub-headings and interview questions included)",
    "inline_link": "a link to another article placed inside the body",
    "signature": "the closing agency signature (`-VNA`)",
    "source": "a lone `source` line after the article",
    "more_header": "the `Voir plus` line that opens the related-article block, when there is one",
    "teaser_caption": "the photo caption of a related-article teaser",
    "teaser_title": "the title of a related-article teaser",
    "teaser_summary": "the summary of a related-article teaser",
    "boilerplate": "site furniture that is no part of any article: footer, menu, share and print buttons, copyright",
}

#: What each entity label marks (the annotation guidelines have the full rules and the hard cases).
ENTITY_LABEL_DOCS: dict[str, str] = {
    "PER": "a person's name, without title or role",
    "ORG": "an organisation or institution: agency, party, assembly, ministry, company, international body",
    "LOC": "a place: country, city, province, region, sea",
    "MISC": "another named thing: event, treaty, programme, product, disease or vaccine",
    "DATE": "a calendar expression: a day, a date, a month, a year, a period",
}

#: How many of the most frequent canonical entities the card lists.
TOP_ENTITIES = 20

SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"))


@dataclass(frozen=True)
class CardSection:
    """An extra section of the card: a ``## title`` and a Markdown body."""

    title: str
    body: str


def size_category(n: int) -> str:
    return next((name for limit, name in SIZE_CATEGORIES if n < limit), "n>10M")


def feature_type(feature: Any) -> str:
    """A short, readable type for the column tables: ``list<struct{start: int32, ...}>``, ``ClassLabel``."""
    if isinstance(feature, ClassLabel):
        return "ClassLabel"
    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, List):
        return f"list<{feature_type(feature.feature)}>"
    if isinstance(feature, dict):
        return "struct{" + ", ".join(f"{k}: {feature_type(v)}" for k, v in feature.items()) + "}"
    return type(feature).__name__


def load_example(folder_name: str) -> str:
    """The card's loading example (a test runs it from the folder that holds the dataset)."""
    return f'''from datasets import load_dataset

folder = "{folder_name}"  # this folder (on the Hub: its repository id)
pages = load_dataset(folder, "pages")
print(pages)

segmentation = load_dataset(folder, "segmentation", split="train")
zone_names = segmentation.features["zones"].feature["label"].names
for page in segmentation.take(1):
    for zone in page["zones"][:3]:
        print(zone_names[zone["label"]], repr(page["raw"][zone["start"]:zone["end"]][:60]))'''


def published_configs(report: BuildReport, configs: Sequence[ConfigSpec] = CONFIGS) -> list[ConfigSpec]:
    """Configs with at least one row: ``datasets`` cannot load a config (or split) without data files."""
    return [spec for spec in configs if written_splits(report.files[spec.name])]


def config_entries(report: BuildReport, configs: Sequence[ConfigSpec] = CONFIGS) -> list[dict[str, Any]]:
    """The ``configs`` block: a glob per split that has rows, the first config the default."""
    entries = []
    for i, spec in enumerate(published_configs(report, configs)):
        splits = written_splits(report.files[spec.name])
        entry: dict[str, Any] = {
            "config_name": spec.name,
            "data_files": [{"split": s, "path": f"data/{spec.name}/{s}-*.parquet"} for s in splits],
        }
        if i == 0:
            entry["default"] = True
        entries.append(entry)
    return entries


def dataset_infos(report: BuildReport, configs: Sequence[ConfigSpec] = CONFIGS) -> DatasetInfosDict:
    """``dataset_info`` per config: features and split sizes, as ``datasets`` reads and checks them."""
    infos = DatasetInfosDict()
    for spec in published_configs(report, configs):
        files = report.files[spec.name]
        splits = SplitDict()
        for name in written_splits(files):
            splits.add(SplitInfo(name=name, num_bytes=files[name].num_bytes, num_examples=files[name].rows))
        infos[spec.name] = DatasetInfo(
            features=spec.features,
            splits=splits,
            download_size=sum(f.download_size for f in files.values()),
            dataset_size=sum(f.num_bytes for f in files.values()),
        )
    return infos


def card_data(report: BuildReport, configs: Sequence[ConfigSpec] = CONFIGS) -> DatasetCardData:
    sources = report.label_source_totals()
    creators = (["expert-generated"] if sources["gold"] else []) + (["machine-generated"] if sources["silver"] else [])
    data = DatasetCardData(
        pretty_name=PRETTY_NAME,
        language=["fr"],
        license=LICENSE,
        license_name=LICENSE_NAME,
        annotations_creators=creators or ["machine-generated"],
        language_creators=["found"],
        multilinguality=["monolingual"],
        size_categories=[size_category(report.pages_written)],
        source_datasets=["original"],
        task_categories=["token-classification", "text-generation"],
        task_ids=["parsing", "named-entity-recognition", "language-modeling"],
        tags=TAGS + (["synthetic"] if report.synthetic_pages else []),
        configs=config_entries(report, configs),
    )
    dataset_infos(report, configs).to_dataset_card_data(data)
    return data


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def card_context(report: BuildReport, extra_sections: Sequence[CardSection] = (),
                 configs: Sequence[ConfigSpec] = CONFIGS) -> dict[str, Any]:
    """Everything the card body shows, computed from this build."""
    total_weight = sum(report.split_ratios)
    sources = report.label_source_totals()
    zone_total = sum(report.zone_counts.values())
    changelog_path = CARDS_DIR / CHANGELOG
    return {
        "pretty_name": PRETTY_NAME,
        "version": report.version,
        "folder_name": report.folder_name,
        "load_example": load_example(report.folder_name),
        "pages_in": report.pages_in,
        "pages_written": report.pages_written,
        "pages_rejected": report.pages_rejected,
        "ratios": [{"split": s, "weight": w, "percent": _percent(w, total_weight)}
                   for s, w in zip(SPLIT_NAMES, report.split_ratios)],
        "splits": [{"split": s, "pages": report.splits.get(s, 0),
                    "gold": report.label_sources.get(s, {}).get("gold", 0),
                    "silver": report.label_sources.get(s, {}).get("silver", 0)} for s in SPLIT_NAMES],
        "label_sources": sources,
        "configs": [{
            "name": spec.name,
            "default": i == 0,
            "published": bool(written_splits(report.files[spec.name])),
            "description": spec.description,
            "rows": {s: report.files[spec.name][s].rows for s in SPLIT_NAMES},
            "total_rows": sum(report.files[spec.name][s].rows for s in SPLIT_NAMES),
            "shards": sum(len(report.files[spec.name][s].files) for s in SPLIT_NAMES),
            "columns": [{"name": name, "type": feature_type(spec.features[name]), "description": spec.columns[name]}
                        for name in spec.features],
            "label_columns": list(spec.label_names()),
        } for i, spec in enumerate(configs)],
        "zone_labels": [{"index": i, "name": label, "description": ZONE_LABEL_DOCS.get(label, ""),
                         "count": report.zone_counts.get(label, 0),
                         "percent": _percent(report.zone_counts.get(label, 0), zone_total)}
                        for i, label in enumerate(ZONE_LABELS)],
        "zone_total": zone_total,
        "entity_labels": [{"index": i, "name": label, "description": ENTITY_LABEL_DOCS.get(label, ""),
                           **report.entity_counts.get(label, {"gold": 0, "silver": 0}),
                           "count": sum(report.entity_counts.get(label, {}).values())}
                          for i, label in enumerate(ENTITY_LABELS)],
        "entity_total": sum(sum(c.values()) for c in report.entity_counts.values()),
        "entity_pages": {source: report.entity_pages.get(source, 0) for source in ("gold", "silver")},
        "ner_tags": list(NER_TAGS),
        "top_entities": [{"label": label, "canonical": canonical, "text": report.canonical_texts[(label, canonical)],
                          "mentions": n}
                         for (label, canonical), n in sorted(report.canonical_entities.items(),
                                                             key=lambda kv: (-kv[1], kv[0]))[:TOP_ENTITIES]],
        "repairs": {"gold": report.repairs.get("gold", 0), "silver": report.repairs.get("silver", 0),
                    "total": sum(report.repairs.values())},
        "languages": sorted(report.languages.items(), key=lambda kv: (-kv[1], kv[0])),
        "gold_records": report.gold_records,
        "guidelines_version": GUIDELINES_VERSION,
        "gold_rejected": report.gold_rejected,
        "synthetic_pages": report.synthetic_pages,
        "steps": [{"name": s.name, "total": s.total, "forwarded": s.forwarded,
                   "dropped": ", ".join(f"{reason} {n}" for reason, n in sorted(s.dropped.items())) or "–"}
                  for s in report.steps],
        "rejects": [{"reason": reason, "description": doc, "count": report.rejects.get(reason, 0)}
                    for reason, doc in REJECT_REASONS.items()],
        "changelog": changelog_path.read_text(encoding="utf-8").strip() if changelog_path.is_file() else "",
        "extra_sections": list(extra_sections),
        "robustness": robustness_table(),
    }


def robustness_table() -> str:
    """Zone char-F1 of the parsing core per layout-variant kind of the bundled gold pages (``vna-corpus variants``).

    The variants and their gold are derived from the repository's gold, so the table is the same for every build.
    """
    from builder.label import load_gold
    from builder.read import bundled_gold_dir, bundled_pages_dir, read_page
    from builder.variants import format_variant_scores, gold_variants, score_variants

    gold = load_gold(bundled_gold_dir())
    raws = {page_id: read_page(bundled_pages_dir() / f"{page_id}.txt").raw for page_id in gold}
    return format_variant_scores(score_variants(gold_variants(gold, raws)))


def baselines_section(path: Path = CARDS_DIR / BASELINES) -> CardSection | None:
    """The "Baselines" section from the stored comparison (a file, so a rebuild gives the same bytes), if any."""
    if not path.is_file():
        return None
    from builder.baselines.report import baselines_markdown

    body = baselines_markdown(json.loads(path.read_text(encoding="utf-8")))
    title, _, body = body.partition("\n")
    return CardSection(title.removeprefix("## ").strip(), body.strip())


def render_card(report: BuildReport, extra_sections: Sequence[CardSection] = ()) -> DatasetCard:
    baselines = baselines_section()
    return DatasetCard.from_template(
        card_data(report),
        template_path=str(CARDS_DIR / CARD_TEMPLATE),
        **card_context(report, [*([baselines] if baselines else []), *extra_sections]),
    )


def write_card(folder: Path, report: BuildReport, extra_sections: Sequence[CardSection] = ()) -> Path:
    path = folder / "README.md"
    text = str(render_card(report, extra_sections))
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8", newline="\n")
    return path
