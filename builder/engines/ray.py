"""The Ray engine: the parse stage as Ray tasks over batches, on a local Ray instance or a cluster.

Ray is imported inside the methods, so this module loads without it. Each batch is one
task (1 CPU); at most ``BATCHES_PER_WORKER`` batches per CPU of the cluster are in flight,
and results are taken in submission order, so the output is the local engine's, byte for
byte. Ray runs a task again when its worker dies (``max_retries``); a batch that still
fails is narrowed down to the page that fails (:mod:`builder.engines.batches`).
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from builder.engines.batches import (
    BATCH_SIZE,
    BATCHES_PER_WORKER,
    RETRIES,
    BatchFailed,
    OnError,
    WorkerLost,
    ordered_map,
    run_batch,
)

T = TypeVar("T")
R = TypeVar("R")

INSTALL_HINT = "the ray engine needs Ray: pip install 'vna-corpus[ray]'"
#: ``ray.init`` address that starts a new local instance (never joins a cluster found on this machine).
LOCAL_ADDRESS = "local"


class EngineUnavailable(RuntimeError):
    """An engine whose optional dependency is not installed; the message says how to install it."""


def import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise EngineUnavailable(INSTALL_HINT) from None
    return ray


def run_pickled_batch(fn: Callable[[T], R], payload: bytes | list[T]) -> list[R]:
    """What a Ray worker runs: ``fn`` over a batch, sent as :mod:`pickle` bytes (see :meth:`RayRunner.submit`) or,
    when the C pickler cannot take it, as the list itself."""
    return run_batch(fn, pickle.loads(payload) if isinstance(payload, bytes) else payload)


def batch_payload(batch: list[Any]) -> bytes | list[Any]:
    """``batch`` as :mod:`pickle` bytes; the list itself when only Ray's serialiser can take it (a lambda in it)."""
    try:
        return pickle.dumps(batch, pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):
        return batch


class RayRunner:
    """Runs batches as Ray tasks; a failed task's error is turned into a :class:`BatchFailed`."""

    def __init__(self, ray: Any, fn: Callable[[Any], Any]) -> None:
        self.ray = ray
        self.task = ray.remote(num_cpus=1)(run_pickled_batch)
        self.fn_ref = ray.put(fn)

    def probe(self) -> None:
        """Run an empty batch: a worker that cannot load the function (say ``builder`` is not installed on the
        cluster's nodes) fails the build here, in one line, instead of failing every page."""
        try:
            self.ray.get(self.task.options(max_retries=0).remote(self.fn_ref, batch_payload([])))
        except self.ray.exceptions.RayError as err:
            cause = getattr(err, "cause", None) or err
            first_line = str(cause).strip().splitlines()[-1] if str(cause).strip() else type(cause).__name__
            raise EngineUnavailable(f"Ray workers cannot run the page function: {first_line} "
                                    "(is vna-corpus installed on every node?)") from None

    def submit(self, batch: list[Any], retries: int) -> Any:
        """Start a task on ``batch``, sent as one :mod:`pickle` payload: Ray's serialiser (cloudpickle) calls back
        into Python for every object of the batch, the C pickler does not, and the driver's CPU a page is what
        bounds the cluster a build can use. The function is sent once, by reference (Ray's serialiser)."""
        return self.task.options(max_retries=retries).remote(self.fn_ref, batch_payload(batch))

    def result(self, handle: Any) -> list[Any]:
        exceptions = self.ray.exceptions
        try:
            return self.ray.get(handle)
        except exceptions.RayTaskError as err:  # the function raised: the same error as in a local worker
            raise BatchFailed(err.cause if isinstance(err.cause, Exception) else err) from None
        except (exceptions.WorkerCrashedError, exceptions.OutOfMemoryError):
            raise BatchFailed(WorkerLost()) from None


class RayEngine:
    """``map`` over Ray tasks: on the cluster at ``address`` (or ``RAY_ADDRESS``), else a local instance.

    A local instance gets ``workers`` CPUs (None: all cores) and is shut down after the map;
    a Ray already initialised in this process (a test session, a notebook) is used as it is.
    """

    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None, batch_size: int = BATCH_SIZE) -> None:
        import_ray()
        self.workers = workers
        self.address = address or os.environ.get("RAY_ADDRESS") or LOCAL_ADDRESS
        self.batch_size = batch_size

    def _init(self, ray: Any) -> bool:
        """Start or join Ray unless this process already has it; True when this call started it."""
        if ray.is_initialized():
            return False
        options: dict[str, Any] = {"logging_level": logging.WARNING, "configure_logging": True}
        if self.address == LOCAL_ADDRESS:
            options.update(num_cpus=self.workers or os.cpu_count() or 1, include_dashboard=False)
        try:
            ray.init(address=self.address, **options)
        except (ConnectionError, RuntimeError, ValueError) as err:
            where = "a local Ray instance" if self.address == LOCAL_ADDRESS else f"the Ray cluster at {self.address}"
            raise EngineUnavailable(f"cannot start or join {where}: {err}") from None
        return True

    def map(self, fn: Callable[[T], R], items: Iterable[T], on_error: OnError | None = None, *,
            batch_size: int | None = None, per_worker: int = BATCHES_PER_WORKER) -> Iterator[R]:
        """``fn`` over ``items`` in input order; ``fn`` and the items must be picklable (``batch_size`` and
        ``per_worker``: as for the local engine, a worker being a CPU of the cluster)."""
        ray = import_ray()
        started = self._init(ray)
        try:
            cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
            runner = RayRunner(ray, fn)
            runner.probe()
            yield from ordered_map(runner, items, batch_size=batch_size or self.batch_size,
                                   window=cpus * per_worker, on_error=on_error, retries=RETRIES)
        finally:
            if started:
                ray.shutdown()
