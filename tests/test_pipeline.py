"""The tagging pipeline: API, span extensions, abbreviation propagation, ambiguity, coordination, CLI."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spacy.language import Language

import meshtag
from meshtag.tagging import tag_text


@pytest.fixture(scope="module")
def nlp():
    return meshtag.load(mode="fast")


def mentions(nlp, text):
    return [(m.text, m.label, m.id, m.source) for m in tag_text(text, nlp).mentions]


def receptors(nlp, text):
    """(text, concept id) of the RECEPTOR mentions, in order."""
    return [(t, cid) for t, label, cid, _ in mentions(nlp, text) if label == "RECEPTOR"]


def test_load_returns_a_spacy_pipeline_with_linked_entities(nlp):
    assert isinstance(nlp, Language)
    assert "meshtag_dictionary" in nlp.pipe_names and nlp.meta["meshtag_mode"] == "fast"
    doc = nlp("Amitriptyline relieved neuropathic pain in the locus coeruleus via TRPA1.")
    ents = {(e.text, e.label_, e._.concept_id, e._.concept_name, e._.source) for e in doc.ents}
    assert ("Amitriptyline", "DRUG", "MESH:D000639", "Amitriptyline", "dictionary") in ents
    assert ("neuropathic pain", "CONDITION", "MESH:D009437", "Neuralgia", "dictionary") in ents
    assert ("locus coeruleus", "BRAIN_REGION", "MESH:D008125", "Locus Coeruleus", "dictionary") in ents
    assert ("TRPA1", "RECEPTOR", "MESH:D000074025", "TRPA1 Cation Channel", "dictionary") in ents
    assert all(e._.score is not None for e in doc.ents)


def test_offsets_and_sentences_are_exact(nlp):
    text = "Pain persisted. Smith et al. gave 2.5 mg of morphine (e.g. in rats). Morphine helped."
    doc = tag_text(text, nlp)
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
    by_text = {(m.text, m.sentence) for m in doc.mentions}
    assert ("morphine", 1) in by_text and ("Morphine", 2) in by_text
    assert len(doc.sentences) == 3


def test_defined_short_form_takes_the_long_forms_concept_everywhere(nlp):
    text = ("Sigma 1 receptor (S1R) is a chaperone. S1R antagonists reduce pain. "
            "Mice lacking S1R were studied.")
    s1r = [(m.text, m.id, m.source) for m in tag_text(text, nlp).mentions if m.text == "S1R"]
    assert len(s1r) == 3 and {mid for _, mid, _ in s1r} == {"MESH:D000097605"}
    assert {src for _, _, src in s1r} == {"abbreviation"}


def test_short_form_is_propagated_in_its_other_number(nlp):
    """Defined plural, used singular: 'VSD' after 'ventricular septal defects (VSDs)'."""
    text = "Ventricular septal defects (VSDs) were induced. VSD was noted in the high-dose group; VSDs were rare."
    got = {(m.text, m.id) for m in tag_text(text, nlp).mentions}
    assert {("VSD", "MESH:D006345"), ("VSDs", "MESH:D006345")} <= got


def test_a_disease_short_form_takes_in_the_syndrome_written_after_it(nlp):
    # NCBI-disease development set 8954016: "HPT-JT syndrome" is one mention; "disease-causing" is an adjective
    text = ("Hereditary hyperparathyroidism-jaw tumor syndrome (HPT-JT) is dominant. Two families with HPT-JT "
            "syndrome were seen; HPT-JT disease-causing mutations were sought.")
    doc = tag_text(text, nlp)
    long_form = doc.mentions[0]
    assert (long_form.text, long_form.id) == ("Hereditary hyperparathyroidism-jaw tumor syndrome", "MESH:C563273")
    got = [(m.text, m.id) for m in doc.mentions if m.source == "abbreviation"]
    assert got == [("HPT-JT", long_form.id), ("HPT-JT syndrome", long_form.id), ("HPT-JT", long_form.id)]


def test_a_receptor_name_is_not_cut_by_a_drug_class_that_starts_inside_it(nlp):
    # guideline 1.4: "beta-adrenergic receptor antagonist" is no MeSH name, so the receptor is the mention
    found = mentions(nlp, "The beta-adrenergic receptor antagonist propranolol was used.")
    assert ("beta-adrenergic receptor", "RECEPTOR", "MESH:D011943", "dictionary") in found
    assert not any(t == "adrenergic receptor antagonist" for t, *_ in found)
    assert ("Calcium channel blockers", "DRUG", "MESH:D002121", "dictionary") in \
        mentions(nlp, "Calcium channel blockers were given.")  # a class MeSH names whole stays a drug


def test_undefined_short_form_takes_the_one_document_name_it_abbreviates(nlp):
    # BC5CDR dev 16600756: the title says "overactive bladder", the abstract only "OAB" (annotated 9 times)
    text = ("Nerve growth factor in the urine of female patients with overactive bladder. "
            "MATERIALS AND METHODS: We studied 65 women with OAB and DNA from 20 controls; ST changes and "
            "solid tumors were recorded.")
    found = mentions(nlp, text)
    assert ("OAB", "CONDITION", "MESH:D053201", "abbreviation") in found
    assert not any(t in ("AND", "DNA", "ST") for t, *_ in found)  # a word, a KB term, two letters


def test_undefined_short_form_the_ner_left_unlinked_takes_the_name_it_abbreviates(nlp):
    # NCBI dev 8776595: "EDMD" is never defined; the NER finds it but links it to nothing
    from meshtag.nlp.candidates import Candidate, get_candidates, set_candidates
    from meshtag.nlp.propagation import AbbreviationPropagation

    text = "Emery-Dreifuss muscular dystrophy is X-linked. An antibody test for EDMD families."
    doc = nlp.make_doc(text)
    doc._.abbreviations = []
    edmd = text.index("EDMD")
    set_candidates(doc, [Candidate(0, 33, ("MESH:D020389",), "dictionary"),
                         Candidate(edmd, edmd + 4, (), "model", label="CONDITION")])
    AbbreviationPropagation()(doc)
    assert [(c.start, c.concept_ids, c.source) for c in get_candidates(doc) if c.start == edmd] == \
        [(edmd, ("MESH:D020389",), "abbreviation")]


def test_a_code_glossed_by_a_chemical_in_brackets_is_that_chemical_everywhere(nlp):
    # BC5CDR dev 21418164 and 17241657: the codes are annotated with the glossing chemical's id
    found = mentions(nlp, "CCNU (lomustine) toxicity in dogs. Dogs treated with CCNU were studied.")
    assert [(t, i) for t, _, i, _ in found if t == "CCNU"] == [("CCNU", "MESH:D008130")] * 2
    found = mentions(nlp, "The sigma ligand UMB24 (1-(2-phenethyl)-4-(2-pyridyl)piperazine) was given; "
                          "UMB24 attenuated cocaine effects.")
    assert [i for t, _, i, _ in found if t == "UMB24"] == ["MESH:C519696"] * 2


@pytest.mark.parametrize("text", ["MR309 (also known as E-52862) reduced allodynia. MR309 was safe.",
                                  "E-52862 (aka MR309) reduced allodynia. MR309 was safe."])
def test_a_code_given_as_another_name_of_a_chemical_is_that_chemical(nlp, text):
    assert [(t, i) for t, _, i, _ in mentions(nlp, text) if t == "MR309"] == [("MR309", "MESH:C576663")] * 2


def test_a_code_after_a_disease_name_is_no_gloss(nlp):
    found = mentions(nlp, "Status epilepticus (P20) was induced with pilocarpine; P20 rats were tested.")
    assert not any(t == "P20" for t, *_ in found)


def test_undefined_short_form_that_is_only_an_unlabelled_kb_term_takes_the_document_name(nlp):
    # BC5CDR development 12852481: ASA is a MeSH term of arylsulfatase A (no label), acetylsalicylic acid here
    text = "Aspirin (acetylsalicylic acid) is teratogenic in rats. ASA was given on gestation day 9."
    assert [(t, mid) for t, _, mid, _ in mentions(nlp, text) if t == "ASA"] == [("ASA", "MESH:D001241")]


def test_a_word_in_capitals_may_be_an_undefined_short_form_but_not_in_a_heading(nlp):
    # NCBI-disease development 8682510 annotates WAS (Wiskott-Aldrich syndrome); BC5CDR development 17786501 has
    # "alcohol dependence ... MATERIALS AND METHODS", where AND abbreviates nothing
    text = "The Wiskott-Aldrich syndrome protein gene is mutated in patients presenting with WAS."
    assert ("WAS", "MESH:D014923") in [(t, mid) for t, _, mid, _ in mentions(nlp, text)]
    heading = "Optic neuropathy after disulfiram for alcohol dependence. MATERIALS AND METHODS: A case report."
    assert not any(t == "AND" for t, *_ in mentions(nlp, heading))


def test_undefined_short_form_abbreviating_two_document_names_is_left_alone(nlp):
    one = mentions(nlp, "Coronary heart disease was studied; CHD was common.")
    assert ("CHD", "CONDITION", "MESH:D003327", "abbreviation") in one
    two = mentions(nlp, "Coronary heart disease and congenital heart disease were compared; CHD was common.")
    assert not any(t == "CHD" for t, *_ in two)


def test_common_word_written_as_the_terms_acronym_is_a_mention(nlp):
    """'AIDS' (Acquired Immunodeficiency Syndrome) needs no context; the word 'aids' is no mention."""
    got = {(m.text, m.id) for m in tag_text("He had AIDS. Hearing aids were fitted.", nlp).mentions}
    assert ("AIDS", "MESH:D000163") in got and not any(t == "aids" for t, _ in got)


def test_short_form_defined_as_a_non_concept_loses_its_global_meaning(nlp):
    # MOR is the mu opioid receptor in the KB, but here it is defined as something else
    text = "The mean occlusion rate (MOR) was measured. MOR receptors were not studied; MOR rose."
    assert not any(t == "MOR" for t, *_ in mentions(nlp, text))


def test_a_short_form_defined_in_a_bracketed_list_is_propagated(nlp):
    text = ("Mutations in adult onset globoid cell leukodystrophy (Krabbe disease; AO-GLD) were studied. "
            "AO-GLD mutations are located in the C-terminal domain.")
    got = [(m.text, m.id) for m in tag_text(text, nlp).mentions if m.text == "AO-GLD"]
    assert got == [("AO-GLD", "MESH:D007965")] * 2


def test_a_list_definition_whose_long_form_names_nothing_leaves_the_short_form_undefined(nlp):
    """NCBI-disease training 10581027: Schwartz & Hearst pair "PLS" with the wrong words in the list; the short
    form still abbreviates the one document name "Papillon-Lefevre syndrome", as if it were undefined."""
    text = ("Papillon-Lefevre syndrome, or keratosis palmoplantaris with periodontopathia (PLS, MIM 245000), is an "
            "autosomal recessive disorder. Most PLS patients display periodontitis.")
    got = {(m.text, m.id) for m in tag_text(text, nlp).mentions if m.text == "PLS"}
    assert got == {("PLS", "MESH:D010214")}


def test_a_species_letter_before_a_receptor_symbol_is_that_receptor(nlp):
    text = ("HEK cells expressing hTRPV1, mTRPA1, hNav1.7 or rH3 receptors; hERG and mGluR5 are names of their own; "
            "hGH, mRNA and mTOR are no receptors, and the cardiac hH1 is Nav1.5, not a histamine H1 receptor.")
    assert receptors(nlp, text) == [
        ("hTRPV1", "MESH:C494484"), ("mTRPA1", "MESH:D000074025"), ("hNav1.7", "MESH:D062556"),
        ("rH3 receptors", "MESH:D018100"), ("hERG", "MESH:D000072237"), ("mGluR5", "MESH:D064529"),
        ("hH1", "MESH:D062554"), ("Nav1.5", "MESH:D062554"), ("histamine H1 receptor", "MESH:D011969")]


def test_channel_families_are_named_without_cation(nlp):
    got = mentions(nlp, "TRPC channels and TRPV channels sense cold; cyclic nucleotide-gated channels do not.")
    assert got == [("TRPC channels", "RECEPTOR", "MESH:D050052", "dictionary"),
                   ("TRPV channels", "RECEPTOR", "MESH:D050916", "dictionary"),
                   ("cyclic nucleotide-gated channels", "RECEPTOR", "MESH:D054815", "dictionary")]


def test_ambiguous_alias_needs_context(nlp):
    assert not any(t == "MOR" for t, *_ in mentions(nlp, "The MOR of the cohort was 12 percent."))
    assert ("MOR", "RECEPTOR", "MESH:D017450", "dictionary") in mentions(nlp, "MOR agonists relieved pain.")
    assert ("D2R", "RECEPTOR", "MESH:D017448", "dictionary") in mentions(nlp, "Expression of D2R was reduced.")


def test_drug_use_words_are_cues_for_an_ambiguous_drug_alias(nlp):
    # LSD and DMT are also gene aliases in MeSH (DNASE1L3, DMTN): taking, giving and drug classes are drug cues
    assert ("LSD", "DRUG", "MESH:D008238", "dictionary") in mentions(nlp, "Patients took LSD.")
    psychedelics = mentions(nlp, "LSD and DMT are classic psychedelics.")
    assert [(t, cid) for t, label, cid, _ in psychedelics if label == "DRUG"] == [
        ("LSD", "MESH:D008238"), ("DMT", "MESH:D004130"), ("psychedelics", "MESH:D006213")]
    assert not any(t == "LSD" for t, *_ in mentions(nlp, "The LSD locus maps to chromosome 3."))


def test_an_ambiguous_alias_in_a_list_of_sure_mentions_of_its_label_is_kept(nlp):
    listed = mentions(nlp, "Cannabidiol, THC and nabiximols were measured.")
    assert ("THC", "DRUG", "MESH:D013759", "dictionary") in listed
    assert not any(t == "THC" for t, *_ in mentions(nlp, "THC was measured."))
    assert not any(t in ("ER", "PR") for t, *_ in mentions(nlp, "ER and PR status were recorded."))  # no sure item


def test_gene_symbol_that_is_a_word_is_a_receptor_next_to_gene_and_in_its_repeats(nlp):
    text = "Deletion of the KIT gene in piebaldism. KIT was absent. Each kit contained swabs."
    kits = [(t, label) for t, label, *_ in mentions(nlp, text) if t.lower() == "kit"]
    assert kits == [("KIT", "RECEPTOR"), ("KIT", "RECEPTOR")]  # the cue supports the repeat; the word stays a word
    assert not any(t == "KIT" for t, *_ in mentions(nlp, "KIT was absent in piebaldism."))


def test_a_receptor_name_before_ligand_names_the_ligand_not_the_receptor(nlp):
    text = "Mutant forms of the death receptor Fas block Fas-induced apoptosis; Fas ligand was high."
    fas = [(t, label, cid) for t, label, cid, _ in mentions(nlp, text) if t == "Fas"]
    assert fas == [("Fas", "RECEPTOR", "MESH:D019014")] * 2  # not the one in "Fas ligand"
    # the drugs that bind a receptor name it; only a protein MeSH names "<receptor> ligand" hides it
    found = [(t, label) for t, label, *_ in mentions(nlp, "sigma receptor ligands, α2δ-1 ligands and Kit ligand")]
    assert found == [("sigma receptor", "RECEPTOR"), ("α2δ-1", "RECEPTOR")]


def test_a_receptor_family_named_with_a_numbered_ligand(nlp):
    found = mentions(nlp, "losartan, an angiotensin II receptor antagonist, lowered pressure")
    assert ("angiotensin II receptor", "RECEPTOR", "MESH:D011945", "dictionary") in found


def test_iuphar_receptor_names_missing_from_mesh_are_curated(nlp):
    # NC-IUPHAR codes pharmacology papers use ("GAL1", "OX2", "sst2") where MeSH and HGNC write GALR1, HCRTR2, SSTR2
    text = "GAL1 and GAL2 receptors, OX2 receptors, FFA4 receptor and sst2 receptors were blocked."
    assert receptors(nlp, text) == [("GAL1", "MESH:D044091"), ("GAL2 receptors", "MESH:D044092"),
                                    ("OX2 receptors", "MESH:D064446"), ("FFA4 receptor", "MESH:C519853"),
                                    ("sst2 receptors", "MESH:C093733")]


def test_names_do_not_span_clause_breaks(nlp):
    found = mentions(nlp, "effects on NMDA receptors; BDNF levels rose.")
    assert ("BDNF", "RECEPTOR", "MESH:D019208", "dictionary") in found
    assert not any(";" in t for t, *_ in found)


def test_coordinated_receptors_share_their_head(nlp):
    found = mentions(nlp, "It acts on NMDA and MOR receptors.")
    assert ("NMDA", "RECEPTOR", "MESH:D016194", "dictionary") in found
    assert ("MOR receptors", "RECEPTOR", "MESH:D017450", "dictionary") in found  # with its head word


def test_a_conjunct_takes_its_ligand_and_a_named_head_beats_a_trailing_word(nlp):
    found = mentions(nlp, "Both dopamine D2 and serotonin 5-HT2 receptors were blocked.")
    assert ("dopamine D2", "RECEPTOR", "MESH:D017448", "dictionary") in found   # not "D2" and the chemical
    assert not any(t == "dopamine" for t, *_ in found)
    found = mentions(nlp, "Binding to D1 and D2 dopamine receptor subtypes was measured.")
    assert ("D1", "RECEPTOR", "MESH:D017447", "dictionary") in found            # head "receptor", not "subtypes"


def test_labelled_term_inside_an_unlabelled_longer_term_is_kept(nlp):
    # "induced hypotension" is a procedure (no label); the condition inside it must survive
    assert ("hypotension", "CONDITION", "MESH:D007022", "dictionary") in \
        mentions(nlp, "A case of captopril-induced hypotension.")


def test_blocked_generic_terms_are_not_tagged(nlp):
    found = {t.lower() for t, *_ in mentions(nlp, "Patients received placebo or the study drug.")}
    assert "placebo" not in found and "drug" not in found
    found = {t for t, *_ in mentions(nlp, "nAChRs are pentameric ion channels; TRPV1 channels differ.")}
    assert "ion channels" not in found and "TRPV1 channels" in found  # guideline 1.2: the class word alone
    found = {t for t, *_ in mentions(nlp, "Rats received lithium in their drinking water.")}
    assert found == {"lithium"}  # the vehicle of the dose, like the blocked "water"
    found = {t for t, *_ in mentions(nlp, "Human cadavers were dissected to trace the sciatic nerve.")}
    assert found == {"sciatic nerve"}  # MeSH files Cadaver under Death: a body, not a condition
    found = {(t, cid) for t, _, cid, _ in mentions(nlp, "Thinning of the retinal nerve fiber layer; all-trans-retinal "
                                                        "and 11-cis retinal were measured.")}
    # "retinal" is the retina's adjective; the isomer names are the chemical
    assert found == {("all-trans-retinal", "MESH:D012172"), ("11-cis retinal", "MESH:D012172")}


def test_values_are_not_the_codes_their_words_spell(nlp):
    # supplementary concepts have codes "6-MEQ", "IS-35", "2-BHA"; normalised, a dose, a count or a sign spells them
    text = "Rats (n = 30) received 6 mEq/kg, a diet with 2% BHA, or 4 mug of morphine; this is 35 times more."
    assert {t for t, *_ in mentions(nlp, text)} == {"BHA", "morphine"}
    # a supplementary concept's short code keeps its capitals: "PbtO2" is brain tissue oxygen, not PBTO
    assert "PbtO" not in {t for t, *_ in mentions(nlp, "PbtO2 fell; PBTO was given.")}
    assert ("PBTO", "DRUG", "MESH:C062458") in {m[:3] for m in mentions(nlp, "PbtO2 fell; PBTO was given.")}


def test_tag_cli_writes_jsonl_with_mentions(tmp_path, seeds_dir):
    out = tmp_path / "tagged.jsonl"
    proc = subprocess.run([sys.executable, "-m", "meshtag.cli", "tag", str(seeds_dir / "001_3c69733d21d4baa9.txt"),
                           "--mode", "fast", "--no-progress", "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    main = docs[0]
    assert set(main) >= {"id", "title", "abstract", "pmid", "doi", "meta", "mentions"}
    text = main["title"] + " " + main["abstract"]
    assert main["mentions"] and all(text[m["start"]:m["end"]] == m["text"] for m in main["mentions"])
    assert set(main["mentions"][0]) >= {"start", "end", "text", "label", "id", "name", "sentence", "source", "score"}
    assert "meshtag tag: 1 documents" in proc.stderr


def test_tag_cli_reports_nothing_readable(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "meshtag.cli", "tag", str(empty), "--mode", "fast",
                           "--no-progress", "-o", str(tmp_path / "o.jsonl")], capture_output=True, text=True)
    assert proc.returncode != 0 and "empty.txt" in proc.stderr


def test_out_of_order_and_hyphenated_abbreviations_are_propagated(nlp):
    text = ("Myotonic dystrophy (DM) and ataxia-telangiectasia (A-T) were studied. "
            "DM and A-T patients were compared.")
    found = [(t, mid, src) for t, _, mid, src in mentions(nlp, text) if t in ("DM", "A-T")]
    assert found.count(("DM", "MESH:D009223", "abbreviation")) == 2      # initials in any order
    assert found.count(("A-T", "MESH:D001260", "abbreviation")) == 2     # one word, several tokens


def test_short_form_of_the_tail_of_a_name_takes_the_whole_words_concept(nlp):
    # BC5CDR development abstract 10027919: Schwartz & Hearst's long form is "oxacalcitriol"
    text = "A new vitamin D analogue, 22-oxacalcitriol (OCT), was given. OCT lowered PTH."
    found = [(t, mid, src) for t, _, mid, src in mentions(nlp, text) if t == "OCT"]
    assert found == [("OCT", "MESH:C051883", "abbreviation")] * 2
    # ... but only of the word it ends: the enzyme is not the disease phrase around it (NCBI 8659549)
    text = "Canavan disease is caused by the deficiency of aspartoacylase (ASPA). ASPA was measured."
    assert not [m for m in mentions(nlp, text) if m[0] == "ASPA"]


def test_names_with_their_short_form_inside_are_one_mention(nlp):
    # annotation guideline "Abbreviations"; BC5CDR development abstracts 18441470, 10743694
    text = ("Blockade of the N-methyl-D-aspartate (NMDA) receptor and atrioventricular (AV) block; "
            "gastrointestinal (GI) toxicity. Morphine (MOR) was given.")
    found = {(t, mid) for t, _, mid, _ in mentions(nlp, text)}
    assert {("N-methyl-D-aspartate (NMDA) receptor", "MESH:D016194"), ("atrioventricular (AV) block", "MESH:D054537"),
            ("gastrointestinal (GI) toxicity", "MESH:D005767")} <= found
    assert ("Morphine", "MESH:D009020") in found   # a short form after a whole name changes nothing


def test_the_short_form_inside_a_name_is_its_precise_name(nlp):
    # receptor/region held-out set 4, 12921865: GABA(A) is the GABA-A receptor, not any GABA receptor
    text = "Steroids modulate the gamma-aminobutyric acid (GABA(A)) receptor and the serotonin (5-HT) receptor."
    found = {(t, mid) for t, _, mid, _ in mentions(nlp, text)}
    assert ("gamma-aminobutyric acid (GABA(A)) receptor", "MESH:D011963") in found
    assert ("serotonin (5-HT) receptor", "MESH:D011985") in found


def test_short_form_of_the_first_part_of_an_of_phrase_takes_that_part(nlp):
    # "X of the Y (XS)" is two mentions (guideline 2.3) and the short form abbreviates X; "deleted in colorectal
    # cancer (DCC)" still names no cancer
    text = ("Neurons of the paraventricular nucleus of the hypothalamus (PVN) fired; PVN lesions followed. "
            "Deleted in colorectal cancer (DCC) is a gene; DCC was lost.")
    found = [(t, mid) for t, _, mid, _ in mentions(nlp, text)]
    assert found.count(("PVN", "MESH:D010286")) == 2 and ("hypothalamus", "MESH:D007031") in found
    assert not any(t == "DCC" for t, _ in found)


def test_cannabinoid_short_forms_given_to_patients_are_drugs_but_a_bile_duct_is_not(nlp):
    # CBD and THC are three-letter aliases (CBD is also the common bile duct): "received" is a drug cue word
    found = [(t, mid) for t, _, mid, _ in mentions(nlp, "Patients received CBD and THC daily.")]
    assert found == [("CBD", "MESH:D002185"), ("THC", "MESH:D013759")]
    assert mentions(nlp, "CBD stones were removed; the CBD was dilated.") == []


def test_nerve_injury_pain_models_and_their_short_forms(nlp):
    # the shortest long form Schwartz & Hearst give CCI is "constriction injury": the name starting before it is
    # the short form's when the short form spells all of it
    text = ("Allodynia developed after spared nerve injury (SNI) or chronic constriction injury (CCI) of the "
            "sciatic nerve; CCI and SNI rats were compared.")
    found = [(t, mid) for t, label, mid, _ in mentions(nlp, text) if label == "CONDITION"]
    assert found == [("Allodynia", "MESH:D006930"), ("spared nerve injury", "MESH:D059348"), ("SNI", "MESH:D059348"),
                     ("chronic constriction injury", "MESH:D059348"), ("CCI", "MESH:D059348"),
                     ("CCI", "MESH:D059348"), ("SNI", "MESH:D059348")]


def test_a_chemical_named_exactly_as_written_comes_before_its_other_number(nlp):
    # term keys forget the number: "benzamide" is also Benzamides (the class), "amphetamines" also Amphetamine
    found = mentions(nlp, "Benzamide and amphetamines, then amphetamine and benzamides were given.")
    assert [(t, i) for t, _, i, _ in found] == [("Benzamide", "MESH:C037689"), ("amphetamines", "MESH:D000662"),
                                               ("amphetamine", "MESH:D000661"), ("benzamides", "MESH:D001549")]
    # an entry term written as such counts as the name: "cyclosporin" (of Cyclosporine) is not the class Cyclosporins
    found = mentions(nlp, "Cyclosporin was given, then other cyclosporins.")
    assert [(t, i) for t, _, i, _ in found] == [("Cyclosporin", "MESH:D016572"), ("cyclosporins", "MESH:D003524")]


def test_a_short_form_defining_the_name_before_it_is_no_name_inside(nlp):
    found = mentions(nlp, "Cultured dorsal root ganglion (DRG) sensory neurons were used.")
    assert ("dorsal root ganglion", "BRAIN_REGION", "MESH:D005727", "dictionary") in found
    assert not any(t.startswith("ganglion") for t, *_ in found)   # not "ganglion (DRG) sensory"


def test_a_conjunct_that_ends_a_longer_name_is_complete(nlp):
    # "deficiency and ... disease" is no "deficiency disease": the left conjunct ends a whole name
    text = "Patients with glucose-6-phosphate dehydrogenase (G6PD) deficiency and von Hippel-Lindau (VHL) disease."
    found = {(t, mid) for t, _, mid, _ in mentions(nlp, text)}
    assert ("glucose-6-phosphate dehydrogenase (G6PD) deficiency", "MESH:D005955") in found
    assert not any(mid == "MESH:D003677" for _, mid in found)   # Deficiency Diseases


def test_gene_named_after_a_disease_does_not_take_the_disease(nlp):
    text = "The deleted in colorectal cancer (DCC) gene was lost; DCC expression fell."
    assert not any(t == "DCC" and mid == "MESH:D015179" for t, _, mid, _ in mentions(nlp, text))


def test_pipeline_round_trips_through_disk(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.pipe_names == nlp.pipe_names
    text = "Sigma 1 receptor (S1R) antagonists reduce neuropathic pain; S1R binds TRPA1."
    ents = lambda pipeline: [(e.text, e.label_, e._.concept_id, e._.source) for e in pipeline(text).ents]  # noqa: E731
    assert ents(reloaded) == ents(nlp) and ("S1R", "RECEPTOR", "MESH:D000097605", "abbreviation") in ents(nlp)


def test_loading_and_tagging_never_touch_the_network(monkeypatch):
    """No download at run time: any socket connection during load + tag fails the test."""
    import socket

    from meshtag.nlp.candidates import get_kb

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    get_kb.cache_clear()  # load the KB again under the guard
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    nlp = meshtag.load()  # accurate: KB + trained NER from models/
    assert not any("linker" in name and "meshtag" not in name for name in nlp.pipe_names)  # no scispaCy linker
    assert [e.text for e in nlp("Morphine relieved neuropathic pain.").ents] == ["Morphine", "neuropathic pain"]


def test_mention_offsets_are_the_name_not_the_token(nlp):
    # sentences from BC5CDR development abstracts: the token carries punctuation that is not the name
    text = "However, ciprofloxacin- and norfloxacin-induced seizures in heavy MDMA+ users given (+)-cibenzoline."
    doc = tag_text(text, nlp)
    found = {(m.text, m.start, m.end) for m in doc.mentions}
    assert ("ciprofloxacin", 9, 22) in found
    assert ("MDMA", text.index("MDMA"), text.index("MDMA") + 4) in found
    assert ("cibenzoline", text.index("cibenzoline"), text.index("cibenzoline") + 11) in found
    # the spaCy entity still reads its record through the span extensions
    assert {e._.concept_id for e in nlp(text).ents} >= {"MESH:D002939", "MESH:D018817"}


def test_short_form_keeps_its_meaning_when_the_long_form_is_an_unknown_spelling_of_it(nlp):
    # BC5CDR development abstract 6402369: MeSH spells it "Sodium 2-Mercaptoethanesulphonate"
    text = ("Oral administration of sodium 2-mercaptoethane sulphonate (MESNA) to patients with lung cancer. "
            "MESNA was well tolerated.")
    found = mentions(nlp, text)
    assert [m for m in found if m[0] == "MESNA" and m[2] == "MESH:D015080"] and \
        len([m for m in found if m[0] == "MESNA"]) == 2
    # a long form that is not a name of the short form's concept still takes its global meaning away
    # (CPP is also a MeSH drug, 6-chloro-2-(1-piperazinyl)pyrazine)
    text = "Morphine induced conditioned place preference (CPP) in rats; CPP was blocked by naloxone."
    assert not [m for m in mentions(nlp, text) if m[0] == "CPP"]


def test_dictionary_matches_keep_their_brackets_balanced(nlp):
    # BC5CDR development abstracts: normalised matching ignores punctuation, brackets must still pair up
    found = mentions(nlp, "Urine PGE(2) rose; high-density lipoprotein (HDL) cholesterol fell.")
    texts = {m[0] for m in found}
    assert "PGE(2)" in texts and "PGE(2" not in texts
    # the short form inside the name is bracketed on both sides: one mention, HDL Cholesterol
    assert ("high-density lipoprotein (HDL) cholesterol", "MESH:D008076") in {(m[0], m[2]) for m in found}
    assert not any(t.startswith("HDL)") or t.endswith("(HDL") for t in texts)


def test_a_parenthesised_name_is_not_a_short_form(nlp):
    # BC5CDR development abstract 11704023: "(timolol gellan)" names the product; timolol stays tagged
    text = "A suspension that forms a gel on the conjunctiva (timolol gellan) lowered heart rate; timolol was safe."
    assert [m for m in mentions(nlp, text) if m[0] == "timolol" and m[2] == "MESH:D013999"][:2] and \
        len([m for m in mentions(nlp, text) if m[0] == "timolol"]) == 2


def test_short_forms_defined_with_a_dose_or_as_one_letter(nlp):
    # BC5CDR development abstracts: "(PB: 15 mg per rat)", "testosterone (T)"; a letter in a formula is no use
    text = ("Rats got phenobarbital (PB: 15 mg per rat) and diethylnitrosamine (DEN: 10 mg/kg/day); DEN + PB for "
            "2 weeks. Prolactin and testosterone (T) were measured; T rose (P < 0.05, T = 4 h).")
    found = [(m[0], m[2]) for m in mentions(nlp, text)]
    assert found.count(("PB", "MESH:D010634")) == 2 and found.count(("DEN", "MESH:D004052")) == 2
    assert found.count(("T", "MESH:D013739")) == 2  # the definition and "T rose", not "T = 4 h"


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_a_short_form_glossing_a_chemical_is_read_in_both_modes(mode):
    # BC5CDR development 3708922: "cyclosporine (CSA)" (cyclosporin A: no letters-in-order definition); in accurate
    # mode the NER's unlinked "CSA" had kept the code gloss from reading it
    text = "The role of cyclosporine (CSA) was studied; CSA raised creatinine. Aniridia (AN1) is rare; AN1 maps to 11p."
    found = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode=mode)).mentions]
    assert found.count(("CSA", "MESH:D016572")) == 2
    assert not any(t == "AN1" for t, _ in found)  # a locus after a disease's name, not a chemical's code


def test_a_defined_short_form_does_not_break_a_longer_name_around_it(nlp):
    # "N-methyl-D-aspartate (NMDA, ...)" defines the drug; "NMDA receptors" is still the receptor
    text = ("Responses mediated by NMDA receptors were studied. N-methyl-D-aspartate (NMDA, 1 mM) was applied; "
            "NMDA receptor antagonists blocked them.")
    found = [(m[0], m[1], m[2]) for m in mentions(nlp, text)]
    assert ("NMDA receptors", "RECEPTOR", "MESH:D016194") in found
    assert ("NMDA receptor", "RECEPTOR", "MESH:D016194") in found
    assert ("NMDA", "DRUG", "MESH:D016202") in found


def test_element_symbols_keep_their_case_and_need_evidence(nlp):
    """'Na'/'K' are sodium/potassium next to a cue word; 'NA' (noradrenaline's short form) is not sodium."""
    found = {(m.text, m.id) for m in tag_text("Serum Na and K levels fell after the diuretic.", nlp).mentions}
    assert {("Na", "MESH:D012964"), ("K", "MESH:D011188")} <= found
    assert not any(m.id == "MESH:D012964" for m in tag_text("NA levels rose in the cortex.", nlp).mentions)
    assert not any(m.text == "K" for m in tag_text("Group K was the control group.", nlp).mentions)


def test_chemical_names_the_tsv_export_lacks(nlp):
    text = ("Iron dextran overload raised brain iron. MK-801 blocked it. "
            "Oxytocin was given to induce labour.")
    found = {(m.text, m.label, m.id) for m in tag_text(text, nlp).mentions}
    assert {("Iron dextran", "DRUG", "MESH:D007505"), ("iron", "DRUG", "MESH:D007501"),
            ("MK-801", "DRUG", "MESH:D016291"), ("Oxytocin", "DRUG", "MESH:D010121")} <= found


def test_cortex_and_medulla_are_brain_regions_only_in_texts_about_the_nervous_system(nlp):
    # annotation guideline 2.2; receptor/region set abstracts 2422478 (brain) and 19692487 (kidney)
    brain = "Midline B3 serotonin nerves in rat medulla project to the spinal cord and the cortex."
    assert {("medulla", "MESH:D008526"), ("cortex", "MESH:D002540")} <= {(t, mid) for t, _, mid, _ in mentions(nlp, brain)}
    kidney = "Renal AQP2 mRNA rose in the medulla but not in the cortex of the kidneys."
    assert not [m for m in mentions(nlp, kidney) if m[1] == "BRAIN_REGION"]
    short = "ENaC rose in the inner medulla (IM) of the kidney; the IM grew."  # main set 15075188
    assert not [m for m in mentions(nlp, short) if m[1] == "BRAIN_REGION"]
    # set 3, 7453952
    both = "Lithium rose in the renal medulla, not in the hippocampus or the medulla of the brainstem."
    regions = [t for t, label, *_ in mentions(nlp, both) if label == "BRAIN_REGION"]
    assert regions == ["hippocampus", "medulla", "brainstem"]


def test_two_names_define_a_pair_of_short_forms(nlp):
    # BC5CDR development abstract 12851669: "cyproterone acetate plus ethinylestradiol (CPA/EE)"
    text = "Women on cyproterone acetate plus ethinylestradiol (CPA/EE) had VTE; EE alone did not."
    found = [(t, cid) for t, _, cid, _ in mentions(nlp, text)]
    assert found.count(("EE", "MESH:D004997")) == 2 and ("CPA", "MESH:D017373") in found
    # the letters must fit each name in order: no pairing of "(PE/XY)"
    assert not any(t == "XY" for t, *_ in mentions(nlp, "Women on prednisone and estradiol (PE/XY) had VTE."))


def test_a_pair_of_short_forms_after_coordinated_names(nlp):
    # NCBI-disease training abstracts 3169738 and 8566952: each short form of the pair is a mention of its own
    text = "Duchenne and Becker muscular dystrophy (DMD and BMD) differ: DMD is severe."
    assert [(t, cid) for t, _, cid, source in mentions(nlp, text) if source == "abbreviation"] == [
        ("DMD", "MESH:D020388"), ("BMD", "MESH:D020388"), ("DMD", "MESH:D020388")]
    text = "Adrenoleukodystrophy (ALD) and adrenoleukodystrophy/adrenomyeloneuropathy (ALD/AMN) families; AMN is late."
    assert [t for t, _, cid, source in mentions(nlp, text) if source == "abbreviation"] == ["ALD", "ALD", "AMN", "AMN"]
    # an elliptical first name is read with the second's last words: "Mu [opioid receptors]"
    text = "Mu and delta opioid receptors (MOR/DOR) were blocked."
    assert [(t, cid, source) for t, _, cid, source in mentions(nlp, text)][-2:] == [
        ("MOR", "MESH:D017450", "abbreviation"), ("DOR", "MESH:D017465", "abbreviation")]


def test_a_short_form_is_found_with_or_without_the_hyphen_before_its_number(nlp):
    # NCBI-disease development abstract 8931695: "atelosteogenesis type 2 (AO2)", then "one with AO-2"
    text = "Diastrophic dysplasia and atelosteogenesis type 2 (AO2) overlap; one patient had AO-2."
    assert [(t, cid) for t, _, cid, source in mentions(nlp, text) if source == "abbreviation"] == [
        ("AO2", "MESH:C535395"), ("AO-2", "MESH:C535395")]


def test_a_dosing_schedule_is_no_undefined_short_form(nlp):
    # "TID" spells "tic disorder" (t-i-d), but "1 mg TID" is three times a day
    text = "Patients with tic disorder took haloperidol 1 mg TID; quetiapine was given QID."
    assert [t for t, *_ in mentions(nlp, text)] == ["tic disorder", "haloperidol", "quetiapine"]


def test_the_parts_of_a_hyphenated_short_form_used_alone_take_the_words_they_spell(nlp):
    # NCBI-disease development abstracts 8954016 and 9272171: "HPT and JT were seen", "the clinical features of GLD"
    text = ("Hereditary hyperparathyroidism-jaw tumor syndrome (HPT-JT) is rare; HPT and JT were seen, and primary HPT "
            "in men. Adult onset globoid cell leukodystrophy (AO-GLD) differs from infantile GLD.")
    found = [(t, cid) for t, label, cid, source in mentions(nlp, text) if source == "abbreviation"]
    assert found == [("HPT-JT", "MESH:C563273"), ("HPT", "MESH:D006961"), ("JT", "MESH:D007573"),
                     ("primary HPT", "MESH:D049950"),  # the word before names a disease with the long form
                     ("AO-GLD", "MESH:D007965"), ("GLD", "MESH:D007965")]
    # a part whose words name no labelled concept takes none ("PCR" is a technique)
    assert mentions(nlp, "Polymerase chain reaction-single strand conformation polymorphism (PCR-SSCP) and PCR.") == []


def test_a_region_naming_a_diseases_site_is_no_region_mention(nlp):
    # annotation guideline 2.2: "brainstem dysgenesis", "white matter abnormalities" (set 3, 12695819)
    text = "MRI showed white matter abnormalities and brainstem dysgenesis; lesions of the brainstem followed."
    assert [t for t, label, *_ in mentions(nlp, text) if label == "BRAIN_REGION"] == ["brainstem"]  # "lesions of"
    rat = "Rats with substantia nigra lesions lost dopamine."
    assert "substantia nigra" in [t for t, label, *_ in mentions(nlp, rat) if label == "BRAIN_REGION"]
    tumours = "A brainstem glioma, optic nerve involvement and basal ganglia calcifications; the pons was spared."
    assert [t for t, label, *_ in mentions(nlp, tumours) if label == "BRAIN_REGION"] == ["pons"]


def test_a_region_inside_a_measurements_name_is_no_region_mention(nlp):
    # receptor/region held-out sets 2 (18726058) and 4 (8372922, 16298782): MeSH names the measurement as a whole
    text = ("Brainstem auditory evoked potentials and auditory brainstem responses were lost; the brainstem "
            "and the spinal cord were spared.")
    assert [t for t, label, *_ in mentions(nlp, text) if label == "BRAIN_REGION"] == ["brainstem", "spinal cord"]


def test_a_receptor_genes_short_form_is_the_receptor_but_a_disease_genes_is_not_the_disease(nlp):
    text = "Mutations in the estrogen receptor gene (ESR) were sought; ESR mutations were rare."  # main set 9195227
    assert [(t, cid) for t, _, cid, _ in mentions(nlp, text) if t == "ESR"] == [("ESR", "MESH:D011960")] * 2
    wilms = "The Wilms tumor gene (WT1) was mutated; WT1 loss was seen."
    assert not any(t == "WT1" and label == "CONDITION" for t, label, *_ in mentions(nlp, wilms))


def test_hippocampal_fields_and_ranked_cortical_areas(nlp):
    text = ("At hippocampal Schaffer collateral-CA1 synapses LTP was lost. The primary somatosensory cortex (S1) "
            "responded; S1 activity rose. Erythrocyte CA1 levels fell.")
    regions = [(t, cid) for t, label, cid, _ in mentions(nlp, text) if label == "BRAIN_REGION"]
    assert ("CA1", "MESH:D056547") in regions and regions.count(("S1", "MESH:D013003")) == 2
    assert ("primary somatosensory cortex", "MESH:D013003") in regions  # the rank word is part of the name
    assert not [t for t, label, *_ in mentions(nlp, "Erythrocyte CA1 levels fell.") if label == "BRAIN_REGION"]


def test_a_ranked_area_keeps_its_rank_word_and_its_numbered_short_form(nlp):
    # receptor set 4, 8372922: "the primary auditory area (A1) of primate cortex"; set 1, 9549528 "primary motor areas"
    text = ("Tonotopy is a feature of the primary auditory area (A1). The secondary somatosensory cortex (S2) and "
            "the primary motor areas responded; A1 and S2 were remapped.")
    regions = [(t, cid) for t, label, cid, _ in mentions(nlp, text) if label == "BRAIN_REGION"]
    assert regions == [("primary auditory area", "MESH:D001303"), ("A1", "MESH:D001303"),
                       ("secondary somatosensory cortex", "MESH:D013003"), ("S2", "MESH:D013003"),
                       ("primary motor areas", "MESH:D009044"), ("A1", "MESH:D001303"), ("S2", "MESH:D013003")]


def test_a_long_form_spelling_a_short_forms_meaning_differently_is_a_mention_of_it(nlp):
    found = [(t, cid) for t, _, cid, _ in mentions(nlp, "The opioid receptor like-1 (ORL1) was studied.")]
    assert found[0] == ("opioid receptor like-1", "MESH:D000094942")  # not the generic "opioid receptor"


def test_a_receptor_name_leaves_out_a_trailing_protein_word(nlp):
    # annotation guideline 1.3; set 3, 17879945: "suppress CD36 protein levels" -> "CD36"
    found = receptors(nlp, "The F508 CFTR protein and CD36 protein levels fell.")
    assert found == [("CFTR", "MESH:D019005"), ("CD36", "MESH:D018955")]


def test_depressed_is_the_disorder_only_of_a_person_or_the_mood(nlp):
    # BC5CDR development 10910842, 17943461: "depressed" as "lowered" is no mention; training: "depressed patients"
    text = ("Depressed patients and adolescents with depressed mood remained depressed. Cardiac function was "
            "depressed in treated rats, and doxorubicin depressed locomotor activity.")
    depressed = [(t, cid) for t, _, cid, _ in mentions(nlp, text) if t.lower().startswith("depressed")]
    assert [t for t, _ in depressed] == ["Depressed", "depressed mood", "depressed"]
    assert {cid for _, cid in depressed} <= {"MESH:D003866", "MESH:D003863"}


def test_two_subtypes_written_with_one_prefix_are_two_receptors(nlp):
    text = "Aripiprazole binds D2/3 receptors; sumatriptan acts on 5-HT1B/1D receptors; LY379268 on mGlu2/3 receptors."
    found = {(t, cid) for t, _, cid, _ in mentions(nlp, text)}
    assert {("D2", "MESH:D017448"), ("3 receptors", "MESH:D050637"),
            ("5-HT1B", "MESH:D044302"), ("1D receptors", "MESH:D044346")} <= found
    assert ("mGlu2", "MESH:C108822") in found and any(t == "3 receptors" and c != "MESH:D050637" for t, c in found)
    import meshtag
    composite = {(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="pubtator")).mentions}
    assert ("D2/3 receptors", "MESH:D017448|MESH:D050637") in composite


