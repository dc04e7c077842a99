"""The Python API: one function per ``vna-corpus`` command (the CLI only parses options and calls these).

>>> from builder.api import build
>>> report = build(out="dist/vna-corpus-fr-0.1.0")     # doctest: +SKIP
>>> print(report.summary())                            # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from builder import __version__
from builder.build import BuildError, BuildReport, build_dataset, default_out
from builder.card import CardSection
from builder.read import DEFAULT_MAX_PAGE_BYTES, bundled_gold_dir, bundled_pages_dir
from builder.split import DEFAULT_RATIOS, SPLIT_NAMES, parse_ratios
from builder.write import CONFIGS, DEFAULT_ROWS_PER_SHARD

if TYPE_CHECKING:
    from builder.diff import DatasetDiff
    from builder.publish import PublishPlan
    from builder.release import CheckResult, ReleaseReport

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
    dataset_path: str = "",
    engine: str = "local",
    ray_address: str | None = None,
) -> BuildReport:
    """Build a Hugging Face dataset folder (Parquet configs, card, Croissant file, rejects) from pages.

    ``inputs``: folders (searched recursively) of ``.txt``/``.txt.gz`` pages and ``.jsonl``/``.jsonl.gz``
    files; none means the bundled sample corpus. ``out``: default ``dist/vna-corpus-fr-<version>``.
    ``split_ratios``: train, validation, test weights (``(80, 10, 10)`` or ``"80,10,10"``).
    ``workers``: processes for parsing (None: all cores); any count gives byte-identical output.
    ``force``: replace a non-empty ``out`` that is not an earlier build. ``gold_dir``: gold records by page
    id (default: the bundled gold). ``dataset_path``: how the card names the folder (default: its name; a
    release passes ``release/<version>`` so a rebuild elsewhere gives the same bytes).
    Raises :class:`BuildError` on bad options or a refused output folder.

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
        dataset_path=dataset_path,
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


def baselines(
    *,
    gold: str | Path | None = None,
    pages: str | Path | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
    min_seconds: float = 1.0,
) -> dict:
    """Score real peers (trafilatura, jusText, wordninja, SymSpell, spaCy) beside our parsing core on the gold pages.

    The evaluation harness (:func:`evaluate`) run over every registered parser (entry-point group
    ``vna_corpus.parsers``: our core, the peers and any installed plugin). Returns plain JSON data: per task,
    each system's scores with bootstrap intervals, its paired difference to ours, and its throughput. A peer
    that is not installed gets a ``missing`` row with its install line (``pip install 'vna-corpus[baselines]'``).
    Store it as ``cards/baselines.json`` to put the table in the card.
    """
    from builder.baselines import run_baselines
    from builder.label import load_gold_corpus

    records, raws = load_gold_corpus(gold, pages)
    return run_baselines(records, raws, bootstrap=bootstrap, seed=seed, min_seconds=min_seconds)
def evaluate(
    parsers: Sequence[str] = (),
    *,
    commands: Sequence[str] = (),
    plugins: Sequence[str] = (),
    gold: str | Path | None = None,
    pages: str | Path | None = None,
    variants: bool = False,
    task: str = "all",
    bootstrap: int = 1000,
    seed: int = 0,
    min_seconds: float = 1.0,
    timeout: float = 60.0,
    compare: bool = True,
    leaderboard: str | Path | None = None,
    report: str | Path | None = None,
    log=None,
) -> dict:
    """Run parsers on a gold set; score every task each answers, compare them with our core, time them.

    ``parsers``: Python paths ``package.module:function`` (a callable ``(raw, page_id) -> dict`` in the gold
    schema, optionally with ``setup()``, or a :class:`builder.evaluate.Parser`). ``commands``: shell commands
    with ``{pages_dir}`` and ``{out_file}``, run once over a folder of ``<page id>.txt`` files, writing JSON Lines.
    ``plugins``: entry-point names of the group ``vna_corpus.parsers`` (``"all"``: every registered parser).
    With none of the three, every registered parser runs (as ``baselines``). ``compare``: also run our core's
    registered parsers, for the paired difference to ours. ``gold``/``pages``: as in :func:`score` (default: the
    bundled gold pages); ``variants``: add the layout-variant suite (``builder.variants``) where it exists.

    A page on which a parser raises, returns malformed output or runs past ``timeout`` seconds is failed (scored
    empty, its reason listed). ``leaderboard``: a JSON file the result is appended to (``LEADERBOARD.md`` is
    rendered beside it); ``report``: an HTML report to write. Returns plain JSON data (see ``builder.evaluate``).
    Raises :class:`builder.evaluate.EvaluateError` on bad options.
    """
    from builder.evaluate.run import run_evaluation

    return run_evaluation(
        parsers, commands=commands, plugins=plugins, gold=gold, pages=pages, variants=variants, task=task,
        bootstrap=bootstrap, seed=seed, min_seconds=min_seconds, timeout=timeout, compare=compare,
        leaderboard=leaderboard, report=report, log=log or (lambda line: None))


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


