"""Annotation conventions: pharmacological classes are tagged by default and dropped under "bc5cdr",
except the class terms the BC5CDR training set annotates."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.tagging import tag_text

TEXT = "Opioid analgesics and calcium channel blockers were compared with morphine and antidepressants."


def found(conventions: str) -> set[tuple[str, str | None]]:
    nlp = meshtag.load(mode="fast", conventions=conventions)
    return {(m.text.lower(), m.id) for m in tag_text(TEXT, nlp).mentions}


def test_default_conventions_keep_pharmacological_classes():
    default = found("meshtag")
    assert ("opioid analgesics", "MESH:D000701") in default
    assert ("morphine", "MESH:D009020") in default


def test_bc5cdr_conventions_drop_classes_the_corpus_leaves_unannotated():
    bc5cdr = found("bc5cdr")
    assert not any(text == "opioid analgesics" for text, _ in bc5cdr)
    assert ("morphine", "MESH:D009020") in bc5cdr                     # specific chemicals stay
    assert ("calcium", "MESH:D002118") in bc5cdr                     # the ligand: what training annotates
    assert not any(text == "calcium channel blockers" for text, _ in bc5cdr)
    assert ("antidepressants", "MESH:D000928") in bc5cdr             # "antidepressant": 19/19 annotated


@pytest.mark.parametrize("conventions, expected", [
    ("meshtag", [("Suicide attempts", "MESH:D013406"), ("self-harm", "MESH:D016728"),
                 ("internet gaming disorder", "MESH:D000082424"), ("depression", "MESH:D003866")]),
    ("bc5cdr", [("depression", "MESH:D003866")]),
    ("pubtator", [("depression", "MESH:D003866")]),
])
def test_conditions_outside_the_disease_trees_are_meshtags_own(conventions, expected):
    """Suicide attempts and self-harm (F01 Behavior) are conditions by meshtag's convention; the corpora annotate
    the disease trees only, so their conventions drop them."""
    text = "Suicide attempts, self-harm and internet gaming disorder in adolescents with depression."
    doc = tag_text(text, meshtag.load(mode="fast", conventions=conventions))
    assert [(m.text, m.id) for m in doc.mentions if m.label == "CONDITION"] == expected


def test_bc5cdr_class_exceptions_come_from_the_committed_list():
    from meshtag.nlp.conventions import allowed_class_terms
    from meshtag.kb.normalize import normalize

    allowed = allowed_class_terms("bc5cdr")
    assert normalize("oral contraceptives") in allowed and normalize("analgesic") not in allowed
    # annotated only through its ligand ("calcium"), never as itself: not a kept class term
    assert normalize("calcium channel blockers") not in allowed


def test_bc5cdr_keeps_the_short_form_of_a_class_it_keeps_but_not_of_one_it_drops():
    # BC5CDR development 20195852 annotates "contrast media (CM)" and every CM ("contrast medium" is a kept class
    # term, and "media" folds to it); "opioid analgesics (OA)" stay out, short form and all
    nlp = meshtag.load(mode="fast", conventions="bc5cdr")
    text = "Two nonionic contrast media (CM), iopromide and iohexol, were compared; CM use was recorded."
    assert [(m.text, m.id) for m in tag_text(text, nlp).mentions if m.id == "MESH:D003287"] == \
        [("contrast media", "MESH:D003287"), ("CM", "MESH:D003287"), ("CM", "MESH:D003287")]
    dropped = "Opioid analgesics (OA) were given; OA use was recorded."
    assert not [m for m in tag_text(dropped, nlp).mentions if m.id == "MESH:D000701"]


def test_bc5cdr_drops_the_short_form_of_a_name_read_as_its_inner_chemical():
    # BC5CDR annotates "oxygen" in "reactive oxygen species" and no ROS (training 0 of 4, development 0 of 10)
    text = "Reactive oxygen species (ROS) rose; ROS damage followed."
    bc5cdr = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions]
    assert bc5cdr == [("oxygen", "MESH:D010100")]
    default = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    assert default == [("Reactive oxygen species", "MESH:D017382"), ("ROS", "MESH:D017382"), ("ROS", "MESH:D017382")]


def test_corpus_convention_for_cognitive_dysfunction_and_meshtags_own_reading():
    # BC5CDR training links all 12 "cognitive ..." disease mentions (4 documents) to Cognition Disorders, none to
    # its child Cognitive Dysfunction, which meshtag's own output keeps
    text = "Cognitive impairment and cognitive deterioration followed."
    bc5cdr = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions]
    assert bc5cdr == [("Cognitive impairment", "MESH:D003072"), ("cognitive deterioration", "MESH:D003072")]
    default = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    assert default[0] == ("Cognitive impairment", "MESH:D060825")


def test_bc5cdr_class_named_after_its_ligand_is_the_ligand():
    text = "Patients on angiotensin-converting enzyme inhibitors or a dopamine agonist; tricyclic antidepressants."
    bc5cdr = {(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions}
    assert {("angiotensin", "MESH:D000809"), ("dopamine", "MESH:D004298")} <= bc5cdr
    default = {(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    assert {("angiotensin-converting enzyme inhibitors", "MESH:D000806"), ("dopamine agonist", "MESH:D018491"),
            ("tricyclic antidepressants", "MESH:D000929")} <= default


def test_bc5cdr_conventions_score_a_receptor_named_after_its_ligand_as_the_ligand():
    text = "The dopamine D1 receptor agonist was tested."
    default = {(m.text, m.label) for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    bc5cdr = {(m.text, m.label, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions}
    assert ("dopamine D1 receptor", "RECEPTOR") in default
    assert ("dopamine", "DRUG", "MESH:D004298") in bc5cdr


def test_bc5cdr_conventions_keep_the_ligand_of_a_short_form_inside_a_receptor_name():
    """BC5CDR annotates "serotonin" and "5-HT" in "serotonin type 6 (5-HT(6)) receptors" (training set)."""
    text = ("Antagonists at serotonin type 6 (5-HT(6)) receptors and the gamma-aminobutyric acid (GABA(A)) receptor, "
            "and at rat serotonin (5-HT)2A receptors.")  # the subtype may follow the bracket directly
    bc5cdr = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions]
    assert bc5cdr == [("serotonin", "MESH:D012701"), ("5-HT", "MESH:D012701"),
                      ("gamma-aminobutyric acid", "MESH:D005680"), ("GABA", "MESH:D005680"),
                      ("serotonin", "MESH:D012701"), ("5-HT", "MESH:D012701")]
    default = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    assert default == [("serotonin type 6 (5-HT(6)) receptors", "MESH:C097216"),
                       ("gamma-aminobutyric acid (GABA(A)) receptor", "MESH:D011963"),   # GABA-A: the short form
                       ("serotonin (5-HT)2A receptors", "MESH:D044402")]


def test_bc5cdr_conventions_read_the_ligand_after_a_receptor_family_word():
    # BC5CDR's training set annotates the ligand of "ionotropic/metabotropic glutamate receptor" and "nicotinic
    # acetylcholine receptors" (5 of 5); the receptor's own short form is no ligand, the ligand's is
    text = ("M(3)-muscarinic acetylcholine receptor antagonists and group II metabotropic glutamate receptors; "
            "metabotropic glutamate (mGlu) receptors; dopamine (DA) D1 receptor agonists.")
    bc5cdr = [(m.text, m.label, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions]
    assert bc5cdr == [("acetylcholine", "DRUG", "MESH:D000109"), ("glutamate", "DRUG", "MESH:D018698"),
                      ("glutamate", "DRUG", "MESH:D018698"), ("dopamine", "DRUG", "MESH:D004298"),
                      ("DA", "DRUG", "MESH:D004298")]
    default = [(m.text, m.label) for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    assert ("group II metabotropic glutamate receptors", "RECEPTOR") in default
    assert ("metabotropic glutamate (mGlu) receptors", "RECEPTOR") in default


def test_bc5cdr_conventions_read_no_chemical_in_a_subtype_code():
    # "NK 2" and "B2" are also codes of supplementary chemicals; in "NK2 receptor" they are the subtype
    text = "Both NK1 and NK2 receptors mediate it; the NK2 receptor antagonist and bradykinin B2 receptors."
    bc5cdr = {(m.text, m.label) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions}
    assert not any(label == "DRUG" and text in ("NK2", "B2") for text, label in bc5cdr)
    assert {("NK2 receptor", "RECEPTOR"), ("bradykinin", "DRUG")} <= bc5cdr


def test_bc5cdr_conventions_annotate_a_lipoprotein_through_its_chemical():
    # BC5CDR's training set: "LDL-cholesterol" and "HDL-cholesterol" are annotated as "cholesterol", no lipoprotein
    # as itself; "biogenic amines" as "amines" (3 of 3; the chemical may end the name)
    text = ("LDL cholesterol fell, high-density lipoprotein (HDL) cholesterol rose; plasma lipoproteins; "
            "biogenic amines.")
    bc5cdr = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions]
    assert bc5cdr == [("cholesterol", "MESH:D002784"), ("cholesterol", "MESH:D002784"), ("amines", "MESH:D000588")]
    default = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    assert ("LDL cholesterol", "MESH:D008078") in default and ("biogenic amines", "MESH:D001679") in default


def test_bc5cdr_conventions_leave_coagulation_factors_and_blocked_words_inside_names_unannotated():
    # BC5CDR's training set annotates none of 16 blood coagulation factors; a receptor's adjective that is a
    # blocked term ("cholinergic", 0 of 18) is no ligand
    text = ("Blood coagulation factors, factor VIII related antigen (FVIIIRAg) and thromboplastin were measured; "
            "cholinergic receptors and alpha1-adrenergic receptors.")
    expected = [("cholinergic receptors", "RECEPTOR"), ("alpha1-adrenergic receptors", "RECEPTOR")]
    assert [(m.text, m.label) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions] == \
        expected
    default = {(m.text, m.label) for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    assert {("Blood coagulation factors", "DRUG"), ("thromboplastin", "DRUG")} <= default


def test_a_protected_term_a_corpus_leaves_unannotated_is_dropped_under_its_conventions_only():
    # "opiate": BC5CDR's training set annotates 0 of 4; meshtag's own output keeps it for the reports
    text = "Opiate use; morphine is an opiate."
    bc5cdr = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions]
    assert bc5cdr == [("morphine", "MESH:D009020")]
    default = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    assert ("opiate", "MESH:D053610") in default and ("Opiate", "MESH:D053610") in default


def test_ion_channels_written_with_element_symbols_and_their_ligand():
    # BC5CDR development abstract 11282081; the spellings come from scripts/derive_ion_symbol_terms.py
    text = "Acute L-type Ca(2) channel blockade can promote AF, as Ca-channel blockers and Na+ channels do."
    default = {(m.text, m.label, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    assert {("L-type Ca(2) channel", "RECEPTOR", "MESH:D020746"), ("Ca-channel blockers", "DRUG", "MESH:D002121"),
            ("Na+ channels", "RECEPTOR", "MESH:D015222")} <= default
    # under BC5CDR's conventions the channel type before the ligand does not hide it
    bc5cdr = {(m.text, m.label, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions}
    assert ("Ca", "DRUG", "MESH:D002118") in bc5cdr and not any(m[1] == "RECEPTOR" and "Ca" in m[0] for m in bc5cdr)


def test_bc5cdr_ligand_defined_in_the_document_is_the_chemical():
    # "DA receptor" after "dopamine (DA)": BC5CDR annotates DA, the ligand, as the chemical
    text = "Dopamine (DA) release rose and DA receptor blockade reduced it."
    bc5cdr = {(m.text, m.label, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions}
    assert ("DA", "DRUG", "MESH:D004298") in bc5cdr and len([m for m in bc5cdr if m[0] == "DA"]) == 1
    default = {(m.text, m.label, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    assert ("DA receptor", "RECEPTOR", "MESH:D011954") in default


def test_bc5cdr_keeps_only_the_disease_modifiers_of_the_committed_list():
    from meshtag.nlp.conventions import keeps_modifiers

    assert keeps_modifiers("bc5cdr", "CONDITION", "ventricular ") and keeps_modifiers("bc5cdr", "CONDITION", "Cholestatic ")
    assert not keeps_modifiers("bc5cdr", "CONDITION", "severe ")           # annotated "hepatitis" alone
    assert not keeps_modifiers("bc5cdr", "CONDITION", "severe ventricular ")  # every word must be kept
    assert not keeps_modifiers("bc5cdr", "DRUG", "ventricular ")
    assert keeps_modifiers("pubtator", "CONDITION", "severe ") and keeps_modifiers("meshtag", "DRUG", "oral ")


def test_a_term_one_corpus_leaves_unannotated_is_dropped_under_its_conventions_only():
    # "death": BC5CDR annotates 26 of 32 training matches, NCBI-disease none of 20
    text = "The arrhythmia led to death in two patients with long QT syndrome."

    def deaths(conventions: str) -> list[str | None]:
        nlp = meshtag.load(mode="fast", conventions=conventions)
        return [m.id for m in tag_text(text, nlp).mentions if m.text.lower() == "death"]

    assert deaths("pubtator") == []
    assert deaths("bc5cdr") == deaths("meshtag") == ["MESH:D003643"]


def test_bc5cdr_annotates_some_chemical_names_through_the_chemical_inside():
    # mined from the training set (bc5cdr_ligand_terms.tsv): "reactive oxygen species" 3/5 annotated as "oxygen"
    text = "Reactive oxygen species rose after thallium-201 scintigraphy."

    def drugs(conventions: str) -> set[tuple[str, str | None]]:
        nlp = meshtag.load(mode="fast", conventions=conventions)
        return {(m.text, m.id) for m in tag_text(text, nlp).mentions if m.label == "DRUG"}

    assert drugs("bc5cdr") == {("oxygen", "MESH:D010100"), ("thallium", "MESH:D013793")}
    assert ("Reactive oxygen species", "MESH:D017382") in drugs("meshtag")


def test_corpus_conventions_that_relink_a_kb_term_apply_under_the_corpus_conventions_only():
    """BC5CDR links 'mania' and 'hepatitis' the 2015, drug-induced way and 'statins' to Simvastatin; meshtag's
    own conventions keep MeSH's concept of the same label, and the conventions that give an unlabelled MeSH
    concept's term a label ('depression') or name the molecule of a class plural ('alcohol') stay."""
    text = "Patients with mania or hepatitis and depression took statins and alcohol."
    ids = {conv: {m.text: m.id for m in tag_text(text, meshtag.load(mode="fast", conventions=conv)).mentions}
           for conv in ("meshtag", "bc5cdr")}
    assert ids["bc5cdr"]["mania"] == "MESH:D001714" and ids["meshtag"]["mania"] == "MESH:D000087122"
    assert ids["bc5cdr"]["hepatitis"] == "MESH:D056486" and ids["meshtag"]["hepatitis"] == "MESH:D006505"
    assert ids["bc5cdr"]["statins"] == "MESH:D019821" and ids["meshtag"]["statins"] == "MESH:D019161"
    for text_, concept in (("depression", "MESH:D003866"), ("alcohol", "MESH:D000431")):
        assert ids["bc5cdr"][text_] == ids["meshtag"][text_] == concept