def test_slashed_subtypes_in_pubmed_brackets_are_two_receptors(nlp):
    # held-out set 2 (12464714) annotates "5-HT(1B/1D) receptor" as one composite mention; "D(2/3" is not a subtype
    text = "Rizatriptan is a 5-HT(1B/1D) receptor agonist; triptans are 5-HT(1B/1D) agonists. D(2/3 receptors."
    found = receptors(nlp, text)
    assert found[:4] == [("5-HT(1B", "MESH:D044302"), ("1D) receptor", "MESH:D044346"),
                         ("5-HT(1B", "MESH:D044302"), ("1D)", "MESH:D044346")]
    assert not any(t.startswith("D(2") for t, _ in found)
    import meshtag
    composite = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="pubtator")).mentions
                 if m.label == "RECEPTOR"]
    assert composite[:2] == [("5-HT(1B/1D) receptor", "MESH:D044302|MESH:D044346"),
                             ("5-HT(1B/1D)", "MESH:D044302|MESH:D044346")]


def test_a_short_form_defined_inside_a_receptor_name_names_the_receptor(nlp):
    # annotation guidelines 3: "serotonin 6 (5-HT6) receptor", then "5-HT6"; main receptor set 19940105 "mGlu receptor"
    text = ("Metabotropic glutamate (mGlu) receptors and the kappa opioid (KOP) receptor were studied. mGlu agonists "
            "and KOP agonists reduced pain. The N-methyl-D-aspartate (NMDA) receptor binds NMDA.")
    found = [(t, label, cid) for t, label, cid, _ in mentions(nlp, text)]
    assert ("mGlu", "RECEPTOR", "MESH:D018094") in found and ("KOP", "RECEPTOR", "MESH:D017473") in found
    assert not any(t == "mGlu" and label == "DRUG" for t, label, _ in found)  # not glutamate
    assert ("NMDA", "DRUG", "MESH:D016202") in found  # a long form that is a whole chemical name keeps it


