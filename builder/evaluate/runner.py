"""Running one parser over the pages without letting it take the harness down, and timing it.

A Python parser runs in a worker process of its own (a fresh interpreter, so its peak memory is its own): the
worker imports and sets the parser up (timed), then gets the pages one at a time. A page on which the parser
raises, returns something that is not a valid record, or runs past the timeout is a *failed page* with its
reason; a worker that timed out is killed and a new one set up for the remaining pages. Warm pages per second
come from passes over the pages in the worker after the first one, until ``min_seconds`` have passed.

A command runs once over a folder of the pages, timed as a process: its setup is the fastest of three runs over
an empty folder (start-up, imports, model loading), its pages per second come from a run over the pages (or over
copies of them, until the work past setup lasts ``min_seconds``) minus that setup, and its peak memory is the
peak RSS of the command's processes.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from builder.evaluate.parsers import CommandParser, ParserSource, as_parser, load_reference
from builder.score import check_record

OK, MISSING, SETUP_FAILED = "ok", "missing", "setup failed"

#: Seconds a worker may take to import and set up its parser.
SETUP_TIMEOUT = 600.0

#: A command's setup is the fastest of this many runs over an empty folder.
SETUP_RUNS = 3

#: At most this many copies of each page in a command's timing run.
MAX_COPIES = 1000


@dataclass
class ParserRun:
    """What running one parser over the pages gave: valid records by page, failed pages with reasons, speed."""

    status: str
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)
    unmapped: int = 0
    error: str | None = None
    setup_seconds: float | None = None
    pages_per_second: float | None = None
    peak_memory_mib: float | None = None


def _reason(err: BaseException) -> str:
    """One line for an exception: its type, message and the line of the parser that raised it."""
    frames = traceback.extract_tb(err.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    message = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {message}{where}" if message else f"{type(err).__name__}{where}"


def accept_record(record: Any, raw: str, page_id: str) -> tuple[dict[str, Any] | None, str | None]:
    """The record cleaned for scoring, or None and why the page fails (malformed output fails the whole page)."""
    if not isinstance(record, Mapping):
        return None, f"malformed output: a {type(record).__name__}, not a record (dict)"
    if record.get("id", page_id) != page_id:
        return None, f"malformed output: id {record.get('id')!r} for page {page_id!r}"
    clean, problems = check_record({**record, "id": page_id}, raw)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return None, f"malformed output: {problems[0]}{more}"
    return clean, None


def _take(run: ParserRun, page_id: str, record: Any, raw: str) -> None:
    clean, reason = accept_record(record, raw, page_id)
    if clean is None:
        run.failures[page_id] = reason or "malformed output"
        return
    run.records[page_id] = clean
    run.answered.update(key for key in ("zones", "repairs", "entities") if key in record)
    unmapped = record.get("unmapped")
    run.unmapped += len(unmapped) if isinstance(unmapped, list) else 0


def peak_memory_mib() -> float:
    """This process's peak resident memory in MiB: ``VmHWM`` (Linux; only what this program touched since it
    started, whereas ``ru_maxrss`` keeps the peak of the process it was forked from), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- Python parsers: a worker process ---------------------------------------------------------------------------


def _worker(conn: Any, reference: str, name: str) -> None:
    """The worker's loop: set up, then answer ``page``, ``warm`` and ``stop`` messages."""
    started = time.perf_counter()
    try:
        predict = as_parser(load_reference(reference), name).setup()
    except ImportError as err:
        conn.send((MISSING, str(err)))
        return
    except BaseException as err:  # noqa: BLE001 - any failure to set up is reported, not raised
        conn.send((SETUP_FAILED, _reason(err)))
        return
    conn.send((OK, time.perf_counter() - started))
    seen: dict[str, str] = {}
    while True:
        message = conn.recv()
        if message[0] == "page":
            _, page_id, raw = message
            started = time.perf_counter()
            try:
                record = predict(raw, page_id)
            except Exception as err:  # noqa: BLE001
                conn.send(("error", _reason(err), time.perf_counter() - started))
                continue
            elapsed = time.perf_counter() - started
            seen[page_id] = raw
            try:
                conn.send(("ok", record, elapsed))
            except Exception as err:  # noqa: BLE001 - e.g. an object that cannot be pickled
                conn.send(("error", f"malformed output: cannot be sent back ({_reason(err)})", elapsed))
        elif message[0] == "warm":
            _, ids, min_seconds = message
            passes, elapsed, started = 0, 0.0, time.perf_counter()
            while ids and (passes == 0 or elapsed < min_seconds):
                for page_id in ids:
                    try:
                        predict(seen[page_id], page_id)
                    except Exception:  # noqa: BLE001, S112 - the first pass already reported it
                        continue
                passes += 1
                elapsed = time.perf_counter() - started
            conn.send(("warm", passes * len(ids), elapsed))
        else:
            conn.send(("memory", peak_memory_mib()))
            return


