"""Normalisation must give one key for every spelling variant abstracts use, and keep offsets."""
from __future__ import annotations

import pytest

from meshtag.kb.normalize import fold_plural, norm_tokens, normalize, token_spans


@pytest.mark.parametrize("variants, key", [
    (["alpha2", "alpha-2", "α₂", "alpha 2", "Alpha-2", "ALPHA2", "α2"], "alpha 2"),
    (["sigma-1", "sigma 1", "sigma1", "σ1", "Sigma-1"], "sigma 1"),
    (["TRPA1", "Trpa1", "TRPA-1"], "trpa 1"),
    (["µ-opioid", "μ opioid", "mu-opioid"], "mu opioid"),
    (["receptors", "Receptors", "receptor"], "receptor"),
    (["antidepressants", "Antidepressant"], "antidepressant"),
    (["κ-opioid receptors", "kappa opioid receptor"], "kappa opioid receptor"),
    (["Ca²⁺", "Ca2+", "Ca 2"], "ca 2"),
    (["Ménière's disease", "Meniere's diseases"], "meniere s disease"),
    (["anaemia", "anemia", "Anaemias"], "anemia"),                 # British spellings fold to American
    (["haemorrhagic cystitis", "hemorrhagic cystitis"], "hemorrhagic cystitis"),
    (["pregnenolone sulphate", "pregnenolone sulfate"], "pregnenolone sulfate"),
    (["oedema", "edema"], "edema"), (["oestrogens", "estrogen"], "estrogen"), (["tumours", "tumor"], "tumor"),
    (["leucocytoclastic", "leukocytoclastic"], "leukocytoclastic"),
    (["alpha2-adrenoreceptors", "alpha2-adrenoceptor"], "alpha 2 adrenoceptor"),   # variant spelling -> MeSH's
    (["alphaENaC", "αENaC", "alpha-ENaC", "α-ENaC"], "alpha enac"),  # a Greek letter glued to a symbol
    (["NF-kappaB", "NF-κB", "NF-kappa B"], "nf kappa b"),
    (["contrast media", "Contrast Medium"], "contrast medium"),   # a Latin plural
])
def test_variants_share_one_key(variants, key):
    assert {normalize(v) for v in variants} == {key}


def test_mesh_inverted_name_tokens():
    assert normalize("Receptors, Opioid, mu") == "receptor opioid mu"
    assert sorted(normalize("Receptors, Opioid, mu").split()) == sorted(normalize("mu opioid receptors").split())


@pytest.mark.parametrize("token, folded", [
    ("receptors", "receptor"), ("therapies", "therapy"), ("agents", "agent"),
    ("ras", "ras"), ("gas", "gas"), ("analysis", "analysis"), ("virus", "virus"), ("mass", "mass"),
    ("pies", "pie"), ("ARs".lower(), "ars"),
    ("nuclei", "nucleus"), ("ganglia", "ganglion"), ("cortices", "cortex"),   # Latin plurals of neuroanatomy
])
def test_plural_folding_rules(token, folded):
    assert fold_plural(token) == folded


def test_latin_plural_matches_the_singular_term():
    assert normalize("supraoptic nuclei") == normalize("Supraoptic Nucleus")
    assert normalize("dorsal root ganglia") == normalize("Dorsal Root Ganglion")


def test_offsets_point_into_raw_text():
    text = "The α₂-adrenergic receptors (α2-ARs) in LC."
    toks = norm_tokens(text)
    assert [t for _, _, t in toks] == ["the", "alpha", "2", "adrenergic", "receptor", "alpha", "2", "ars", "in", "lc"]
    assert [text[s:e] for s, e, _ in toks] == ["The", "α", "₂", "adrenergic", "receptors", "α", "2", "ARs", "in", "LC"]


def test_scanner_tokens_equal_norm_tokens():
    for text in ["Sigma-1 receptor (S1R) and TRPA1", "µ-opioid receptors in the PAG", "ΑΒΓ test", "",
                 "betaENaC and gammaENaC, not betaine", "αENaC and β-ENaC"]:
        keys, starts, ends = token_spans(text)
        assert list(zip(starts, ends, keys)) == norm_tokens(text)


def test_british_stems_leave_other_words_alone():
    assert [normalize(w) for w in ["leucine", "shoe", "hour", "aesthetic", "heme"]] == \
        ["leucine", "shoe", "hour", "aesthetic", "heme"]


def test_greek_letter_stays_in_a_lowercase_word():
    assert [normalize(w) for w in ["betaine", "Betamethasone", "alphavbeta3", "deltamethrin", "AlphaENaC"]] == \
        ["betaine", "betamethasone", "alphavbeta 3", "deltamethrin", "alphaenac"]
