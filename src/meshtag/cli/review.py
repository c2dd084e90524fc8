"""`meshtag review`: export a concept table for curators, import their decisions, diff a corpus."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from meshtag.model import LABELS

_CURATION_HELP = "Curation folder [default: $MESHTAG_CURATION, else ./curation]."


@click.group()
def review() -> None:
    """Reviewer concept tables: export → mark up in a spreadsheet → import → the tagger obeys."""


@review.command()
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.xlsx (concepts + surface_forms sheets) or FILE.csv (concepts only).")
@click.option("--label", type=click.Choice(LABELS), default=None, help="Only concepts tagged with this label.")
@click.option("--min-docs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only concepts found in at least this many documents.")
@click.option("--curation", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"Pre-fill decisions already recorded here. {_CURATION_HELP}")
def export(corpus: Path, output: Path, label: str | None, min_docs: int, curation: Path | None) -> None:
    """Write the concept table of CORPUS for review."""
    from meshtag.review.curation import Curation, resolve_curation_dir
    from meshtag.review.export import export_review

    tables = export_review(corpus, output, label=label, min_docs=min_docs,
                           curation=Curation.load(resolve_curation_dir(curation)))
    click.echo(f"{output}: {len(tables.concepts)} concepts, {len(tables.surface_forms)} surface forms")


@review.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--curation", type=click.Path(file_okay=False, path_type=Path), default=None, help=_CURATION_HELP)
@click.option("--partial", is_flag=True, help="Record the valid rows even when some rows are invalid.")
@click.option("--reviewer", default=None, help="Reviewer name for rows whose reviewer cell is empty "
                                               "[default: your login name].")
@click.option("--kb", "kb_path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Knowledge base to check concept ids against [default: the bundled one].")
def import_(file: Path, curation: Path | None, partial: bool, reviewer: str | None, kb_path: Path | None) -> None:
    """Check every row of FILE, then merge its decisions into the curation folder."""
    from meshtag.errors import ErrorLog
    from meshtag.review.importer import import_review

    result = import_review(file, curation, partial=partial, reviewer=reviewer, kb_path=kb_path)
    log = ErrorLog()
    for problem in result.problems:
        log.report(str(file), problem.record, problem.reason)
    if result.problems and not result.applied:
        click.echo(f"{file}: {len(result.problems)} invalid row(s); nothing recorded "
                   f"(fix them, or use --partial to record the valid rows)", err=True)
        sys.exit(1)
    if not result.rows:
        click.echo(f"{file}: no row has a decision; nothing to record")
        return
    click.echo(f"{result.directory}: {result.added} new, {result.changed} changed, {result.unchanged} unchanged "
               f"decision(s) from {file}" + (f"; {len(result.problems)} invalid row(s) skipped"
                                              if result.problems else ""))


@review.command()
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--curation", type=click.Path(file_okay=False, path_type=Path), default=None, help=_CURATION_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "md"]), default="table", show_default=True)
def diff(corpus: Path, curation: Path | None, fmt: str) -> None:
    """Show what the curation would change in CORPUS (dropped, remapped, relabelled mentions)."""
    from meshtag.errors import MeshtagError
    from meshtag.review.curation import Curation, resolve_curation_dir
    from meshtag.review.diff import diff_corpus, render

    directory = resolve_curation_dir(curation)
    if directory is None or not directory.is_dir():
        raise MeshtagError(f"no curation folder {'at ' + str(directory) if directory else 'found'} "
                           f"(give --curation DIR or set MESHTAG_CURATION)")
    click.echo(render(diff_corpus(corpus, Curation.load(directory)), fmt), nl=False)
