"""Words that complete a matched name: salt forms of drugs, head words of receptors, the tumours of a disease
(meshtag.nlp.suffixes)."""
from __future__ import annotations

import pytest

import meshtag


@pytest.fixture(scope="module")
def nlp():
    return meshtag.load(mode="fast")


def ents(nlp, text: str) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.label_, e._.concept_id) for e in nlp(text).ents]


def test_salt_word_joins_the_drug_and_keeps_its_concept(nlp):
    # sentences in the style of BC5CDR abstracts, which annotate the whole salt name
    found = ents(nlp, "Bupivacaine hydrochloride, diclofenac sodium and bupropion HCl were compared.")
    assert ("Bupivacaine hydrochloride", "DRUG", "MESH:D002045") in found
    assert ("diclofenac sodium", "DRUG", "MESH:D004008") in found
    assert ("bupropion HCl", "DRUG", "MESH:D016642") in found
    assert not any(text.lower() in ("sodium", "hcl") for text, _, _ in found)


def test_two_words_that_are_one_name_are_not_absorbed(nlp):
    # BC5CDR development 663266: "sodium citrate" after "chelating agents" stays a name of its own
    found = ents(nlp, "The chelating agents sodium citrate and disodium edetate were added.")
    assert ("sodium citrate", "DRUG", "MESH:D000077559") in found


def test_a_salt_mesh_names_itself_keeps_its_own_concept(nlp):
    assert ("calcium chloride", "DRUG", "MESH:D002122") in ents(nlp, "Infusion of calcium chloride raised pressure.")


def test_a_word_that_starts_a_longer_name_is_not_absorbed(nlp):
    found = ents(nlp, "Lidocaine sodium channel block was measured.")
    assert ("Lidocaine", "DRUG", "MESH:D008012") in found
    assert ("sodium channel", "RECEPTOR", "MESH:D015222") in found


def test_only_drugs_take_a_salt_word(nlp):
    # a condition followed by "sodium" stays as it is
    found = ents(nlp, "Hypertension sodium intake was restricted.")
    assert ("Hypertension", "CONDITION", "MESH:D006973") in found


def test_receptor_symbol_takes_its_head_word(nlp):
    found = ents(nlp, "Activation of the mGlu7 receptor and TRPA1 channels reduced pain.")
    assert ("mGlu7 receptor", "RECEPTOR", "MESH:C102719") in found
    assert ("TRPA1 channels", "RECEPTOR", "MESH:D000074025") in found


def test_a_completed_short_form_needs_no_definition(nlp):
    # "MOR" alone is an ambiguous short form; with its head word it is the mu opioid receptor
    found = ents(nlp, "Both NMDA and MOR receptors were blocked.")
    assert ("MOR receptors", "RECEPTOR", "MESH:D017450") in found
    assert ("NMDA", "RECEPTOR", "MESH:D016194") in found


@pytest.mark.parametrize("text, expected, absent", [
    # BC5CDR development 19642243: "tenofovir disoproxil fumarate" is one chemical (its fumarate was a mention)
    ("HIV patients on tenofovir disoproxil fumarate and olmesartan medoxomil were studied.",
     [("tenofovir disoproxil fumarate", "DRUG", "MESH:D000068698"),
      ("olmesartan medoxomil", "DRUG", "MESH:D000068557")], {"fumarate"}),
    # an "-R" that abbreviates "receptor": the receptor, not the peptide or the chemical
    ("CGRP-R antagonists, NMDA-R hypofunction and 5-HT1A-R expression were studied.",
     [("CGRP-R", "RECEPTOR", "MESH:D018015"), ("NMDA-R", "RECEPTOR", "MESH:D016194")], {"CGRP", "NMDA"}),
    # "AR" after an adrenergic subtype is the adrenoceptor; alone it stays the androgen receptor
    ("beta2-AR agonists and alpha1-AR antagonists, alpha1B-ARs and α₂-ARs; the AR gene in prostate cancer.",
     [("beta2-AR", "RECEPTOR", "MESH:D018343"), ("alpha1-AR", "RECEPTOR", "MESH:D018340"),
      ("alpha1B-ARs", "RECEPTOR", "MESH:D018340"), ("α₂-ARs", "RECEPTOR", "MESH:D018341"),
      ("AR", "RECEPTOR", "MESH:D011944")], set()),
])
def test_words_after_a_name_complete_it(nlp, text, expected, absent):
    found = ents(nlp, text)
    assert all(mention in found for mention in expected)
    assert not absent & {mention_text for mention_text, _, _ in found}


def test_the_tumours_of_a_disease_are_that_disease(nlp):
    found = ents(nlp, "Two von Hippel-Lindau disease tumours and retinoblastoma tumors were resected; "
                      "brain tumors were not.")
    assert ("von Hippel-Lindau disease tumours", "CONDITION", "MESH:D006623") in found
    assert ("retinoblastoma tumors", "CONDITION", "MESH:D012175") in found
    assert ("brain tumors", "CONDITION", "MESH:D001932") in found          # a site's tumours: the site's neoplasms
    assert not any(text.lower() == "tumours" for text, _, _ in found)     # no Neoplasms beside the disease
