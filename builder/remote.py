"""An output folder given as an fsspec URL (``s3://bucket/ds``, ``memory://ds``): built locally, then copied there.

A build is written to a local temporary folder exactly as a local build is, so the bytes
are the same; :meth:`RemoteFolder.publish` then uploads it under a hidden name beside the
target and moves it into place, replacing an earlier build only once the new one is
uploaded. What that guarantees depends on the filesystem: where a move is a rename
(local disks, ``memory://``, HDFS) the folder appears whole or not at all; on object stores
(S3, GCS) a move is a copy of each object, so a failed build leaves the target as it was,
but a reader listing the target *while* it is being moved can see part of it.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from fsspec import AbstractFileSystem
from fsspec.implementations.local import LocalFileSystem

from builder.read import is_url, open_location


@dataclass(frozen=True)
class RemoteFolder:
    """A folder on an fsspec filesystem, the target of a build."""

    fs: AbstractFileSystem
    path: str
    url: str

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)

    def _sibling(self, kind: str) -> str:
        return posixpath.join(posixpath.dirname(self.path), f".{self.name}.{kind}-{os.getpid()}")

    def problem(self, force: bool, markers: tuple[str, ...]) -> str | None:
        """Why the build may not write here (a file; a non-empty folder that is not an earlier build), or None."""
        if self.fs.isfile(self.path):
            return f"{self.url} is a file, not a folder"
        if self.fs.isdir(self.path) and self.fs.ls(self.path) and not force and \
                not all(self.fs.exists(posixpath.join(self.path, m)) for m in markers):
            return f"{self.url} is not empty and is not an earlier build; choose another --out or pass --force"
        return None

    def publish(self, local: Path) -> None:
        """Upload the finished build ``local`` beside the target, then move it into place."""
        staging = self._sibling("building")
        try:
            self.fs.put(f"{local.as_posix()}/", staging, recursive=True)
        except BaseException:
            if self.fs.exists(staging):
                self.fs.rm(staging, recursive=True)
            raise
        replaced = None
        if self.fs.exists(self.path):
            replaced = self._sibling("replaced")
            self.fs.mv(self.path, replaced, recursive=True)
        try:
            self.fs.mv(staging, self.path, recursive=True)
        except BaseException:
            if replaced is not None:
                self.fs.mv(replaced, self.path, recursive=True)
            raise
        if replaced is not None:
            self.fs.rm(replaced, recursive=True)


def output_folder(out: str | Path) -> Path | RemoteFolder:
    """Where a build goes: a local folder (a path, or a ``file://`` URL) or a :class:`RemoteFolder`."""
    if not is_url(out):
        return Path(out)
    fs, path = open_location(out)
    path = path.rstrip("/")
    if isinstance(fs, LocalFileSystem):
        return Path(path)
    return RemoteFolder(fs, path, str(out).rstrip("/"))
