"""The committed NER model (models/ner) loads offline with the meshtag tokenizer and tags unseen text."""
from __future__ import annotations

import re

import pytest
import spacy

import meshtag.nlp.tokenizer  # noqa: F401  registers the tokenizer the model was trained with
from meshtag.paths import models_dir
from meshtag.fsutil import file_sha256 as sha256

MODEL = models_dir() / "ner"
# Not in the BC5CDR / NCBI-disease training or development sets.
SENTENCE = ("A 54-year-old woman developed acute nephrotoxicity and ototoxicity after the third cycle "
            "of cisplatin given for her ovarian cancer.")


@pytest.fixture(scope="module")
def ner():
    return spacy.load(MODEL)


def test_finds_drug_and_condition_in_unseen_sentence(ner):
    ents = {(e.text, e.label_) for e in ner(SENTENCE).ents}
    assert ("cisplatin", "DRUG") in ents
    assert any(label == "CONDITION" and "nephrotoxicity" in text for text, label in ents)


def test_model_uses_meshtag_tokenizer_and_labels(ner):
    assert ner.config["nlp"]["tokenizer"]["@tokenizers"] == "meshtag.Tokenizer.v1"
    assert set(ner.get_pipe("ner").labels) == {"DRUG", "CONDITION"}
    assert ner.pipe_names == ["tok2vec", "ner"]


def test_manifest_checksums_match_committed_files():
    manifest = (MODEL / "MANIFEST.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^- `([^`]+)` ([0-9a-f]{64})$", manifest, re.MULTILINE))
    files = {str(p.relative_to(MODEL)) for p in MODEL.rglob("*") if p.is_file() and p.name != "MANIFEST.md"}
    assert set(listed) == files
    assert all(sha256(MODEL / name) == digest for name, digest in listed.items())
    assert sum((MODEL / name).stat().st_size for name in files) < 20e6
