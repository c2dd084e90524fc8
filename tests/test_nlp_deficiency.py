"""Deficiency adjectives name the deficiency disease (meshtag.nlp.deficiency)."""
from __future__ import annotations

import pytest

import meshtag


@pytest.fixture(scope="module")
def nlp():
    return meshtag.load(mode="fast")


def conditions(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(e.text, e._.concept_id) for e in nlp(text).ents if e.label_ == "CONDITION"]


def test_symbol_deficient_is_the_disease_its_noun_phrase_names(nlp):
    # NCBI-disease training sentences annotate the adjective as the disease
    found = conditions(nlp, "Red cells of G6PD-deficient subjects and C7 deficient sera were studied.")
    assert ("G6PD-deficient", "MESH:D005955") in found     # Glucosephosphate Dehydrogenase Deficiency
    assert ("C7 deficient", "MESH:C566443") in found       # Complement Component 7 Deficiency


def test_a_common_word_deficient_names_no_disease(nlp):
    found = conditions(nlp, "Rats fed a protein-deficient diet and enzyme-deficient strains were compared.")
    assert not any("deficient" in text for text, _ in found)


def test_a_symbol_whose_deficiency_is_no_disease_term_is_left_alone(nlp):
    found = conditions(nlp, "BRCA2-deficient cells were sensitive to the drug.")
    assert not any("deficient" in text for text, _ in found)