class _Worker:
    """A fresh interpreter talking over two pipes: nothing of the caller's
    ``__main__`` is re-run in it, and what the parser prints does not get in the way."""

    def __init__(self, source: ParserSource, name: str) -> None:
        from_parent, to_child = os.pipe()
        from_child, to_parent = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"from builder.evaluate.runner import _worker_main; "
             f"_worker_main({from_parent}, {to_parent})"],
            pass_fds=(from_parent, to_parent), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        os.close(from_parent)
        os.close(to_parent)
        self.sender = Connection(to_child, readable=False)
        self.conn = Connection(from_child, writable=False)
        self.sender.send((list(sys.path), source.reference, name))

    def send(self, message: tuple) -> None:
        try:
            self.sender.send(message)
        except OSError:  # the worker is gone; the next receive says so
            pass

    def receive(self, timeout: float) -> tuple | None:
        """The next message; None when the worker said nothing in time, ``("died",)`` when it is gone."""
        try:
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError):
            return ("died",)
        return None

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.sender.close()
        self.conn.close()


def _worker_main(read_fd: int, write_fd: int) -> None:
    """The worker process: the parser's source comes first, then the messages :func:`_worker` answers."""
    receiver, sender = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    path, reference, name = receiver.recv()
    sys.path[:] = path

    _worker(SimpleNamespace(send=sender.send, recv=receiver.recv), reference, name)


def run_python_parser(
    source: ParserSource, name: str, raws: Mapping[str, str], *, timeout: float, min_seconds: float,
) -> ParserRun:
    """Run one Python parser in worker processes over ``raws`` (page id to raw text), in page id order."""
    ids = sorted(raws)
    worker = _Worker(source, name)
    ready = worker.receive(SETUP_TIMEOUT)
    if ready is None or ready[0] != OK:
        worker.kill()
        if ready is None or ready[0] == "died":
            ready = (SETUP_FAILED, f"the worker died or did not answer within {SETUP_TIMEOUT:.0f} s of setup")
        return ParserRun(ready[0], error=ready[1])
    run = ParserRun(OK, setup_seconds=ready[1])
    for index, page_id in enumerate(ids):
        if worker is None:
            worker = _Worker(source, name)
            again = worker.receive(SETUP_TIMEOUT)
            if again is None or again[0] != OK:
                worker.kill()
                why = again[1] if again and len(again) > 1 else "no answer"
                for rest in ids[index:]:
                    run.failures[rest] = f"not run: the parser could not be set up again ({why})"
                return run
        worker.send(("page", page_id, raws[page_id]))
        answer = worker.receive(timeout)
        if answer is None or answer[0] == "died":
            worker.kill()
            run.failures[page_id] = (f"timed out after {timeout:g} s" if answer is None
                                     else f"the worker process died (exit code {worker.process.returncode})")
            worker = None
            continue
        kind, payload, seconds = answer
        run.setup_seconds += seconds
        if kind == "error":
            run.failures[page_id] = payload
        else:
            _take(run, page_id, payload, raws[page_id])
    if worker is None:
        return run
    scored = [i for i in ids if i in run.records]
    worker.send(("warm", scored, min_seconds))
    warm = worker.receive(min_seconds + timeout * max(1, len(scored)) + 30)
    if warm is not None and warm[0] == "warm" and warm[2] > 0:
        run.pages_per_second = warm[1] / warm[2]
    if warm is not None and warm[0] == "warm":
        worker.send(("stop",))
        memory = worker.receive(30)
        run.peak_memory_mib = memory[1] if memory else None
    worker.kill()
    return run


# --- commands: one process over a folder -------------------------------------------------------------------------


@dataclass(frozen=True)
class _ProcessRun:
    seconds: float
    returncode: int
    timed_out: bool
    peak_memory_mib: float
    stderr: str


#: Runs the command and reports its time, exit code and peak RSS. It runs in a small interpreter of its own, so
#: the command is not forked from the harness (a forked child's ``ru_maxrss`` starts at its parent's peak).
_TIMER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1], shell=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(json.dumps({"seconds": time.perf_counter() - started, "returncode": os.waitstatus_to_exitcode(status),
                  "peak_kib": usage.ru_maxrss}))
