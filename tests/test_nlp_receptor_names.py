"""Receptor names in another word order than MeSH's keep their subtype (meshtag_receptor_names)."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.tagging import tag_text


@pytest.fixture(scope="module")
def nlp():
    return meshtag.load(mode="fast")


@pytest.mark.parametrize("name, concept", [
    ("H2-histamine receptors", "MESH:D011970"),   # MeSH: Receptors, Histamine H2
    ("D1 dopamine receptor", "MESH:D017447"),     # Receptors, Dopamine D1
    ("A2A adenosine receptors", "MESH:D043705"),  # Receptor, Adenosine A2A
    ("serotonin 5-HT3 receptors", "MESH:D044406"),
    ("platelet-derived growth factor receptor alpha", "MESH:D020796"),  # Receptor, PDGF alpha: Greek after the head
    ("dopamine D4.7 receptors", "MESH:D050638"),  # a repeat variant (isoform) of the D4 receptor is the D4 receptor
])
def test_reordered_receptor_name_is_one_mention(nlp, name, concept):
    mentions = [(m.text, m.id) for m in tag_text(f"We studied {name} in rats.", nlp).mentions if m.label == "RECEPTOR"]
    assert mentions == [(name, concept)]


def test_names_in_mesh_order_and_defined_short_forms_are_left_to_the_dictionary(nlp):
    doc = tag_text("Histamine H2 receptors and the N-methyl-D-aspartate (NMDA) receptor were studied.", nlp)
    receptors = [(m.text, m.source) for m in doc.mentions if m.label == "RECEPTOR"]
    assert ("Histamine H2 receptors", "dictionary") in receptors
    assert not any(text.startswith("(NMDA)") for text, _ in receptors)


def test_bc5cdr_scores_the_ligand_after_a_subtype_code():
    doc = tag_text("Haloperidol blocks D-2 dopamine receptors.", meshtag.load(mode="fast", conventions="bc5cdr"))
    assert ("dopamine", "MESH:D004298") in [(m.text, m.id) for m in doc.mentions]


def test_a_numbered_subtype_mesh_does_not_name_is_its_familys(nlp):
    text = "The orexin-1 receptor (OX1R) and the neurokinin-1 receptor were blocked."
    found = [(m.text, m.id) for m in tag_text(text, nlp).mentions if m.label == "RECEPTOR"]
    assert ("orexin-1 receptor", "MESH:D064446") in found      # Orexin Receptors: MeSH has no subtype
    assert ("neurokinin-1 receptor", "MESH:D018040") in found  # MeSH's own subtype, not the family


def test_a_family_subtype_by_letter_code_and_a_name_opened_by_a_bracket(nlp):
    found = [(m.text, m.id) for m in tag_text("the vasopressin V2 receptor (AVPR2) gene", nlp).mentions]
    assert ("vasopressin V2 receptor", "MESH:D017483") in found   # Receptors, Vasopressin: no V2 descriptor
    found = [(m.text, m.id) for m in tag_text("KIT (platelet-derived growth factor receptor alpha)", nlp).mentions]
    assert ("platelet-derived growth factor receptor alpha", "MESH:D020796") in found


def test_a_head_word_before_a_name_is_an_apposition(nlp):
    # MeSH's inverted heading "Receptor, trkB" makes "receptor trkB" a term; in text it reads "its receptor TrkB"
    doc = tag_text("Netrin activates its receptor DCC, neurotrophins the receptor TrkB; the channel TRPA1 and the "
                   "receptor tyrosine kinases were studied.", nlp)
    assert [(m.text, m.id) for m in doc.mentions if m.label == "RECEPTOR"] == [
        ("DCC", "MESH:D000075389"), ("TrkB", "MESH:D020813"), ("TRPA1", "MESH:D000074025"),
        ("receptor tyrosine kinases", "MESH:D020794")]
