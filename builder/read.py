"""Reading pages: the only place that turns files into :class:`~builder.model.Page`.

Inputs are ``.txt`` pages (one page per file, its id the file stem), the same gzipped
(``.txt.gz``), or JSON Lines files (``.jsonl``, ``.jsonl.gz``) of ``{"id", "text", "url"}``
objects, ``url`` optional. Folders are searched recursively, in sorted order, so the same
inputs always give the same page order. An input is a local path or an fsspec URL
(``file://``, ``memory://``, ``s3://`` with ``s3fs`` installed, ``gs://`` with ``gcsfs``);
both go through fsspec, so a crawl reads the same from disk as from a bucket.

An input that cannot become a page is yielded as a :class:`PageError` carrying a short
reason code (one of :data:`READ_REASONS`), so a build can count and report it instead of
stopping.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from fsspec import AbstractFileSystem
from fsspec.core import url_to_fs

from builder.model import Page

#: A news page is a few kilobytes; anything past this (decompressed) is not one page.
DEFAULT_MAX_PAGE_BYTES = 1_000_000

#: File name endings read as pages when a folder is searched.
PAGE_SUFFIXES = (".txt", ".txt.gz", ".jsonl", ".jsonl.gz")

#: Reject reasons found while reading, with what each means.
NOT_UTF8 = "not-utf8"
BINARY = "binary"
TOO_LARGE = "too-large"
UNREADABLE = "unreadable"
BAD_RECORD = "bad-record"
READ_REASONS: dict[str, str] = {
    NOT_UTF8: "the bytes are not UTF-8 text",
    BINARY: "binary content (a NUL byte)",
    TOO_LARGE: "larger than the page size limit",
    UNREADABLE: "the file cannot be opened or decompressed",
    BAD_RECORD: "a JSON Lines record that is not valid JSON or lacks a string `id` or `text`",
}


#: What reading a file can raise that means "this file cannot be read" (not a bug of ours).
READ_ERRORS = (OSError, EOFError, zlib.error)


class PageError(ValueError):
    """A page that cannot be read; the message is one line naming the input and the problem."""

    def __init__(self, message: str, reason: str = UNREADABLE, source: str = "", id: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.source = source
        self.id = id


def normalise_raw(text: str, name: str = "<text>") -> str:
    """Text to raw text: a leading BOM dropped, CRLF/CR turned into LF; a NUL character means binary."""
    if "\x00" in text:
        raise PageError(f"{name}: binary content (NUL byte at offset {text.index(chr(0))})", BINARY, name)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" not in text:  # the usual case: nothing to copy
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_raw(data: bytes, name: str = "<bytes>") -> str:
    """Bytes to raw text: UTF-8, a leading BOM dropped, CRLF/CR turned into LF, nothing else."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise PageError(f"{name}: not UTF-8 text (invalid byte at offset {err.start})", NOT_UTF8, name) from None
    return normalise_raw(text, name)


