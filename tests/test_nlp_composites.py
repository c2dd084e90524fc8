"""Composite mentions under the corpus conventions (meshtag.nlp.composites)."""
from __future__ import annotations

import pytest

import meshtag

TEXT = ("Carriers developed colon or rectal cancer, and brain, breast, and prostate cancer; "
        "others had ataxia-telangiectasia and Li-Fraumeni syndrome, hypertension and diabetes.")


@pytest.fixture(scope="module")
def tagged() -> dict[str, list[tuple[str, str | None]]]:
    return {conv: [(e.text, e._.concept_id) for e in meshtag.load(mode="fast", conventions=conv)(TEXT).ents]
            for conv in ("meshtag", "pubtator", "bc5cdr")}


@pytest.mark.parametrize("conventions", ["pubtator", "bc5cdr"])
def test_corpus_conventions_write_one_composite_span(tagged, conventions):
    found = tagged[conventions]
    assert ("colon or rectal cancer", "MESH:D003110|MESH:D012004") in found
    assert ("brain, breast, and prostate cancer", "MESH:D001932|MESH:D001943|MESH:D011471") in found


@pytest.mark.parametrize("conventions", ["pubtator", "bc5cdr"])
def test_complete_names_and_plain_lists_are_not_joined(tagged, conventions):
    found = tagged[conventions]
    # "ataxia-telangiectasia" names its disease by itself: a list of two diseases, not a composite
    assert ("ataxia-telangiectasia", "MESH:D001260") in found
    assert ("Li-Fraumeni syndrome", "MESH:D016864") in found
    assert ("hypertension", "MESH:D006973") in found and ("diabetes", "MESH:D003920") in found


def test_meshtag_conventions_keep_one_mention_per_concept(tagged):
    found = tagged["meshtag"]
    assert ("colon", "MESH:D003110") in found and ("rectal cancer", "MESH:D012004") in found
    assert not any("|" in (cid or "") for _, cid in found)
