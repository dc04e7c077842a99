"""Scale-out benchmark: the local engine vs the Ray engine on synthetic pages (not part of the test suite).

Each build runs in a fresh interpreter (so one build's memory does not count in the next);
the child reports its wall time and the peak RSS of the driver process (``ru_maxrss``: the
process that reads, screens and writes, not its workers), and this process samples the
peak RSS of the whole process tree (driver, workers, Ray's own processes; shared memory is
counted once per process that maps it, so this over-counts Ray's object store). The two
outputs are compared by a SHA-256 over every file.

    python benchmarks/scale_out.py --pages 100000 --overhead-pages 1000 --workers 2

prints the Markdown section of ``benchmarks/RESULTS.md`` and ``docs/scale-out.md``;
``--driver-share`` measures the driver's CPU time a page instead (its Sizing paragraph).
Needs ``pip install 'vna-corpus[ray,bench]'`` (Ray, psutil).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ENGINES = ("local", "ray")
#: The build's task size (``builder.shards.DEFAULT_PAGES_PER_TASK``), here so this script imports no builder at load.
DEFAULT_PAGES_PER_TASK = 1000


def folder_sha256(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def child(engine: str, inputs: list[str], out: str, workers: int) -> None:
    """Run one build here and print what it measured as one JSON line."""
    from builder.api import build

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, cpu = time.perf_counter(), time.process_time()
    report = build(inputs, out, workers=workers, engine=engine, force=True)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the local engine's workers, reaped at its shutdown
    workers_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    print(json.dumps({"seconds": seconds, "pages_in": report.pages_in, "pages_written": report.pages_written,
                      "driver_cpu_seconds": cpu, "workers_cpu_seconds": workers_cpu,
                      "driver_peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))


def tree_rss(processes: list) -> int:
    import psutil

    total = 0
    for p in processes:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def process_tree(process) -> list:
    import psutil

    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return []


def measure(engine: str, inputs: list[Path], out: Path, workers: int) -> dict:
    """One build in a child process: its own figures, the tree's peak RSS, the output's hash."""
    import psutil

    command = [sys.executable, __file__, "--child", engine, "--out", str(out), "--workers", str(workers),
               *map(str, inputs)]
    env = {key: value for key, value in os.environ.items() if key != "RAY_ADDRESS"}  # a local Ray instance
    env.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    peak, done = 0, threading.Event()

    def sample() -> None:
        # Listing the tree scans every process of the machine: done once a second, not at every sample (the
        # sampler would otherwise take a fifth of a core from the build it measures).
        nonlocal peak
        process, tree, listed = psutil.Process(proc.pid), [], 0.0
        while not done.is_set():
            if time.monotonic() - listed >= 1.0:
                tree, listed = process_tree(process), time.monotonic()
            peak = max(peak, tree_rss(tree))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"the {engine} build failed: {stderr.strip().splitlines()[-1] if stderr.strip() else ''}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures.update(engine=engine, tree_peak_rss=peak, sha256=folder_sha256(out))
    return figures


def run(pages: int, overhead_pages: int, workers: int, workdir: Path) -> dict:
    from builder.synth import write_synth

    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                     "workers": workers, "runs": {}}
    for n in (overhead_pages, pages):
        shards = write_synth(n, workdir / f"synth-{n}")
        for engine in ENGINES:
            out = workdir / engine / f"ds-{n}"
            print(f"building {n} pages with the {engine} engine ...", file=sys.stderr, flush=True)
            results["runs"][f"{engine}-{n}"] = measure(engine, shards, out, workers)
            shutil.rmtree(out)
    return results


def driver_share(workers: int, workdir: Path, small: int = 200, large: int = 2000) -> str:
    """The driver's CPU time per page, start-up cancelled out: (CPU at ``large`` - CPU at ``small``) / pages."""
    from builder.synth import write_synth

    lines = []
    for engine in ENGINES:
        cpu = {}
        for n in (small, large):
            out = workdir / engine / f"ds-{n}"
            cpu[n] = measure(engine, write_synth(n, workdir / f"synth-{n}"), out, workers)["driver_cpu_seconds"]
            shutil.rmtree(out)
        lines.append(f"{engine}: {1000 * (cpu[large] - cpu[small]) / (large - small):.3f} ms of driver CPU a page")
    return "\n".join(lines)


def parse_cpu_per_page(shards: list[Path]) -> float:
    """CPU seconds a page of ``parse_page`` (as the build calls it: entities on) over the pages of ``shards``."""
    from builder.parse import parse_page
    from builder.read import iter_pages

    pages = [page for page in iter_pages(shards) if hasattr(page, "raw")]
    for page in pages[:20]:  # warm-up: lexicons, langdetect's profiles
        parse_page(page.raw, page.id)
    cpu = time.process_time()
    for page in pages:
        parse_page(page.raw, page.id)
    return (time.process_time() - cpu) / len(pages)


