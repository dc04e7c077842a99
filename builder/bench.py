"""Benchmark runners on fixed inputs, shared by the ``benchmarks/`` suites and ``vna-corpus bench``.

Every runner does one pass of one stage over a :class:`Workload` (the bundled pages, with whatever a stage takes
as input computed beforehand), so a suite and the report time exactly the same work. Speeds are reported as ratios
to the speed-limit reference, ``re.findall(r"\\w+", text)`` over the same pages, timed in the same process a
moment before: a ratio holds across machines and load where an absolute time does not.

Timing takes the best of several rounds (each round loops a runner until it has run ``min_seconds / rounds``):
on a shared machine the minimum is the figure least disturbed by the neighbours. Builds at scale run in a child
process, and their peak memory is the peak of the summed resident set of that process and its workers.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.model import Zone

#: The speed-limit reference: one pass of this over a page is the unit every stage is measured in.
REFERENCE_RE = re.compile(r"\w+")

#: Where ``vna-corpus bench`` writes its table and plot.
RESULTS_FILE = "RESULTS.md"
PLOT_FILE = "scale.png"
#: Default corpus sizes of the scale builds.
DEFAULT_SIZES = (10_000, 100_000)

BENCH_HINT = "pip install 'vna-corpus[bench]'"


@dataclass(frozen=True)
class Workload:
    """The bundled pages and each stage's precomputed input."""

    ids: tuple[str, ...]
    raws: tuple[str, ...]
    zones: tuple[tuple[Zone, ...], ...]
    samples: tuple[str, ...]  # the language sample parse_page takes from each page

    @property
    def pages(self) -> int:
        return len(self.raws)

    @property
    def utf8_bytes(self) -> int:
        return sum(len(r.encode("utf-8")) for r in self.raws)

    def spans(self) -> list[list[tuple[int, int]]]:
        return [[(z.start, z.end) for z in zones] for zones in self.zones]


def sample_workload(pages_dir: str | Path | None = None) -> Workload:
    """The workload of a folder of pages (default: the bundled sample corpus)."""
    from builder.parse import parse_page
    from builder.parse.language import article_paragraphs, language_sample
    from builder.read import PageError, bundled_pages_dir, iter_pages

    pages = [p for p in iter_pages([pages_dir or bundled_pages_dir()]) if not isinstance(p, PageError)]
    parsed = [parse_page(p.raw, p.id, language=False, entities=False) for p in pages]
    return Workload(
        ids=tuple(p.id for p in pages),
        raws=tuple(p.raw for p in pages),
        zones=tuple(p.zones for p in parsed),
        samples=tuple(language_sample(article_paragraphs(p.fields)) for p in parsed),
    )


# --- runners: one pass of one stage over the workload -----------------------------------------------------------

Runner = Callable[[Workload], list]


def run_reference(w: Workload) -> list:
    return [REFERENCE_RE.findall(raw) for raw in w.raws]


def run_zones(w: Workload) -> list:
    from builder.parse.zones import segment

    return [segment(raw) for raw in w.raws]


def run_repairs(w: Workload) -> list:
    from builder.parse.repairs import find_repairs

    return [find_repairs(raw) for raw in w.raws]


def run_language(w: Workload) -> list:
    from builder.parse.language import detect_language

    return [detect_language(sample) for sample in w.samples]


def run_entities(w: Workload) -> list:
    """The entity step as ``parse_page`` runs it: the tagger inside the page's zones."""
    from builder.parse.entities import tag_entities

    return [tag_entities(raw, spans) for raw, spans in zip(w.raws, w.spans())]


def run_parse_page(w: Workload) -> list:
    from builder.parse import parse_page

    return [parse_page(raw, i) for raw, i in zip(w.raws, w.ids)]


def run_parse_page_no_language(w: Workload) -> list:
    from builder.parse import parse_page

    return [parse_page(raw, i, language=False) for raw, i in zip(w.raws, w.ids)]


#: Our stages, by the name the report and the suites use.
STAGES: dict[str, Runner] = {
    "reference": run_reference,
    "zones": run_zones,
    "repairs": run_repairs,
    "language": run_language,
    "entities": run_entities,
    "parse_page (no language)": run_parse_page_no_language,
    "parse_page": run_parse_page,
}