def page_id_of(path: str | Path) -> str:
    """The id of a one-page file: its name without ``.txt`` / ``.txt.gz``."""
    name = PurePosixPath(str(path)).name
    for suffix in (".txt.gz", ".txt"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return PurePosixPath(name).stem


def is_url(location: str | Path) -> bool:
    """Whether an input is an fsspec URL (``memory://…``, ``s3://…``) rather than a local path."""
    return isinstance(location, str) and "://" in location


def open_location(location: str | Path) -> tuple[AbstractFileSystem, str]:
    """The fsspec filesystem holding a local path or URL, and the path on it.

    Raises :class:`LocationError` (one line naming the location) for an unknown protocol or a
    backend that is not installed (``s3://`` needs ``s3fs``, ``gs://`` ``gcsfs``).
    """
    try:
        return url_to_fs(str(location))
    except ImportError as err:
        raise LocationError(f"{location}: this protocol needs an fsspec backend, not installed ({err})") from None
    except ValueError as err:
        raise LocationError(f"{location}: not a location fsspec can open ({err})") from None


class LocationError(ValueError):
    """An input or output location that cannot be opened at all; the message names it."""


@contextmanager
def _open_binary(fs: AbstractFileSystem, path: str) -> Iterator[IO[bytes]]:
    with fs.open(path, "rb") as stream:
        if path.endswith(".gz"):
            with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
                yield unzipped
        else:
            yield stream


def _read_bounded(fs: AbstractFileSystem, path: str, max_bytes: int, name: str, size: int | None = None) -> bytes:
    """The (decompressed) bytes of a file, refusing more than ``max_bytes`` without reading them all."""
    if not path.endswith(".gz"):
        size = fs.size(path) if size is None else size
        if size is not None and size > max_bytes:
            raise PageError(f"{name}: {size} bytes, over the {max_bytes}-byte page limit", TOO_LARGE, name)
    with _open_binary(fs, path) as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PageError(f"{name}: over the {max_bytes}-byte page limit", TOO_LARGE, name)
    return data


def _cannot_read(name: str, err: BaseException) -> PageError:
    return PageError(f"{name}: cannot read ({getattr(err, 'strerror', None) or err})", UNREADABLE, name)


def read_page(path: str | Path, max_bytes: int = DEFAULT_MAX_PAGE_BYTES, name: str = "",
              fs: AbstractFileSystem | None = None, size: int | None = None) -> Page:
    """One ``.txt`` / ``.txt.gz`` page (a local path, or a path on ``fs``); its id is the file name without those."""
    name = name or str(path)
    if fs is None:
        fs, path = open_location(path)
    path = str(path)
    try:
        data = _read_bounded(fs, path, max_bytes, name, size)
    except READ_ERRORS as err:
        raise _cannot_read(name, err) from None
    return Page(id=page_id_of(path), raw=decode_raw(data, name), source_file=name)


def _jsonl_page(line: bytes, name: str, max_bytes: int) -> Page:
    """One JSON Lines record as a page (``name`` is ``file:line``)."""
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise PageError(f"{name}: not UTF-8 text (invalid byte at offset {err.start})", NOT_UTF8, name) from None
    except json.JSONDecodeError as err:
        raise PageError(f"{name}: not valid JSON ({err.msg})", BAD_RECORD, name) from None
    if not isinstance(record, dict):
        raise PageError(f"{name}: a record must be a JSON object", BAD_RECORD, name)
    page_id, text, url = record.get("id"), record.get("text"), record.get("url") or ""
    if isinstance(page_id, int) and not isinstance(page_id, bool):
        page_id = str(page_id)
    if not isinstance(page_id, str) or not page_id.strip():
        raise PageError(f"{name}: no string 'id'", BAD_RECORD, name)
    if not isinstance(text, str):
        raise PageError(f"{name}: no string 'text'", BAD_RECORD, name, page_id)
    if not isinstance(url, str):
        raise PageError(f"{name}: 'url' must be a string", BAD_RECORD, name, page_id)
    # A character is at most 4 bytes of UTF-8: only a text that could be over the limit is encoded to measure it.
    size = len(text.encode("utf-8", "surrogatepass")) if 4 * len(text) > max_bytes else 0
    if size > max_bytes:
        raise PageError(f"{name}: {size} bytes of text, over the {max_bytes}-byte page limit", TOO_LARGE, name, page_id)
    try:
        raw = normalise_raw(text, name)
    except PageError as err:
        err.id = page_id
        raise
    return Page(id=page_id, raw=raw, source_file=name, url=url)


def iter_jsonl_pages(path: str | Path, max_bytes: int = DEFAULT_MAX_PAGE_BYTES, name: str = "",
                     fs: AbstractFileSystem | None = None) -> Iterator[Page | PageError]:
    """Pages of a JSON Lines file, one per non-blank line, streamed; a bad line is yielded as its error."""
    name = name or str(path)
    if fs is None:
        fs, path = open_location(path)
    # JSON escapes can take six bytes per character: bound a line by that, then check the decoded text.
    line_limit = 6 * max_bytes + 1024
    try:
        with _open_binary(fs, str(path)) as stream:
            number = 0
            while True:
                line = stream.readline(line_limit)
                if not line:
                    return
                number += 1
                where = f"{name}:{number}"
                if len(line) >= line_limit and not line.endswith(b"\n"):
                    while (rest := stream.readline(line_limit)) and not rest.endswith(b"\n"):
                        pass
                    yield PageError(f"{where}: line over the page limit", TOO_LARGE, where)
                    continue
                if not line.strip():
                    continue
                try:
                    yield _jsonl_page(line, where, max_bytes)
                except PageError as err:
                    yield err
    except READ_ERRORS as err:
        yield _cannot_read(name, err)


def is_jsonl(path: str | Path) -> bool:
    return str(path).endswith((".jsonl", ".jsonl.gz"))


def find_page_files(paths: Iterable[str | Path]) -> list[Path]:
    """Local files named directly, and page files (:data:`PAGE_SUFFIXES`) found in folders, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.name.endswith(PAGE_SUFFIXES) and q.is_file()))
        else:
            found.append(p)
    return found


def _path_order(path: str) -> list[str]:
    """Sort key of a path: by its parts, as :class:`pathlib.PurePosixPath` sorts (``a/b`` before ``a-b``)."""
    return path.split("/")


def find_location_files(fs: AbstractFileSystem, root: str) -> list[tuple[str, str, int | None]]:
    """``(path, name, size)`` of the page files under ``root`` on ``fs`` (or of ``root``, a file), in a stable order.

    ``name`` is how the dataset names the file: relative to the folder holding ``root``, POSIX
    style, so it does not depend on where the crawl lies (a local folder and its copy in a bucket
    build byte-identical datasets).
    """
    root = root.rstrip("/") or root
    try:
        is_dir = fs.isdir(root)
    except READ_ERRORS:
        is_dir = False
    if not is_dir:
        return [(root, posixpath.basename(root), None)]
    parent = posixpath.dirname(root)
    found = fs.find(root, detail=True)
    paths = sorted((p for p, info in found.items() if p.endswith(PAGE_SUFFIXES) and info.get("type") != "directory"),
                   key=_path_order)
    return [(p, p[len(parent):].lstrip("/") if parent else p, found[p].get("size")) for p in paths]


def iter_pages(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> Iterator[Page | PageError]:
    """Pages from local files and folders, or fsspec URLs of them; an unreadable page is yielded as its error.

    Raises :class:`LocationError` for a location no installed filesystem can open.
    """
    for root in paths:
        fs, root_path = open_location(root)
        for path, name, size in find_location_files(fs, root_path):
            if is_jsonl(path):
                yield from iter_jsonl_pages(path, max_bytes, name, fs)
                continue
            try:
                yield read_page(path, max_bytes, name, fs, size)
            except PageError as err:
                yield err


def bundled_pages_dir() -> Path:
    """The sample corpus shipped inside the package."""
    return Path(__file__).parent / "corpus" / "pages"


def bundled_gold_dir() -> Path:
    return Path(__file__).parent / "corpus" / "gold"