def variants(gold: str | Path | None = None, pages: str | Path | None = None) -> dict:
    """Zone char-F1 of the zone step per layout-variant kind (head/tail cuts, missing parts, footers, …).

    The variants come from the gold pages (default: the bundled ones) with their gold made by the same cut
    (:mod:`builder.variants`).
    """
    from builder.label import load_gold
    from builder.read import read_page
    from builder.variants import gold_variants, score_variants

    gold_dir = Path(gold) if gold else bundled_gold_dir()
    pages_dir = Path(pages) if pages else (bundled_pages_dir() if gold is None else gold_dir.parent / "pages")
    records = load_gold(gold_dir)
    raws = {page_id: read_page(pages_dir / f"{page_id}.txt").raw for page_id in records}
    return score_variants(gold_variants(records, raws))


def format_score(result: dict, fmt: str = "table") -> str:
    """Scores as a terminal table, Markdown, or JSON."""
    import json

    from builder.score import format_markdown, format_table

    if fmt == "json":
        return json.dumps(result, indent=2, ensure_ascii=False)
    return format_markdown(result) if fmt == "markdown" else format_table(result)


# --- releases: builder.release, builder.diff, builder.publish ----------------------------


def release(
    version: str,
    *,
    release_dir: str | Path | None = None,
    workers: int | None = None,
    corpus: str | Path | None = None,
) -> ReleaseReport:
    """Publish ``release/<version>``: build the repository's corpus, write ``MANIFEST.json``, add the changelog entry.

    Refuses an existing version, a version the policy of ``release/README.md`` does not allow after the
    latest release, and synthetic pages. ``release_dir``: default the repository's ``release/``.
    ``corpus``: a folder laid out like ``builder/corpus`` (``pages/``, ``gold/``), for tests; published
    releases come from the default, ``builder/corpus``. Raises :class:`ReleaseError`.
    """
    from builder.release import make_release

    return make_release(version, workers=workers, **_release_options(release_dir, corpus))


def check_release(
    version: str,
    *,
    release_dir: str | Path | None = None,
    workers: int | None = None,
    corpus: str | Path | None = None,
) -> CheckResult:
    """Rebuild ``release/<version>`` (``latest``: the newest) from the corpus in a temporary folder; compare bytes.

    Returns a :class:`~builder.release.CheckResult`: no problems means byte-identical. Raises :class:`ReleaseError`.
    """
    from builder.release import check_release as check

    return check(version, workers=workers, **_release_options(release_dir, corpus))


def verify(target: str | Path | None = None, *, release_dir: str | Path | None = None) -> tuple[list[str], list[str]]:
    """Check release folders against their manifests: ``(folders checked, problems)``, one line per problem.

    ``target``: a release folder or a version; none means every published version (and its changelog entry).
    """
    from builder.release import release_folder, verify_all, verify_release

    options = _release_options(release_dir, None)
    if target is None:
        return verify_all(**options)
    folder = release_folder(target, **options)
    return [str(folder)], verify_release(folder)


def diff(a: str | Path, b: str | Path, *, release_dir: str | Path | None = None) -> DatasetDiff:
    """What changed from ``a`` to ``b`` (versions of ``release/`` or built folders). Raises :class:`DiffError`."""
    from builder.diff import diff_folders
    from builder.release import release_folder

    options = _release_options(release_dir, None)
    return diff_folders(release_folder(a, **options), release_folder(b, **options), str(a), str(b))


