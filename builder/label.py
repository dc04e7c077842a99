"""Gold labels: hand-made zones, word repairs (and entities) for a page, and their validator.

A gold file ``builder/corpus/gold/<page id>.json`` holds one record::

    {"id": ..., "annotator": ..., "guidelines_version": "1.1",
     "zones":   [{"start", "end", "label", "text"}, ...],
     "repairs": [{"offset", "context"}, ...],
     "entities": [{"start", "end", "label", "text", "canonical"}, ...]}   # optional

Offsets follow :mod:`builder.model`: Python ``str`` indices into the page's raw text,
half-open spans. The rules a person follows to make these labels are in
``cards/annotation-guidelines.md``; the checks here make sure a record obeys the
mechanical part of them, so a slip of the hand is caught before it skews a score.

Every check returns problems as single lines that name the file, rather than raising,
so one run lists everything wrong with a gold folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builder.model import ENTITY_LABELS, ZONE_LABELS, Entity, Repair, Zone
from builder.read import PageError, find_page_files, read_page

#: Version of ``cards/annotation-guidelines.md`` the bundled gold follows.
GUIDELINES_VERSION = "1.1"

#: Version of the gold-file layout described in this module's docstring.
GOLD_FORMAT_VERSION = 1

#: Punctuation that ends a sentence: a capital letter glued after it is a repair.
SENTENCE_END = ".!?…"

#: How much text a problem line quotes.
QUOTE_WIDTH = 40


class GoldError(ValueError):
    """A gold file that cannot be loaded; the message is one line naming the file."""


def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Gold records of a folder, by page id (the file stem); a broken file raises :class:`GoldError`."""
    records: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        record = _read_record(path)
        if isinstance(record, str):
            raise GoldError(record)
        records[path.stem] = record
    return records


def gold_zones(record: dict[str, Any]) -> list[Zone]:
    return [Zone(int(z["start"]), int(z["end"]), str(z["label"])) for z in record.get("zones", [])]


def gold_repairs(record: dict[str, Any]) -> list[Repair]:
    return [Repair(int(r["offset"])) for r in record.get("repairs", [])]


def gold_entities(record: dict[str, Any]) -> list[Entity]:
    """Entities of a record; an empty list when the page has no entity annotation yet."""
    return [
        Entity(int(e["start"]), int(e["end"]), str(e["label"]), str(e.get("text", "")), str(e.get("canonical", "")))
        for e in record.get("entities", [])
    ]


def is_repair_pair(before: str, after: str) -> bool:
    """Whether a space may be inserted between these two characters (the repair rule).

    >>> is_repair_pair("e", "m"), is_repair_pair(".", "O"), is_repair_pair(",", "s"), is_repair_pair("e", " ")
    (True, True, False, False)
    """
    return (before.isalnum() and after.isalnum()) or (before in SENTENCE_END and after.isupper())


def validate_gold_record(record: Any, raw: str, name: str) -> list[str]:
    """Every problem of one gold record against its page's raw text, one line each, prefixed by ``name``."""
    if not isinstance(record, dict):
        return [f"{name}: a gold file must hold one JSON object, not {type(record).__name__}"]
    problems = _check_header(record, Path(name).stem)
    zones_data = record.get("zones")
    repairs_data = record.get("repairs")
    zones: list[Zone] = []
    if isinstance(zones_data, list):
        zone_problems, zones = _check_zones(zones_data, raw)
        problems += zone_problems
    if isinstance(repairs_data, list):
        problems += _check_repairs(repairs_data, raw, zones)
    if "entities" in record:
        entities_data = record["entities"]
        if isinstance(entities_data, list):
            problems += _check_entities(entities_data, raw)
        else:
            problems.append("'entities' must be a list")
    return [f"{name}: {problem}" for problem in problems]


def validate_gold_dir(gold_dir: str | Path, pages_dir: str | Path) -> list[str]:
    """Every problem of a gold folder: each file against its page, and pages and gold files without a partner."""
    gold_dir, pages_dir = Path(gold_dir), Path(pages_dir)
    page_paths = {p.stem: p for p in find_page_files([pages_dir])}
    gold_paths = {p.stem: p for p in sorted(gold_dir.glob("*.json"))}
    problems: list[str] = []
    for stem, path in sorted(gold_paths.items()):
        if stem not in page_paths:
            problems.append(f"{path.name}: no page {stem}.txt in {pages_dir}")
            continue
        record = _read_record(path)
        if isinstance(record, str):
            problems.append(record)
            continue
        try:
            raw = read_page(page_paths[stem]).raw
        except (PageError, OSError) as err:
            problems.append(f"{path.name}: its page cannot be read ({err})")
            continue
        problems += validate_gold_record(record, raw, path.name)
    for stem, path in sorted(page_paths.items()):
        if stem not in gold_paths:
            problems.append(f"{path.name}: no gold file {stem}.json in {gold_dir}")
    return problems


