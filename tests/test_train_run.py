"""`meshtag train` end to end on two hand-made abstracts: a model folder with a MANIFEST that checks out."""
from __future__ import annotations

import re

from click.testing import CliRunner

from meshtag.cli import cli
from meshtag.evaluation.runner import read_gold
from meshtag.training import compile_docbin
from meshtag.fsutil import file_sha256 as sha256


def test_train_writes_model_and_manifest(fixtures, tmp_path):
    docs = read_gold(fixtures / "eval" / "gold.pubtator")
    compile_docbin(docs, tmp_path / "train.spacy")
    compile_docbin(docs, tmp_path / "dev.spacy")
    out = tmp_path / "ner"
    result = CliRunner().invoke(cli, ["train", "--output", str(out), "--seed", "0", "--max-steps", "2",
                                      "--train-data", str(tmp_path / "train.spacy"),
                                      "--dev-data", str(tmp_path / "dev.spacy")])
    assert result.exit_code == 0, result.output
    assert (out / "config.cfg").exists() and (out / "ner" / "model").exists()
    assert '@tokenizers = "meshtag.Tokenizer.v1"' in (out / "config.cfg").read_text()
    manifest = (out / "MANIFEST.md").read_text()
    assert "--max-steps 2" in manifest and "seed 0" in manifest
    listed = dict(re.findall(r"^- `([^`]+)` ([0-9a-f]{64})$", manifest, re.MULTILINE))
    assert listed["ner/model"] == sha256(out / "ner" / "model")
    assert set(listed) == {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != "MANIFEST.md"}
