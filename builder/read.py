"""Reading pages: the only place that turns files into :class:`~builder.model.Page`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from builder.model import Page


class PageError(ValueError):
    """A page that cannot be read; the message is one line naming the file and the problem."""


def decode_raw(data: bytes, name: str = "<bytes>") -> str:
    """Bytes to raw text: UTF-8, a leading BOM dropped, CRLF/CR turned into LF, nothing else."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise PageError(f"{name}: not UTF-8 text (invalid byte at offset {err.start})") from None
    if "\x00" in text:
        raise PageError(f"{name}: binary content (NUL byte at offset {text.index(chr(0))})")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_page(path: str | Path) -> Page:
    """One ``.txt`` page; its id is the file stem."""
    path = Path(path)
    return Page(id=path.stem, raw=decode_raw(path.read_bytes(), str(path)), source_file=str(path))


def find_page_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and ``.txt`` files found recursively in folders, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*.txt") if q.is_file()))
        else:
            found.append(p)
    return found


def iter_pages(paths: Iterable[str | Path]) -> Iterator[Page | PageError]:
    """Pages from files and folders; an unreadable page is yielded as its :class:`PageError`."""
    for path in find_page_files(paths):
        try:
            yield read_page(path)
        except PageError as err:
            yield err
        except OSError as err:
            yield PageError(f"{path}: cannot read ({err.strerror or err})")


def bundled_pages_dir() -> Path:
    """The sample corpus shipped inside the package."""
    return Path(__file__).parent / "corpus" / "pages"


def bundled_gold_dir() -> Path:
    return Path(__file__).parent / "corpus" / "gold"