def trafilatura_runner() -> Runner:
    """``trafilatura.extract`` on each page wrapped as HTML (wrapped once, beforehand: only extraction is timed)."""
    from builder.baselines.optional import import_peer
    from builder.baselines.trafilatura_zones import page_html

    trafilatura = import_peer("trafilatura")
    wrapped: dict[tuple[str, ...], list[str]] = {}

    def run(w: Workload) -> list:
        pages = wrapped.setdefault(w.raws, [page_html(raw) for raw in w.raws])
        return [trafilatura.extract(page, output_format="txt") for page in pages]

    return run


def spacy_runner() -> Runner:
    """spaCy ``fr_core_news_sm`` NER (its other components removed), one document per line, as the adapter runs it."""
    from builder.baselines.spacy_ner import load_spacy_model, spacy_entities

    nlp = load_spacy_model()
    return lambda w: [spacy_entities(nlp, raw) for raw in w.raws]


#: Peers, loaded only when asked for (their packages are optional).
PEERS: dict[str, Callable[[], Runner]] = {"trafilatura.extract": trafilatura_runner, "spaCy NER": spacy_runner}


# --- Parquet writing and a whole build --------------------------------------------------------------------------


def page_results(w: Workload) -> list:
    """The build's per-page results (rows of every config) for the workload: the input of the writer."""
    from builder.build import PageTask, process_page
    from builder.model import Page
    from builder.split import DEFAULT_RATIOS
    from builder.steps import content_sha256

    return [process_page(PageTask(Page(i, raw), content_sha256(raw), None, DEFAULT_RATIOS))
            for i, raw in zip(w.ids, w.raws)]


def write_parquet(results: Sequence, out: str | Path) -> dict:
    """Write the rows of ``results`` as the build does (every config, every split) into ``out``."""
    from builder.split import SPLIT_NAMES
    from builder.write import CONFIGS, DatasetWriter

    writer = DatasetWriter(Path(out), CONFIGS, SPLIT_NAMES)
    for result in results:
        writer.add_page(result.rows)
    return writer.close()


def run_build(inputs: Sequence[str | Path], out: str | Path, workers: int = 1) -> Any:
    """A whole build (read, parse, write, card, Croissant) of ``inputs`` into ``out``, replacing it, as
    ``vna-corpus build`` runs it (bundled gold, default version and ratios)."""
    from builder import __version__
    from builder.build import build_dataset
    from builder.read import bundled_gold_dir
    from builder.split import DEFAULT_RATIOS

    return build_dataset(list(inputs), out, version=__version__, split_ratios=DEFAULT_RATIOS, workers=workers,
                         force=True, gold_dir=bundled_gold_dir())


# --- timing -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """The best time of one pass of a runner over a workload."""

    name: str
    seconds: float  # per pass
    pages: int
    utf8_bytes: int
    passes: int

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds

    @property
    def mb_per_second(self) -> float:
        return self.utf8_bytes / self.seconds / 1e6


def time_runner(name: str, run: Runner, w: Workload, min_seconds: float = 0.5, rounds: int = 5) -> Timing:
    """Best per-pass time over ``rounds`` rounds, after one warm-up pass (which loads lexicons and models)."""
    run(w)
    best, passes = float("inf"), 0
    for _ in range(rounds):
        n, started = 0, time.perf_counter()
        while True:
            run(w)
            n += 1
            elapsed = time.perf_counter() - started
            if elapsed >= min_seconds / rounds:
                break
        best, passes = min(best, elapsed / n), passes + n
    return Timing(name, best, w.pages, w.utf8_bytes, passes)


# --- builds at scale --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScalePoint:
    """A build of ``pages`` synthetic pages in a child process."""

    pages: int
    workers: int
    seconds: float
    peak_rss: int  # bytes, the build process and its workers together
    input_bytes: int
    cpu_seconds: float = 0.0  # user + system time of the build process and its workers
    peak_pss: int = 0  # bytes: the same with shared pages (libraries) counted once


    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def _tree_memory(process: Any) -> tuple[int, int]:
    """Summed RSS and PSS of a process and its descendants (PSS counts shared library pages once)."""
    import psutil

    try:
        processes = [process, *process.children(recursive=True)]
    except psutil.Error:  # the build ended between two samples
        return 0, 0
    rss = pss = 0
    for p in processes:
        try:
            info = p.memory_full_info()
        except psutil.AccessDenied:
            info = p.memory_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss, pss