def test_a_receptor_in_brackets_after_a_drug_code_stays_the_receptor(nlp):
    # Schwartz & Hearst read "TRPV1 antagonist AMG9810 and A-967079" as the long form of "(TRPA1)"
    text = "The TRPV1 antagonist AMG9810 and A-967079 (TRPA1) were given. TRPA1 was expressed."
    found = [(t, label, cid) for t, label, cid, _ in mentions(nlp, text) if t == "TRPA1"]
    assert found == [("TRPA1", "RECEPTOR", "MESH:D000074025")] * 2


def test_undefined_region_short_forms_with_a_region_cue(nlp):
    text = ("Neurons in the RVM fired. The LHb projects to the DRN. After intra-NAc infusion, N-acetylcysteine (NAC) "
            "was given.")
    found = [(t, label, cid) for t, label, cid, _ in mentions(nlp, text)]
    assert [f for f in found if f[1] == "BRAIN_REGION"] == [
        ("RVM", "BRAIN_REGION", "MESH:D008526"), ("LHb", "BRAIN_REGION", "MESH:D019262"),
        ("DRN", "BRAIN_REGION", "MESH:D065847"), ("NAc", "BRAIN_REGION", "MESH:D009714")]
    assert ("NAC", "DRUG", "MESH:D000111") in found  # case tells the drug from the nucleus