"""


def _run_process(command: str, pages_dir: Path, out_file: Path, limit: float) -> _ProcessRun:
    """Run the command with its placeholders filled, killed (with its children) after ``limit`` seconds."""
    import shlex

    text = command.replace("{pages_dir}", shlex.quote(str(pages_dir))).replace("{out_file}", shlex.quote(str(out_file)))
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen([sys.executable, "-c", _TIMER, text], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=stderr, start_new_session=True)
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(limit, stop)
        timer.start()
        try:
            output, _ = process.communicate()
        finally:
            timer.cancel()
        stderr.seek(0)
        tail = stderr.read().decode("utf-8", "replace").strip().splitlines()
    try:
        report = json.loads(output.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        report = {"seconds": limit, "returncode": process.returncode, "peak_kib": 0}
    return _ProcessRun(report["seconds"], report["returncode"], timed_out.is_set(), report["peak_kib"] / 1024,
                       tail[-1] if tail else "")


def _write_pages(folder: Path, raws: Mapping[str, str], copies: int = 1) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for page_id, raw in raws.items():
        for copy in range(copies):
            name = page_id if copy == 0 else f"{page_id}~{copy}"
            (folder / f"{name}.txt").write_text(raw, encoding="utf-8", newline="")


def _read_output(run: ParserRun, out_file: Path, raws: Mapping[str, str]) -> list[str]:
    """Take the command's JSON Lines into ``run``; lines that name no page are returned as warnings."""
    warnings: list[str] = []
    if not out_file.exists():
        return warnings
    for number, line in enumerate(out_file.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            warnings.append(f"output line {number}: not JSON ({err.msg})")
            continue
        page_id = record.get("id") if isinstance(record, dict) else None
        if page_id not in raws:
            warnings.append(f"output line {number}: no page has id {page_id!r}")
        elif page_id in run.records or page_id in run.failures:
            warnings.append(f"output line {number}: duplicate id {page_id!r}")
        else:
            _take(run, page_id, record, raws[page_id])
    return warnings


def run_command_parser(
    parser: CommandParser, raws: Mapping[str, str], *, timeout: float, min_seconds: float,
) -> tuple[ParserRun, list[str]]:
    """Run a command over a folder of the pages; its run, and warnings about output lines naming no page.

    The command gets ``timeout`` seconds per page, plus ``timeout`` for its start, over the whole run; pages with
    no output line when it stops fail with the reason (timed out, exit code and last line of stderr, or none).
    """
    with tempfile.TemporaryDirectory(prefix="vna-evaluate-") as tmp:
        folder = Path(tmp)
        _write_pages(folder / "empty", {})
        empty = [_run_process(parser.command, folder / "empty", folder / "empty.jsonl", timeout)
                 for _ in range(SETUP_RUNS)]
        setup = min(e.seconds for e in empty)
        _write_pages(folder / "pages", raws)
        full = _run_process(parser.command, folder / "pages", folder / "out.jsonl", timeout * (len(raws) + 1))
        run = ParserRun(OK, setup_seconds=setup,
                        peak_memory_mib=max(full.peak_memory_mib, *(e.peak_memory_mib for e in empty)))
        warnings = _read_output(run, folder / "out.jsonl", raws)
        if full.timed_out:
            why = f"timed out: the command was stopped after {timeout * (len(raws) + 1):g} s"
        elif full.returncode != 0:
            why = f"the command exited with code {full.returncode}" + (f": {full.stderr}" if full.stderr else "")
        else:
            why = "no output line for this page"
        for page_id in sorted(raws):
            if page_id not in run.records and page_id not in run.failures:
                run.failures[page_id] = why
        if full.timed_out or full.returncode != 0 or not run.records:
            return run, warnings
        work, pages, copies = full.seconds - setup, len(raws), 1
        while work < min_seconds and copies < MAX_COPIES:
            copies = min(MAX_COPIES, max(2 * copies, math.ceil(copies * min_seconds / max(work, 0.01))))
            _write_pages(folder / f"timing-{copies}", raws, copies)
            timing = _run_process(parser.command, folder / f"timing-{copies}", folder / f"timing-{copies}.jsonl",
                                  timeout * (len(raws) * copies + 1))
            if timing.timed_out or timing.returncode != 0:
                return run, warnings
            run.peak_memory_mib = max(run.peak_memory_mib or 0.0, timing.peak_memory_mib)
            work, pages = timing.seconds - setup, len(raws) * copies
        run.pages_per_second = pages / work if work > 0 else None
    return run, warnings
