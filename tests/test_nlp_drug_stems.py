"""New drugs named by a WHO INN stem (meshtag_drug_stems): unlinked DRUG mentions related to the stem's class."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.kb.store import KnowledgeBase
from meshtag.nlp.drug_stems import STEMS_FILE, read_stems
from meshtag.paths import curation_dir
from meshtag.tagging import tag_text


@pytest.fixture(scope="module")
def nlp():
    return meshtag.load(mode="fast")


def test_a_drug_newer_than_mesh_is_an_unlinked_drug_related_to_its_stem_class(nlp):
    text = "Zavegepant and suzetrigine relieved pain; MeSH names rimegepant."
    got = [(m.text, m.label, m.id, m.related_id, m.source) for m in tag_text(text, nlp).mentions if m.label == "DRUG"]
    assert got == [("Zavegepant", "DRUG", None, "MESH:D000077221", "pattern"),
                   ("suzetrigine", "DRUG", None, "MESH:D061567", "pattern"),
                   ("rimegepant", "DRUG", "MESH:C578443", None, "dictionary")]


def test_a_stem_without_a_mesh_class_gives_no_related_concept(nlp):
    got = [(m.text, m.id, m.related_id) for m in tag_text("Patients took zuloxetine daily.", nlp).mentions]
    assert got == [("zuloxetine", None, None)]


def test_a_single_enantiomer_of_a_known_drug_is_an_unlinked_drug_related_to_the_racemate(nlp):
    text = "Esmethadone, oliceridine and esketamine were compared; arterial levels and esterases were measured."
    got = [(m.text, m.id, m.related_id) for m in tag_text(text, nlp).mentions if m.label == "DRUG"]
    assert got == [("Esmethadone", None, "MESH:D008691"),     # es- + methadone, which MeSH names
                   ("oliceridine", None, "MESH:D000701"),     # -eridine: opioid analgesics
                   ("esketamine", "MESH:C000629870", None)]   # an enantiomer MeSH names is the dictionary's


@pytest.mark.parametrize("text", [
    "Anticocaine antibodies were raised.",         # "anti-" names what binds the drug
    "alpha-hydroxyfoocaine was measured.",          # part of a longer chemical name
    "The olol suffix, the tinib ending, an anolol.",  # the stem alone, or under three letters before it
    "FooGEPANT and fooGepant were listed.",          # capitals inside a word: no INN
    "Molecular chaperones and the metallochaperone were studied.",  # why "-perone" is no stem here
])
def test_words_that_only_look_like_inns_are_no_mentions(nlp, text):
    assert [m.text for m in tag_text(text, nlp).mentions if m.label == "DRUG"] == []


def test_every_stem_class_is_a_drug_concept_of_the_kb():
    kb = KnowledgeBase.load()
    classes = {stem: cid for stem, cid in read_stems(curation_dir() / STEMS_FILE).items() if cid}
    assert len(classes) >= 20
    assert {stem: kb.label(cid) for stem, cid in classes.items()} == {stem: "DRUG" for stem in classes}
