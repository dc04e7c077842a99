"""``croissant.json``: Croissant 1.0 metadata for the same Parquet files and record sets as the card.

One ``FileSet`` per config (its shards, by glob) and one ``RecordSet`` per config, each
column a field read from the Parquet column of that name, plus a ``split`` field taken from
the shard's file name. Nested columns become ``subField``s; ``ClassLabel`` columns are
integers whose names are the inline ``zone_labels`` record set. Written without
``mlcroissant`` (a test dependency that validates and loads it); no clock, no absolute paths.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from datasets import ClassLabel, List, Value

from builder.card import PRETTY_NAME, published_configs
from builder.model import ZONE_LABELS
from builder.report import DATASET_NAME, BuildReport
from builder.split import SPLIT_NAMES
from builder.write import CONFIGS, ConfigSpec

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"

#: The standard Croissant 1.0 JSON-LD context.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

ZONE_LABELS_SET = "zone_labels"
_DATA_TYPES = {"string": "sc:Text", "float64": "sc:Float", "float32": "sc:Float", "bool": "sc:Boolean"}
_SHARD_REGEX = r"^(" + "|".join(SPLIT_NAMES) + r")-\d{5}-of-\d{5}\.parquet$"


def _data_type(feature: Any) -> str:
    if isinstance(feature, ClassLabel):
        return "sc:Integer"
    if isinstance(feature, Value):
        return _DATA_TYPES.get(feature.dtype, "sc:Integer" if "int" in feature.dtype else "sc:Text")
    raise TypeError(f"no Croissant data type for {feature!r}")


def _source(file_set: str, column: str, json_path: str | None = None) -> dict[str, Any]:
    source: dict[str, Any] = {"fileSet": {"@id": file_set}, "extract": {"column": column}}
    if json_path:
        source["transform"] = {"jsonPath": json_path}
    return source


def _describe(feature: Any, doc: str) -> str:
    if isinstance(feature, ClassLabel) or (isinstance(feature, List) and isinstance(feature.feature, ClassLabel)):
        return f"{doc} Integer index into the `{ZONE_LABELS_SET}` record set."
    return doc


def _field(record_set: str, file_set: str, name: str, feature: Any, doc: str) -> dict[str, Any]:
    """One column as a field; a list is ``repeated``, a struct (or list of structs) has one sub-field per key."""
    field: dict[str, Any] = {"@type": "cr:Field", "@id": f"{record_set}/{name}", "name": name,
                             "description": _describe(feature, doc)}
    inner = feature.feature if isinstance(feature, List) else feature
    if isinstance(feature, List):
        field["repeated"] = True
    if isinstance(inner, dict):
        field["subField"] = [
            {"@type": "cr:Field", "@id": f"{record_set}/{name}/{key}", "name": key,
             "description": _describe(sub, f"`{key}` of `{name}`."), "dataType": _data_type(sub),
             "source": _source(file_set, name, key)}
            for key, sub in inner.items()
        ]
    else:
        field["dataType"] = _data_type(inner)
        field["source"] = _source(file_set, name)
    return field


def file_set(spec: ConfigSpec) -> dict[str, Any]:
    return {
        "@type": "cr:FileSet",
        "@id": f"{spec.name}-parquet",
        "name": f"{spec.name}-parquet",
        "description": f"Parquet shards of the `{spec.name}` config, all splits.",
        "encodingFormat": "application/x-parquet",
        "includes": f"data/{spec.name}/*.parquet",
    }


def record_set(spec: ConfigSpec) -> dict[str, Any]:
    files = f"{spec.name}-parquet"
    fields = [_field(spec.name, files, name, spec.features[name], spec.columns[name]) for name in spec.features]
    fields.append({
        "@type": "cr:Field",
        "@id": f"{spec.name}/split",
        "name": "split",
        "description": "Split of the row (" + ", ".join(SPLIT_NAMES) + "), from the shard's file name.",
        "dataType": "sc:Text",
        "source": {"fileSet": {"@id": files}, "extract": {"fileProperty": "filename"},
                   "transform": {"regex": _SHARD_REGEX}},
    })
    return {"@type": "cr:RecordSet", "@id": spec.name, "name": spec.name, "description": spec.description,
            "field": fields}


def zone_labels_set() -> dict[str, Any]:
    """The zone label names, inline: index → name, the ``ClassLabel`` order."""
    return {
        "@type": "cr:RecordSet",
        "@id": ZONE_LABELS_SET,
        "name": ZONE_LABELS_SET,
        "description": "Zone labels: the names of the integer `label` / `line_labels` / `zone` values.",
        "key": {"@id": f"{ZONE_LABELS_SET}/index"},
        "field": [
            {"@type": "cr:Field", "@id": f"{ZONE_LABELS_SET}/index", "name": "index", "dataType": "sc:Integer"},
            {"@type": "cr:Field", "@id": f"{ZONE_LABELS_SET}/name", "name": "name", "dataType": "sc:Text"},
        ],
        "data": [{f"{ZONE_LABELS_SET}/index": i, f"{ZONE_LABELS_SET}/name": label}
                 for i, label in enumerate(ZONE_LABELS)],
    }


def croissant_metadata(report: BuildReport, configs: Sequence[ConfigSpec] = CONFIGS) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": f"{DATASET_NAME}-{report.version}",
        "description": f"{PRETTY_NAME}. French-language pages of the Vietnam News Agency: raw text, structured "
        f"fields, labelled zones, word repairs and related-article teasers ({report.pages_written} pages). "
        "The README.md beside this file is the dataset card.",
        "conformsTo": CONFORMS_TO,
        "version": report.version,
        "license": "Text: Vietnam News Agency. Labels and code: see the dataset card.",
        "citeAs": f"@misc{{vna_corpus_fr, title = {{{PRETTY_NAME}}}, note = {{Version {report.version}}}}}",
        "inLanguage": "fr",
        "keywords": ["news", "French", "Vietnam", "document segmentation", "text repair"],
        "isLiveDataset": False,
        "distribution": [file_set(spec) for spec in published_configs(report, configs)],
        "recordSet": [zone_labels_set(), *(record_set(spec) for spec in published_configs(report, configs))],
    }


def write_croissant(folder: Path, report: BuildReport, configs: Sequence[ConfigSpec] = CONFIGS) -> Path:
    path = folder / "croissant.json"
    text = json.dumps(croissant_metadata(report, configs), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8", newline="\n")
    return path
