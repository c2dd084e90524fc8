"""`meshtag train`: train the DRUG/CONDITION NER model from the compiled training files."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Model folder to write [default: models/ner].")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (spaCy system.seed).")
@click.option("--max-steps", type=int, default=None, help="Stop after this many updates [default: the config's].")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="spaCy training config [default: training/ner.cfg].")
@click.option("--train-data", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Training DocBin [default: training/train.spacy].")
@click.option("--dev-data", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Development DocBin for model selection [default: training/dev.spacy].")
def train(output: Path | None, seed: int, max_steps: int | None, config: Path | None,
          train_data: Path | None, dev_data: Path | None) -> None:
    """Train the statistical NER (spaCy, CPU, fixed seed) and write it with its MANIFEST."""
    from meshtag.paths import models_dir
    from meshtag.training import train as run_training
    from meshtag.training.train import DEFAULT_CONFIG, DEFAULT_DEV, DEFAULT_TRAIN

    output = output or models_dir() / "ner"
    perf = run_training(output, seed=seed, max_steps=max_steps, config=config or DEFAULT_CONFIG,
                        train_path=train_data or DEFAULT_TRAIN, dev_path=dev_data or DEFAULT_DEV)
    click.echo(f"model written to {output}: dev ents P {perf.get('ents_p', 0):.3f} "
               f"R {perf.get('ents_r', 0):.3f} F1 {perf.get('ents_f', 0):.3f}")
