"""Engines run the per-page work of a build; any engine gives the same output, in input order.

An engine has ``name`` and ``map(fn, items) -> Iterator`` (results in input order, ``fn``
a picklable module-level function). ``local`` is the default; another (say ``ray``, its
import inside the module so the dependency stays optional) is one more entry in
:data:`ENGINES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from builder.engines.local import LocalEngine


class Engine(Protocol):
    name: str

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...


ENGINES: dict[str, Callable[..., Engine]] = {"local": LocalEngine}


def make_engine(name: str = "local", workers: int | None = None) -> Engine:
    """The engine called ``name`` with ``workers`` workers (None: all cores)."""
    try:
        factory = ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})") from None
    return factory(workers=workers)


__all__ = ["ENGINES", "Engine", "LocalEngine", "make_engine"]
