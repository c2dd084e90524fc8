"""Diseases named only by how they are inherited (meshtag_inherited_diseases)."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.tagging import tag_text


@pytest.fixture(scope="module")
def nlp():
    return meshtag.load(mode="fast", conventions="pubtator")


@pytest.mark.parametrize("phrase, concept", [
    ("an inherited human disorder", "MESH:D030342"),               # Genetic Diseases, Inborn
    ("an autosomal dominant multisystem disorder", "MESH:D030342"),
    ("a recessively inherited condition", "MESH:D030342"),
    ("an X-linked multisystem disorder", "MESH:D040181"),  # Genetic Diseases, X-Linked
    ("an inherited metabolic disorder", "MESH:D008659"),           # the words after name a disease: Metabolic Diseases
])
def test_a_disease_named_by_its_inheritance_is_that_class(nlp, phrase, concept):
    mentions = [(m.text, m.id) for m in tag_text(f"Patients had {phrase}.", nlp).mentions]
    assert mentions == [(phrase.split(" ", 1)[1], concept)]


def test_a_preposition_or_a_bare_dominance_word_makes_no_phrase(nlp):
    text = "The genetic risk for disease rose; a dominant condition of the wild type was seen."
    assert not [m for m in tag_text(text, nlp).mentions if m.id in ("MESH:D030342", "MESH:D040181")]