def test_slashed_subtypes_without_a_head_word_or_with_decimal_numbers(nlp):
    text = ("Triptans are 5-HT1B/1D agonists; Nav1.7/1.8 in DRG neurons; retigabine opens KCNQ2/3 channels. "
            "The T1/2 was 4 h. Triptans act at 5-HT1B/1D.")
    found = receptors(nlp, text)
    assert found == [("5-HT1B", "MESH:D044302"), ("1D", "MESH:D044346"), ("Nav1.7", "MESH:D062556"),
                     ("1.8", "MESH:D062559"), ("KCNQ2", "MESH:D051658"), ("3 channels", "MESH:D051659"),
                     ("5-HT1B", "MESH:D044302"), ("1D", "MESH:D044346")]  # also before a sentence's period
    import meshtag
    composite = [(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast", conventions="pubtator")).mentions
                 if m.label == "RECEPTOR"]  # an elliptical second code makes one composite ("D1/D2 receptor")
    assert composite == [("5-HT1B/1D", "MESH:D044302|MESH:D044346"), ("Nav1.7/1.8", "MESH:D062556|MESH:D062559"),
                         ("KCNQ2/3 channels", "MESH:D051658|MESH:D051659"), ("5-HT1B/1D", "MESH:D044302|MESH:D044346")]


def test_lead_the_verb_or_adjective_is_no_metal():
    nlp = meshtag.load(mode="fast")
    doc = nlp("A single administration of the dose leads to hypertension, and such doses may lead to stroke. "
              "Blood lead levels rose after lead exposure. The lead author optimised a lead compound.")
    leads = [(e.text, e._.concept_id) for e in doc.ents if e.text.lower().startswith("lead")]
    assert leads == [("lead", "MESH:D007854"), ("lead", "MESH:D007854")]
    assert [e.start_char for e in doc.ents if e.text == "lead"] == [doc.text.index("lead levels"),
                                                                   doc.text.index("lead exposure")]


def test_a_word_of_an_english_idiom_is_not_the_kbs():
    # BC5CDR training 17612891, 17491223, 16160878: none of these is annotated
    text = ("Clozapine remains the gold standard in resistant psychosis, and angiography was the gold-standard test. "
            "Fluoxetine reduced immobility in the tail suspension test and lowered bone mineral density.")
    found = {m.text for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    assert {"Clozapine", "psychosis", "Fluoxetine"} <= found
    assert "gold" not in found and "suspension" not in found and "mineral" not in found
    herg = tag_text("The human ether-a-go-go-related gene (HERG) encodes a potassium channel.", meshtag.load(mode="fast"))
    assert "ether" not in {m.text for m in herg.mentions} and "HERG" in {m.text for m in herg.mentions}
    therapy = tag_text("Nephropathy developed after gold therapy for rheumatoid arthritis.", meshtag.load(mode="fast"))
    assert ("gold", "MESH:D006046") in {(m.text, m.id) for m in therapy.mentions}   # the metal outside the idiom


def test_a_short_form_takes_the_concept_of_a_long_form_written_with_a_hyphen_inside_a_word():
    # BC5CDR development 9154656: "puromycin amino-nucleoside (PAN)" is Puromycin Aminonucleoside, not Nucleosides
    text = "Nephrosis was induced by a single injection of puromycin amino-nucleoside (PAN). PAN caused proteinuria."
    pans = {(m.text, m.id) for m in tag_text(text, meshtag.load(mode="fast")).mentions if "PAN" in m.text or
            "nucleoside" in m.text}
    assert pans == {("puromycin amino-nucleoside", "MESH:D011692"), ("PAN", "MESH:D011692")}


def test_a_blocked_long_form_is_no_mention_through_its_short_form():
    # annotation guideline 2.2: "central nervous system"/"CNS" is the generic whole, blocked for BRAIN_REGION; a
    # definition used to bring both back through the long form's KB lookup (NCBI-disease training 10639175)
    text = "The central nervous system (CNS) of Atm-null mice shows defects; CNS neurons degenerate in the cerebellum."
    regions = [m.text for m in tag_text(text, meshtag.load(mode="fast")).mentions if m.label == "BRAIN_REGION"]
    assert regions == ["cerebellum"]
    unblocked = [m.text for m in tag_text(text, meshtag.load(mode="fast", blocked_terms="")).mentions
                 if m.label == "BRAIN_REGION"]
    assert "CNS" in unblocked and "central nervous system" in unblocked


def test_an_unambiguous_receptor_or_disease_short_form_keeps_its_meaning_when_its_long_form_has_none():
    # "vanilloid 1" (an elliptical conjunct) and "... beta 1 subunit gene" name no concept: the short forms used
    # to lose their own meaning with them; a drug short form keeps losing it ("double-strand breaks (DSBs)", which a
    # supplementary concept's code would read as a chemical)
    text = ("Transient receptor potential ankyrin 1 (TRPA1) and vanilloid 1 (TRPV1) channels were studied. "
            "The voltage-gated sodium channel beta 1 subunit gene (SCN1B) was sequenced. "
            "Repair of DNA double-strand breaks (DSBs) was impaired; DSBs accumulated after cisplatin.")
    found = {m.text: m.id for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    assert found["TRPV1"] == "MESH:C494484"      # TRPV1 receptor
    assert found["SCN1B"] == "MESH:D062547"
    assert "DSBs" not in found and found["cisplatin"] == "MESH:D002945"


def test_the_dihydropyridine_receptor_is_the_l_type_calcium_channel():
    doc = tag_text("Mutations in the dihydropyridine receptor alpha1 subunit cause hypokalemic periodic paralysis.",
                   meshtag.load(mode="fast"))
    assert [(m.text, m.id) for m in doc.mentions if m.label == "RECEPTOR"] == [
        ("dihydropyridine receptor alpha1 subunit", "MESH:D020746")]
    assert not any(m.label == "DRUG" for m in doc.mentions)


def test_a_symbol_is_not_the_chemical_named_by_the_lower_case_word():
    found = {(m.text, m.label) for m in tag_text("MuSK antibodies were found, and MUSK mutations; musk ketone was not.",
                                                 meshtag.load(mode="fast")).mentions}
    assert {("MuSK", "RECEPTOR"), ("MUSK", "RECEPTOR"), ("musk ketone", "DRUG")} <= found


def test_cd40_is_the_receptor_but_cd40_ligand_is_not():
    doc = tag_text("The CD40 ligand gene is mutated in X-linked hyper-IgM syndrome; CD40 mutations cause the "
                   "autosomal form.", meshtag.load(mode="fast"))
    receptors = [(m.text, m.id, m.start) for m in doc.mentions if m.label == "RECEPTOR"]
    assert receptors == [("CD40", "MESH:D019013", doc.text.index("CD40 mutations"))]


def test_acetylcholine_receptor_abbreviations_name_the_receptor_and_its_subtype():
    doc = tag_text("The M4 mAChR modulator and neuronal nAChRs; the alpha7 nAChR; mAChRs in the heart.",
                   meshtag.load(mode="fast"))
    assert [(m.text, m.id) for m in doc.mentions if m.label == "RECEPTOR"] == [
        ("M4 mAChR", "MESH:D043588"), ("nAChRs", "MESH:D011978"), ("alpha7 nAChR", "MESH:D064569"),
        ("mAChRs", "MESH:D011976")]


def test_a_bare_ganglion_is_no_cyst_and_the_optic_nerve_head_is_the_eyes():
    nlp = meshtag.load(mode="fast")
    found = {(m.text, m.label) for m in tag_text(
        "The celiac ganglion was denervated and a ganglion cyst of the wrist excised. The optic nerve head was "
        "cupped, and optic nerve damage followed.", nlp).mentions}
    assert ("ganglion cyst", "CONDITION") in found and ("ganglion", "CONDITION") not in found
    doc = tag_text("The optic nerve head was cupped, and optic nerve damage followed.", nlp)
    assert [(m.text, m.start) for m in doc.mentions if m.label == "BRAIN_REGION"] == [
        ("optic nerve", doc.text.index("optic nerve damage"))]


def test_a_protein_named_after_the_receptor_it_works_on_is_no_receptor():
    doc = tag_text("Insulin receptor substrate 1 and the insulin receptor were phosphorylated; PDGF receptor kinase "
                   "inhibitors were added.", meshtag.load(mode="fast"))
    receptors = [(m.text, m.start) for m in doc.mentions if m.label == "RECEPTOR"]
    assert receptors == [("insulin receptor", doc.text.index("insulin receptor were")),
                         ("PDGF receptor", doc.text.index("PDGF"))]   # the receptor's own kinase: the receptor


# Names the MeSH TSV export lacks (narrower concepts, IUPHAR and neuroanatomy names, research codes, spellings), each
# curated or derived with its source in models/curation: (text, label to look at or None for all, expected mentions).
VOCABULARY = [
    pytest.param("Stimulation of the subgenual cingulate cortex; neurons of the trigeminal nucleus caudalis and the "
                 "ventral posterolateral nucleus; the posterior cingulate cortex and the lateral septum.",
                 "BRAIN_REGION",
                 [("subgenual cingulate cortex", "MESH:D006179"), ("trigeminal nucleus caudalis", "MESH:D014279"),
                  ("ventral posterolateral nucleus", "MESH:D020651"), ("posterior cingulate cortex", "MESH:D006179"),
                  ("lateral septum", "MESH:D012686")], id="regions MeSH names only by their parent"),
    # a bare "nerve roots" stays generic (annotation guideline 2.2)
    pytest.param("Lesions of the cerebral hemispheres; the dorsal roots were cut but the nerve roots of the cauda "
                 "were spared. Motor cortex stimulation relieved central pain; nerve root compression caused "
                 "radiculitis.", None,
                 [("cerebral hemispheres", "MESH:D054022"), ("dorsal roots", "MESH:D013126"),
                  ("Motor cortex", "MESH:D009044"), ("central pain", "MESH:D009437"),
                  ("nerve root compression", "MESH:D011843"), ("radiculitis", "MESH:D011843")],
                 id="nerve roots, hemispheres and central pain"),
    pytest.param("Patients with schizoaffective disorder, nicotine dependence, cannabis use disorder or "
                 "medication-overuse headache; chronic postsurgical pain and bladder pain syndrome.", None,
                 [("schizoaffective disorder", "MESH:D011618"), ("nicotine dependence", "MESH:D014029"),
                  ("cannabis use disorder", "MESH:D002189"), ("medication-overuse headache", "MESH:D051271"),
                  ("chronic postsurgical pain", "MESH:D010149"), ("bladder pain syndrome", "MESH:D018856")],
                 id="addiction, psychosis and pain syndromes"),
    pytest.param("Activation fell in the right medial frontal gyrus, the superior temporal gyrus, the precuneus and "
                 "the anterior cingulated cortex.", None,
                 [("medial frontal gyrus", "MESH:D005625"), ("superior temporal gyrus", "MESH:D013702"),
                  ("precuneus", "MESH:D010296"), ("anterior cingulated cortex", "MESH:D006179")],
                 id="gyri of neuroimaging reports and 'cingulated'"),
    pytest.param("Neurons of the ventromedial hypothalamus, the rostral ventrolateral medulla, the subiculum and the "
                 "barrel cortex projected to the lateral parabrachial nucleus.", None,
                 [("ventromedial hypothalamus", "MESH:D014697"), ("rostral ventrolateral medulla", "MESH:D008526"),
                  ("subiculum", "MESH:D006624"), ("barrel cortex", "MESH:D013003"),
                  ("lateral parabrachial nucleus", "MESH:D065823")], id="rodent regions"),
    pytest.param("Migraineurs and asthmatics; acute renal insufficiency, grand mal seizures and psychomotor "
                 "retardation after heroin.", None,
                 [("Migraineurs", "MESH:D008881"), ("asthmatics", "MESH:D001249"),
                  ("acute renal insufficiency", "MESH:D058186"), ("grand mal seizures", "MESH:D004830"),
                  ("psychomotor retardation", "MESH:D011596"), ("heroin", "MESH:D003932")],
                 id="people with a disease and narrower clinical concepts"),
    pytest.param("Sinus node dysfunction with syncopal attacks, ventricular ectopy and cardiac dysrhythmias; elevated "
                 "intraocular pressure, then hypotony.", None,
                 [("Sinus node dysfunction", "MESH:D012804"), ("syncopal attacks", "MESH:D013575"),
                  ("ventricular ectopy", "MESH:D018879"), ("cardiac dysrhythmias", "MESH:D001145"),
                  ("elevated intraocular pressure", "MESH:D009798"), ("hypotony", "MESH:D015814")],
                 id="clinical names"),
    pytest.param("Painful diabetic peripheral neuropathy, diabetic polyneuropathy and phantom limb pain were studied.",
                 None, [("Painful diabetic peripheral neuropathy", "MESH:D003929"),
                        ("diabetic polyneuropathy", "MESH:D003929"), ("phantom limb pain", "MESH:D010591")],
                 id="pain conditions MeSH names by a narrower concept"),
    pytest.param("Serotonin toxicity with tramadol and MAOIs was reported.", None,
                 [("Serotonin toxicity", "MESH:D020230"), ("tramadol", "MESH:D014147"), ("MAOIs", "MESH:D008996")],
                 id="serotonin toxicity and MAOIs"),
    # models/curation/research_codes.tsv links them by the compound's chemical name
    pytest.param("The D1 agonist SKF 38393, the 5-HT1A antagonist WAY-100635 and the CB1 antagonist SR141716A were "
                 "given with Ro 15-1788 and eserine.", "DRUG",
                 [("SKF 38393", "MESH:D015647"), ("WAY-100635", "MESH:C090413"), ("SR141716A", "MESH:D000077285"),
                  ("Ro 15-1788", "MESH:D005442"), ("eserine", "MESH:D010830")], id="research codes of tool compounds"),
    pytest.param("Lunesta, Vyvanse and Nurtec; arketamine and an SSRI, triptans and mood stabilizers; atypical "
                 "antipsychotics.", "DRUG",
                 [("Lunesta", "MESH:D000069582"), ("Vyvanse", "MESH:D000069478"), ("Nurtec", "MESH:C578443"),
                  ("arketamine", "MESH:D007649"), ("SSRI", "MESH:D017367"), ("triptans", "MESH:D058825"),
                  ("mood stabilizers", "MESH:D018692"), ("atypical antipsychotics", "MESH:D014150")],
                 id="trade names and drug classes"),
    pytest.param("Taxol-induced neuropathy was compared with Velcade, Oncovin and Eloxatin.", "DRUG",
                 [("Taxol", "MESH:D017239"), ("Velcade", "MESH:D000069286"), ("Oncovin", "MESH:D014750"),
                  ("Eloxatin", "MESH:D000077150")], id="trade names of chemotherapy drugs of neuropathy models"),
    pytest.param("Carbon tetrachloride (CCl4) raised CCL4 chemokine levels; NH4Cl and CuSO4 were added.", "DRUG",
                 [("Carbon tetrachloride", "MESH:D002251"), ("CCl4", "MESH:D002251"), ("CCL4 chemokine", "MESH:D054407"),
                  ("NH4Cl", "MESH:D000643"), ("CuSO4", "MESH:D019327")],
                 id="chemical formulas the export lacks, told from gene symbols by their capitals"),
    pytest.param("Vigabatrin causes visual field constriction and visual loss; visual deficits persisted.", "CONDITION",
                 [("visual field constriction", "MESH:D014786"), ("visual loss", "MESH:D014786"),
                  ("visual deficits", "MESH:D014786")], id="loss of sight as clinical papers name it"),
    pytest.param("Hepatic toxicity, liver toxicity and ocular toxicity; liver disease.", "CONDITION",
                 [("Hepatic toxicity", "MESH:D056486"), ("liver toxicity", "MESH:D056486"),
                  ("ocular toxicity", "MESH:D005128"), ("liver disease", "MESH:D008107")],
                 id="drug toxicity to an organ, hepatotoxicity apart from liver disease"),
    pytest.param("An inherited cancer syndrome and familial cancers were traced.", "CONDITION",
                 [("inherited cancer syndrome", "MESH:D009386"), ("familial cancers", "MESH:D009386")],
                 id="hereditary cancer syndromes"),
    pytest.param("The DOP receptor agonist SNC80 and the KOP receptor; transient receptor potential melastatin 8 "
                 "(TRPM8) senses cold.", "RECEPTOR",
                 [("DOP receptor", "MESH:D017465"), ("KOP receptor", "MESH:D017473"),
                  ("transient receptor potential melastatin 8", "MESH:D050053"), ("TRPM8", "MESH:D050053")],
                 id="IUPHAR opioid names and TRP subfamily names"),
    pytest.param("The V2 receptor antagonist tolvaptan; ET(B) receptors and Y1R antagonists; NTS1 agonists; GIRK "
                 "channels; mice lacking GABAB1.", "RECEPTOR",
                 [("V2 receptor", "MESH:D017483"), ("ET(B) receptors", "MESH:D044023"), ("Y1R", "MESH:C097212"),
                  ("NTS1", "MESH:C114036"), ("GIRK channels", "MESH:D051676"), ("GABAB1", "MESH:D018080")],
                 id="IUPHAR subtype names of peptide receptors and channels"),
    # MeSH has "urotensin II receptor" only for a species: its heading stands in (guideline: never a species' record)
    pytest.param("Urotensin II receptors and the Piezo-type mechanosensitive ion channel component 2 were expressed.",
                 "RECEPTOR", [("Urotensin II receptors", "MESH:D043562"),
                              ("Piezo-type mechanosensitive ion channel component 2", "MESH:D007473")],
                 id="receptors MeSH names only for a species"),
    pytest.param("TRP channels, VGSCs, K2P channels and ASICs; iGluRs, mGluRs and AMPARs; beta-ARs and alpha2-ARs.",
                 None, [("TRP channels", "MESH:D050051"), ("VGSCs", "MESH:D061566"), ("K2P channels", "MESH:D024683"),
                        ("ASICs", "MESH:D062565"), ("iGluRs", "MESH:D058468"), ("mGluRs", "MESH:D018094"),
                        ("AMPARs", "MESH:D018091"), ("beta-ARs", "MESH:D011943"), ("alpha2-ARs", "MESH:D018341")],
                 id="receptor family abbreviations"),
    # "Ca(v)1.2" was read by fuzzy lookup as the P/Q-type channel; MeSH has its alpha(1C)
    # PubMed's ASCII spelling glues a subunit's Greek letter to the symbol; "adrenoreceptor" is a variant spelling;
    # RANK (an HGNC alias that is a common word) only in capitals; curated channel names also with element symbols
    pytest.param("alphaENaC, betaENaC and gammaENaC; alpha 2-adrenoreceptor; mutant RANK proteins, RANK-mediated "
                 "signalling (we rank them); the cardiac Na(+) channel and the sodium channel beta1 subunit.",
                 "RECEPTOR",
                 [("alphaENaC", "MESH:D053503"), ("betaENaC", "MESH:D053503"), ("gammaENaC", "MESH:D053503"),
                  ("alpha 2-adrenoreceptor", "MESH:D018341"), ("RANK", "MESH:D053246"),
                  ("RANK", "MESH:D053246"), ("cardiac Na(+) channel", "MESH:D062554"),
                  ("sodium channel beta1 subunit", "MESH:D062547")], id="receptor spellings"),
    # adrenoceptor subtypes MeSH files under alpha-1/alpha-2; IUPHAR's nociceptin names (PNOC's HGNC aliases had made
    # the ligand a receptor); a short form in brackets after a name is no part of an inverted MeSH name
    pytest.param("alpha1A-adrenoceptors, α1B-adrenoceptors and alpha2C-adrenoceptors; N/OFQ acts on the NOP receptor "
                 "(ORL1); NOP agonists.", None,
                 [("alpha1A-adrenoceptors", "MESH:D018340"), ("α1B-adrenoceptors", "MESH:D018340"),
                  ("alpha2C-adrenoceptors", "MESH:D018341"), ("N/OFQ", "MESH:D000097629"),
                  ("NOP receptor", "MESH:D000094942"), ("ORL1", "MESH:D000094942"), ("NOP", "MESH:D000094942")],
                 id="adrenoceptor subtypes and the nociceptin system"),
    # GRM1/3/6 are their specific MeSH records, not the family their human-protein records map to
    pytest.param("mGlu2/3 receptor agonists; mGluR1 and mGlu5 antagonists; GRM3 variants.", "RECEPTOR",
                 [("mGlu2", "MESH:C108822"), ("3 receptor", "MESH:C102718"), ("mGluR1", "MESH:C104077"),
                  ("mGlu5", "MESH:D064529"), ("GRM3", "MESH:C102718")], id="metabotropic glutamate subtypes"),
    # eicosanoid short forms MeSH lacks (it has PGE2, PGD2); "atrial tachyarrhythmia" as "atrial tachycardia"
    pytest.param("Prostacyclin (PGI2), TXA2 and TxB2; nicotinic acid amide; atrial tachyarrhythmia.", None,
                 [("Prostacyclin", "MESH:D011464"), ("PGI2", "MESH:D011464"), ("TXA2", "MESH:D013928"),
                  ("TxB2", "MESH:D013929"), ("nicotinic acid amide", "MESH:D009536"),
                  ("atrial tachyarrhythmia", "MESH:D013617")], id="eicosanoids and other missing names"),
    pytest.param("Cisplatin caused auditory dysfunction and auditory toxicity.", "CONDITION",
                 [("auditory dysfunction", "MESH:D006311"), ("auditory toxicity", "MESH:D006311")],
                 id="the ear's disorders by their adjective"),
    pytest.param("Na(v)1.7 and Ca(v)1.2 channels; K(ATP) channels and K(Ca)3.1.", None,
                 [("Na(v)1.7", "MESH:D062556"), ("Ca(v)1.2 channels", "MESH:C419385"),
                  ("K(ATP) channels", "MESH:D054086"), ("K(Ca)3.1", "MESH:D051660")],
                 id="channel subscripts written in brackets"),
    # BC5CDR annotates "(insulin-dependent) diabetes mellitus" and "(R)-alpha-methylhistamine" with their opening
    # brackets; "IDDM) (5" crosses the bracket that closes the short form, and "(12)" after it is a count
    pytest.param("Adverse events were (insulin-dependent) diabetes mellitus (IDDM) (5) and later IDDM (12). "
                 "(R)-alpha-methylhistamine, (S)-ketamine and (R)-fluoxetine were given, and (+/-)-amphetamine.", None,
                 [("(insulin-dependent) diabetes mellitus", "MESH:D003922"), ("IDDM", "MESH:D003922"),
                  ("IDDM", "MESH:D003922"), ("(R)-alpha-methylhistamine", "MESH:C069357"),
                  ("(S)-ketamine", "MESH:C000629870"), ("(R)-fluoxetine", "MESH:D005473"),
                  ("amphetamine", "MESH:D000661")], id="brackets a name opens with belong to it"),
    pytest.param("R,S-ketamine, S-ketamine and (R,S)-ketamine were compared.", None,
                 [("R,S-ketamine", "MESH:D007649"), ("S-ketamine", "MESH:C000629870"),
                  ("(R,S)-ketamine", "MESH:D007649")], id="a racemate written without brackets is not its enantiomer"),
    # each ambiguous region short form is confirmed by the one before it in the list; GPI is no GPi
    pytest.param("Ketamine raised activity in the vlPAG, CeA, RVM, SNc, STN and LHb. GPI-anchored proteins were "
                 "measured.", "BRAIN_REGION",
                 [("vlPAG", "MESH:D010487"), ("CeA", "MESH:D066274"), ("RVM", "MESH:D008526"), ("SNc", "MESH:D065842"),
                  ("STN", "MESH:D020531"), ("LHb", "MESH:D019262")], id="a list of region short forms, item by item"),
    pytest.param("WIN55,212-2, JWH-133, BD1047, TTX, AMD3100 and L-alpha-aminoadipate were applied.", "DRUG",
                 [("WIN55,212-2", "MESH:C070417"), ("JWH-133", "MESH:C405341"), ("BD1047", "MESH:C097963"),
                  ("TTX", "MESH:D013779"), ("AMD3100", "MESH:C088327"), ("L-alpha-aminoadipate", "MESH:D015074")],
                 id="research codes of pain pharmacology tool compounds"),
    # synonyms.tsv (glued INN, a metabolite's bare name); the tokenizer and balanced_span (isotope labels)
    pytest.param("PET with [11C]raclopride and [18F]FDG; onabotulinumtoxinA and (2R,6R)-hydroxynorketamine were "
                 "given.", "DRUG",
                 [("raclopride", "MESH:D020891"), ("[18F]FDG", "MESH:D019788"),
                  ("onabotulinumtoxinA", "MESH:C000629279"), ("(2R,6R)-hydroxynorketamine", "MESH:C050654")],
                 id="radiotracers, a glued INN and a metabolite"),
    # the letters of a development code are no chemical of their own (VX, the nerve agent); synonyms.tsv
    # (meshtag_drug_codes reads the whole code when a cue is near: "the 5-HT7 agonist LP-211", unlinked)
    pytest.param("PF-05089771 and VX-548 (suzetrigine) blocked Nav1.8; the 5-HT7 agonist LP-211; lamotrigine in "
                 "bipolar II disorder.", None,
                 [("PF-05089771", "MESH:C000618268"), ("VX-548", None), ("suzetrigine", None),  # meshtag_drug_stems
                  ("Nav1.8", "MESH:D062559"),
                  ("5-HT7", "MESH:C104425"), ("LP-211", None), ("lamotrigine", "MESH:D000077213"),
                  ("bipolar II disorder", "MESH:D001714")],
                 id="a code's letters; bipolar II disorder"),
    pytest.param("Patients on beta-blockers, β-blockers, alpha-blockers, H2 blockers, anticholinergic drugs or a "
                 "DMARD.", None, [("beta-blockers", "MESH:D000319"), ("β-blockers", "MESH:D000319"),
                        ("alpha-blockers", "MESH:D000317"), ("H2 blockers", "MESH:D006635"),
                        ("anticholinergic drugs", "MESH:D018680"), ("DMARD", "MESH:D018501")],
                 id="classes by their everyday names"),
    pytest.param("MAO-B inhibitors, COMT inhibitors, acetylcholinesterase inhibitors and H1 antihistamines.", None,
                 [("MAO-B inhibitors", "MESH:D008996"), ("COMT inhibitors", "MESH:D065098"),
                  ("acetylcholinesterase inhibitors", "MESH:D002800"), ("H1 antihistamines", "MESH:D006634")],
                 id="enzyme inhibitor and antihistamine classes by their short names"),
    # dictionary: a head word another name ends with starts no inverted MeSH name ("Receptors, Glycine"); D/L
    pytest.param("D-serine acts at the NMDA receptor glycine site; EGF receptor tyrosine kinase inhibitors.", None,
                 [("D-serine", "MESH:D012694"), ("NMDA receptor", "MESH:D016194"), ("glycine", "MESH:D005998"),
                  ("EGF receptor", "MESH:D066246"), ("tyrosine kinase inhibitors", "MESH:D000092004")],
                 id="inverted names in running text; a D/L configuration"),
    # neuro_synonyms.tsv: subtypes named without their head word, as the target of a drug (guideline 1.4)
    pytest.param("PRE-084, a sigma-1 agonist, and sigma2 ligands; Kv7 (KCNQ) openers; TRPV1-/- mice.", "RECEPTOR",
                 [("sigma-1", "MESH:D000097605"), ("sigma2", "MESH:C106107"), ("Kv7", "MESH:D051656"),
                  ("KCNQ", "MESH:D051656"), ("TRPV1", "MESH:C494484")],
                 id="receptor families and subtypes without a head word; a genotype is no part of the name"),
    # synonyms.tsv: DSM-5 names MeSH files under older headings
    pytest.param("Persistent depressive disorder, illness anxiety disorder, somatic symptom disorder, insomnia "
                 "disorder, hypersomnolence, dementia with Lewy bodies and chronic whiplash.", "CONDITION",
                 [("Persistent depressive disorder", "MESH:D019263"), ("illness anxiety disorder", "MESH:D006998"),
                  ("somatic symptom disorder", "MESH:D013001"), ("insomnia disorder", "MESH:D007319"),
                  ("hypersomnolence", "MESH:D006970"), ("dementia with Lewy bodies", "MESH:D020961"),
                  ("whiplash", "MESH:D014911")], id="DSM-5 names"),
    # synonyms.tsv: psychiatric short forms, kept by a cue ("patients") as short aliases are
    pytest.param("Patients with MDD, GAD, OCD or TRD; oxaliplatin CIPN.", "CONDITION",
                 [("MDD", "MESH:D003865"), ("GAD", "MESH:D001008"), ("OCD", "MESH:D009771"), ("TRD", "MESH:D061218"),
                  ("CIPN", "MESH:D010523")],
                 id="undefined clinical short forms with a cue"),
]


@pytest.mark.parametrize("text, label, expected", VOCABULARY)
def test_names_the_mesh_export_lacks_and_their_spellings(text, label, expected):
    doc = tag_text(text, meshtag.load(mode="fast"))
    assert [(m.text, m.id) for m in doc.mentions if label is None or m.label == label] == expected

