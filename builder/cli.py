"""The ``vna-corpus`` command line: one command per function of :mod:`builder.api`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


class Location(click.ParamType):
    """A local path (checked like ``click.Path``) or an fsspec URL (``memory://…``, ``s3://…``), passed on as it is."""

    name = "path or URL"

    def __init__(self, **path_options) -> None:
        self.path = click.Path(path_type=Path, **path_options)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and "://" in value:
            return value
        return self.path.convert(value, param, ctx)


@click.group()
@click.version_option(package_name="vna-corpus")
def main() -> None:
    """Parse, label, score and package scraped French pages of the Vietnam News Agency."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write JSON Lines here, not stdout.")
@click.option("--fields", is_flag=True, help="Add the structured fields, language and warnings.")
def parse(paths: tuple[Path, ...], out: Path | None, fields: bool) -> None:
    """Parse pages (files or folders) into JSON Lines in the gold schema.

    Example: ``vna-corpus parse builder/corpus/pages --fields``
    """
    from builder.parse import parse_page
    from builder.read import PageError, iter_pages

    failed = 0
    stream = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        for page in iter_pages(paths):
            if isinstance(page, PageError):
                click.echo(f"error: {page}", err=True)
                failed += 1
                continue
            record = parse_page(page.raw, page.id).to_record(with_fields=fields)
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out:
            stream.close()
    if failed:
        sys.exit(1)


@main.command("validate-gold")
@click.argument("gold_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--pages", "pages_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the raw pages (default: the bundled corpus).")
def validate_gold(gold_dir: Path | None, pages_dir: Path | None) -> None:
    """Check every gold file against its raw page; exit non-zero naming each problem.

    Example: ``vna-corpus validate-gold``
    """
    from builder.label import validate_gold_dir
    from builder.read import bundled_gold_dir, bundled_pages_dir

    problems = validate_gold_dir(gold_dir or bundled_gold_dir(), pages_dir or bundled_pages_dir())
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo("gold files OK")


@main.command()
@click.argument("inputs", nargs=-1, type=Location(exists=True))
@click.option("--out", "out", type=Location(file_okay=False),
              help="Output folder, a path or an fsspec URL (default: dist/vna-corpus-fr-<version>).")
@click.option("--version", "version", default=None, metavar="X.Y.Z",
              help="Dataset version, written into the card (default: the package version).")
@click.option("--split-ratios", default="80,10,10", show_default=True, metavar="TRAIN,VALIDATION,TEST",
              help="Split weights; a page's split is a hash of its normalised title.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Parsing processes (default: all cores); any count gives identical output.")
@click.option("--force", is_flag=True, help="Replace OUT even if it is a non-empty folder that is not a build.")
@click.option("--max-page-bytes", type=click.IntRange(min=1), default=None,
              help="Reject pages larger than this (default: 1000000).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the parse stage runs: local processes, or Ray tasks (pip install 'vna-corpus[ray]').")
@click.option("--ray-address", metavar="ADDR", default=None,
              help="Ray cluster to join (default: RAY_ADDRESS, else a local Ray instance of --workers CPUs).")
def build(inputs: tuple[Path | str, ...], out: Path | str | None, version: str | None, split_ratios: str,
          workers: int | None, force: bool, max_page_bytes: int | None, engine: str, ray_address: str | None,
          ) -> None:
    """Build a Hugging Face dataset folder from pages: Parquet configs, card, croissant.json, rejects.jsonl.

    INPUTS are folders (searched recursively) of .txt/.txt.gz pages, or .jsonl/.jsonl.gz files of
    {"id", "text", "url"} objects, as local paths or fsspec URLs (s3://, gs://, memory://); with
    none, the bundled sample corpus is built.

    Example: ``vna-corpus build --out dist/vna-corpus-fr``
    """
    from builder import api

    options = {"version": version} if version else {}
    if max_page_bytes:
        options["max_page_bytes"] = max_page_bytes
    try:
        report = api.build(inputs, out, split_ratios=split_ratios, workers=workers, force=force,
                           progress=sys.stderr.isatty(), engine=engine, ray_address=ray_address, **options)
    except api.BuildError as err:
        raise click.ClickException(str(err)) from None
    click.echo(report.summary())


@main.command()
@click.option("--pred", "pred", required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Predictions, JSON Lines in the gold schema (id, zones, repairs, entities); - for stdin.")
@click.option("--gold", "gold", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A built dataset folder (its gold rows) or a folder of gold files (default: the bundled gold).")
@click.option("--pages", "pages_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Raw pages of a gold-file folder (default: the bundled corpus).")
@click.option("--task", type=click.Choice(["segmentation", "zones", "repair", "repairs", "entities", "all"]),
              default="all", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--bootstrap", type=click.IntRange(min=0), default=0, show_default=True,
              help="Resamples of documents for 95% confidence intervals (0: none).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@click.option("--lenient", is_flag=True, help="Drop bad prediction items with a warning instead of failing.")
def score(pred: str, gold: Path | None, pages_dir: Path | None, task: str, fmt: str, bootstrap: int, seed: int,
          lenient: bool) -> None:
    """Score a parser's predictions against the gold labels.

    Example: ``vna-corpus parse builder/corpus/pages --out preds.jsonl && vna-corpus score --pred preds.jsonl``
    """
    from builder import api
    from builder.score import PredictionError

    try:
        result, warnings = api.score(pred, gold=gold, pages=pages_dir, task=task, bootstrap=bootstrap, seed=seed,
                                     lenient=lenient)
    except (PredictionError, ValueError, OSError) as err:
        raise click.ClickException(str(err)) from None
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(api.format_score(result, fmt))


@main.command()
@click.option("--gold", "gold", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A built dataset folder (its gold rows) or a folder of gold files (default: the bundled gold).")
@click.option("--pages", "pages_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Raw pages of a gold-file folder (default: the bundled corpus).")
@click.option("--bootstrap", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Resamples of pages for 95% confidence intervals (0: none).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@click.option("--min-seconds", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Time each system over repeated passes for at least this long.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the result as JSON here (cards/baselines.json puts it into every card).")
def baselines(gold: Path | None, pages_dir: Path | None, bootstrap: int, seed: int, min_seconds: float, fmt: str,
              out: Path | None) -> None:
    """Score real peers beside our parsing core on the gold pages (needs `pip install 'vna-corpus[baselines]'`).

    Example: ``vna-corpus baselines --bootstrap 1000 --out cards/baselines.json``
    """
    from builder import api
    from builder.baselines import baselines_markdown

    try:
        result = api.baselines(gold=gold, pages=pages_dir, bootstrap=bootstrap, seed=seed, min_seconds=min_seconds)
    except (ValueError, OSError) as err:
        raise click.ClickException(str(err)) from None
    text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    for task in result["tasks"].values():
        for row in task["systems"]:
            if row["status"] != "ok":
                click.echo(f"warning: {row['system']}: {row['error']}", err=True)
    click.echo(text if fmt == "json" else baselines_markdown(result), nl=False)


@main.command()
@click.option("--parser", "parsers", multiple=True, metavar="PKG.MODULE:FUNCTION",
              help="A Python parser: a callable (raw, page_id) -> dict in the gold schema (repeatable).")
@click.option("--command", "commands", multiple=True, metavar="'CMD {pages_dir} {out_file}'",
              help="A parser in any language, run once over a folder of <page id>.txt files, writing JSON Lines "
                   "to {out_file} (repeatable).")
@click.option("--plugin", "plugins", multiple=True, metavar="NAME",
              help="A registered parser (entry-point group vna_corpus.parsers), or 'all' (repeatable).")
@click.option("--gold", "gold", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A built dataset folder (its gold rows) or a folder of gold files (default: the bundled gold).")
@click.option("--pages", "pages_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Raw pages of a gold-file folder (default: the bundled corpus).")
@click.option("--variants", is_flag=True, help="Add the layout-variant suite of the gold pages, where it exists.")
@click.option("--task", type=click.Choice(["zones", "repairs", "entities", "all"]), default="all", show_default=True)
@click.option("--bootstrap", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Resamples of pages for 95% confidence intervals (0: none), the same for every parser.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@click.option("--min-seconds", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Time each parser's warm passes for at least this long.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds a parser may spend on one page before the page counts as failed.")
@click.option("--no-compare", is_flag=True, help="Do not add our core for the paired difference to ours.")
@click.option("--leaderboard", "leaderboard", type=click.Path(dir_okay=False, path_type=Path),
              help="Append the result to this JSON file and render LEADERBOARD.md beside it.")
@click.option("--report", "report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a self-contained HTML report here.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the result as JSON.")
def evaluate(parsers: tuple[str, ...], commands: tuple[str, ...], plugins: tuple[str, ...], gold: Path | None,
             pages_dir: Path | None, variants: bool, task: str, bootstrap: int, seed: int, min_seconds: float,
             timeout: float, no_compare: bool, leaderboard: Path | None, report: Path | None, fmt: str,
             out: Path | None) -> None:
    """Run parsers on a gold set: scores with intervals, paired differences to our core, speed; failed pages listed.

    With no --parser, --command or --plugin, every registered parser runs (as `baselines`).

    Example: ``vna-corpus evaluate --parser my_parser:parse --report report.html --leaderboard lb.json``
    """
    from builder import api
    from builder.evaluate import EvaluateError
    from builder.evaluate.leaderboard import leaderboard_markdown, result_entries

    if str(Path.cwd()) not in sys.path:  # --parser my_module:parse finds my_module.py here, as `python -m` would
        sys.path.insert(0, str(Path.cwd()))
    try:
        result = api.evaluate(parsers, commands=commands, plugins=plugins, gold=gold, pages=pages_dir,
                              variants=variants, task=task, bootstrap=bootstrap, seed=seed, min_seconds=min_seconds,
                              timeout=timeout, compare=not no_compare, leaderboard=leaderboard, report=report,
                              log=lambda line: click.echo(line, err=True))
    except (EvaluateError, ValueError, OSError) as err:
        raise click.ClickException(str(err)) from None
    text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    for parser in result["parsers"]:
        if parser["status"] != "ok":
            click.echo(f"warning: {parser['name']}: not run: {parser.get('error')}", err=True)
        for failure in parser["failed_pages"]:
            click.echo(f"warning: {parser['name']}: page {failure['page']} failed: {failure['reason']}", err=True)
    click.echo(text if fmt == "json" else leaderboard_markdown(result_entries(result), "this run"), nl=False)


# --- releases ---------------------------------------------------------------------------

_release_dir_option = click.option(
    "--release-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder of the published versions (default: the repository's release/).")


@main.command()
@click.argument("version", metavar="X.Y.Z")
@click.option("--check", is_flag=True,
              help="Do not release: rebuild X.Y.Z from the corpus into a temporary folder and compare byte for byte.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Parsing processes (default: all cores).")
@_release_dir_option
def release(version: str, check: bool, workers: int | None, release_dir: Path | None) -> None:
    """Publish release/X.Y.Z from the repository's corpus: the build, MANIFEST.json and a changelog entry.

    Refuses an existing version and one that breaks the version policy (release/README.md) after the latest
    release. With --check (X.Y.Z or latest), exits non-zero naming every file a rebuild gives differently.

    Example: ``vna-corpus release 0.2.0`` then ``vna-corpus release --check 0.2.0``
    """
    from builder import api
    from builder.diff import DiffError
    from builder.release import ReleaseError

    try:
        if check:
            result = api.check_release(version, release_dir=release_dir, workers=workers)
        else:
            report = api.release(version, release_dir=release_dir, workers=workers)
    except (ReleaseError, DiffError) as err:
        raise click.ClickException(str(err)) from None
    if not check:
        click.echo(report.summary())
        return
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)
    if not result.ok:
        sys.exit(1)
    click.echo(f"release {result.version}: a rebuild from the corpus gives the same {result.files} files, "
               f"byte for byte ({result.seconds:.1f} s)")


@main.command()
@click.argument("target", required=False, metavar="[release/X.Y.Z]")
@_release_dir_option
def verify(target: str | None, release_dir: Path | None) -> None:
    """Check a release folder (default: every published version) against its MANIFEST.json.

    Every file's size and sha256, the rows per config and split, and each version's changelog entry; exits
    non-zero naming what differs.

    Example: ``vna-corpus verify release/0.1.0``
    """
    from builder import api

    checked, problems = api.verify(target, release_dir=release_dir)
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"verified: {', '.join(checked)}")


@main.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_release_dir_option
def diff(a: str, b: str, fmt: str, release_dir: Path | None) -> None:
    """What changed from A to B (versions of release/ or built folders).

    Pages added, removed and changed (by content sha256), label changes per config (gold and silver), split
    moves, schema and file changes, and the version level they need.

    Example: ``vna-corpus diff 0.1.0 dist/vna-corpus-fr-0.1.0 --format json``
    """
    from builder import api
    from builder.diff import DiffError

    try:
        result = api.diff(a, b, release_dir=release_dir)
    except DiffError as err:
        raise click.ClickException(str(err)) from None
    click.echo(api.format_diff(result, fmt))


@main.command()
@click.argument("version", metavar="X.Y.Z")
@click.option("--repo-id", required=True, metavar="ORG/NAME", help="Hub dataset repository to upload to.")
@click.option("--dry-run", is_flag=True, help="Print the files and the tag; send nothing.")
@click.option("--private", is_flag=True, help="Create the repository private (if it does not exist).")
@_release_dir_option
def publish(version: str, repo_id: str, dry_run: bool, private: bool, release_dir: Path | None) -> None:
    """Upload release/X.Y.Z to the Hugging Face Hub and tag the commit X.Y.Z.

    The folder is verified first; only the manifest's files (and MANIFEST.json) are sent.

    Example: ``vna-corpus publish 0.1.0 --repo-id my-org/vna-corpus-fr --dry-run``
    """
    from builder import api
    from builder.release import ReleaseError

    try:
        plan, commit = api.publish(version, repo_id, dry_run=dry_run, release_dir=release_dir, private=private)
    except ReleaseError as err:
        raise click.ClickException(str(err)) from None
    if dry_run:
        click.echo(plan.describe())
        return
    click.echo(f"published {plan.version} to https://huggingface.co/datasets/{plan.repo_id}: commit {commit}, "
               f"tag {plan.tag!r}")


@main.command()
@click.option("--gold", "gold", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Gold folder (default: the bundled gold).")
@click.option("--pages", "pages_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Pages of that gold (default: the pages folder beside it).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
def variants(gold: Path | None, pages_dir: Path | None, fmt: str) -> None:
    """Score the zone step on layout variants of the gold pages (cut head or tail, no title, lead, captions or
    Voir plus line, blank lines removed or tripled, a footer appended), whose gold is derived by the same cut."""
    from builder import api
    from builder.variants import format_variant_scores

    result = api.variants(gold, pages_dir)
    click.echo(json.dumps(result, indent=2) if fmt == "json" else format_variant_scores(result))


@main.command()
@click.argument("n", type=click.IntRange(min=0))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the synth-NNNNN.jsonl.gz shards.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same pages.")
def synth(n: int, out: Path, seed: int) -> None:
    """Write N synthetic pages of the sample layout, for benchmarks only (a build of them says so; never released).

    Example: ``vna-corpus synth 10000 --out /tmp/synth-10k && vna-corpus build /tmp/synth-10k --out /tmp/b10k``
    """
    from builder import api

    try:
        paths = api.synth(n, out, seed=seed)
    except (ValueError, OSError) as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Wrote {n} synthetic pages (seed {seed}) into {len(paths)} file(s) in {out}")


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("benchmarks"),
              show_default=True, help="Folder for RESULTS.md and scale.png.")
@click.option("--sizes", default="10000,100000", show_default=True, metavar="N,N,...",
              help="Synthetic corpus sizes to build and measure (empty: no scale builds).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Workers of the scale builds (default: all cores).")
@click.option("--min-seconds", type=click.FloatRange(min=0), default=0.5, show_default=True,
              help="Time spent on each stage (best of 5 rounds).")
@click.option("--no-peers", is_flag=True, help="Do not run spaCy and trafilatura.")
def bench(out: Path, sizes: str, workers: int | None, min_seconds: float, no_peers: bool) -> None:
    """Benchmark the parsing core, the peers and the build; write OUT/RESULTS.md and OUT/scale.png.

    Example: ``vna-corpus bench --sizes 10000,100000`` (the committed benchmarks/RESULTS.md)
    """
    from builder import api

    try:
        counts = tuple(int(n) for n in sizes.split(",") if n.strip())
    except ValueError:
        raise click.BadParameter(f"not a list of page counts: {sizes!r}", param_hint="--sizes") from None
    result = api.bench(out, sizes=counts, workers=workers, min_seconds=min_seconds, peers=not no_peers,
                       log=lambda line: click.echo(line, err=True))
    for target in result.targets():
        verdict = {True: "ok  ", False: "MISS", None: "--  "}[target.holds]
        click.echo(f"{verdict} {target.what}: {target.measured} (target {target.target})")
    click.echo(f"Wrote {out / 'RESULTS.md'}")


@main.group()
def annotate() -> None:
    """Label Studio round trip: export tasks with pre-annotations, the labelling config, import annotations as gold.

    Example: ``vna-corpus annotate config > label_config.xml && vna-corpus annotate export --out tasks.json``
    """


@annotate.command("config")
def annotate_config() -> None:
    """Print the Label Studio labelling config (XML) for zones, entities and repairs.

    Example: ``vna-corpus annotate config > label_config.xml``
    """
    from builder import api

    click.echo(api.annotate_config(), nl=False)


@annotate.command("export")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write the Label Studio tasks (a JSON list) here.")
@click.option("--labels", type=click.Choice(["silver", "gold", "none"]), default="silver", show_default=True,
              help="Pre-annotations: the parsing core's labels, the gold files, or none.")
@click.option("--gold", "gold", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Gold folder for --labels gold (default: the bundled gold).")
def annotate_export(paths: tuple[Path, ...], out: Path, labels: str, gold: Path | None) -> None:
    """Export pages (files or folders; default the bundled pages) as Label Studio tasks with predictions.

    Example: ``vna-corpus annotate export crawl/ --out tasks.json``
    """
    from builder import api
    from builder.annotate import AnnotateError

    try:
        tasks = api.annotate_export(paths, out, labels=labels, gold=gold)
    except AnnotateError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Wrote {len(tasks)} tasks to {out}")


@annotate.command("import")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pages", "pages_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the raw pages the tasks came from (default: the bundled pages).")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Gold folder to write (one sub-folder per annotator when the export has several).")
@click.option("--annotator", default=None, help="Import only this annotator's annotations (as Label Studio names "
              "them: the user's e-mail).")
def annotate_import(export: Path, pages_dir: Path | None, out: Path, annotator: str | None) -> None:
    """Import a Label Studio JSON export as validated gold files; list every problem, page by page.

    Example: ``vna-corpus annotate import export.json --pages crawl/ --out gold/``
    """
    from builder import api
    from builder.annotate import AnnotateError

    try:
        report = api.annotate_import(export, out, pages=pages_dir, annotator=annotator)
    except AnnotateError as err:
        raise click.ClickException(str(err)) from None
    for problem in report.all_problems():
        click.echo(f"error: {problem}", err=True)
    click.echo(f"Wrote {len(report.written)} gold files to {out}"
               + (f" ({len(report.pages) - len(report.written)} pages with problems not written)"
                  if len(report.written) < len(report.pages) else ""))
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("gold_a", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("gold_b", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--pages", "pages_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the raw pages (default: the bundled corpus).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
def agreement(gold_a: Path, gold_b: Path, pages_dir: Path | None, fmt: str) -> None:
    """Inter-annotator agreement of two gold folders: kappa and F1 per task, page by page, and the differences.

    Example: ``vna-corpus agreement gold-anna/ gold-ben/ --format markdown``
    """
    from builder import api
    from builder.label import GoldError

    try:
        result = api.agreement(gold_a, gold_b, pages=pages_dir)
    except (GoldError, ValueError, OSError) as err:
        raise click.ClickException(str(err)) from None
    click.echo(api.format_agreement(result, fmt), nl=fmt == "json")


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--gold", "gold", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Gold folder to show (beside the predictions when --pred is given).")
@click.option("--pred", "pred", type=click.Path(exists=True, path_type=Path),
              help="Predictions to show (JSON Lines in the gold schema), or a second gold folder.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
def view(inputs: tuple[Path, ...], gold: Path | None, pred: Path | None, out: Path) -> None:
    """Write one self-contained HTML file showing pages (or a built dataset) with their labels.

    Example: ``vna-corpus view builder/corpus/pages --gold builder/corpus/gold --pred preds.jsonl --out view.html``
    """
    from builder import api
    from builder.label import GoldError
    from builder.score import PredictionError

    try:
        path = api.view(inputs, out, gold=gold, pred=pred)
    except (GoldError, PredictionError, ValueError, OSError) as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Wrote {path}")


if __name__ == "__main__":
    main()
