"""Peer packages are optional: imported only when a baseline runs, with one install line when absent."""

from __future__ import annotations

import importlib
import importlib.metadata
from types import ModuleType

#: What to run when a peer package is missing.
INSTALL_HINT = "pip install 'vna-corpus[baselines]'"


class MissingPeer(ImportError):
    """A peer package (or model) that is not installed; the message says how to install it."""


def import_peer(module: str, hint: str = INSTALL_HINT) -> ModuleType:
    """``importlib.import_module``, turning ImportError into :class:`MissingPeer` with an install line."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingPeer(f"the baseline needs {module!r}, which is not installed: {hint}") from err


def distribution_version(name: str) -> str:
    """The installed version of a distribution, or ``"not installed"``."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"
