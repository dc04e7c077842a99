"""Label Studio round trip: pages out as tasks with pre-annotations, hand-corrected annotations back in as gold.

Label Studio (a JavaScript front end) counts text offsets in UTF-16 code units; this project counts Python code
points (:mod:`builder.model`). A character outside the Basic Multilingual Plane (an emoji, some CJK) is one code
point but two UTF-16 units, so every offset is converted on the way out (:func:`to_utf16`) and back
(:func:`from_utf16`), and an offset that falls inside such a character is refused, never rounded.

A task is one page: ``data.text`` (the raw text), ``data.page_id`` and ``data.sha256`` (of the raw text as UTF-8),
with the labels of the parsing core (or of a gold folder) as ``predictions``. The labelling config has three
``Labels`` controls over the same text: ``zone`` (the zone labels), ``entity`` (the entity labels) and ``repair``.
A repair is a point, and a Label Studio span cannot be empty, so it travels as the two-character span across the
glue point (``leministre``: the span ``em``), labelled ``repair``.

Only pure functions here, except :func:`read_export` and :func:`write_gold_files` at the edge.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from builder import __version__
from builder.label import GUIDELINES_VERSION, validate_gold_record
from builder.model import ENTITY_LABELS, ZONE_LABELS, ParsedPage, repair_context

#: The names of the config's controls and of the text object they label.
ZONE_CONTROL, ENTITY_CONTROL, REPAIR_CONTROL, TEXT_OBJECT = "zone", "entity", "repair", "text"
REPAIR_LABEL = "repair"

#: ``model_version`` of the pre-annotations: which parsing core made them (gold pre-annotations say ``gold``).
MODEL_VERSION = f"vna-corpus {__version__}"
GOLD_MODEL_VERSION = "gold"

#: Colours by position (zone labels, then entity labels), readable under black text.
PALETTE: tuple[str, ...] = (
    "#f4a261", "#e9c46a", "#8ecae6", "#b5e48c", "#cdb4db", "#ffafcc", "#a0c4ff", "#ffd6a5", "#caffbf",
    "#bdb2ff", "#ffc6ff", "#fdffb6", "#d4a373", "#90be6d", "#f28482", "#84a59d", "#f6bd60", "#9bf6ff",
)
ENTITY_PALETTE: tuple[str, ...] = ("#7aecec", "#bfeeb7", "#feca74", "#aa9cfc", "#bbdefb", "#e4e7d2", "#ff9561")
REPAIR_COLOUR = "#e63946"

#: Hotkeys: digits, then letters, in label order; the entity labels take the first free letter of their name.
_HOTKEYS = "1234567890qwtyasfgjkzxcvbn"


class AnnotateError(ValueError):
    """An export or a task that cannot be turned into gold; the message is one line naming what and why."""


# --- offsets -------------------------------------------------------------------------------


def utf16_table(text: str) -> list[int]:
    """``table[i]`` = the UTF-16 offset of code point ``i`` (``len(text) + 1`` entries).

    >>> utf16_table("a😀b")
    [0, 1, 3, 4]
    """
    table = [0] * (len(text) + 1)
    units = 0
    for i, char in enumerate(text):
        table[i] = units
        units += 2 if ord(char) > 0xFFFF else 1
    table[len(text)] = units
    return table


def to_utf16(table: Sequence[int], offset: int) -> int:
    """A code-point offset as a UTF-16 offset, with the text's :func:`utf16_table`."""
    return table[offset]


def from_utf16(table: Sequence[int], units: int) -> int:
    """A UTF-16 offset back as a code-point offset; ValueError if it is out of range or splits a surrogate pair.

    >>> table = utf16_table("a😀b")
    >>> [from_utf16(table, u) for u in (0, 1, 3, 4)]
    [0, 1, 2, 3]
    """
    from bisect import bisect_left

    i = bisect_left(table, units)
    if i >= len(table) or table[i] != units:
        raise ValueError(f"UTF-16 offset {units} is out of the text or inside a character outside the BMP")
    return i


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the labelling config ------------------------------------------------------------------


def guideline_hints(guidelines: str) -> dict[str, str]:
    """One-line definitions from the annotation guidelines, by label: the ``what`` column of the zone table and
    the heading of each entity label's section (``### PER: people``)."""
    hints: dict[str, str] = {}
    for match in re.finditer(r"^\| `([a-z_]+)` \| ([^|]+) \|", guidelines, re.M):
        hints.setdefault(match.group(1), match.group(2).strip())
    for match in re.finditer(r"^### ([A-Z]+): (.+)$", guidelines, re.M):
        hints.setdefault(match.group(1), match.group(2).strip())
    repair = re.search(r"^## Repairs[^\n]*\n+(.+?\.)", guidelines, re.M | re.S)
    if repair:
        hints[REPAIR_LABEL] = " ".join(repair.group(1).split())
    return hints


