"""Corpora for the release tests: copies of the bundled corpus with one known change each."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from builder.release import DEFAULT_CORPUS_DIR

#: The pages the changes touch (bundled ids).
LABELLED = "001_3fb93719fb058c44"  # loses one gold repair
REMOVED = "004_016615b14be8e2ef"
EDITED = "003_ea3d89f4fc626edf"  # one body word changed
ADDED = "005_added"  # page 000 under another title
SOURCE_OF_ADDED = "000_5b3fb5f38518c9b8"
#: The gold repair that goes (index into the record's repairs).
DROPPED_REPAIR = 3


def copy_corpus(target: Path) -> Path:
    shutil.copytree(DEFAULT_CORPUS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def drop_gold_repair(corpus: Path, page_id: str = LABELLED, index: int = DROPPED_REPAIR) -> int:
    """Remove one repair from a gold record (still a valid record); returns its offset."""
    path = corpus / "gold" / f"{page_id}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    offset = record["repairs"].pop(index)["offset"]
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return offset


def add_page(corpus: Path) -> None:
    """A new page: page 000 with another title (so another content hash; no gold, so silver labels)."""
    text = (corpus / "pages" / f"{SOURCE_OF_ADDED}.txt").read_text(encoding="utf-8")
    title, rest = text.split("\n", 1)
    (corpus / "pages" / f"{ADDED}.txt").write_text("Nouvelle étape de la coopération bilatérale\n" + rest,
                                                   encoding="utf-8")


def remove_page(corpus: Path, page_id: str = REMOVED) -> None:
    (corpus / "pages" / f"{page_id}.txt").unlink()
    for folder in ("gold", "gold_entities"):
        (corpus / folder / f"{page_id}.json").unlink(missing_ok=True)


def edit_page(corpus: Path, page_id: str = EDITED) -> None:
    """Change one word of the body (the title, hence the split, stays)."""
    path = corpus / "pages" / f"{page_id}.txt"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    body = max(range(len(lines)), key=lambda i: len(lines[i]))  # the longest line is a body paragraph
    words = lines[body].split(" ")
    words[len(words) // 2] = "modifié"
    lines[body] = " ".join(words)
    path.write_text("\n".join(lines), encoding="utf-8")
