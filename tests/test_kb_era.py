"""MeSH as the 2015 corpora knew it (meshtag.kb.era): disease descriptors and supplementary concepts added after 2015
are written as the older concept that held them, chemical descriptors and ids the scoring tables already relate to 2015
are left alone."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.evaluation import evaluate
from meshtag.evaluation.ids import replaced_2015_ids
from meshtag.kb import KnowledgeBase
from meshtag.kb.era import concept_of_2015


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize("current, then", [
    ("MESH:D000094623", "MESH:D004535"),   # Ehlers-Danlos Syndrome, Type IV: the named parent, not Aortic Dissection
    ("MESH:D000075222", "MESH:D006973"),   # Essential Hypertension -> Hypertension
    ("MESH:D000067877", "MESH:D002659"),   # Autism Spectrum Disorder -> Child Development Disorders, Pervasive
    ("MESH:C000629870", "MESH:D007649"),   # Esketamine (supplementary, 2018) -> the heading it is filed under, Ketamine
    ("MESH:C000599871", "MESH:D017483"),   # AVPR1A protein, human -> Receptors, Vasopressin (not a name-word match)
])
def test_new_disease_descriptor_or_supplementary_concept_becomes_the_older_one(kb, current, then):
    assert kb.get(current) is not None
    assert concept_of_2015(kb, current, replaced_2015_ids()) == then


@pytest.mark.parametrize("concept_id", [
    "MESH:D004535",      # existed in 2015
    "MESH:D000077213",   # Lamotrigine: a chemical, once C047781
    "MESH:D000097605",   # Sigma-1 Receptor: a protein (D tree)
    "MESH:D000096722",   # Cystitis, Hemorrhagic: scored as its 2015 pair by the equivalence tables
])
def test_other_concepts_are_kept(kb, concept_id):
    assert concept_of_2015(kb, concept_id, replaced_2015_ids()) == concept_id


def test_pipeline_writes_2015_concepts_only_when_asked():
    text = "Patients with type IV Ehlers-Danlos syndrome were given lamotrigine."
    today = {e.text: e._.concept_id for e in meshtag.load(mode="fast", conventions="pubtator")(text).ents}
    dated = {e.text: e._.concept_id for e in
             meshtag.load(mode="fast", conventions="pubtator", mesh_2015=True)(text).ents}
    assert today["type IV Ehlers-Danlos syndrome"] == "MESH:D000094623"
    assert dated["type IV Ehlers-Danlos syndrome"] == "MESH:D004535"
    assert today["lamotrigine"] == dated["lamotrigine"] == "MESH:D000077213"


def test_eval_on_a_2015_corpus_uses_2015_concepts(fixtures):
    gold = fixtures / "eval_2015" / "gold.pubtator"
    dated = evaluate(gold, corpus="ncbi", mode="fast").scores["CONDITION"]["ner_id"]
    today = evaluate(gold, corpus="ncbi", mode="fast", mesh_2015=False).scores["CONDITION"]["ner_id"]
    assert (dated.tp, dated.fp, dated.fn) == (3, 0, 0)
    assert (today.tp, today.fp, today.fn) == (0, 3, 3)