def test_meshtag_reads_phenomena_and_pain_hypersensitivity_its_own_way_and_short_forms_follow():
    text = ("Hippocampal long-term depression (LTD) and cortical spreading depression were studied in mice with "
            "allodynia; hypersensitivity to von Frey filaments persisted. Depression was not assessed.")
    meshtag_ids = {(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    bc5cdr_ids = {(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions}
    assert ("hypersensitivity", "MESH:D006930") in meshtag_ids                # Hyperalgesia, not the allergy
    assert not any(t in ("depression", "LTD") for t, _ in meshtag_ids)       # phenomena, and their short form
    assert ("Depression", "MESH:D003866") in meshtag_ids                     # the disorder itself stays
    assert ("hypersensitivity", "MESH:D004342") in bc5cdr_ids                # the corpus's reading
    assert sum(t == "depression" for t, _ in bc5cdr_ids) >= 1


def test_withdrawal_after_a_drug_is_the_withdrawal_syndrome_under_meshtags_conventions():
    text = ("Opioid withdrawal and naloxone-precipitated withdrawal were scored; withdrawal of morphine, paw "
            "withdrawal latency after morphine and morphine withdrawal thresholds were not.")
    own = [(m.text, m.label, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    assert own == [("Opioid", "DRUG", "MESH:D000701"), ("withdrawal", "CONDITION", "MESH:D013375"),
                   ("naloxone", "DRUG", "MESH:D009270"), ("withdrawal", "CONDITION", "MESH:D013375"),
                   ("morphine", "DRUG", "MESH:D009020"), ("morphine", "DRUG", "MESH:D009020"),
                   ("morphine", "DRUG", "MESH:D009020")]
    bc5cdr = tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions
    assert not any(m.text == "withdrawal" for m in bc5cdr)   # the corpus annotates none


def test_neuroinflammation_is_not_neurogenic_inflammation_outside_the_corpus_conventions():
    text = "Neuroinflammation and neurogenic inflammation contribute to chronic pain."
    meshtag_ids = [m.id for m in tag_text(text, meshtag.load(mode="fast")).mentions]
    bc5cdr_ids = [m.id for m in tag_text(text, meshtag.load(mode="fast", conventions="bc5cdr")).mentions]
    assert meshtag_ids[:2] == ["MESH:D000090862", "MESH:D020078"]   # Neuroinflammatory Diseases, Neurogenic Inflammation
    assert bc5cdr_ids[:2] == ["MESH:D020078", "MESH:D020078"]       # BC5CDR training's 2015 choice


def test_induced_keeps_only_a_drug_induced_corpus_concept():
    """"chemotherapy-induced neuropathy" is a peripheral neuropathy (BC5CDR's 'neuropathy' is Nervous System
    Diseases, no drug-induced concept); "levodopa-induced dyskinesia" keeps Dyskinesia, Drug-Induced."""
    text = "Paclitaxel causes chemotherapy-induced neuropathy; levodopa-induced dyskinesia followed."
    ids = {m.text: m.id for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    assert ids["neuropathy"] == "MESH:D010523" and ids["dyskinesia"] == "MESH:D004409"


@pytest.mark.parametrize("conventions", ["meshtag", "bc5cdr"])
def test_a_drug_caused_psychosis_is_substance_induced_throughout_its_document(conventions):
    nlp = meshtag.load(mode="fast", conventions=conventions)
    case = {m.text: m.id for m in tag_text("Psychosis induced by bromocriptine. Her psychosis recurred.", nlp).mentions
            if m.label == "CONDITION"}
    assert case == {"Psychosis": "MESH:D011605", "psychosis": "MESH:D011605"}   # Psychoses, Substance-Induced
    treated = [m.id for m in tag_text("Haloperidol for psychosis in dementia.", nlp).mentions if m.text == "psychosis"]
    assert treated == ["MESH:D011618"]                                            # Psychotic Disorders


def test_bc5cdr_leaves_out_the_modifier_of_a_concept_mesh_added_after_2015():
    text = "Patients with essential hypertension and chronic urticaria had type IV Ehlers-Danlos syndrome."
    def spans(conventions):
        nlp = meshtag.load(mode="fast", conventions=conventions, mesh_year=2015)
        return [(m.text, m.id) for m in tag_text(text, nlp).mentions]
    # 2015's annotators had no Essential Hypertension or Chronic Urticaria: they wrote the concept they had
    assert spans("bc5cdr")[:2] == [("hypertension", "MESH:D006973"), ("urticaria", "MESH:D014581")]
    # NCBI-disease keeps modifiers and types
    assert spans("pubtator")[0] == ("essential hypertension", "MESH:D006973")
    assert ("type IV Ehlers-Danlos syndrome", "MESH:D004535") in spans("pubtator")


def test_a_curated_2015_reading_yields_to_a_descriptor_named_as_written_and_salt_forms_follow():
    """synonyms.tsv links 'escitalopram' to Citalopram as BC5CDR does (scope corpus); MeSH has had Escitalopram
    since, which meshtag's own conventions keep, for the salt form too."""
    text = "Patients received escitalopram oxalate or escitalopram."
    ids = {conv: [m.id for m in tag_text(text, meshtag.load(mode="fast", conventions=conv)).mentions]
           for conv in ("meshtag", "bc5cdr")}
    assert ids["meshtag"] == ["MESH:D000089983", "MESH:D000089983"]
    assert ids["bc5cdr"] == ["MESH:D015283", "MESH:D015283"]


def test_pubtator_mentions_take_in_a_disease_type_written_next_to_them():
    text = "Three sisters had type IID von Willebrand disease; their cousin had Ehlers-Danlos syndrome type IV."
    spans = {c: {(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions=c)).mentions}
             for c in ("pubtator", "bc5cdr", "meshtag")}
    # MeSH names the type, not the subtype: "type IID" is von Willebrand Disease, Type 2 (NCBI-disease's id)
    assert ("type IID von Willebrand disease", "MESH:D056728") in spans["pubtator"]
    # the longer text names a concept of its own, which it then takes
    assert ("Ehlers-Danlos syndrome type IV", "MESH:D000094623") in spans["pubtator"]
    for other in ("bc5cdr", "meshtag"):
        assert ("von Willebrand disease", "MESH:D014842") in spans[other]
        assert not any(t.startswith("type") for t, _ in spans[other])


def test_a_typed_short_form_takes_the_concept_its_long_form_names_with_the_type():
    # as "SJS type 2" after "Schwartz-Jampel syndrome (SJS)" in NCBI-disease development abstract 9083764
    text = "The Ehlers-Danlos syndrome (EDS) is inherited. Two sibs had EDS type IV."
    found = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="pubtator")).mentions]
    assert found == [("Ehlers-Danlos syndrome", "MESH:D004535"), ("EDS", "MESH:D004535"),
                     ("EDS type IV", "MESH:D000094623")]


def test_pubtator_mentions_take_in_the_stages_written_before_them():
    # NCBI-disease development abstract 8929264
    text = "Patients with stage II and III colorectal carcinomas; stage II or stage III colorectal cancer; stage II."
    spans = {c: [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions=c)).mentions]
             for c in ("pubtator", "meshtag")}
    assert spans["pubtator"] == [("stage II and III colorectal carcinomas", "MESH:D015179"),
                                 ("stage II or stage III colorectal cancer", "MESH:D015179")]
    assert spans["meshtag"] == [("colorectal carcinomas", "MESH:D015179"), ("colorectal cancer", "MESH:D015179")]


