"""The model linker's calibrated scores."""
from __future__ import annotations

import json

import numpy as np
import pytest

from meshtag.nlp.model_linker import DEFAULT_CALIBRATION, Calibration, name_bounds


def test_calibration_interpolates_and_clips(tmp_path):
    path = tmp_path / "cal.json"
    path.write_text(json.dumps({"x": [0.4, 0.8, 1.0], "y": [0.1, 0.5, 0.9]}), encoding="utf-8")
    cal = Calibration(path)
    assert cal(0.6) == pytest.approx(0.3) and cal(0.0) == 0.1 and cal(1.0) == 0.9
    assert Calibration("")(0.42) == 0.42  # no calibration: the raw score


def test_committed_calibration_is_a_monotone_probability_map():
    data = json.loads(DEFAULT_CALIBRATION.read_text(encoding="utf-8"))
    y = np.asarray(data["y"])
    assert data["pairs"] > 1000 and np.all(np.diff(y) >= 0) and y.min() >= 0 and y.max() <= 1
    assert np.all(np.diff(np.asarray(data["x"])) >= 0)


def test_generic_head_and_bracket_crossing_spans():
    """'Schwartz-Jampel syndrome' is not the concept Syndrome; a model span across a bracket is dropped."""
    import meshtag
    from meshtag.tagging import tag_text

    nlp = meshtag.load(mode="accurate")
    doc = tag_text("Schwartz-Jampel syndrome is a rare disorder. Patients with diabetes (IDDM) (5 cases) and "
                   "hepatitis B virus (HBV) infection were excluded.", nlp)
    assert not [m for m in doc.mentions if m.id == "MESH:D013577"]
    assert not [m for m in doc.mentions if ")" in m.text and "(" not in m.text]


def test_model_spans_lose_the_hyphens_and_slashes_of_their_tokens():
    # BC5CDR development 9121607 and 15897593: gold "kainic acid", "dexrazoxane"
    text = "against pilocarpine-, kainic acid- and NMDA-induced seizures; doxorubicin +/- dexrazoxane; Ca2+ rose"
    spans = {"kainic acid-": "kainic acid", "/- dexrazoxane": "dexrazoxane", "Ca2+": "Ca2+"}
    for raw, name in spans.items():
        start = text.index(raw)
        assert text[slice(*name_bounds(text, start, start + len(raw)))] == name


def test_bc5cdr_conventions_keep_the_linked_head_not_the_models_modifiers():
    """BC5CDR annotates 'edema' in 'peritumoral edema'; PubTator-style gold (NCBI) takes the whole phrase."""
    import meshtag
    from meshtag.tagging import tag_text

    text = "Two patients had peritumoral edema and bacterial sinusitis."
    bc5cdr = {(m.text, m.id) for m in tag_text(text, meshtag.load(conventions="bc5cdr")).mentions}
    pubtator = {(m.text, m.id) for m in tag_text(text, meshtag.load(conventions="pubtator")).mentions}
    assert ("edema", "MESH:D004487") in bc5cdr and ("sinusitis", "MESH:D012852") in bc5cdr
    assert ("peritumoral edema", "MESH:D004487") in pubtator and ("bacterial sinusitis", "MESH:D012852") in pubtator


def test_bc5cdr_conventions_keep_the_modifiers_the_corpus_keeps():
    """BC5CDR annotates 'ventricular arrhythmias' whole (16/16 in training): the model's span stays, with the
    concept of its linked head."""
    import meshtag
    from meshtag.tagging import tag_text

    doc = tag_text("The incidence of ventricular arrhythmias was lower.", meshtag.load(conventions="bc5cdr"))
    assert [(m.text, m.id) for m in doc.mentions] == [("ventricular arrhythmias", "MESH:D001145")]


def test_a_verb_of_effect_is_no_modifier_of_the_linked_head():
    """The NER sometimes reads 'attenuated pain' as one name: the dictionary's 'pain' is the mention."""
    import meshtag
    from meshtag.tagging import tag_text

    doc = tag_text("The sigma-1 receptor antagonist E-52862 (S1RA) attenuated pain.", meshtag.load(mode="accurate"))
    assert ("pain", "MESH:D010146") in {(m.text, m.id) for m in doc.mentions}
    assert not [m for m in doc.mentions if "attenuated" in m.text]



def test_a_disease_before_bare_pain_stays_a_mention_of_its_own():
    """The NER reads 'Osteoarthritis pain' as one name, which took Pain and hid the disease."""
    import meshtag
    from meshtag.tagging import tag_text

    doc = tag_text("Osteoarthritis pain and endometriosis pain were treated; cholestatic hepatitis resolved.",
                   meshtag.load(mode="accurate"))
    found = [(m.text, m.id) for m in doc.mentions]
    assert found[:4] == [("Osteoarthritis", "MESH:D010003"), ("pain", "MESH:D010146"),
                         ("endometriosis", "MESH:D004715"), ("pain", "MESH:D010146")]
    assert found[4][0] == "cholestatic hepatitis"  # other heads keep the model's modifiers


