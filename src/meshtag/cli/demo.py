"""`meshtag demo`: the quickstart's main job on the bundled seeds."""
from __future__ import annotations

import click


@click.command()
@click.option("-o", "--output", "out", default="reports", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the corpus and the reports.")
@click.option("--mode", type=click.Choice(["accurate", "fast"]), default="accurate", show_default=True)
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def demo(out: str, mode: str, no_progress: bool) -> None:
    """Tag seeds/ into OUT/corpus and write the entity report, the S1R × TRPA1 and antidepressants ×
    neuropathic pain co-occurrence reports, and the co-occurrence network."""
    from meshtag.demo import run_demo

    result = run_demo(out, mode=mode, progress=not no_progress)
    click.echo(result.summary, err=True)
    for path in result.files:
        click.echo(f"wrote {path}", err=True)