def label_colours() -> dict[str, str]:
    """A colour for every label (zones, entities, ``repair``), by its position in :mod:`builder.model`."""
    colours = {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(ZONE_LABELS)}
    colours.update({label: ENTITY_PALETTE[i % len(ENTITY_PALETTE)] for i, label in enumerate(ENTITY_LABELS)})
    colours[REPAIR_LABEL] = REPAIR_COLOUR
    return colours


def label_hotkeys() -> dict[str, str]:
    """Distinct one-key shortcuts: entity labels get a letter of their name, zones digits then letters, the repair
    ``r`` if free."""
    free = list(_HOTKEYS + "depmolhiuor")
    keys: dict[str, str] = {}

    def take(label: str, wanted: str) -> None:
        for key in wanted:
            if key in free:
                free.remove(key)
                keys[label] = key
                return

    take(REPAIR_LABEL, "r")
    for label in ENTITY_LABELS:
        take(label, label.lower())
    for label in ZONE_LABELS:
        take(label, "".join(free))
    return keys


def label_config(guidelines: str) -> str:
    """The Label Studio labelling config (XML): the page text and the three ``Labels`` controls."""
    hints, colours, hotkeys = guideline_hints(guidelines), label_colours(), label_hotkeys()

    def labels(name: str, values: Iterable[str]) -> list[str]:
        lines = [f'  <Labels name="{name}" toName="{TEXT_OBJECT}" choice="single">']
        for value in values:
            hint = f" hint={quoteattr(hints[value])}" if value in hints else ""
            hotkey = f' hotkey="{hotkeys[value]}"' if value in hotkeys else ""
            lines.append(f'    <Label value="{value}" background="{colours[value]}"{hotkey}{hint}/>')
        lines.append("  </Labels>")
        return lines

    body = [
        "<View>",
        '  <Header value="Zones (one label for each line part), entities and repairs (the two characters around '
        'a lost space)"/>',
        *labels(ZONE_CONTROL, ZONE_LABELS),
        *labels(ENTITY_CONTROL, ENTITY_LABELS),
        *labels(REPAIR_CONTROL, (REPAIR_LABEL,)),
        f'  <Text name="{TEXT_OBJECT}" value="$text" granularity="symbol"/>',
        "</View>",
    ]
    return "\n".join(body) + "\n"


# --- export --------------------------------------------------------------------------------


def _region(table: Sequence[int], raw: str, control: str, start: int, end: int, label: str, n: int) -> dict:
    return {
        "id": f"{control}-{n}",
        "from_name": control,
        "to_name": TEXT_OBJECT,
        "type": "labels",
        "value": {"start": to_utf16(table, start), "end": to_utf16(table, end), "text": raw[start:end],
                  "labels": [label]},
    }


def record_to_result(record: Mapping[str, Any], raw: str) -> list[dict[str, Any]]:
    """A gold-schema record (zones, repairs, entities) as Label Studio result regions over ``raw``."""
    table = utf16_table(raw)
    result = [_region(table, raw, ZONE_CONTROL, z["start"], z["end"], z["label"], n)
              for n, z in enumerate(record.get("zones", []))]
    result += [_region(table, raw, ENTITY_CONTROL, e["start"], e["end"], e["label"], n)
               for n, e in enumerate(record.get("entities", []))]
    for n, r in enumerate(record.get("repairs", [])):
        offset = r["offset"]
        if not 0 < offset < len(raw):
            raise AnnotateError(f"{record.get('id')}: repair offset {offset} is outside the page")
        result.append(_region(table, raw, REPAIR_CONTROL, offset - 1, offset + 1, REPAIR_LABEL, n))
    return result


def make_task(page_id: str, raw: str, record: Mapping[str, Any] | None, model_version: str = MODEL_VERSION) -> dict:
    """One Label Studio task; ``record`` (gold schema) becomes its prediction, none gives a task to label from
    scratch."""
    task: dict[str, Any] = {"data": {"text": raw, "page_id": page_id, "sha256": sha256_text(raw)}}
    if record is not None:
        task["predictions"] = [{"model_version": model_version, "result": record_to_result(record, raw)}]
    return task


