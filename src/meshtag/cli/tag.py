"""`meshtag tag`: read any inputs, tag them, write documents with mentions or a corpus folder."""
from __future__ import annotations

import click

OUTPUT_FORMATS = ["jsonl", "pubtator", "bioc", "csv", "tsv", "parquet"]


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "input_format", help="Input format (default: detected from each file's content).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: stdout).")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), help="Default: from the -o extension, else jsonl.")
@click.option("--corpus", type=click.Path(file_okay=False), help="Write (or extend) this corpus folder instead.")
@click.option("--mode", type=click.Choice(["accurate", "fast"]), default="accurate", show_default=True)
@click.option("--workers", type=int, default=None, help="Processes (default: all cores).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (default: a LocalCluster).")
@click.option("--curation", type=click.Path(file_okay=False),
              help="Reviewer curation folder (default: $MESHTAG_CURATION, else ./curation if present).")
@click.option("--resume", is_flag=True, help="With --corpus: skip documents already in the corpus.")
@click.option("--strict", is_flag=True, help="Fail on the first bad record instead of reporting and going on.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def tag(inputs, input_format, output, output_format, corpus, mode, workers, executor, scheduler, curation,
        resume, strict, no_progress) -> None:
    """Tag receptors, drugs, conditions and brain regions in INPUTS (files or folders) and link them to MeSH."""
    from meshtag.tag_job import run_tag

    summary = run_tag(inputs, format=input_format, output=output, output_format=output_format, corpus=corpus,
                      mode=mode, workers=workers, executor=executor, scheduler=scheduler, curation=curation,
                      resume=resume, strict=strict, progress=not no_progress)
    click.echo(str(summary), err=True)
