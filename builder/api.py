"""The Python API: one function per ``vna-corpus`` command (the CLI only parses options and calls these).

>>> from builder.api import build
>>> report = build(out="dist/vna-corpus-fr-0.1.0")     # doctest: +SKIP
>>> print(report.summary())                            # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from builder import __version__
from builder.build import BuildError, BuildReport, build_dataset, default_out
from builder.card import CardSection
from builder.read import DEFAULT_MAX_PAGE_BYTES, bundled_gold_dir, bundled_pages_dir
from builder.split import DEFAULT_RATIOS, SPLIT_NAMES, parse_ratios
from builder.write import CONFIGS, DEFAULT_ROWS_PER_SHARD

#: The dataset version a build gets unless told otherwise.
DEFAULT_VERSION = __version__


def build(
    inputs: Sequence[str | Path] = (),
    out: str | Path | None = None,
    *,
    version: str = DEFAULT_VERSION,
    split_ratios: tuple[int, ...] | str = DEFAULT_RATIOS,
    workers: int | None = None,
    force: bool = False,
    gold_dir: str | Path | None = None,
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
    rows_per_shard: int = DEFAULT_ROWS_PER_SHARD,
    extra_sections: Sequence[CardSection] = (),
    progress: bool = False,
    engine: str = "local",
    ray_address: str | None = None,
) -> BuildReport:
    """Build a Hugging Face dataset folder (Parquet configs, card, Croissant file, rejects) from pages.

    ``inputs``: folders (searched recursively) of ``.txt``/``.txt.gz`` pages and ``.jsonl``/``.jsonl.gz``
    files; none means the bundled sample corpus. ``out``: default ``dist/vna-corpus-fr-<version>``.
    ``split_ratios``: train, validation, test weights (``(80, 10, 10)`` or ``"80,10,10"``).
    ``workers``: processes for parsing (None: all cores); any count gives byte-identical output.
    ``force``: replace a non-empty ``out`` that is not an earlier build. ``gold_dir``: gold records by page
    id (default: the bundled gold). Raises :class:`BuildError` on bad options or a refused output folder.

    Inputs and ``out`` may be fsspec URLs (``memory://``, ``s3://`` with ``s3fs``, ...); an ``out`` URL
    is built locally, then published there (``report.location``). ``engine``: ``"local"`` (processes
    on this machine) or ``"ray"`` (Ray tasks: a local instance of ``workers`` CPUs, or the cluster at
    ``ray_address`` or ``RAY_ADDRESS``; needs ``pip install 'vna-corpus[ray]'``); any engine gives
    byte-identical output.
    """
    if isinstance(split_ratios, str):
        try:
            split_ratios = parse_ratios(split_ratios)
        except ValueError as err:
            raise BuildError(str(err)) from None
    return build_dataset(
        list(inputs) or [bundled_pages_dir()],
        out if out is not None else default_out(version),
        version=version,
        split_ratios=tuple(split_ratios),
        workers=workers,
        force=force,
        gold_dir=Path(gold_dir) if gold_dir is not None else bundled_gold_dir(),
        max_page_bytes=max_page_bytes,
        rows_per_shard=rows_per_shard,
        extra_sections=extra_sections,
        progress=progress,
        engine=engine,
        ray_address=ray_address,
    )


def score(
    pred: str | Path,
    *,
    gold: str | Path | None = None,
    pages: str | Path | None = None,
    task: str = "all",
    bootstrap: int = 0,
    seed: int = 0,
    lenient: bool = False,
) -> tuple[dict, list[str]]:
    """Score predictions (JSON Lines in the gold schema; ``-`` for stdin) against gold.

    ``gold``: a built dataset folder (its gold rows) or a folder of gold files (default: the bundled gold),
    ``pages``: the raw pages of a gold-file folder. Returns the scores (plain JSON data) and the warnings
    of lenient loading. Raises :class:`builder.score.PredictionError` on a bad prediction.
    """
    import sys

    from builder.label import load_gold_corpus
    from builder.score import load_predictions
    from builder.score import score as score_predictions

    records, raws = load_gold_corpus(gold, pages)
    source = sys.stdin if str(pred) == "-" else pred
    name = "<stdin>" if str(pred) == "-" else None
    predictions, warnings = load_predictions(source, records.keys(), raws, lenient=lenient, name=name)
    tasks = {"segmentation": "zones", "repair": "repairs"}.get(task, task)
    result = score_predictions(records, raws, predictions, task=tasks, bootstrap=bootstrap, seed=seed)
    return result, warnings


def synth(n: int, out: str | Path, *, seed: int = 0) -> list[Path]:
    """Write ``n`` seeded synthetic pages (benchmarks only) as ``.jsonl.gz`` shards that :func:`build` reads."""
    from builder.synth import write_synth

    return write_synth(n, out, seed=seed)


def bench(
    out_dir: str | Path = "benchmarks",
    *,
    sizes: Sequence[int] = (10_000, 100_000),
    workers: int | None = None,
    min_seconds: float = 0.5,
    peers: bool = True,
    log=None,
):
    """Time the parsing core against the ``re.findall`` reference and the peers, Parquet writing, a build, and
    builds of ``sizes`` synthetic pages; write ``RESULTS.md`` and ``scale.png`` into ``out_dir``.

    Returns a :class:`builder.bench.BenchResult`. Peers need ``vna-corpus[baselines]``; the plot and the memory
    figures need ``vna-corpus[bench]``.
    """
    from builder.bench import run_bench

    return run_bench(out_dir, sizes=sizes, workers=workers, min_seconds=min_seconds, peers=peers,
                     log=log or (lambda line: None))


def format_score(result: dict, fmt: str = "table") -> str:
    """Scores as a terminal table, Markdown, or JSON."""
    import json

    from builder.score import format_markdown, format_table

    if fmt == "json":
        return json.dumps(result, indent=2, ensure_ascii=False)
    return format_markdown(result) if fmt == "markdown" else format_table(result)


__all__ = [
    "CONFIGS",
    "DEFAULT_VERSION",
    "SPLIT_NAMES",
    "BuildError",
    "BuildReport",
    "CardSection",
    "bench",
    "build",
    "default_out",
    "format_score",
    "score",
    "synth",
]
