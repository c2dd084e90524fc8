"""Negated modifiers (meshtag.nlp.negations): "non-" before a disease name negates its first word."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.tagging import tag_text

TEXT = ("Four non-papillary renal cell carcinomas and one non-immune thrombocytopenia were seen in "
        "non-hypertensive patients, but none in those with non-Hodgkin lymphoma or non-warfarin users.")


def mentions(conventions: str) -> dict[str, str | None]:
    # accurate: the dictionary alone does not match "papillary renal cell carcinomas", the NER does
    return {m.text: m.id for m in tag_text(TEXT, meshtag.load(mode="accurate", conventions=conventions)).mentions}


@pytest.mark.parametrize("conventions", ["meshtag", "pubtator"])
def test_the_whole_phrase_is_the_rest_of_the_name(conventions):
    found = mentions(conventions)
    assert found["non-papillary renal cell carcinomas"] == "MESH:D002292"    # Carcinoma, Renal Cell
    assert found["non-immune thrombocytopenia"] == "MESH:D013921"            # Thrombocytopenia
    assert not any("hypertensi" in text for text in found)                   # a negated word alone goes
    assert found["non-Hodgkin lymphoma"] == "MESH:D008228"                   # a name with the prefix stays
    assert found["warfarin"] == "MESH:D014859"                               # drugs are left alone


def test_bc5cdr_keeps_the_rest_alone_and_the_negated_word():
    found = mentions("bc5cdr")
    assert found["thrombocytopenia"] == "MESH:D013921"
    assert "non-immune thrombocytopenia" not in found and "immune thrombocytopenia" not in found
    assert found["hypertensive"] == "MESH:D006973"                           # 4 of 4 annotated in training