def measure_build(pages: int, workdir: str | Path, workers: int = 1, seed: int = 0, poll: float = 0.05) -> ScalePoint:
    """Make ``pages`` synthetic pages (untimed), then time ``vna-corpus build`` of them and sample its memory."""
    try:
        import psutil
    except ImportError as err:
        raise ImportError(f"measuring build memory needs psutil: {BENCH_HINT}") from err
    from builder.synth import write_synth

    workdir = Path(workdir)
    shards = write_synth(pages, workdir / f"synth-{pages}", seed=seed)
    out = workdir / f"build-{pages}"
    command = [sys.executable, "-m", "builder.cli", "build", *map(str, shards), "--out", str(out), "--force",
               "--workers", str(workers)]
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process, peak, peak_pss = psutil.Process(child.pid), 0, 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = _tree_memory(process)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            done.wait(poll)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = child.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers were reaped by the build: counted too
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    done.set()
    sampler.join()
    if child.returncode:
        raise RuntimeError(f"the build of {pages} synthetic pages failed: {stderr.decode(errors='replace').strip()}")
    return ScalePoint(pages, workers, seconds, peak, sum(p.stat().st_size for p in shards), cpu, peak_pss)


# --- the report -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A figure the issue asks us to hold, and whether this run holds it."""

    what: str
    measured: str
    target: str
    holds: bool | None  # None: not measured in this run


@dataclass
class BenchResult:
    """Everything one ``vna-corpus bench`` run measured."""

    machine: dict[str, str]
    stages: dict[str, Timing]
    peers: dict[str, Timing | str] = field(default_factory=dict)  # a string: why the peer did not run
    entity_f1: dict[str, float | str] = field(default_factory=dict)
    parquet: Timing | None = None
    build: Timing | None = None
    scale: list[ScalePoint] = field(default_factory=list)
    min_seconds: float = 0.5
    language_zones: list[dict[str, Any]] = field(default_factory=list)
    langdetect_calls: dict[str, tuple[int, int]] = field(default_factory=dict)  # corpus -> (calls, pages)

    def ratio(self, name: str) -> float:
        """A stage's time in passes of the reference."""
        return self.stages[name].seconds / self.stages["reference"].seconds

    def targets(self) -> list[Target]:
        out = [
            Target("zone step vs the findall pass", f"{self.ratio('zones'):.2f}×", "≤ 1.2×",
                   self.ratio("zones") <= 1.2),
            Target("parse_page without language vs the findall pass", f"{self.ratio('parse_page (no language)'):.2f}×",
                   "≤ 5×", self.ratio("parse_page (no language)") <= 5),
            Target("language step vs the findall pass", f"{self.ratio('language'):.2f}×", "≤ 5×",
                   self.ratio("language") <= 5),
        ]
        spacy = self.peers.get("spaCy NER")
        if isinstance(spacy, Timing):
            speedup = spacy.seconds / self.stages["entities"].seconds
            out.append(Target("entity step faster than spaCy NER", f"{speedup:.0f}×", "≥ 100×", speedup >= 100))
            ours, theirs = self.entity_f1.get("ours"), self.entity_f1.get("spaCy NER")
            if isinstance(ours, float) and isinstance(theirs, float):
                out.append(Target("entity strict F1 (PER/ORG/LOC/MISC), ours vs spaCy",
                                  f"{ours:.3f} vs {theirs:.3f}", "higher", ours > theirs))
        else:
            out.append(Target("entity step faster than spaCy NER", "not run", "≥ 100×", None))
        trafilatura = self.peers.get("trafilatura.extract")
        if isinstance(trafilatura, Timing):
            speedup = trafilatura.seconds / self.stages["zones"].seconds
            out.append(Target("zone step faster than trafilatura.extract", f"{speedup:.0f}×", "≥ 20×", speedup >= 20))
        else:
            out.append(Target("zone step faster than trafilatura.extract", "not run", "≥ 20×", None))
        if len(self.scale) >= 2:
            small, large = self.scale[0], self.scale[-1]
            size_ratio = large.pages / small.pages
            time_ratio = large.seconds / small.seconds
            out.append(Target(f"build wall time {small.pages:,} → {large.pages:,} pages (×{size_ratio:g} pages)",
                              f"×{time_ratio:.2f}", f"×{size_ratio:g} ± 25%",
                              abs(time_ratio / size_ratio - 1) <= 0.25))
            if small.cpu_seconds > 0:
                cpu_ratio = large.cpu_seconds / small.cpu_seconds
                out.append(Target(f"build CPU time {small.pages:,} → {large.pages:,} pages (all processes)",
                                  f"×{cpu_ratio:.2f}", f"×{size_ratio:g} ± 25%",
                                  abs(cpu_ratio / size_ratio - 1) <= 0.25))
            rss_ratio = large.peak_rss / small.peak_rss
            out.append(Target(f"peak RSS {large.pages:,} vs {small.pages:,} pages", f"×{rss_ratio:.2f}",
                              "≤ ×1.25", rss_ratio <= 1.25))
            out.append(Target(f"peak RSS of the {large.pages:,}-page build", f"{large.peak_rss / 2**20:.0f} MiB",
                              "< 1 GiB", large.peak_rss < 2**30))
        return out


