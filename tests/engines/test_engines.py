"""Engines: results in input order, and a failing item narrowed down so it alone becomes its error result."""

from __future__ import annotations

import builtins
import os
import sys

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.engines import EngineFailed, EngineUnavailable, LocalEngine, WorkerLost, make_engine
from builder.engines.batches import InProcessRunner, ordered_map

RAISES, DIES = 13, 29


def square_or_fail(n: int) -> int:
    """Squares ``n``; raises on :data:`RAISES`, kills its worker process on :data:`DIES`."""
    if n == RAISES:
        raise ValueError(f"cannot square {n}")
    if n == DIES:
        os._exit(3)
    return n * n


def as_error(n: int, error: BaseException) -> str:
    return f"{n}: {type(error).__name__}"


def expected(items: range, died: bool = True) -> list[int | str]:
    return [as_error(n, ValueError()) if n == RAISES else as_error(n, WorkerLost()) if n == DIES and died else n * n
            for n in items]


def test_a_failing_item_is_narrowed_down_in_its_batch():
    items = [n for n in range(40) if n != DIES]
    got = list(ordered_map(InProcessRunner(square_or_fail), items, batch_size=8, window=3, on_error=as_error))
    assert got == [as_error(n, ValueError()) if n == RAISES else n * n for n in items]


def always_fails(n: int) -> int:
    raise OSError(f"no worker can run {n}")


def test_many_failures_in_a_row_stop_the_engine_instead_of_failing_every_item():
    seen: list[int] = []

    def record(n: int, error: BaseException) -> str:
        seen.append(n)
        return "rejected"

    with pytest.raises(EngineFailed, match="32 pages in a row failed in the engine, the last with OSError"):
        list(ordered_map(InProcessRunner(always_fails), range(1000), batch_size=8, window=2, on_error=record))
    assert seen == list(range(31))
    got = list(ordered_map(InProcessRunner(square_or_fail), [RAISES] * 31 + [2], batch_size=8, window=2,
                           on_error=as_error))
    assert got[-1] == 4 and len(got) == 32, "31 failures, then a success: the streak is not reached"


def test_without_on_error_the_items_error_is_raised():
    with pytest.raises(ValueError, match="cannot square 13"):
        list(LocalEngine(workers=1).map(square_or_fail, range(20)))


def test_local_engine_survives_a_killed_worker():
    got = list(LocalEngine(workers=2, batch_size=4).map(square_or_fail, range(48), on_error=as_error))
    assert got == expected(range(48))


def test_ray_engine_survives_a_killed_worker(ray_session):
    got = list(make_engine("ray", batch_size=4).map(square_or_fail, range(48), on_error=as_error))
    assert got == expected(range(48))


def call(thunk):
    return thunk()


def test_ray_engine_sends_batches_pickle_cannot_take(ray_session):
    """Batches go to Ray as C-pickled bytes (cheaper for the driver); what only Ray's serialiser can take, such as
    lambdas, still goes through it."""
    from builder.engines.ray import batch_payload

    assert isinstance(batch_payload([1, 2]), bytes)
    thunks = [lambda n=n: n + 1 for n in range(6)]
    assert not isinstance(batch_payload(thunks[:2]), bytes)
    assert list(make_engine("ray", batch_size=2).map(call, thunks)) == [1, 2, 3, 4, 5, 6]


def test_without_ray_the_ray_engine_says_how_to_install_it(monkeypatch):
    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "ray", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(EngineUnavailable, match=r"pip install 'vna-corpus\[ray\]'"):
        make_engine("ray")
    result = CliRunner().invoke(main, ["build", "--engine", "ray", "--out", "unused"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["Error: the ray engine needs Ray: pip install 'vna-corpus[ray]'"]
