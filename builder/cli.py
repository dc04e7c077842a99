"""The ``vna-corpus`` command line: one command per function of :mod:`builder.api`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.group()
@click.version_option(package_name="vna-corpus")
def main() -> None:
    """Parse, label, score and package scraped French pages of the Vietnam News Agency."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help="Write JSON Lines here, not stdout.")
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


if __name__ == "__main__":
    main()
