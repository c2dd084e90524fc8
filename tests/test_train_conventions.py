"""Corpus-convention mining (scripts/mine_corpus_conventions.py) and the committed conventions file."""
from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter

import pytest

from meshtag.paths import curation_dir

from conftest import ROOT


@pytest.fixture(scope="module")
def miner():
    spec = importlib.util.spec_from_file_location("mine_corpus_conventions", ROOT / "scripts" / "mine_corpus_conventions.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def evidence(miner, ids: dict[str, int], surface: str, docs: int, corpus: str = "BC5CDR training set"):
    ev = miner.Evidence()
    ev.ids.update(ids)
    ev.surfaces[surface] = sum(ids.values())
    ev.per_corpus[corpus].update(ids)
    ev.docs.update(f"{corpus}:{i}" for i in range(docs))
    return ev


def test_mining_keeps_only_consistent_non_mesh_forms(miner, fixtures):
    from meshtag.kb.normalize import normalize

    found = {
        (normalize("depression"), "CONDITION"): evidence(miner, {"MESH:D003866": 14}, "depression", 9),
        (normalize("depressive disorders"), "CONDITION"): evidence(miner, {"MESH:D003866": 5}, "depressive disorders", 4),
        (normalize("platinum"), "DRUG"): evidence(miner, {"MESH:D002945": 3, "MESH:D010984": 2}, "platinum", 4),
        (normalize("CDDP"), "DRUG"): evidence(miner, {"MESH:D002945": 6}, "CDDP", 3),
        # a form MeSH has for no concept needs one abstract; one MeSH has for another concept needs two
        (normalize("cis-platin"), "DRUG"): evidence(miner, {"MESH:D002945": 4}, "cis-platin", 1),
        (normalize("depressive symptoms"), "CONDITION"): evidence(miner, {"MESH:D003866": 3}, "depressive symptoms", 1),
        # a research code is a name, not a short form defined per abstract
        (normalize("NSC-119875"), "DRUG"): evidence(miner, {"MESH:D002945": 3}, "NSC-119875", 1),
        # one mention is enough for a short name MeSH has for no concept that shares a word stem with the
        # concept's names, not for a descriptive phrase, another word or a receptor + drug-noun phrase
        (normalize("depressive illness"), "CONDITION"): evidence(miner, {"MESH:D003866": 1}, "depressive illness", 1),
        (normalize("low mood"), "CONDITION"): evidence(miner, {"MESH:D003866": 1}, "low mood", 1),
        (normalize("a marked fall in mood over weeks"), "CONDITION"): evidence(
            miner, {"MESH:D003866": 1}, "a marked fall in mood over weeks", 1),
        (normalize("platinum receptor antagonist"), "DRUG"): evidence(
            miner, {"MESH:D002945": 1}, "platinum receptor antagonist", 1),
    }
    rows, skipped = miner.conventions(found, fixtures / "eval" / "mesh")
    assert [(r["term"], r["concept_id"], r["label"]) for r in rows] == [
        ("cis-platin", "MESH:D002945", "DRUG"), ("depression", "MESH:D003866", "CONDITION"),
        ("depressive illness", "MESH:D003866", "CONDITION"), ("NSC-119875", "MESH:D002945", "DRUG")]
    assert rows[1]["source"] == "BC5CDR training set: 14/14 mentions"
    assert "overrides MeSH term of MESH:D003863 (Depression)" in rows[1]["note"]
    assert skipped == Counter({"already a MeSH term of the concept": 1, "inconsistent": 1,
                               "abbreviation": 1, "too rare": 3, "one mention, no word of the concept's names": 1})
    # a form annotated as one type with the id of a concept of another label is no convention
    only = {key: ev for key, ev in found.items() if key[0] == normalize("depression")}
    rows, skipped = miner.conventions(only, fixtures / "eval" / "mesh", label_of=lambda cid: "RECEPTOR")
    assert rows == [] and skipped == Counter({"concept of another label": 1})


def test_committed_conventions_have_sources_and_the_named_convention():
    path = curation_dir() / "corpus_conventions.tsv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and list(rows[0]) == ["term", "concept_id", "label", "source", "note", "scope"]
    assert all(r["source"].strip() and "training set" in r["source"] and r["scope"] == "corpus" for r in rows)
    assert all(r["label"] in ("DRUG", "CONDITION") and r["concept_id"].startswith("MESH:") for r in rows)
    depression = [r for r in rows if r["term"] == "depression"]
    assert depression and depression[0]["concept_id"] == "MESH:D003866"
    assert depression[0]["source"].startswith("BC5CDR training set:")


def test_kept_modifiers_are_counted_from_gold_mentions():
    """scripts/mine_kept_modifiers.py: a word inside a gold disease mention before a MeSH disease name is
    kept; a word directly before a gold mention and outside every mention is left out."""
    from meshtag.kb.store import KnowledgeBase
    from meshtag.model import Document, Mention

    spec = importlib.util.spec_from_file_location("mine_kept_modifiers", ROOT / "scripts" / "mine_kept_modifiers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = "Ventricular arrhythmias and severe hepatitis."
    doc = Document(id="1", title=text, mentions=[Mention(0, 23, "Ventricular arrhythmias", "CONDITION", "MESH:D001145"),
                                                 Mention(35, 44, "hepatitis", "CONDITION", "MESH:D006505")])
    kept, stripped = module.count_modifiers([doc], KnowledgeBase.load())
    assert kept == Counter({"ventricular": 1}) and stripped == Counter({"severe": 1})
    assert [r["modifier"] for r in module.rows(Counter(ventricular=3, severe=1), Counter(severe=5, ventricular=0))] \
        == ["ventricular"]
