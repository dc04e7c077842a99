"""The default engine: this machine's cores, results in input order, a bounded number of pages in flight.

``multiprocessing.Pool.imap`` would read the whole input ahead into its task queue, and a
``Pool`` whose worker is killed waits for that worker's task for ever; this engine submits
batches through a window (:func:`~builder.engines.batches.ordered_map`) to a
``ProcessPoolExecutor``, which says when a worker died: the pool is started again, the
batch retried, and a batch that keeps killing its worker narrowed down to the page that does.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from builder.engines.batches import (
    BATCH_SIZE,
    BATCHES_PER_WORKER,
    BatchFailed,
    EngineFailed,
    InProcessRunner,
    OnError,
    WorkerLost,
    ordered_map,
    run_batch,
)

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class _Submitted:
    batch: list[Any]
    future: Future
    pool: ProcessPoolExecutor
    retries: int


class ProcessRunner:
    """Runs batches on a pool of spawned processes, and starts a new pool when a worker dies."""

    def __init__(self, fn: Callable[[Any], Any], workers: int) -> None:
        self.fn = fn
        self.workers = workers
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn: a fresh interpreter per worker, safe whatever threads this process runs (pyarrow, tqdm).
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

    def _restart(self) -> None:
        _discard(self.pool)
        self.pool = self._new_pool()

    def submit(self, batch: list[Any], retries: int) -> _Submitted:
        try:
            future = self.pool.submit(run_batch, self.fn, batch)
        except BrokenProcessPool:  # a worker died since the last result was taken
            self._restart()
            future = self.pool.submit(run_batch, self.fn, batch)
        return _Submitted(batch, future, self.pool, retries)

    def result(self, handle: _Submitted) -> list[Any]:
        while True:
            try:
                return handle.future.result()
            except BrokenProcessPool:
                # Every batch in flight on a broken pool fails with it: each is run again, alone, on a new
                # pool, so the one that killed its worker is the one that fails again.
                if handle.pool is self.pool:
                    self._restart()
                if handle.retries <= 0:
                    raise BatchFailed(WorkerLost()) from None
                handle = self.submit(handle.batch, handle.retries - 1)
            except Exception as err:
                raise BatchFailed(err) from None

    def probe(self) -> None:
        """Run an empty batch: workers that cannot start or load the function fail the build here, in one line."""
        try:
            self.pool.submit(run_batch, self.fn, []).result()
        except Exception as err:
            raise EngineFailed(f"local worker processes cannot run the page function ({type(err).__name__}: "
                               f"{err}); a script read from stdin cannot start spawned workers: use --workers 1 "
                               "or run it from a file") from None

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _discard(pool: ProcessPoolExecutor) -> None:
    """Shut a broken pool down and kill its surviving workers.

    A worker that outlived its killed sibling can stay blocked on the pool's call queue, and the
    pool's manager thread joins it, so the interpreter would hang at exit; the workers are only
    reachable through the pool's private ``_processes``.
    """
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.kill()


class LocalEngine:
    """``map`` over local processes (``workers`` > 1) or in this process (``workers`` = 1)."""

    name = "local"

    def __init__(self, workers: int | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.batch_size = batch_size

    def map(self, fn: Callable[[T], R], items: Iterable[T], on_error: OnError | None = None, *,
            batch_size: int | None = None, per_worker: int = BATCHES_PER_WORKER) -> Iterator[R]:
        """``fn`` over ``items`` in input order; ``fn`` must be picklable (a module-level function).

        ``batch_size`` items go to a worker at once (default: the engine's), ``per_worker`` batches a worker
        are in flight.
        """
        if self.workers == 1:
            yield from ordered_map(InProcessRunner(fn), items, batch_size=1, window=1, on_error=on_error)
            return
        runner = ProcessRunner(fn, self.workers)
        try:
            runner.probe()
            yield from ordered_map(runner, items, batch_size=batch_size or self.batch_size,
                                   window=self.workers * per_worker, on_error=on_error)
        finally:
            runner.close()