def format_diff(result: DatasetDiff, fmt: str = "table") -> str:
    """A diff as a terminal table or as JSON."""
    from builder.diff import format_json, format_table

    return format_json(result) if fmt == "json" else format_table(result)


def publish(
    version: str,
    repo_id: str,
    *,
    dry_run: bool = False,
    release_dir: str | Path | None = None,
    private: bool = False,
    hub_api: object = None,
) -> tuple[PublishPlan, str | None]:
    """Upload ``release/<version>`` to the Hub dataset repository ``repo_id`` and tag the commit ``<version>``.

    The folder is verified first; ``dry_run`` only computes the plan (files, tag) and touches no network.
    Returns the plan and the tagged commit id (None on a dry run). ``hub_api``: an ``HfApi`` to use.
    """
    from builder.publish import plan_publish, publish_plan

    plan = plan_publish(version, repo_id, **_release_options(release_dir, None))
    if dry_run:
        return plan, None
    return plan, publish_plan(plan, api=hub_api, private=private)


def _release_options(release_dir: str | Path | None, corpus: str | Path | None) -> dict[str, Path]:
    options = {}
    if release_dir is not None:
        options["release_dir"] = Path(release_dir)
    if corpus is not None:
        options["corpus"] = Path(corpus)
    return options


# --- growing the gold: builder.annotate, builder.agreement, builder.view ---------------------


def annotate_config() -> str:
    """The Label Studio labelling config (XML): zone, entity and repair labels with colours, hotkeys and the
    annotation guidelines' one-line definitions as hints."""
    from builder.annotate import label_config

    return label_config((Path(__file__).parent / "cards" / "annotation-guidelines.md").read_text(encoding="utf-8"))


def annotate_export(
    inputs: Sequence[str | Path] = (),
    out: str | Path | None = None,
    *,
    labels: str = "silver",
    gold: str | Path | None = None,
) -> list[dict]:
    """Label Studio tasks, one per page (raw text, page id, sha256), pre-annotated with ``labels``: ``silver``
    (the parsing core), ``gold`` (the gold files of ``gold``, default the bundled gold; a page without one gets
    no prediction) or ``none``. Offsets are converted to Label Studio's UTF-16 units. Writes ``out`` (JSON) when
    given. Raises :class:`builder.annotate.AnnotateError` on an unreadable page or gold file.
    """
    import json

    from builder.annotate import GOLD_MODEL_VERSION, MODEL_VERSION, AnnotateError, make_task
    from builder.label import GoldError, load_gold
    from builder.parse import parse_page
    from builder.read import PageError, iter_pages

    if labels not in ("silver", "gold", "none"):
        raise AnnotateError(f"--labels {labels!r}: expected silver, gold or none")
    try:
        records = load_gold(gold if gold is not None else bundled_gold_dir()) if labels == "gold" else {}
    except GoldError as err:
        raise AnnotateError(str(err)) from None
    tasks = []
    for page in iter_pages(list(inputs) or [bundled_pages_dir()]):
        if isinstance(page, PageError):
            raise AnnotateError(str(page))
        if labels == "silver":
            record = parse_page(page.raw, page.id).to_record()
        else:
            record = records.get(page.id)
        tasks.append(make_task(page.id, page.raw, record, MODEL_VERSION if labels == "silver" else GOLD_MODEL_VERSION))
    if out is not None:
        Path(out).write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return tasks


def annotate_import(
    export: str | Path,
    out: str | Path,
    *,
    pages: str | Path | None = None,
    annotator: str | None = None,
):
    """Gold files from a Label Studio JSON export: ``out/<page id>.json``, or ``out/<annotator>/<page id>.json``
    when the export holds several annotators (``annotator`` keeps one). Every record is checked by the gold
    validator against its page in ``pages`` (default: the bundled pages); a task whose text changed since export
    is refused. Pages with problems are not written; returns the :class:`builder.annotate.ImportReport`.
    """
    from builder.annotate import import_export, read_export, write_gold_files
    from builder.read import PageError, iter_pages

    raws = {}
    for page in iter_pages([pages if pages is not None else bundled_pages_dir()]):
        if not isinstance(page, PageError):
            raws[page.id] = page.raw
    report = import_export(read_export(export), raws, annotator=annotator, name=str(export))
    write_gold_files(report, out)
    return report


