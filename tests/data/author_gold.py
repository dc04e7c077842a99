"""Turn the labelled drafts in ``tests/data/drafts/`` into written test pages and their hand-made gold.

Run from the repository root: ``python tests/data/author_gold.py`` (``--check`` only compares).
Each draft ``<stem>.draft`` gives ``tests/data/pages/<stem>.txt`` and ``tests/data/gold/<stem>.json``.
The drafts are the annotation, written by reading each line (cards/annotation-guidelines.md, v1.1);
this script only computes offsets, so nobody types one by hand and no parser is involved.

Draft format, one draft line per page line:

- ``LABELS⟫TEXT`` (a tab also works in place of ``⟫``): ``LABELS`` is one zone label, or several joined
  by ``+`` when a dateline or a signature shares the line with body text; ``TEXT`` is the line, cut into
  as many segments as there are labels by ``¦``. White space at the ends of a segment stays outside its zone.
- ``-⟫TEXT``: a line of white space only (no zone). An empty draft line is an empty page line.
- ``|`` inside ``TEXT`` marks a space the scraper lost (a repair); it is not in the page.
- ``{{LABEL:text}}`` marks an entity (PER, ORG, LOC, MISC, DATE); only ``text`` is in the page.
- ``<nbsp>`` stands for a non-breaking space.
- A line starting with ``#`` is a comment; ``#no-final-newline`` makes the page end without a line break
  (a page cut by a size limit); ``#annotator NAME`` sets the annotator (default ``annotator-3``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRAFTS, PAGES, GOLD = HERE / "drafts", HERE / "pages", HERE / "gold"
GUIDELINES_VERSION = "1.1"
ENTITY = re.compile(r"\{\{(PER|ORG|LOC|MISC|DATE):(.*?)\}\}")
SEPARATORS = ("⟫", "\t")


class DraftError(ValueError):
    """A draft line that cannot be turned into a page line; the message names the file and line."""


def _strip_span(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end


def parse_line(text: str, where: str) -> tuple[str, list[tuple[int, int]], list[int], list[tuple[int, int, str]]]:
    """The raw line of a draft line, its segment spans, repair offsets and entity spans (line-relative)."""
    text = text.replace("<nbsp>", "\xa0")
    raw: list[str] = []
    cuts: list[int] = []
    repairs: list[int] = []
    entities: list[tuple[int, int, str]] = []
    open_entity: tuple[int, str] | None = None
    i = 0
    while i < len(text):
        match = ENTITY.match(text, i) if text.startswith("{{", i) else None
        if match:
            if open_entity is not None:
                raise DraftError(f"{where}: nested entity")
            open_entity = (len(raw), match.group(1))
            i += 3 + len(match.group(1))
            continue
        if text.startswith("}}", i):
            if open_entity is None:
                raise DraftError(f"{where}: '}}}}' without an entity")
            entities.append((open_entity[0], len(raw), open_entity[1]))
            open_entity = None
            i += 2
            continue
        char = text[i]
        if char == "|":
            repairs.append(len(raw))
        elif char == "¦":
            cuts.append(len(raw))
        else:
            raw.append(char)
        i += 1
    if open_entity is not None:
        raise DraftError(f"{where}: unclosed entity")
    line = "".join(raw)
    bounds = [0, *cuts, len(line)]
    segments = [_strip_span(line, a, b) for a, b in zip(bounds, bounds[1:])]
    for start, end, label in entities:
        if (start, end) != _strip_span(line, start, end) or start == end:
            raise DraftError(f"{where}: entity {label} {line[start:end]!r} is empty or has white space at an end")
    return line, segments, repairs, entities


def context_at(raw: str, offset: int) -> str:
    """The run of non-space characters around a repair offset."""
    start, end = offset, offset
    while start > 0 and not raw[start - 1].isspace():
        start -= 1
    while end < len(raw) and not raw[end].isspace():
        end += 1
    return raw[start:end]


def author(draft: Path) -> tuple[str, dict]:
    """The page text and the gold record a draft describes."""
    lines_out: list[str] = []
    zones: list[dict] = []
    repairs: list[dict] = []
    entities: list[dict] = []
    final_newline = True
    annotator = "annotator-3"
    offset = 0
    for number, text in enumerate(draft.read_text(encoding="utf-8").split("\n"), start=1):
        where = f"{draft.name}:{number}"
        if text.startswith("#"):
            if text.strip() == "#no-final-newline":
                final_newline = False
            elif text.startswith("#annotator "):
                annotator = text.split(None, 1)[1].strip()
            continue
        if text == "":
            line, labels, segments, line_repairs, line_entities = "", [], [], [], []
        else:
            cut = min((text.find(sep) for sep in SEPARATORS if sep in text), default=-1)
            if cut < 0:
                raise DraftError(f"{where}: need LABELS⟫TEXT, got {text[:40]!r}")
            head, body = text[:cut], text[cut + 1 :]
            line, segments, line_repairs, line_entities = parse_line(body, where)
            if head == "-":
                if line.strip():
                    raise DraftError(f"{where}: '-' is for lines of white space only")
                labels, segments = [], []
            else:
                labels = head.split("+")
                if len(labels) != len(segments):
                    raise DraftError(f"{where}: {len(labels)} labels for {len(segments)} segments")
                if any(start == end for start, end in segments):
                    raise DraftError(f"{where}: an empty segment")
        for label, (start, end) in zip(labels, segments):
            zones.append({"start": offset + start, "end": offset + end, "label": label, "text": line[start:end]})
        repairs += [{"offset": offset + r} for r in line_repairs]
        entities += [{"start": offset + s, "end": offset + e, "label": lab, "text": line[s:e]}
                     for s, e, lab in line_entities]
        lines_out.append(line)
        offset += len(line) + 1
    while lines_out and lines_out[-1] == "":  # the trailing newline of the draft file itself
        lines_out.pop()
    raw = "\n".join(lines_out) + ("\n" if final_newline else "")
    for repair in repairs:
        repair["context"] = context_at(raw, repair["offset"])
    record: dict = {"id": draft.stem, "annotator": annotator, "guidelines_version": GUIDELINES_VERSION,
                    "zones": zones, "repairs": repairs}
    if entities:
        record["entities"] = entities
        record["entity_annotator"] = annotator
    return raw, record


def main(argv: list[str]) -> int:
    check = "--check" in argv
    PAGES.mkdir(exist_ok=True)
    GOLD.mkdir(exist_ok=True)
    stale = []
    for draft in sorted(DRAFTS.glob("*.draft")):
        raw, record = author(draft)
        page_text = raw
        gold_text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
        page_path, gold_path = PAGES / f"{draft.stem}.txt", GOLD / f"{draft.stem}.json"
        if check:
            if not page_path.exists() or page_path.read_text(encoding="utf-8") != page_text:
                stale.append(page_path.name)
            if not gold_path.exists() or gold_path.read_text(encoding="utf-8") != gold_text:
                stale.append(gold_path.name)
            continue
        page_path.write_text(page_text, encoding="utf-8")
        gold_path.write_text(gold_text, encoding="utf-8")
    if stale:
        print("stale (rerun tests/data/author_gold.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