# --- the checks -------------------------------------------------------------------------


def _read_record(path: Path) -> dict[str, Any] | str:
    """The JSON object of a gold file, or the one-line problem that stops it being read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return f"{path.name}: not UTF-8 text (invalid byte at offset {err.start})"
    except OSError as err:
        return f"{path.name}: cannot read ({err.strerror or err})"
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        return f"{path.name}: broken JSON at line {err.lineno} column {err.colno}: {err.msg}"
    if not isinstance(record, dict):
        return f"{path.name}: a gold file must hold one JSON object, not {type(record).__name__}"
    return record


def _check_header(record: dict[str, Any], stem: str) -> list[str]:
    problems = []
    if record.get("id") != stem:
        problems.append(f"id {record.get('id')!r} does not match the file name {stem!r}")
    for key in ("annotator", "guidelines_version"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            problems.append(f"{key!r} must be a non-empty string")
    for key in ("zones", "repairs"):
        if not isinstance(record.get(key), list):
            problems.append(f"{key!r} must be a list")
    return problems


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _quote(text: str) -> str:
    """A short, one-line quotation of some raw text."""
    short = text if len(text) <= QUOTE_WIDTH else text[: QUOTE_WIDTH - 1] + "…"
    return repr(short)


def _line_number(raw: str, offset: int) -> int:
    return raw.count("\n", 0, offset) + 1


def _check_span(item: Any, raw: str, what: str, labels: tuple[str, ...]) -> tuple[list[str], bool]:
    """Checks shared by zones and entities; the flag says whether the span is usable for later checks."""
    if not isinstance(item, dict):
        return [f"{what}: must be an object with start, end, label, text"], False
    start, end, label = item.get("start"), item.get("end"), item.get("label")
    if not (_is_int(start) and _is_int(end)):
        return [f"{what}: start and end must be integers, got {start!r} and {end!r}"], False
    where = f"{what} [{start}:{end}] {label!r}"
    if not 0 <= start < end <= len(raw):
        return [f"{where}: span out of range (need 0 <= start < end <= {len(raw)})"], False
    problems = []
    if label not in labels:
        problems.append(f"{where}: unknown label (known: {', '.join(labels)})")
    if item.get("text") != raw[start:end]:
        problems.append(f"{where}: text {_quote(str(item.get('text')))} does not match raw {_quote(raw[start:end])}")
    if raw[start].isspace() or raw[end - 1].isspace():
        problems.append(f"{where}: leading or trailing white space in {_quote(raw[start:end])}")
    return problems, True


def _check_zones(items: list[Any], raw: str) -> tuple[list[str], list[Zone]]:
    """Zone problems, and the zones whose spans are usable (for the repair checks)."""
    problems: list[str] = []
    zones: list[Zone] = []
    for i, item in enumerate(items):
        span_problems, usable = _check_span(item, raw, f"zone {i}", ZONE_LABELS)
        problems += span_problems
        if not usable:
            continue
        zone = Zone(item["start"], item["end"], str(item["label"]))
        if "\n" in raw[zone.start : zone.end]:
            problems.append(f"zone {i} [{zone.start}:{zone.end}]: crosses a line break (one zone per line)")
        if zones and zone.start < zones[-1].end:
            kind = "overlaps" if zone.start >= zones[-1].start else "is not sorted after"
            problems.append(
                f"zone {i} [{zone.start}:{zone.end}] {kind} the zone before it [{zones[-1].start}:{zones[-1].end}]"
            )
        zones.append(zone)
    gap = _first_uncovered(raw, zones)
    if gap is not None:
        problems.append(
            f"character {raw[gap]!r} at offset {gap} (line {_line_number(raw, gap)}) is in no zone: "
            f"{_quote(raw[gap:].split(chr(10), 1)[0])}"
        )
    return problems, zones


def _first_uncovered(raw: str, zones: list[Zone]) -> int | None:
    """Offset of the first non-white-space character no zone covers (the partition property)."""
    covered = bytearray(len(raw))
    for zone in zones:
        covered[zone.start : zone.end] = b"\x01" * (zone.end - zone.start)
    for offset, char in enumerate(raw):
        if not covered[offset] and not char.isspace():
            return offset
    return None


def _zone_at(zones: list[Zone], offset: int) -> Zone | None:
    for zone in zones:
        if zone.start <= offset < zone.end:
            return zone
    return None


def _check_repairs(items: list[Any], raw: str, zones: list[Zone]) -> list[str]:
    problems: list[str] = []
    previous: int | None = None
    for i, item in enumerate(items):
        offset = item.get("offset") if isinstance(item, dict) else None
        if not _is_int(offset):
            problems.append(f"repair {i}: must be an object with an integer offset, got {item!r}")
            continue
        where = f"repair {i} at {offset}"
        if not 0 < offset < len(raw):
            problems.append(f"{where}: offset out of range (need 0 < offset < {len(raw)})")
            continue
        before, after = raw[offset - 1], raw[offset]
        line = _line_number(raw, offset)
        if not is_repair_pair(before, after):
            problems.append(
                f"{where} (line {line}): {before!r} + {after!r} is not a glued boundary "
                "(need two letters/digits, or . ! ? … before a capital)"
            )
        elif zones and _zone_at(zones, offset - 1) != _zone_at(zones, offset):
            problems.append(f"{where} (line {line}): the two characters lie in different zones")
        context = item.get("context")
        if not isinstance(context, str) or not _context_matches(raw, offset, context):
            problems.append(f"{where} (line {line}): context {context!r} does not surround the offset")
        if previous is not None and offset <= previous:
            problems.append(f"{where}: repairs must be sorted and unique (previous offset {previous})")
        previous = offset
    return problems


def _context_matches(raw: str, offset: int, context: str) -> bool:
    """Whether ``context`` occurs in raw with the offset strictly inside it."""
    return any(raw[offset - k : offset - k + len(context)] == context for k in range(1, len(context)))


def _check_entities(items: list[Any], raw: str) -> list[str]:
    """Flat entities: spans in range, known labels, text as in raw, no two overlapping."""
    problems: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for i, item in enumerate(items):
        span_problems, usable = _check_span(item, raw, f"entity {i}", ENTITY_LABELS)
        problems += span_problems
        if usable:
            spans.append((item["start"], item["end"], i))
    spans.sort()
    reach: tuple[int, int, int] | None = None  # the span seen so far that ends last
    for start, end, i in spans:
        if reach is not None and start < reach[1]:
            problems.append(f"entity {i} [{start}:{end}] overlaps entity {reach[2]} [{reach[0]}:{reach[1]}]")
        if reach is None or end > reach[1]:
            reach = (start, end, i)
    return problems


def load_gold_corpus(
    gold: str | Path | None = None, pages_dir: str | Path | None = None
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Gold records and raw texts, from a folder of gold files or from a built dataset folder.

    A dataset folder (it has ``data/``) gives the rows whose ``label_source`` is ``gold``;
    a gold-file folder is read with its raw pages (default: the bundled corpus).
    """
    from builder.read import bundled_gold_dir, bundled_pages_dir

    gold_path = Path(gold) if gold is not None else bundled_gold_dir()
    if (gold_path / "data").is_dir():
        return _gold_from_dataset(gold_path)
    records = load_gold(gold_path)
    pages = Path(pages_dir) if pages_dir is not None else bundled_pages_dir()
    raws = {page_id: read_page(pages / f"{page_id}.txt").raw for page_id in records}
    return records, raws


