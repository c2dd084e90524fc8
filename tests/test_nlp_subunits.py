"""Receptor subunits named by a Greek letter and a number (meshtag_subunits)."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.tagging import tag_text

NACHR = "MESH:D011978"  # Receptors, Nicotinic


@pytest.fixture(scope="module")
def nlp():
    return meshtag.load(mode="fast")


def receptors(nlp, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.id) for m in tag_text(text, nlp).mentions if m.label == "RECEPTOR"]


def test_runs_of_subunit_codes_and_their_later_uses_are_the_receptor(nlp):
    # held-out set 2, 15275829
    text = ("The alpha3 and beta4 nicotinic acetylcholine receptor subunits are needed for seizures. nAChRs are "
            "ion channels. A gene cluster holds the alpha3, alpha5 and beta4 subunits. beta4 -/- mice were spared.")
    found = receptors(nlp, text)
    assert ("alpha3 and beta4 nicotinic acetylcholine receptor subunits", NACHR) in found
    # the codes keep the receptor the title gave them, not the generic "ion channels" named just before
    assert ("alpha3, alpha5 and beta4 subunits", NACHR) in found
    assert ("beta4", NACHR) in found


def test_a_subunit_right_after_a_receptor_name_extends_it(nlp):
    found = receptors(nlp, "The 5-HT3 receptor beta 2 subunit was cloned.")
    assert found == [("5-HT3 receptor beta 2 subunit", "MESH:D044406")]  # Receptors, Serotonin, 5-HT3


def test_codes_no_subunit_run_introduced_are_left_alone(nlp):
    found = receptors(nlp, "The beta1 integrin and alpha2 macroglobulin were measured in beta4 mice.")
    assert not any(text in {"beta1", "alpha2", "beta4"} for text, _ in found)


def test_a_subunit_named_by_a_mesh_term_teaches_its_code(nlp):
    # main set 12481039: "sodium channel beta 2-subunits" is a MeSH term; "beta2(-/-) mice" follow
    text = "Sodium channel beta 2-subunits modulate channels. We generated beta2(-/-) mice; beta2-subunits matter."
    found = receptors(nlp, text)
    assert ("beta2", "MESH:D062548") in found and ("beta2-subunits", "MESH:D062548") in found


def test_a_receptor_name_with_a_bare_greek_letter_subunit(nlp):
    # (not "epsilon": MeSH's mouse record of that subunit now gives a derived term, filed under Receptors, Nicotinic)
    found = receptors(nlp, "The acetylcholine receptor delta subunit (CHRND) is mutated.")
    assert found[0] == ("acetylcholine receptor delta subunit", "MESH:D011950")
    # but a name that reads the letter itself keeps it: the alpha receptor, and its gene's short form
    text = "the adjacent PDGFRA (platelet-derived growth factor receptor alpha subunit) genes; PDGFRA was lost"
    found = receptors(nlp, text)
    assert ("platelet-derived growth factor receptor alpha", "MESH:D020796") in found
    assert found.count(("PDGFRA", "MESH:D020796")) == 2


def test_a_subunit_code_glued_to_a_receptor_symbol_is_one_mention(nlp):
    text = "Spinal GlyRα3, GABAARalpha2 and nAChR-α7 mediate pain; FooRalpha3 and the SRalpha2 gene do not."
    assert receptors(nlp, text) == [
        ("GlyRα3", "MESH:C113965"),         # glycine receptor alpha3 subunit: the KB names code and symbol
        ("GABAARalpha2", "MESH:D011963"),   # the symbol's receptor: no "alpha2 GABAAR" in the KB
        ("nAChR-α7", "MESH:D064569"),       # alpha7 nicotinic receptor
    ]


def test_a_code_that_ends_a_receptors_own_name_starts_no_subunit_run(nlp):
    """"alpha 2 delta-1" is the calcium channel subunit gabapentinoids bind, not a delta subunit of the GABA-A receptor
    named before it."""
    text = "The GABA(A) receptor alpha(1) subunit and alpha 2 delta-1 subunits."
    assert receptors(nlp, text) == [("GABA(A) receptor alpha(1) subunit", "MESH:D011963"),
                                    ("alpha 2 delta-1", "MESH:D015220")]
