"""`meshtag report entities|cooccur DIR`: corpus reports (thin wrapper over `meshtag.report`)."""
from __future__ import annotations

from pathlib import Path

import click

FORMAT = click.Choice(["csv", "xlsx", "md", "html"])


def _emit(result) -> None:
    """Print the report text (stdout mode) or the files written."""
    if result.text is not None:
        click.echo(result.text, nl=False)
    else:
        for path in result.files:
            click.echo(f"wrote {path}", err=True)


@click.group()
def report() -> None:
    """Entity and co-occurrence reports over a corpus folder (see docs/reports.md)."""


@report.command()
@click.argument("corpus", type=click.Path(file_okay=False, path_type=Path))
@click.option("--label", help="Only concepts with this label (RECEPTOR, DRUG, CONDITION, BRAIN_REGION).")
@click.option("--top", type=click.IntRange(min=1), help="Keep the N most mentioned concepts per label.")
@click.option("--format", "fmt", type=FORMAT, help="Output format (default: from -o's extension, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (csv/md go to stdout without it).")
def entities(corpus: Path, label: str | None, top: int | None, fmt: str | None, output: Path | None) -> None:
    """One row per concept: counts, surface forms, co-mentioned concepts, an example sentence."""
    from meshtag.report import entity_report

    _emit(entity_report(corpus, label=label, top=top, format=fmt, out=output))


@report.command()
@click.argument("corpus", type=click.Path(file_okay=False, path_type=Path))
@click.option("--a", "a", metavar="QUERY", help="Concept on side a: MeSH id, name, synonym or corpus abbreviation.")
@click.option("--b", "b", metavar="QUERY", help="Concept on side b (same forms as --a).")
@click.option("--labels", metavar="A,B", help="Labels of the two sides, e.g. DRUG,CONDITION (one label: both).")
@click.option("--level", type=click.Choice(["sentence", "document"]), default="sentence", show_default=True)
@click.option("--rollup", is_flag=True, help="Also count each concept for its MeSH ancestors and "
              "pharmacological actions.")
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Least number of co-occurrences (n_ab) reported.")
@click.option("--top", type=click.IntRange(min=1), help="Keep only the N most significant pairs.")
@click.option("--format", "fmt", type=FORMAT, help="Output format (default: from -o's extension, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (csv/md go to stdout without it).")
@click.option("--figures", is_flag=True, help="With csv/xlsx output, also write the network and heatmap figures.")
def cooccur(corpus: Path, a: str | None, b: str | None, labels: str | None, level: str, rollup: bool,
            min_count: int, top: int | None, fmt: str | None, output: Path | None, figures: bool) -> None:
    """Concept pairs with PMI, NPMI, lift, Fisher p, BH q, STRING score, doc ids and evidence."""
    from meshtag.report import cooccurrence_report

    _emit(cooccurrence_report(corpus, a=a, b=b, labels=labels, level=level, rollup=rollup, min_count=min_count,
                              top=top, format=fmt, out=output, figures_for_tables=figures))