def _gold_from_dataset(folder: Path) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Rebuild page-level gold records from a dataset's ``segmentation``/``repair``/``entities`` rows."""
    import pyarrow.dataset as ds

    def table(config: str):
        path = folder / "data" / config
        if not path.is_dir():
            return None
        return ds.dataset(str(path), format="parquet").to_table(filter=ds.field("label_source") == "gold")

    segmentation = table("segmentation")
    if segmentation is None:
        raise ValueError(f"{folder}: no data/segmentation folder; not a vna-corpus dataset")
    records: dict[str, dict[str, Any]] = {}
    raws: dict[str, str] = {}
    for row in segmentation.to_pylist():
        raws[row["id"]] = row["raw"]
        zones = [{"start": z["start"], "end": z["end"], "label": ZONE_LABELS[z["label"]]} for z in row["zones"]]
        records[row["id"]] = {"id": row["id"], "zones": zones, "repairs": [], "entities": []}
    repair = table("repair")
    for row in repair.to_pylist() if repair is not None else []:
        if row["page_id"] in records:
            records[row["page_id"]]["repairs"] += [{"offset": row["start"] + o} for o in row["repair_offsets"]]
    entities = table("entities")
    for row in entities.to_pylist() if entities is not None else []:
        page_id = row.get("page_id")
        if page_id in records:
            records[page_id]["entities"] += [
                {"start": e["start"], "end": e["end"], "label": ENTITY_LABELS[e["label"]]} for e in row["entities"]
            ]
    for record in records.values():
        record["repairs"].sort(key=lambda r: r["offset"])
    return records, raws