def cpu_share(workers: int, workdir: Path, small: int | None = None, large: int | None = None) -> str:
    """The whole build's CPU a page (driver and local workers, start-up cancelled out) against ``parse_page``'s,
    measured in one run: the ratio, and what the build spends a page on top of parsing.

    Both builds keep every worker busy (at least one task of 1,000 pages a worker): the local engine starts its
    workers as tasks arrive, so a smaller build would start fewer of them, and the larger build's CPU would hold
    a worker's start-up (imports, lexicons: about 2 CPU seconds) that the difference counts as per-page work.
    """
    small = small or workers * DEFAULT_PAGES_PER_TASK
    large = large or 3 * small
    load = os.getloadavg()[0]
    cpu = {}
    for n in (small, large):
        shards = write_synth_once(n, workdir)
        out = workdir / "local" / f"ds-{n}"
        figures = measure("local", shards, out, workers)
        cpu[n] = (figures["driver_cpu_seconds"], figures["workers_cpu_seconds"])
        shutil.rmtree(out)
    driver = (cpu[large][0] - cpu[small][0]) / (large - small)
    build = driver + (cpu[large][1] - cpu[small][1]) / (large - small)
    parse = parse_cpu_per_page(write_synth_once(large, workdir))
    return "\n".join([
        f"load average before and after: {load:.1f}, {os.getloadavg()[0]:.1f}; builds of {small:,} and {large:,} pages",
        f"driver: {1000 * driver:.3f} ms of CPU a page",
        f"build (driver + workers): {1000 * build:.2f} ms of CPU a page",
        f"parse_page: {1000 * parse:.2f} ms of CPU a page",
        f"build / parse_page: {build / parse:.2f}x; non-parse overhead: {1000 * (build - parse):.2f} ms a page",
    ])


def write_synth_once(n: int, workdir: Path) -> list[Path]:
    from builder.synth import write_synth

    folder = workdir / f"synth-{n}"
    return sorted(folder.glob("*")) if folder.is_dir() else write_synth(n, folder)


def markdown(results: dict, pages: int, overhead_pages: int) -> str:
    def row(engine: str, n: int) -> str:
        r = results["runs"][f"{engine}-{n}"]
        return (f"| {engine} | {n:,} | {r['seconds']:.1f} | {r['pages_in'] / r['seconds']:.0f} | "
                f"{r['driver_peak_rss'] / 2**20:.0f} | {r['tree_peak_rss'] / 2**20:.0f} |")

    big = {e: results["runs"][f"{e}-{pages}"] for e in ENGINES}
    small = {e: results["runs"][f"{e}-{overhead_pages}"] for e in ENGINES}
    identical = big["local"]["sha256"] == big["ray"]["sha256"] and small["local"]["sha256"] == small["ray"]["sha256"]
    overhead = small["ray"]["seconds"] - small["local"]["seconds"]
    lines = [
        "## Scale-out: local vs Ray",
        "",
        f"Synthetic pages (`builder.synth`, seed 0) built with `--workers {results['workers']}` on "
        f"{results['machine']} (shared with other work), each build in a fresh interpreter. "
        "Wall time is the whole `build()` call, Ray's start and shutdown included. *Driver* is the peak RSS "
        "of the build process (reading, screening, writing); *all processes* adds its workers and, for Ray, "
        "Ray's own processes (shared object-store pages are counted in every process that maps them).",
        "",
        "| engine | pages | wall time (s) | pages/s | driver peak RSS (MiB) | all processes peak RSS (MiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        row("local", pages), row("ray", pages), row("local", overhead_pages), row("ray", overhead_pages),
        "",
        f"Ray's overhead on a {overhead_pages:,}-page build: {overhead:+.1f} s "
        f"({small['ray']['seconds'] / small['local']['seconds']:.2f}× the local engine's time). "
        f"Output folders byte-identical across engines: {'yes' if identical else 'NO'} "
        f"(SHA-256 of the {pages:,}-page build `{big['local']['sha256'][:16]}…`).",
        "",
        f"Measured with `python benchmarks/scale_out.py --pages {pages} --overhead-pages {overhead_pages} "
        f"--workers {results['workers']}`.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--overhead-pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="Also write the raw figures here.")
    parser.add_argument("--driver-share", action="store_true",
                        help="Only measure the driver's CPU time a page (builds of 200 and 2,000 pages).")
    parser.add_argument("--cpu-share", action="store_true",
                        help="Only measure the build's CPU a page (all processes, local engine) against parse_page's.")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.inputs, args.out, args.workers)
        return
    if args.driver_share:
        with tempfile.TemporaryDirectory(prefix="vna-scale-out-") as tmp:
            print(driver_share(args.workers, Path(tmp)))
        return
    if args.cpu_share:
        with tempfile.TemporaryDirectory(prefix="vna-scale-out-") as tmp:
            print(cpu_share(args.workers, Path(tmp)))
        return
    with tempfile.TemporaryDirectory(prefix="vna-scale-out-") as tmp:
        results = run(args.pages, args.overhead_pages, args.workers, Path(tmp))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(markdown(results, args.pages, args.overhead_pages))


if __name__ == "__main__":
    main()
