"""MeSH as a corpus's annotators knew it (meshtag.kb.era): disease descriptors and supplementary concepts added after
the corpus's MeSH year are written as the older concept that held them, chemical descriptors and ids the scoring tables
already relate to 2015 are left alone."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.evaluation import evaluate
from meshtag.evaluation.ids import replaced_2015_ids
from meshtag.kb import KnowledgeBase
from meshtag.kb.era import ERAS, concept_of_era


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
    assert concept_of_era(kb, current, ERAS[2015], replaced_2015_ids()) == then


@pytest.mark.parametrize("concept_id", [
    "MESH:D004535",      # existed in 2015
    "MESH:D000077213",   # Lamotrigine: a chemical, once C047781
    "MESH:D000097605",   # Sigma-1 Receptor: a protein (D tree)
    "MESH:D000096722",   # Cystitis, Hemorrhagic: scored as its 2015 pair by the equivalence tables
])
def test_other_concepts_are_kept(kb, concept_id):
    assert concept_of_era(kb, concept_id, ERAS[2015], replaced_2015_ids()) == concept_id


def test_pipeline_writes_2015_concepts_only_when_asked():
    text = "Patients with type IV Ehlers-Danlos syndrome were given lamotrigine."
    today = {e.text: e._.concept_id for e in meshtag.load(mode="fast", conventions="pubtator")(text).ents}
    dated = {e.text: e._.concept_id for e in
             meshtag.load(mode="fast", conventions="pubtator", mesh_year=2015)(text).ents}
    assert today["type IV Ehlers-Danlos syndrome"] == "MESH:D000094623"
    assert dated["type IV Ehlers-Danlos syndrome"] == "MESH:D004535"
    assert today["lamotrigine"] == dated["lamotrigine"] == "MESH:D000077213"


def test_eval_on_a_2015_corpus_uses_2015_concepts(fixtures):
    gold = fixtures / "eval_2015" / "gold.pubtator"
    dated = evaluate(gold, corpus="ncbi", mode="fast").scores["CONDITION"]["ner_id"]
    today = evaluate(gold, corpus="ncbi", mode="fast", mesh_year=None).scores["CONDITION"]["ner_id"]
    assert (dated.tp, dated.fp, dated.fn) == (3, 0, 0)
    assert (today.tp, today.fp, today.fn) == (0, 3, 3)


@pytest.mark.parametrize("current, then", [
    ("MESH:C579932", "MESH:D017034"),   # Autosomal Dominant Nocturnal Frontal Lobe Epilepsy -> Epilepsy, Frontal Lobe
    ("MESH:C563273", "MESH:D006961"),   # Hyperparathyroidism 2 -> Hyperparathyroidism (named), not Adenoma (first)
    ("MESH:D063766", "MESH:D009765"),   # Pediatric Obesity (MeSH 2014) -> Obesity
])
def test_ncbi_disease_era_ends_at_the_newest_ids_its_training_set_uses(kb, current, then):
    assert not ERAS[2015].added_after(current)
    assert concept_of_era(kb, current, ERAS[2015], replaced_2015_ids()) == current
    assert concept_of_era(kb, current, ERAS[2012], replaced_2015_ids()) == then


def test_concepts_the_crosswalk_relates_to_omim_are_kept_in_2012(kb):
    # C7 deficiency (C566443) is numbered after the era, but the OMIM crosswalk scores it: it stays
    assert ERAS[2012].added_after("MESH:C566443")
    assert concept_of_era(kb, "MESH:C566443", ERAS[2012], replaced_2015_ids()) == "MESH:C566443"


def test_an_older_concept_keeps_the_label():
    kb = KnowledgeBase.load()
    for cid in ("MESH:C579932", "MESH:C563273", "MESH:C564052", "MESH:C562694"):
        assert kb.label(concept_of_era(kb, cid, ERAS[2012])) == kb.label(cid) == "CONDITION"


def test_ncbi_gold_is_scored_with_the_2012_mesh():
    nlp = meshtag.load(mode="fast", conventions="pubtator", mesh_year=2012)
    ents = {e.text: e._.concept_id for e in nlp("Autosomal dominant nocturnal frontal lobe epilepsy is rare.").ents}
    assert ents == {"Autosomal dominant nocturnal frontal lobe epilepsy": "MESH:D017034"}
    with pytest.raises(ValueError, match="mesh_year"):
        meshtag.load(mode="fast", mesh_year=2013)
