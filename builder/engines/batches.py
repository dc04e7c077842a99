"""What every engine shares: batches in a bounded window, results in input order, failures narrowed to one item.

An engine only says how to run one batch somewhere (a :class:`BatchRunner`); this module
decides what is in flight and what to do when a batch fails. A failed batch (the function
raised, or its worker died and the engine's retries ran out) is split in halves, each run
again, down to the one item that fails; that item becomes ``on_error(item, error)``, so
one bad page costs one page, not the build, and the others keep their place in the output.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Items sent to a worker at once: amortises the cost of pickling and of a round trip.
BATCH_SIZE = 8
#: Batches in flight per worker.
BATCHES_PER_WORKER = 4
#: Times a batch whose worker died is run again before it is split.
RETRIES = 2
#: Items failing in a row (no success between them) that mean the engine, not the pages, is broken.
MAX_FAILURES_IN_A_ROW = 32

OnError = Callable[[Any, BaseException], Any]


class WorkerLost(RuntimeError):
    """The process running a batch died (killed, out of memory, a crash in native code)."""

    def __init__(self, message: str = "the worker process died while running this page") -> None:
        super().__init__(message)


class BatchFailed(Exception):
    """A batch that gave no results; ``cause`` is the function's exception or a :class:`WorkerLost`."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.cause = cause


class EngineFailed(RuntimeError):
    """So many items failed in a row that the engine itself is broken (workers that cannot start, a lost
    cluster): the build stops instead of rejecting every page."""


class FailureStreak:
    """Counts items failing in a row; past ``limit``, raises :class:`EngineFailed`."""

    def __init__(self, on_error: OnError | None, limit: int = MAX_FAILURES_IN_A_ROW) -> None:
        self.on_error = on_error
        self.limit = limit
        self.count = 0

    def succeeded(self) -> None:
        self.count = 0

    def failed(self, item: Any, error: BaseException) -> Any:
        if self.on_error is None:
            raise error
        self.count += 1
        if self.count >= self.limit:
            raise EngineFailed(f"{self.count} pages in a row failed in the engine, the last with "
                               f"{type(error).__name__}: {error}") from error
        return self.on_error(item, error)


class BatchRunner(Protocol):
    """Runs batches somewhere: ``submit`` starts one, ``result`` waits for it (raising :class:`BatchFailed`).

    ``retries`` is how many times a batch whose worker died is run again before it fails
    (0 when a failed batch is being narrowed down: it is split instead).
    """

    def submit(self, batch: list[Any], retries: int) -> Any: ...

    def result(self, handle: Any) -> list[Any]: ...


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    """What a worker runs: ``fn`` over one batch."""
    return [fn(item) for item in batch]


def ordered_map(runner: BatchRunner, items: Iterable[Any], *, batch_size: int, window: int,
                on_error: OnError | None = None, retries: int = RETRIES,
                max_failures_in_a_row: int = MAX_FAILURES_IN_A_ROW) -> Iterator[Any]:
    """Results of every item, in input order, with at most ``window`` batches in flight.

    Without ``on_error``, an item that fails raises its error (after narrowing); with it,
    ``max_failures_in_a_row`` failing items in a row raise :class:`EngineFailed`.
    """
    streak = FailureStreak(on_error, max_failures_in_a_row)
    pending: deque[tuple[list[Any], Any]] = deque()
    for batch in batches(items, batch_size):
        pending.append((batch, runner.submit(batch, retries)))
        if len(pending) >= window:
            yield from _settle(runner, *pending.popleft(), streak)
    while pending:
        yield from _settle(runner, *pending.popleft(), streak)


def _settle(runner: BatchRunner, batch: list[Any], handle: Any, streak: FailureStreak) -> list[Any]:
    try:
        results = runner.result(handle)
    except BatchFailed as failed:
        return _narrow(runner, batch, failed.cause, streak)
    streak.succeeded()
    return results


def _narrow(runner: BatchRunner, batch: list[Any], error: BaseException, streak: FailureStreak) -> list[Any]:
    """Results of a failed batch: run its halves again, down to the item that fails."""
    if len(batch) == 1:
        return [streak.failed(batch[0], error)]
    middle = len(batch) // 2
    results: list[Any] = []
    for half in (batch[:middle], batch[middle:]):
        try:
            results.extend(runner.result(runner.submit(half, 0)))
            streak.succeeded()
        except BatchFailed as failed:
            results.extend(_narrow(runner, half, failed.cause, streak))
    return results


class InProcessRunner:
    """Runs each batch at once in this process (one worker: no processes to start, nothing to pickle)."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def submit(self, batch: list[Any], retries: int) -> list[Any] | BatchFailed:
        try:
            return run_batch(self.fn, batch)
        except Exception as err:
            return BatchFailed(err)

    def result(self, handle: list[Any] | BatchFailed) -> list[Any]:
        if isinstance(handle, BatchFailed):
            raise handle
        return handle