def machine_facts() -> dict[str, str]:
    """Cores, CPU model, load, Python and the versions of the libraries that do the work."""
    from builder.baselines.optional import distribution_version

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    facts = {
        "cores": str(os.cpu_count()),
        "CPU": cpu or "unknown",
        "system": f"{platform.system()} {platform.release()}",
        "load average (1, 5, 15 min) at start": load,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
    }
    for name in ("vna-corpus", "pyarrow", "datasets", "langdetect", "wordfreq", "pytest-benchmark", "spacy",
                 "fr-core-news-sm", "trafilatura", "matplotlib", "psutil"):
        facts[name] = distribution_version(name)
    return facts


def entity_strict_f1(w: Workload, spacy: Runner | None) -> dict[str, float | str]:
    """Strict F1 on the gold of ours and of spaCy, both on spaCy's labels (PER/ORG/LOC/MISC); ours on all too."""
    from builder.baselines.run import _restricted
    from builder.baselines.spacy_ner import SCORED_LABELS
    from builder.label import load_gold_corpus
    from builder.score import score

    gold, raws = load_gold_corpus()

    def records(entities_per_page: list) -> dict[str, dict[str, Any]]:
        return {i: {"id": i, "zones": [], "repairs": [],
                    "entities": [e if isinstance(e, dict) else {"start": e.start, "end": e.end, "label": e.label}
                                 for e in entities]}
                for i, entities in zip(w.ids, entities_per_page) if i in gold}

    def strict(predictions: Mapping[str, dict[str, Any]], labels: Sequence[str] | None) -> float:
        g, p = (gold, predictions) if labels is None else (_restricted(gold, labels), _restricted(predictions, labels))
        return score(g, raws, p, task="entities")["entities"]["overall"]["strict"]["f1"]

    ours = records(run_entities(w))
    out: dict[str, float | str] = {"ours (all five labels)": strict(ours, None), "ours": strict(ours, SCORED_LABELS)}
    out["spaCy NER"] = strict(records(spacy(w)), SCORED_LABELS) if spacy else "not run"
    return out


def language_by_zone() -> list[dict[str, Any]]:
    """How the language step answers on each kind of gold zone alone: short texts (titles, captions) included.

    ``detect_language`` says ``unknown`` below its minimum of letters instead of guessing; the build never sees
    those answers (it detects on the body sample), but a user calling it on a caption does.
    """
    from collections import defaultdict

    from builder.label import load_gold_corpus
    from builder.parse.language import MIN_CHARS, detect_language

    gold, raws = load_gold_corpus()
    texts: dict[str, list[str]] = defaultdict(list)
    for page_id, record in sorted(gold.items()):
        for z in record["zones"]:
            texts[z["label"]].append(raws[page_id][z["start"] : z["end"]])
    rows = []
    for label, items in texts.items():
        answers = [detect_language(t)[0] for t in items]
        rows.append({"zone": label, "texts": len(items), "mean_chars": sum(map(len, items)) / len(items),
                     "fr": answers.count("fr"), "unknown": answers.count("unknown"),
                     "other": len(items) - answers.count("fr") - answers.count("unknown"), "min_letters": MIN_CHARS})
    return rows