def silver_record(parsed: ParsedPage) -> dict[str, Any]:
    return parsed.to_record()


# --- import --------------------------------------------------------------------------------


@dataclass
class ImportedPage:
    """One annotation of one task, as a gold record, with the problems that keep it out of the gold folder."""

    page_id: str
    annotator: str
    record: dict[str, Any]
    problems: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import made: pages by annotator, and every problem (one line each, naming the task or page)."""

    pages: list[ImportedPage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(not p.problems for p in self.pages)

    def all_problems(self) -> list[str]:
        return self.problems + [problem for page in self.pages for problem in page.problems]


def annotator_name(annotation: Mapping[str, Any]) -> str:
    """Who made an annotation, as Label Studio's JSON export names them (a user object, an e-mail or an id)."""
    who = annotation.get("completed_by")
    if isinstance(who, Mapping):
        return str(who.get("email") or who.get("username") or f"user-{who.get('id')}")
    if isinstance(who, str) and who:
        return who
    if isinstance(who, int):
        return f"user-{who}"
    return "unknown"


def _span(table: Sequence[int], raw: str, item: Mapping[str, Any], where: str) -> tuple[int, int]:
    value = item.get("value") or {}
    start16, end16 = value.get("start"), value.get("end")
    if not (isinstance(start16, int) and isinstance(end16, int)):
        raise AnnotateError(f"{where}: region {item.get('id')!r} has no integer start and end (not a text span)")
    try:
        start, end = from_utf16(table, start16), from_utf16(table, end16)
    except ValueError as err:
        raise AnnotateError(f"{where}: region {item.get('id')!r}: {err}") from None
    if "text" in value and value["text"] != raw[start:end]:
        raise AnnotateError(f"{where}: region {item.get('id')!r} says {value['text']!r} but the page has "
                            f"{raw[start:end]!r} at [{start}:{end}]")
    return start, end


def result_to_record(result: Sequence[Mapping[str, Any]], raw: str, page_id: str, where: str
                     ) -> tuple[dict[str, Any], list[str]]:
    """Label Studio result regions as a gold-schema record's zones, repairs and entities, and the problems of the
    regions that cannot be read (each one is named; none is dropped without a line)."""
    table = utf16_table(raw)
    zones, entities, repairs, problems = [], [], [], []
    for item in result:
        control = item.get("from_name")
        if item.get("type") not in ("labels", None) or control not in (ZONE_CONTROL, ENTITY_CONTROL, REPAIR_CONTROL):
            problems.append(f"{where}: region {item.get('id')!r} of control {control!r} "
                            f"(type {item.get('type')!r}) is not in the labelling config")
            continue
        try:
            start, end = _span(table, raw, item, where)
        except AnnotateError as err:
            problems.append(str(err))
            continue
        labels = (item.get("value") or {}).get("labels") or []
        if len(labels) != 1:
            problems.append(f"{where}: region {item.get('id')!r} [{start}:{end}] {raw[start:end]!r} has "
                            f"{len(labels)} labels, need exactly one")
            continue
        label = labels[0]
        if control == REPAIR_CONTROL:
            if end - start != 2:
                problems.append(f"{where}: repair region {item.get('id')!r} [{start}:{end}] {raw[start:end]!r} "
                                "must span the two characters around the lost space")
                continue
            repairs.append(start + 1)
        elif control == ZONE_CONTROL:
            zones.append({"start": start, "end": end, "label": label, "text": raw[start:end]})
        else:
            entities.append({"start": start, "end": end, "label": label, "text": raw[start:end]})
    duplicates = sorted({o for o in repairs if repairs.count(o) > 1})
    problems += [f"{where}: two repair regions at offset {o}" for o in duplicates]
    record = {
        "id": page_id,
        "zones": sorted(zones, key=lambda z: (z["start"], z["end"])),
        "repairs": [{"offset": o, "context": repair_context(raw, o)} for o in sorted(set(repairs))],
        "entities": sorted(entities, key=lambda e: (e["start"], e["end"])),
    }
    return record, problems