def agreement(gold_a: str | Path, gold_b: str | Path, *, pages: str | Path | None = None) -> dict:
    """Inter-annotator agreement of two gold folders on the pages both have: zones (character kappa, char F1
    per label), repairs (F1), entities (strict and partial F1 per label, token kappa), each page's differences,
    and the pages in one folder only. ``pages``: the raw pages (default: the bundled corpus).
    """
    from builder.agreement import agreement as compare
    from builder.label import load_gold
    from builder.read import read_page

    records_a, records_b = load_gold(gold_a), load_gold(gold_b)
    folder = Path(pages) if pages is not None else bundled_pages_dir()
    raws = {page_id: read_page(folder / f"{page_id}.txt").raw for page_id in set(records_a) & set(records_b)}
    return compare(records_a, records_b, raws)


def format_agreement(result: dict, fmt: str = "table") -> str:
    """Agreement as a terminal table (with the differences), Markdown, or JSON."""
    import json

    from builder.agreement import format_markdown, format_table

    if fmt == "json":
        return json.dumps(result, indent=2, ensure_ascii=False)
    return format_markdown(result) if fmt == "markdown" else format_table(result)


def view(
    inputs: Sequence[str | Path] = (),
    out: str | Path = "view.html",
    *,
    gold: str | Path | None = None,
    pred: str | Path | None = None,
    title: str = "vna-corpus pages",
) -> Path:
    """Write one self-contained HTML file showing pages with their labels (zones, repairs, entities, warnings).

    ``inputs``: page files or folders (default: the bundled pages), or a built dataset folder (its own labels).
    ``gold``: a gold folder; ``pred``: predictions (JSON Lines in the gold schema) or a second gold folder (shown
    under its folder's name). With two label sets they are
    shown side by side and their differences outlined; with none, the parsing core's (silver) labels are shown.
    Raises :class:`builder.score.PredictionError` on a bad prediction file.
    """
    from builder.label import load_gold
    from builder.parse import parse_page
    from builder.read import PageError, iter_pages
    from builder.score import load_predictions
    from builder.view import dataset_records, page_views, render_html

    inputs = list(inputs) or [bundled_pages_dir()]
    layers: dict[str, dict] = {}
    if len(inputs) == 1 and (Path(inputs[0]) / "data").is_dir():
        raws, layers = dataset_records(inputs[0])
    else:
        raws = {}
        for page in iter_pages(inputs):
            if isinstance(page, PageError):
                raise ValueError(str(page))
            raws[page.id] = page.raw
    parsed = {page_id: parse_page(raw, page_id) for page_id, raw in raws.items()}
    if gold is not None:
        layers["gold"] = load_gold(gold)
    if pred is not None and Path(pred).is_dir():
        name = Path(pred).name if gold is not None else "predictions"
        layers[name if name not in layers else f"{name} (B)"] = load_gold(pred)
    elif pred is not None:
        layers["predictions"] = load_predictions(pred, raws.keys(), raws)[0]
    if not layers:
        layers["silver"] = {page_id: page.to_record() for page_id, page in parsed.items()}
    warnings = {page_id: list(page.warnings) for page_id, page in parsed.items()}
    out = Path(out)
    out.write_text(render_html(page_views(raws, layers, warnings), title), encoding="utf-8")
    return out


__all__ = [
    "agreement",
    "annotate_config",
    "annotate_export",
    "annotate_import",
    "format_agreement",
    "view",
    "CONFIGS",
    "DEFAULT_VERSION",
    "SPLIT_NAMES",
    "BuildError",
    "baselines",
    "BuildReport",
    "CardSection",
    "bench",
    "build",
    "check_release",
    "default_out",
    "diff",
    "evaluate",
    "format_diff",
    "format_score",
    "publish",
    "release",
    "score",
    "verify",
    "synth",
]