def langdetect_calls(raws: Sequence[str]) -> tuple[int, int]:
    """``(pages whose language needed langdetect, pages)``: the cheap French test settles the others."""
    from builder.parse import parse_page
    from builder.parse.language import article_paragraphs, clearly_french, language_sample

    samples = [language_sample(article_paragraphs(parse_page(raw, language=False, entities=False).fields))
               for raw in raws]
    return sum(not clearly_french(s) for s in samples), len(samples)


#: Synthetic pages the langdetect call rate is measured on.
LANGDETECT_RATE_SYNTH_PAGES = 2_000


def run_bench(
    out_dir: str | Path = "benchmarks",
    *,
    sizes: Sequence[int] = DEFAULT_SIZES,
    workers: int | None = None,
    min_seconds: float = 0.5,
    peers: bool = True,
    workload: Workload | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> BenchResult:
    """Time every stage, the peers, Parquet writing, a build and the scale builds; write the table and the plot."""
    w = workload or sample_workload()
    result = BenchResult(machine=machine_facts(), stages={}, min_seconds=min_seconds)
    for name, run in STAGES.items():
        log(f"timing {name}")
        result.stages[name] = time_runner(name, run, w, min_seconds)
    spacy = None
    if peers:
        from builder.baselines.optional import MissingPeer

        for name, load in PEERS.items():
            log(f"timing {name}")
            try:
                run = load()
            except MissingPeer as err:
                result.peers[name] = str(err)
                continue
            result.peers[name] = time_runner(name, run, w, min_seconds)
            if name == "spaCy NER":
                spacy = run
    log("scoring entities")
    result.entity_f1 = entity_strict_f1(w, spacy)
    result.language_zones = language_by_zone()
    from builder.synth import synth_pages

    result.langdetect_calls = {
        "bundled pages": langdetect_calls(w.raws),
        f"{LANGDETECT_RATE_SYNTH_PAGES:,} synthetic pages (`vna-corpus synth`, seed 0)":
            langdetect_calls([p.raw for p in synth_pages(LANGDETECT_RATE_SYNTH_PAGES)]),
    }
    with tempfile.TemporaryDirectory(prefix="vna-bench-") as tmp:
        results = page_results(w)
        log("timing Parquet writing")
        result.parquet = time_runner("Parquet writing", lambda _: [write_parquet(results, Path(tmp) / "parquet")], w,
                                     min_seconds)
        from builder.read import bundled_pages_dir

        log("timing a whole build")
        result.build = time_runner("whole build", lambda _: [run_build([bundled_pages_dir()], Path(tmp) / "b")], w,
                                   min_seconds, rounds=3)
        for n in sizes:
            log(f"building {n:,} synthetic pages")
            result.scale.append(measure_build(n, tmp, workers or os.cpu_count() or 1))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plot = plot_scale(result.scale, out_dir / PLOT_FILE) if len(result.scale) >= 1 else None
    results = out_dir / RESULTS_FILE
    kept = kept_sections(results.read_text(encoding="utf-8")) if results.is_file() else ""
    results.write_text(results_markdown(result, plot) + (f"\n{kept}" if kept else ""), encoding="utf-8")
    return result


#: Sections of RESULTS.md written by other scripts carry this comment under their heading, and are kept.
KEEP_MARKER = "keep this section when regenerating the rest of the file"


def kept_sections(markdown: str) -> str:
    r"""The ``## `` sections of ``markdown`` that another script wrote (marked with :data:`KEEP_MARKER`).

    >>> kept_sections("# B\n\n## Ours\n\nx\n\n## Theirs\n\n<!-- keep this section when regenerating the rest "
    ...               "of the file -->\ny\n")
    '## Theirs\n\n<!-- keep this section when regenerating the rest of the file -->\ny\n'
    """
    sections = re.split(r"(?m)^(?=## )", markdown)
    return "".join(section for section in sections if section.startswith("## ") and KEEP_MARKER in section)


# --- writing it up ----------------------------------------------------------------------------------------------


def plot_scale(points: Sequence[ScalePoint], path: Path) -> Path | str:
    """Build time and peak RSS against corpus size (log–log) as a PNG; a string says why there is no plot."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return f"no plot: matplotlib is not installed ({BENCH_HINT})"
    sizes = [p.pages for p in points]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), dpi=100)
    left.plot(sizes, [p.seconds for p in points], "o-", label="wall time")
    if all(p.cpu_seconds for p in points):
        left.plot(sizes, [p.cpu_seconds for p in points], "s-", label="CPU time, all processes")
    if points:
        first = points[0]
        left.plot(sizes, [first.seconds * n / first.pages for n in sizes], ":", color="grey", label="linear")
    left.set(xscale="log", yscale="log", xlabel="synthetic pages", ylabel="seconds", title="time")
    left.legend(fontsize="small")
    right.plot(sizes, [p.peak_rss / 2**20 for p in points], "o-", color="tab:red", label="peak RSS")
    if all(p.peak_pss for p in points):
        right.plot(sizes, [p.peak_pss / 2**20 for p in points], "s-", color="tab:purple", label="peak PSS")
    right.axhline(1024, color="grey", linestyle=":", label="1 GiB")
    right.set(xscale="log", xlabel="synthetic pages", ylabel="MiB, all processes", title="memory")
    right.set_ylim(bottom=0)
    right.legend(fontsize="small", loc="lower right")
    for axes in (left, right):
        axes.grid(True, which="both", alpha=0.3)
    fig.suptitle(f"vna-corpus build, {points[0].workers} worker(s)" if points else "vna-corpus build")
    fig.tight_layout()
    # No software version in the file: the same figures give the same bytes.
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return path


def _fmt_seconds(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def results_markdown(result: BenchResult, plot: Path | str | None = None) -> str:
    """``benchmarks/RESULTS.md``: targets, stage timings, peers, scale builds and the machine."""
    ref = result.stages["reference"]
    pages = ref.pages
    lines = [
        "# Benchmarks",
        "",
        "Written by `vna-corpus bench` (see `builder/bench.py`; the `benchmarks/` suites time the same runners with "
        "pytest-benchmark). Stage times are the best of 5 rounds of one pass over the "
        f"{pages} bundled pages ({ref.utf8_bytes:,} bytes of UTF-8), and every ratio is to the speed-limit reference, "
        "`re.findall(r\"\\w+\", text)` over the same pages, measured in the same run. The machine is shared with "
        "other engineers' jobs: absolute figures wobble with their load, ratios much less.",
        "",
        "## Targets",
        "",
    ]
    mark = {True: "yes", False: "**no**", None: "not run"}
    lines += _table(["what", "measured", "target", "holds"],
                    [[t.what, t.measured, t.target, mark[t.holds]] for t in result.targets()])
    lines += ["", "## Parsing core, per stage", ""]
    rows = []
    for name, t in result.stages.items():
        rows.append([f"`{name}`" if name != "reference" else "reference: `re.findall(r\"\\w+\")`",
                     _fmt_seconds(t.seconds / t.pages), f"{result.ratio(name):.2f}×", f"{t.pages_per_second:,.0f}",
                     f"{t.mb_per_second:.2f}"])
    lines += _table(["stage", "time per page", "× reference", "pages/s (one core)", "MB/s"], rows)
    lines += [
        "",
        "`zones` is `builder.parse.zones.segment`; `repairs` is `find_repairs`; `language` is `detect_language` on the "
        "300-character sample of the article (title, lead, body) `parse_page` takes: a cheap French test settles the "
        "clear cases with langdetect's answer, seeded langdetect reads the rest; `entities` is `tag_entities` inside "
        "the page's zones; `parse_page (no language)` is zones, fields, repairs and entities.",
        "",
    ]
    if result.langdetect_calls:
        lines += ["How often the language step still calls langdetect:", ""]
        lines += _table(["pages", "langdetect called", "rate"],
                        [[name, f"{calls:,} of {pages:,}", f"{calls / pages:.1%}"]
                         for name, (calls, pages) in result.langdetect_calls.items()])
        lines.append("")
    if result.language_zones:
        lines += ["The language step on short texts: `detect_language` on each gold zone of the bundled pages alone "
                  f"(below {result.language_zones[0]['min_letters']} letters it answers `unknown` rather than guess):",
                  ""]
        lines += _table(["zone", "texts", "mean characters", "fr", "unknown (too short)", "other"],
                        [[f"`{r['zone']}`", str(r["texts"]), f"{r['mean_chars']:.0f}", str(r["fr"]), str(r["unknown"]),
                          str(r["other"])] for r in result.language_zones])
        lines.append("")
    lines += [
        "## Peers on the same pages",
        "",
    ]
    rows = []
    for name, peer in result.peers.items():
        ours_name = "entities" if name == "spaCy NER" else "zones"
        if isinstance(peer, Timing):
            ours = result.stages[ours_name]
            rows.append([name, _fmt_seconds(peer.seconds / peer.pages), f"{peer.seconds / ref.seconds:.0f}×",
                         f"`{ours_name}`: {peer.seconds / ours.seconds:.0f}× faster"])
        else:
            rows.append([name, "not run", "", peer])
    if rows:
        lines += _table(["peer", "time per page", "× reference", "ours"], rows)
    else:
        lines.append("Peers were not run (`--no-peers`).")
    lines += ["", "trafilatura gets each page wrapped as HTML (`builder.baselines.trafilatura_zones.page_html`, "
              "wrapped before timing); spaCy `fr_core_news_sm` runs its `ner` component only, one document per line "
              "(`builder.baselines.spacy_ner`).", ""]
    if result.entity_f1:
        lines += ["Entity strict F1 on the gold (`builder.score`, SemEval-2013 strict), on the labels spaCy has:", ""]
        lines += _table(["system", "strict F1"],
                        [[name, f"{v:.3f}" if isinstance(v, float) else v] for name, v in result.entity_f1.items()])
        lines.append("")
    lines += ["## Writing and building", ""]
    rows = []
    for t in (result.parquet, result.build):
        if t is not None:
            rows.append([t.name, _fmt_seconds(t.seconds), f"{t.pages_per_second:,.0f}"])
    lines += _table(["what (the bundled pages)", "time", "pages/s"], rows)
    lines += ["", "Parquet writing: the rows of every config of the pages, through `builder.write.DatasetWriter`. "
              "Whole build: `builder.api.build` of the bundled corpus, one worker (read, parse, language, labels, "
              "Parquet, card, Croissant).", ""]
    if result.scale:
        lines += ["## Builds at scale (synthetic pages, `vna-corpus synth`)", ""]
        rows = [[f"{p.pages:,}", str(p.workers), f"{p.seconds:.1f} s", f"{p.pages_per_second:,.0f}",
                 f"{p.pages_per_second / p.workers:,.0f}", f"{p.cpu_seconds:.1f} s",
                 f"{p.pages / p.cpu_seconds:,.0f}" if p.cpu_seconds else "–", f"{p.peak_rss / 2**20:.0f} MiB",
                 f"{p.peak_pss / 2**20:.0f} MiB" if p.peak_pss else "–", f"{p.input_bytes / 2**20:.1f} MiB"]
                for p in result.scale]
        lines += _table(["pages", "workers", "wall time", "pages/s", "pages/s per worker", "CPU time (all processes)",
                         "pages per CPU second", "peak RSS (all processes)", "peak PSS (all processes)",
                         "input (.jsonl.gz)"], rows)
        lines += ["", "Each build runs `vna-corpus build` in a child process on shards written beforehand; wall time "
                  "includes starting Python and the workers; CPU time is user + system time of the build process and "
                  "its workers (`getrusage` of the reaped children), the figure other jobs on the machine disturb "
                  "least; peak RSS is the largest sum, sampled every 50 ms, of the resident sets of the build process "
                  "and its workers (the targets use it), and peak PSS the same with pages they share (Python, "
                  "libraries) counted once, what the build really takes from the machine.", ""]
        if isinstance(plot, Path):
            lines += [f"![build time and peak memory against corpus size]({plot.name})", ""]
        elif plot:
            lines += [plot, ""]
    lines += ["## Machine", ""]
    lines += _table(["", ""], [[k, v] for k, v in result.machine.items()])
    lines.append("")
    return "\n".join(lines)
