"""Engines run the per-page work of a build; any engine gives the same output, in input order.

An engine has ``name`` and ``map(fn, items, on_error=None, *, batch_size=None, per_worker=...)
-> Iterator`` (results in input order, ``batch_size`` items a batch, ``per_worker`` batches in flight a
worker, ``fn`` a picklable module-level function; an item whose ``fn`` raises, or whose
worker keeps dying, becomes ``on_error(item, error)``). ``local`` is the default; ``ray``
imports Ray inside its module, so the dependency stays optional. What is in flight and
how failures are narrowed down is shared (:mod:`builder.engines.batches`), so engines
differ only in where a batch runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from builder.engines.batches import EngineFailed, OnError, WorkerLost
from builder.engines.local import LocalEngine
from builder.engines.ray import EngineUnavailable, RayEngine


class Engine(Protocol):
    name: str

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], on_error: OnError | None = None, *,
            batch_size: int | None = None, per_worker: int = ...) -> Iterator[Any]: ...


ENGINES: dict[str, Callable[..., Engine]] = {"local": LocalEngine, "ray": RayEngine}


def make_engine(name: str = "local", workers: int | None = None, **options: Any) -> Engine:
    """The engine called ``name`` with ``workers`` workers (None: all cores) and its own ``options``.

    Raises :class:`EngineUnavailable` (saying what to install) when its dependency is missing.
    """
    try:
        factory = ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})") from None
    return factory(workers=workers, **options)


__all__ = ["ENGINES", "Engine", "EngineFailed", "EngineUnavailable", "LocalEngine", "RayEngine", "WorkerLost",
           "make_engine"]
