"""`meshtag eval`: strict NER, mention NER+ID and document concept-ID scores per type on a gold PubTator file."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--corpus", type=click.Choice(["bc5cdr", "ncbi"]), default=None,
              help="Which types the gold annotates [default: the labels present in GOLD].")
@click.option("--mode", type=click.Choice(["fast", "accurate"]), default="accurate", show_default=True,
              help="Pipeline to tag GOLD's texts with.")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Score this prediction file (PubTator, JSONL, …) instead of running the pipeline.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write every mention-level error (missed, spurious, wrong_id, unlinked) to this TSV.")
@click.option("--conventions", type=click.Choice(["meshtag", "pubtator", "bc5cdr"]), default=None,
              help="Annotation conventions of the pipeline [default: bc5cdr for --corpus bc5cdr, else pubtator].")
@click.option("--mesh-year", type=click.Choice(["2012", "2015", "current"]), default=None,
              help="Write disease descriptors and supplementary concepts MeSH added after that year's MeSH as the "
                   "older concept that held them, as a corpus annotated then does [default: the year of --corpus "
                   "(bc5cdr 2015, ncbi 2012), else current].")
@click.option("--bootstrap", type=click.IntRange(min=0), default=0, show_default=True, metavar="N",
              help="Also print 95% intervals of P, R and F1 from N resamples of the documents (1000 is usual).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def evaluate(gold: Path, corpus: str | None, mode: str, pred: Path | None, errors_path: Path | None,
             conventions: str | None, mesh_year: str | None, bootstrap: int, as_json: bool) -> None:
    """Tag the texts of GOLD (PubTator) and score the result against its annotations."""
    from meshtag.errors import ErrorLog
    from meshtag.evaluation.report import format_table
    from meshtag.evaluation.runner import evaluate as run

    result = run(gold, corpus=corpus, mode=mode, pred_path=pred, errors=ErrorLog(),
                 errors_path=errors_path, conventions=conventions,
                 mesh_year="corpus" if mesh_year is None else None if mesh_year == "current" else int(mesh_year),
                 bootstrap=bootstrap)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        title = f"{gold.name}: {result.documents} documents, system {result.system}"
        click.echo(format_table(result.scores, title=title, intervals=result.intervals))
