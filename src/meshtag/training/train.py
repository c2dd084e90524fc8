"""Train the DRUG/CONDITION NER with spaCy's training loop and export the best model with a MANIFEST.

Reproducible: the config (`training/ner.cfg`), the compiled DocBins (`training/*.spacy`) and the seed
fully determine the run; nothing is downloaded and no pretrained vectors are used.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from meshtag.errors import MeshtagError
from meshtag.fsutil import atomic_open, file_sha256

REPO_ROOT = Path(__file__).resolve().parents[3]
TRAINING_DIR = REPO_ROOT / "training"
DEFAULT_CONFIG = TRAINING_DIR / "ner.cfg"
DEFAULT_TRAIN = TRAINING_DIR / "train.spacy"
DEFAULT_DEV = TRAINING_DIR / "dev.spacy"


def train(output: str | Path, seed: int = 0, max_steps: int | None = None,
          config: str | Path = DEFAULT_CONFIG, train_path: str | Path = DEFAULT_TRAIN,
          dev_path: str | Path = DEFAULT_DEV, command: str | None = None) -> dict:
    """Train with spaCy on CPU, copy `model-best` to `output`, write `output/MANIFEST.md`; return dev scores."""
    import meshtag.nlp.dict_features  # noqa: F401  registers meshtag.DictionaryHashEmbed.v1 for the config
    import meshtag.nlp.tokenizer  # noqa: F401  registers meshtag.Tokenizer.v1 for the config

    for path in (config, train_path, dev_path):
        if not Path(path).exists():
            raise MeshtagError(f"{path}: not found (compile the DocBins with scripts/compile_training_data.py)")
    overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path), "system.seed": seed}
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    command = command or (f"meshtag train --output {output} --seed {seed}"
                          + (f" --max-steps {max_steps}" if max_steps is not None else ""))
    with tempfile.TemporaryDirectory(prefix="meshtag-train-") as run_dir:
        spacy_train(Path(config), Path(run_dir), overrides)
        return export_model(Path(run_dir) / "model-best", Path(output), Path(config), Path(train_path),
                            Path(dev_path), seed, command)


def spacy_train(config: Path, run_dir: Path, overrides: dict) -> None:
    """spaCy's training loop (what `spacy train` runs on CPU), with the model built on numpy's BLAS:
    `spacy.cli.train` would reset thinc to its blis ops, ~3x slower here (meshtag.nlp.blas)."""
    from spacy import util
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_nlp

    from meshtag.nlp.blas import numpy_blas

    with numpy_blas():
        nlp = init_nlp(util.load_config(config, overrides=overrides, interpolate=False))
        train_nlp(nlp, run_dir, stdout=sys.stdout, stderr=sys.stderr)


def export_model(best: Path, output: Path, config: Path, train_path: Path, dev_path: Path,
                 seed: int, command: str, note: str | None = None) -> dict:
    """Copy a spaCy `model-best` folder to `output` (replacing it), write its MANIFEST; return dev scores.

    Also used for a run stopped at a time budget: `command` must then name the `--max-steps` that
    reproduces it (the last evaluated step).
    """
    import spacy

    staged = output.with_name(output.name + ".new")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(best, staged)
    _relative_data_paths(staged / "config.cfg", train_path, dev_path)
    if output.exists():
        shutil.rmtree(output)
    staged.rename(output)
    meta = json.loads((output / "meta.json").read_text("utf-8"))
    write_manifest(output, meta, config, train_path, dev_path, seed, command, spacy.__version__, note)
    return meta.get("performance", {})


def _relative_data_paths(cfg: Path, *paths: Path) -> None:
    """Record the training files repo-relative in the model's config (no build machine paths in the model)."""
    text = cfg.read_text("utf-8")
    for path in paths:
        text = text.replace(f'"{path}"', f'"{_rel(path)}"').replace(f'"{path.resolve()}"', f'"{_rel(path)}"')
    cfg.write_text(text, "utf-8")


def write_manifest(model_dir: Path, meta: dict, config: Path, train_path: Path, dev_path: Path,
                   seed: int, command: str, spacy_version: str, note: str | None = None) -> Path:
    """MANIFEST.md: provenance (corpora, config, seed, command, versions), dev scores, file checksums."""
    perf = meta.get("performance", {})
    per_type = perf.get("ents_per_type", {})
    files = sorted(p for p in model_dir.rglob("*") if p.is_file() and p.name != "MANIFEST.md")
    size = sum(p.stat().st_size for p in files)
    lines = [
        "# meshtag NER model (DRUG, CONDITION)",
        "",
        f"- Exported: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, CPU, spaCy {spacy_version}",
        f"- Command: `{command}`",
        f"- Config: `{_rel(config)}` (sha256 {file_sha256(config)}), seed {seed}",
        f"- Training data: `{_rel(train_path)}` (sha256 {file_sha256(train_path)}) — BC5CDR training set "
        "(Chemical → DRUG, Disease → CONDITION) + NCBI-disease training set (all types → CONDITION)",
        f"- Dev data (model selection only): `{_rel(dev_path)}` (sha256 {file_sha256(dev_path)}) — BC5CDR + "
        "NCBI-disease development sets",
        "- Tokenizer: `meshtag.Tokenizer.v1` (import `meshtag.nlp.tokenizer` before `spacy.load`)",
        "- No pretrained vectors; nothing downloaded. Optimizer state is not saved.",
        f"- Size: {size / 1e6:.1f} MB",
        *([f"- Note: {note}"] if note else []),
        "",
        "## Dev scores (spaCy's scorer, exact span + label, on training/dev.spacy)",
        "",
        "| type | P | R | F1 |",
        "| --- | --- | --- | --- |",
        f"| all | {perf.get('ents_p', 0):.4f} | {perf.get('ents_r', 0):.4f} | {perf.get('ents_f', 0):.4f} |",
    ]
    lines += [f"| {label} | {s['p']:.4f} | {s['r']:.4f} | {s['f']:.4f} |" for label, s in sorted(per_type.items())]
    lines += ["", "## Files (sha256)", ""]
    lines += [f"- `{p.relative_to(model_dir)}` {file_sha256(p)}" for p in files]
    path = model_dir / "MANIFEST.md"
    with atomic_open(path) as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)