def test_an_eponymous_disease_before_another_condition_stays_a_mention_of_its_own():
    """The NER reads "Parkinson's disease psychosis" as one name, which took Psychotic Disorders and hid Parkinson
    Disease from co-occurrence reports; a class in apposition ("the autosomal recessive disease X") is no name, and
    a model span that starts inside a name is no mention."""
    import meshtag
    from meshtag.tagging import tag_text

    doc = tag_text("Pimavanserin treats Parkinson's disease psychosis. The autosomal recessive disease "
                   "glucose/galactose malabsorption was found. Children with Down syndrome leukemia.",
                   meshtag.load(mode="accurate"))
    found = [(m.text, m.id) for m in doc.mentions if m.label == "CONDITION"]
    assert found == [("Parkinson's disease", "MESH:D010300"), ("psychosis", "MESH:D011618"),
                     ("autosomal recessive disease glucose/galactose malabsorption", "MESH:C562602"),
                     ("Down syndrome", "MESH:D004314"), ("leukemia", "MESH:D007938")]  # not "syndrome leukemia"


def test_an_unlinked_function_word_is_no_mention():
    """BC5CDR development 9041081: the NER read "done" as a chemical; unknown to the KB and a stop word, it goes."""
    import meshtag
    from meshtag.tagging import tag_text

    text = ("Electroretinography and standard pattern visual evoked potentials (P-VEPs) were done in 25 eyes of 25 "
            "patients treated with vigabatrin.")
    mentions = [(m.text, m.id) for m in tag_text(text, meshtag.load(conventions="bc5cdr")).mentions]
    assert mentions == [("vigabatrin", "MESH:D020888")]


def test_an_unlinked_place_or_body_part_is_no_mention():
    """NCBI-disease development 9012404: the NER read "California" as a disease; MeSH names it only as a place."""
    import meshtag
    from meshtag.nlp.model_linker import ModelLinker
    from meshtag.tagging import tag_text

    text = ("A population-based series of 54 male breast cancer cases from Southern California were analyzed for "
            "germ-line mutations in the inherited breast/ovarian cancer genes, BRCA1 and BRCA2.")
    mentions = [m.text for m in tag_text(text, meshtag.load(conventions="pubtator")).mentions]
    assert "California" not in mentions and "male breast cancer" in mentions
    linker = ModelLinker()
    assert linker.names_a_place_or_body_part("California") and linker.names_a_place_or_body_part("prostate")
    assert not linker.names_a_place_or_body_part("platelet aggregation")  # a process: BC5CDR annotates it


def test_a_bare_type_is_no_mention():
    """NCBI-disease development 8621452: the NER read "Type II" of "Type II human complement C2 deficiency" alone."""
    import meshtag
    from meshtag.tagging import tag_text

    text = "Type II human complement C2 deficiency. Allele-specific amino acid substitutions cause impaired C2 secretion."
    assert "Type II" not in [m.text for m in tag_text(text, meshtag.load(conventions="pubtator")).mentions]


def test_a_head_the_conventions_drop_gives_no_concept_to_the_model_mention():
    """NCBI-disease development 8637912: the NER reads "male cancer deaths"; NCBI-disease annotates no death, so under
    its conventions the mention is the cancer."""
    import meshtag
    from meshtag.tagging import tag_text

    text = "Prostate cancer is the second leading cause of male cancer deaths in the United States."
    pubtator = [(m.text, m.id) for m in tag_text(text, meshtag.load(conventions="pubtator")).mentions]
    assert pubtator == [("Prostate cancer", "MESH:D011471"), ("cancer", "MESH:D009369")]


def test_a_disease_adjective_the_ner_reads_is_linked_through_its_noun():
    # BC5CDR development 11868798 and 12549952: "neutropenic" (Neutropenia), "hepatotoxic" (drug-induced liver injury)
    import meshtag
    from meshtag.tagging import tag_text

    doc = tag_text("Neutropenic patients, hypokalemic patients and hepatotoxic effects were seen.",
                   meshtag.load(mode="accurate"))
    assert [(m.text, m.id) for m in doc.mentions] == [
        ("Neutropenic", "MESH:D009503"), ("hypokalemic", "MESH:D007008"), ("hepatotoxic", "MESH:D056486")]


def test_the_letters_of_a_development_code_are_no_model_mention():
    """The NER read the "LP" of "LP-211" as a chemical; the code as a whole is the drug (meshtag_drug_codes)."""
    import meshtag
    from meshtag.tagging import tag_text

    doc = tag_text("The 5-HT7 agonist LP-211 was given.", meshtag.load(mode="accurate"))
    assert [(m.text, m.label, m.id) for m in doc.mentions] == [("5-HT7", "RECEPTOR", "MESH:C104425"),
                                                                ("LP-211", "DRUG", None)]


def test_an_organs_adenocarcinoma_the_kb_does_not_name_is_the_organs_neoplasm():
    # NCBI-disease development 8637912 "prostate adenocarcinoma" (Prostatic Neoplasms); a name MeSH has stays its own
    import meshtag
    from meshtag.tagging import tag_text

    doc = tag_text("Prostate adenocarcinoma, pancreatic adenocarcinoma, lung adenocarcinoma and adenocarcinoma.",
                   meshtag.load(mode="accurate"))
    assert [(m.text, m.id) for m in doc.mentions] == [
        ("Prostate adenocarcinoma", "MESH:D011471"), ("pancreatic adenocarcinoma", "MESH:D010190"),
        ("lung adenocarcinoma", "MESH:D000077192"), ("adenocarcinoma", "MESH:D000230")]
