"""Pipeline components that need no knowledge base: tokenizer, sentences, abbreviations."""
from __future__ import annotations

import pytest
import scispacy.abbreviation  # noqa: F401  (registers scispaCy's "abbreviation_detector")

from meshtag.nlp import abbreviations, sentences  # noqa: F401  (register factories)
from meshtag.nlp.sentences import TITLE_END_KEY, sentence_starts
from meshtag.nlp.tokenizer import blank_biomedical



def test_tokenizer_splits_compounds_at_hyphen_slash_and_after_brackets():
    nlp = blank_biomedical()
    tokens = [t.text for t in nlp("TRPA1/TRPV1 (PAN)-induced cocaine-induced α₂-adrenergic 3.5 mg")]
    assert tokens == ["TRPA1", "/", "TRPV1", "(", "PAN", ")", "-", "induced", "cocaine", "-", "induced",
                      "α₂", "-", "adrenergic", "3.5", "mg"]


def test_tokenizer_splits_the_hyphen_after_a_stereo_descriptor():
    nlp = blank_biomedical()
    assert [t.text for t in nlp("(+)-naloxone (-)-nicotine")] == ["(", "+", ")", "-", "naloxone",
                                                                  "(", "-", ")", "-", "nicotine"]


def test_tokenizer_splits_an_isotope_label_from_its_tracer_but_not_a_ring_fusion():
    nlp = blank_biomedical()
    tokens = [t.text for t in nlp("[11C]raclopride [99mTc]HMPAO benzo[a]pyrene")]
    assert tokens == ["[", "11C", "]", "raclopride", "[", "99mTc", "]", "HMPAO", "benzo[a]pyrene"]


def test_tokenizer_splits_a_genotype_from_its_gene_but_not_an_ion_pair():
    nlp = blank_biomedical()
    tokens = [t.text for t in nlp("TRPV1-/- TRPV1(-/-) Oprm1+/- Na+/K+-ATPase")]
    assert tokens == ["TRPV1", "-/-", "TRPV1", "(", "-/-", ")", "Oprm1", "+/-", "Na+/K+-ATPase"]


def test_tokenizer_splits_a_final_period_from_codes_but_not_from_initials():
    nlp = blank_biomedical()
    tokens = [t.text for t in nlp("J. Smith saw MEN 2A. The U.S. gave CsA. Fig. 2B.")]
    assert tokens == ["J.", "Smith", "saw", "MEN", "2A", ".", "The", "U.S.", "gave", "CsA", ".",
                      "Fig", ".", "2B", "."]


@pytest.mark.parametrize("text, expected", [
    ("Smith et al. showed it. Then it worked.", ["Smith et al. showed it.", "Then it worked."]),
    ("Drugs, e.g. Cocaine, act. Rats vs. Mice differ.", ["Drugs, e.g. Cocaine, act.", "Rats vs. Mice differ."]),
    ("Dose was 2.5 mg. It helped.", ["Dose was 2.5 mg.", "It helped."]),
    ("Levels rose (p < 0.05. See Table 1). Next.", ["Levels rose (p < 0.05. See Table 1).", "Next."]),
])
def test_sentence_starts_survive_abbreviations_decimals_parentheses(text, expected):
    starts = sentence_starts(text) + [len(text)]
    assert [text[a:b].strip() for a, b in zip(starts, starts[1:])] == expected


def test_title_is_its_own_sentence():
    nlp = blank_biomedical()
    nlp.add_pipe("meshtag_sentences")
    title = "Sigma-1 receptor and pain"
    doc = nlp.make_doc(title + " " + "It is a target. It binds drugs.")
    doc.user_data[TITLE_END_KEY] = len(title) + 1
    doc = nlp.get_pipe("meshtag_sentences")(doc)
    assert [s.text for s in doc.sents] == [title, "It is a target.", "It binds drugs."]


def test_a_capital_that_ends_a_sentence_gives_up_its_period():
    """spaCy keeps "D." whole, as an initial; at a sentence's end the entity "vitamin D" would carry the period."""
    import meshtag

    text = "They had chronic hepatitis C. Then they took vitamin D."
    doc = meshtag.load(mode="fast")(text)
    assert [e.text for e in doc.ents] == ["chronic hepatitis C", "vitamin D"]
    assert [s.text for s in doc.sents] == ["They had chronic hepatitis C.", "Then they took vitamin D."]
    assert doc.text == text


def test_components_pipe_in_batches_like_one_doc_at_a_time(seeds_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))][:7]
    nlp = blank_biomedical()
    nlp.add_pipe("meshtag_sentences")
    nlp.add_pipe("meshtag_abbreviations")
    one_by_one = [nlp(text) for text in texts]
    batched = list(nlp.pipe(texts, batch_size=3))  # 7 docs: the last batch is short
    assert [d.text for d in batched] == texts
    assert [[s.text for s in d.sents] for d in batched] == [[s.text for s in d.sents] for d in one_by_one]
    assert [sorted((a.start, a.end, a._.long_form.text) for a in d._.abbreviations) for d in batched] == \
        [sorted((a.start, a.end, a._.long_form.text) for a in d._.abbreviations) for d in one_by_one]
    assert sum(len(list(d.sents)) for d in batched) > len(texts)


def test_fast_abbreviation_detector_matches_scispacy_on_real_abstracts(seeds_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    results = {}
    for factory in ("meshtag_abbreviations", "abbreviation_detector"):
        nlp = blank_biomedical()
        nlp.add_pipe(factory)
        results[factory] = [sorted((a.start, a.end, a._.long_form.start, a._.long_form.end) for a in d._.abbreviations)
                            for d in nlp.pipe(texts)]
    assert results["meshtag_abbreviations"] == results["abbreviation_detector"]
    nlp = blank_biomedical()
    nlp.add_pipe("meshtag_abbreviations")
    defined = {(a.text, a._.long_form.text) for a in nlp(texts[0])._.abbreviations}
    assert ("S1R", "Sigma 1 receptor") in defined
    assert ("KO", "knockout") in defined
    assert sum(1 for a in nlp(texts[0])._.abbreviations if a.text == "S1R") >= 9  # every later use too


@pytest.mark.parametrize("text, expected", [
    # NCBI-disease dev 9272171, BC5CDR 3341566 / 15075188: a short form opening or closing a bracketed list
    ("patients with adult onset globoid cell leukodystrophy (Krabbe disease; AO-GLD) were studied",
     {("AO-GLD", "adult onset globoid cell leukodystrophy")}),
    ("familial expansile osteolysis (FEO, MIM 174810) is rare", {("FEO", "familial expansile osteolysis")}),
    ("rats given puromycin aminonucleoside (PAN; 180 mg/kg iv) had nephrosis",
     {("PAN", "puromycin aminonucleoside")}),
    # dosing notes, Latin abbreviations and words of a list are no short forms
    ("seizures induced by kainic acid (32 mg/kg, s.c.) were scored", set()),
    ("intraperitoneal reserpine (1 mg/kg, ip) was given", set()),
    ("sham-operated rats (Sham, N = 22) were compared", set()),
])
def test_short_forms_in_a_bracketed_list_are_defined(text, expected):
    nlp = blank_biomedical()
    nlp.add_pipe("meshtag_abbreviations")
    assert {(a.text, a._.long_form.text) for a in nlp(text)._.abbreviations} == expected

