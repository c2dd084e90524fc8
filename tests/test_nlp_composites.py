"""Composite mentions under the corpus conventions (meshtag.nlp.composites)."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.tagging import tag_text

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


def test_receptor_subtypes_joined_by_a_slash_are_a_coordination():
    # annotation guideline "Coordination": "D1/D2 receptor" -> D017447|D017448; a slash between other names
    # is a synonym list ("VEGFR-2/Flk-1": two mentions, one concept each)
    text = "The D1/D2 receptor ratio and mu/delta opioid receptors; VEGFR-2/Flk-1 signalling."
    pubtator = [(e.text, e._.concept_id) for e in meshtag.load(mode="fast", conventions="pubtator")(text).ents]
    assert ("D1/D2 receptor", "MESH:D017447|MESH:D017448") in pubtator
    assert ("mu/delta opioid receptors", "MESH:D017450|MESH:D017465") in pubtator
    assert ("VEGFR-2", "MESH:D040301") in pubtator and ("Flk-1", "MESH:D040301") in pubtator
    default = [(e.text, e._.concept_id) for e in meshtag.load(mode="fast")(text).ents]
    assert ("D1", "MESH:D017447") in default and ("D2 receptor", "MESH:D017448") in default
    alone = [(e.text, e._.concept_id) for e in meshtag.load(mode="fast")("D1/D2 receptor ratios rose.").ents]
    assert ("D1", "MESH:D017447") in alone   # also in a text without "and" / "or"


def test_receptor_lists_share_a_two_word_head_and_bracketed_subtypes():
    text = "Ionotropic and metabotropic glutamate receptors, and dopamine, opioid, GABA(A) and NMDA receptors."

    def ents(conventions: str) -> list[tuple[str, str | None]]:
        return [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions=conventions)).mentions]

    found = ents("pubtator")
    assert ("Ionotropic and metabotropic glutamate receptors", "MESH:D058468|MESH:D018094") in found
    assert ("dopamine, opioid, GABA(A) and NMDA receptors",
            "MESH:D011954|MESH:D011957|MESH:D011963|MESH:D016194") in found
    # BC5CDR annotates the ligands inside ("dopamine", "GABA"), as in its training set (11426838)
    bc5cdr = ents("bc5cdr")
    assert ("dopamine", "MESH:D004298") in bc5cdr and ("GABA", "MESH:D005680") in bc5cdr


def test_hyphenated_receptor_conjuncts_share_the_head_after_the_hyphen():
    nlp = meshtag.load(mode="fast", conventions="pubtator")
    found = [(m.text, m.id) for m in tag_text("Both alpha- and beta-adrenoceptors and D1- and D2-receptors.", nlp).mentions]
    assert ("alpha- and beta-adrenoceptors", "MESH:D011942|MESH:D011943") in found
    assert ("D1- and D2-receptors", "MESH:D017447|MESH:D017448") in found


@pytest.mark.parametrize("conventions", ["pubtator", "bc5cdr"])
def test_a_conjunct_with_its_short_form_joins_the_composite_under_the_short_forms_concept(conventions):
    nlp = meshtag.load(mode="fast", conventions=conventions)
    text = ("AVP mRNA in the paraventricular (PVN) and supraoptic nuclei rose; the PVN grew. "
            "It binds serotonergic (5HT2A) and dopaminergic D2 receptors.")
    found = [(m.text, m.id) for m in tag_text(text, nlp).mentions]
    assert ("paraventricular (PVN) and supraoptic nuclei", "MESH:D010286|MESH:D013495") in found
    assert ("PVN", "MESH:D010286") in found          # defined inside the composite, used after it
    assert [t for t, _ in found].count("PVN") == 1
    if conventions == "pubtator":  # (BC5CDR scores the ligand in "5HT2A" as serotonin instead)
        # the code names the subtype; the adjective alone would give the serotonin receptor family
        assert ("serotonergic (5HT2A) and dopaminergic D2 receptors", "MESH:D044402|MESH:D017448") in found


def test_meshtag_output_keeps_the_conjunct_and_its_short_form_apart():
    text = "AVP mRNA in the paraventricular (PVN) and supraoptic nuclei rose."
    found = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    assert found[:3] == [("paraventricular", "MESH:D010286"), ("PVN", "MESH:D010286"),
                         ("supraoptic nuclei", "MESH:D013495")]


def test_a_second_conjunct_may_take_an_article():
    text = "Neurons of the inferior and the superior colliculus fired."
    found = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="pubtator")).mentions]
    assert found == [("inferior and the superior colliculus", "MESH:D007245|MESH:D013477")]


def test_a_drug_named_by_its_role_is_no_bare_conjunct():
    # MeSH has "baclofen receptor" for GABA-B receptors: "agonist baclofen and GABAA receptor modulators" used to
    # make baclofen a receptor; "dopamine and serotonin receptors" is still a coordination
    found = [(e.text, e.label_, e._.concept_id) for e in meshtag.load(mode="fast")(
        "The GABAB receptor agonist baclofen and GABAA receptor modulators; dopamine and serotonin receptors.").ents]
    assert ("baclofen", "DRUG", "MESH:D001418") in found
    assert ("dopamine", "RECEPTOR", "MESH:D011954") in found


def test_numbered_subtypes_mesh_does_not_name_share_their_family():
    found = [(e.text, e._.concept_id) for e in meshtag.load(mode="fast")(
        "Orexin-1 and orexin-2 receptors regulate arousal; galanin-1 and galanin-2 receptors differ.").ents]
    assert ("Orexin-1", "MESH:D064446") in found and ("orexin-2 receptors", "MESH:D064446") in found
    # MeSH names both galanin subtypes: each keeps its own
    assert ("galanin-1", "MESH:D044091") in found and ("galanin-2 receptors", "MESH:D044092") in found


def test_a_contrast_with_but_not_is_a_coordination_too():
    """"alpha2- but not I1-receptor-mediated" (held-out set 2 annotates it as one composite mention)."""
    text = "Estrogen reduces alpha2- but not I1-receptor-mediated hypotension, and NMDA but not AMPA receptors."
    pubtator = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="pubtator")).mentions]
    assert ("alpha2- but not I1-receptor", "MESH:D018341|MESH:C410887") in pubtator
    assert ("NMDA but not AMPA receptors", "MESH:D016194|MESH:D018091") in pubtator
    default = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    assert ("alpha2-", "MESH:D018341") in default and ("I1-receptor", "MESH:C410887") in default
    assert ("NMDA", "MESH:D016194") in default  # the receptor, not the chemical


@pytest.mark.parametrize("conventions, expected", [
    ("meshtag", [("breast", "MESH:D001943"), ("ovarian cancer", "MESH:D010051")]),
    ("pubtator", [("breast and ovarian cancer", "MESH:D001943|MESH:D010051")]),
])
def test_model_span_over_a_coordination_gives_way_to_its_conjuncts(conventions, expected):
    # the NER reads "breast and ovarian cancer" whole; linked alone it would name only Ovarian Neoplasms
    doc = meshtag.load(mode="accurate", conventions=conventions)("BRCA1 mutations predispose to breast and "
                                                                   "ovarian cancer.")
    assert [(e.text, e._.concept_id) for e in doc.ents] == expected