def test_pubtator_reads_a_coagulation_factor_named_after_a_disease_as_the_disease():
    """NCBI-disease annotates "von Willebrand" of "von Willebrand factor" as the disease (training set: 10 of 10) and
    leaves the factor and its short form out; the other conventions keep the factor a chemical."""
    text = "Plasma von Willebrand factor (vWF) was low; vWF and factor VIII were measured."
    found = {c: [(m.text, m.label, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions=c)).mentions]
             for c in ("pubtator", "meshtag")}
    assert found["pubtator"] == [("von Willebrand", "CONDITION", "MESH:D014842"),
                                 ("factor VIII", "DRUG", "MESH:D005169")]
    assert found["meshtag"][:3] == [("von Willebrand factor", "DRUG", "MESH:D014841"), ("vWF", "DRUG", "MESH:D014841"),
                                    ("vWF", "DRUG", "MESH:D014841")]


def test_meshtags_conventions_read_no_disease_or_chemical_in_a_gene_products_name():
    """"Tumor necrosis factor-alpha" names a cytokine, "Wiskott-Aldrich syndrome protein" a protein, "creatine
    kinase" an enzyme; the corpora annotate the words inside (BC5CDR development: "tumor" and "necrosis" of
    TNF-alpha), so their conventions keep them."""
    text = ("Tumor necrosis factor-alpha and creatine kinase rose in Wiskott-Aldrich syndrome protein deficient mice "
            "with cancer given creatine.")
    found = {c: [m.text for m in tag_text(text, meshtag.load(mode="fast", conventions=c)).mentions]
             for c in ("meshtag", "bc5cdr", "pubtator")}
    assert found["meshtag"] == ["cancer", "creatine"]
    assert found["bc5cdr"][:3] == ["Tumor", "necrosis", "creatine"]
    assert found["pubtator"][:4] == ["Tumor", "necrosis", "creatine", "Wiskott-Aldrich syndrome"]