def import_export(tasks: Any, raws: Mapping[str, str], *, annotator: str | None = None,
                  guidelines_version: str = GUIDELINES_VERSION, name: str = "export") -> ImportReport:
    """Gold records from a Label Studio JSON export (a list of tasks), checked against the pages' raw texts.

    A task whose page is missing or whose text no longer matches the page (sha256) is refused with one line;
    cancelled annotations are skipped with a line; every record goes through the gold validator. ``annotator``
    keeps only that annotator's annotations.
    """
    report = ImportReport()
    if not isinstance(tasks, list):
        report.problems.append(f"{name}: a Label Studio JSON export is a list of tasks, not {type(tasks).__name__}")
        return report
    seen: set[tuple[str, str]] = set()
    for n, task in enumerate(tasks):
        data = task.get("data") if isinstance(task, Mapping) else None
        if not isinstance(data, Mapping) or not isinstance(data.get("page_id"), str):
            report.problems.append(f"{name}: task {n} has no data.page_id (not exported by vna-corpus annotate)")
            continue
        page_id = data["page_id"]
        where = f"task {task.get('id', n)} ({page_id})"
        if page_id not in raws:
            report.problems.append(f"{where}: no page {page_id} among the pages given")
            continue
        raw = raws[page_id]
        if data.get("sha256") != sha256_text(raw) or data.get("text") != raw:
            report.problems.append(f"{where}: the page's text changed since export (sha256 differs); refused")
            continue
        annotations = [a for a in task.get("annotations") or [] if isinstance(a, Mapping)]
        if not annotations:
            report.problems.append(f"{where}: no annotation")
            continue
        for annotation in annotations:
            who = annotator_name(annotation)
            if annotator is not None and who != annotator:
                continue
            if annotation.get("was_cancelled"):
                report.problems.append(f"{where}: the annotation {annotation.get('id')} by {who} was cancelled "
                                       "(skipped)")
                continue
            if (page_id, who) in seen:
                report.problems.append(f"{where}: {who} has two annotations of this page; keep one in Label Studio")
                continue
            seen.add((page_id, who))
            # Label Studio's export gives the task's predictions as ids and the one an annotation started from in
            # full; a hand-made export may give them in full on the task.
            started = [annotation.get("prediction")] + list(task.get("predictions") or [])
            versions = {p.get("model_version") for p in started if isinstance(p, Mapping)}
            pre_annotation = ", ".join(sorted(str(v) for v in versions if v)) or None
            labels, problems = result_to_record(annotation.get("result") or [], raw, page_id, where)
            record = {
                "id": page_id,
                "annotator": who,
                "guidelines_version": guidelines_version,
                "annotation": {
                    "tool": "label-studio",
                    "task_id": task.get("id"),
                    "annotation_id": annotation.get("id"),
                    "created_at": annotation.get("created_at"),
                    "updated_at": annotation.get("updated_at"),
                    "pre_annotation": pre_annotation,
                },
                "zones": labels["zones"],
                "repairs": labels["repairs"],
                "entities": labels["entities"],
            }
            problems += [f"{problem[:len(page_id) + 5]} ({who}){problem[len(page_id) + 5:]}"
                         for problem in validate_gold_record(record, raw, f"{page_id}.json")]
            report.pages.append(ImportedPage(page_id, who, record, problems))
    if annotator is not None and not report.pages and not report.problems:
        report.problems.append(f"{name}: no annotation by {annotator!r}")
    return report


def read_export(path: str | Path) -> Any:
    """The JSON of a Label Studio export file; AnnotateError with one line naming it when it cannot be read."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise AnnotateError(f"{path}: not UTF-8 text (invalid byte at offset {err.start})") from None
    except json.JSONDecodeError as err:
        raise AnnotateError(f"{path}: broken JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
    except OSError as err:
        raise AnnotateError(f"{path}: cannot read ({err.strerror or err})") from None


def gold_paths(report: ImportReport, out: str | Path) -> dict[tuple[str, str], Path]:
    """Where each imported page goes: ``out/<page id>.json`` with one annotator, ``out/<annotator>/<page id>.json``
    when the export holds several."""
    out = Path(out)
    annotators = {page.annotator for page in report.pages}
    several = len(annotators) > 1
    return {(p.page_id, p.annotator): (out / _folder_name(p.annotator) if several else out) / f"{p.page_id}.json"
            for p in report.pages}


def _folder_name(annotator: str) -> str:
    return re.sub(r"[^\w.@-]+", "_", annotator) or "unknown"


def write_gold_files(report: ImportReport, out: str | Path) -> list[Path]:
    """Write the pages without problems as gold files (one JSON object each); the others are not written."""
    paths = gold_paths(report, out)
    written = []
    for page in report.pages:
        if page.problems:
            continue
        path = paths[page.page_id, page.annotator]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(page.record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    report.written = written
    return written
