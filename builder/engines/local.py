"""The default engine: this machine's cores, results in input order, a bounded number of pages in flight.

``multiprocessing.Pool.imap`` would read the whole input ahead into its task queue; this
engine submits batches through a window instead, so memory stays bounded however large
the crawl, and yields results in input order, so any worker count gives the same output.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Items sent to a worker at once: amortises the cost of pickling and of a round trip.
BATCH_SIZE = 8
#: Batches in flight per worker.
BATCHES_PER_WORKER = 4


def _run_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [fn(item) for item in batch]


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class LocalEngine:
    """``map`` over local processes (``workers`` > 1) or in this process (``workers`` = 1)."""

    name = "local"

    def __init__(self, workers: int | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.batch_size = batch_size

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn`` over ``items`` in input order; ``fn`` must be a module-level function (it is pickled)."""
        if self.workers == 1:
            yield from map(fn, items)
            return
        window = self.workers * BATCHES_PER_WORKER
        # spawn: a fresh interpreter per worker, safe whatever threads this process runs (pyarrow, tqdm).
        with multiprocessing.get_context("spawn").Pool(self.workers) as pool:
            pending: deque = deque()
            for batch in _batches(items, self.batch_size):
                pending.append(pool.apply_async(_run_batch, (fn, batch)))
                if len(pending) >= window:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
