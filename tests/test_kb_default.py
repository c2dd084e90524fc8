"""Lookups and matching on the committed default knowledge base (models/kb + models/curation overlay)."""
from __future__ import annotations

import csv

import pytest

from meshtag.errors import ErrorLog
from meshtag.kb import KnowledgeBase
from meshtag.paths import curation_dir


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize("query, concept_id, name, label", [
    ("sigma-1 receptor", "MESH:D000097605", "Sigma-1 Receptor", "RECEPTOR"),
    ("σ1 receptors", "MESH:D000097605", "Sigma-1 Receptor", "RECEPTOR"),
    ("S1R", "MESH:D000097605", "Sigma-1 Receptor", "RECEPTOR"),
    ("TRPA1", "MESH:D000074025", "TRPA1 Cation Channel", "RECEPTOR"),
    ("mu opioid receptor", "MESH:D017450", "Receptors, Opioid, mu", "RECEPTOR"),
    ("μ-opioid receptors", "MESH:D017450", "Receptors, Opioid, mu", "RECEPTOR"),
    ("Receptors, Opioid, mu", "MESH:D017450", "Receptors, Opioid, mu", "RECEPTOR"),
    ("OPRM1", "MESH:D017450", "Receptors, Opioid, mu", "RECEPTOR"),
    ("TrkB", "MESH:D020813", "Receptor, trkB", "RECEPTOR"),
    ("neuropathic pain", "MESH:D009437", "Neuralgia", "CONDITION"),
    ("allodynia", "MESH:D006930", "Hyperalgesia", "CONDITION"),
    ("mechanical allodynia", "MESH:D006930", "Hyperalgesia", "CONDITION"),
    ("mechanical hypersensitivity", "MESH:D006930", "Hyperalgesia", "CONDITION"),   # not the allergy
    ("central post-stroke pain", "MESH:D009437", "Neuralgia", "CONDITION"),
    ("locus coeruleus", "MESH:D008125", "Locus Coeruleus", "BRAIN_REGION"),
    ("dorsal root ganglia", "MESH:D005727", "Ganglia, Spinal", "BRAIN_REGION"),
    ("bed nucleus of the stria terminalis", "MESH:D012686", "Septal Nuclei", "BRAIN_REGION"),  # neuro_synonyms
    ("prelimbic cortex", "MESH:D017397", "Prefrontal Cortex", "BRAIN_REGION"),
    ("noradrenaline", "MESH:D009638", "Norepinephrine", "DRUG"),
    ("formalin", "MESH:D005557", "Formaldehyde", "DRUG"),                   # synonyms.tsv: MeSH entry term
    ("Prozac", "MESH:D005473", "Fluoxetine", "DRUG"),                       # brand_names.tsv
    ("Lexapro", "MESH:D000089983", "Escitalopram", "DRUG"),
    ("post-herpetic neuralgia", "MESH:D051474", "Neuralgia, Postherpetic", "CONDITION"),  # prefix spellings
    ("anti-convulsants", "MESH:D000927", "Anticonvulsants", "DRUG"),
    ("antiretroviral drugs", "MESH:D044966", "Anti-Retroviral Agents", "DRUG"),   # joined prefix, "drugs"
    ("nonsteroidal anti-inflammatory drugs", "MESH:D000894", "Anti-Inflammatory Agents, Non-Steroidal", "DRUG"),
    ("α₂-adrenergic receptors", "MESH:D018341", "Receptors, Adrenergic, alpha-2", "RECEPTOR"),
    ("alpha2 adrenergic receptor", "MESH:D018341", "Receptors, Adrenergic, alpha-2", "RECEPTOR"),
    ("duloxetine", "MESH:D000068736", "Duloxetine Hydrochloride", "DRUG"),
    ("antidepressants", "MESH:D000928", "Antidepressive Agents", "DRUG"),
    ("blood urea nitrogen", "MESH:D001806", "Blood Urea Nitrogen", "DRUG"),   # label_overrides.tsv
    ("LQT3", "MESH:C537034", "Long QT syndrome type 3", "CONDITION"),  # synonyms.tsv: the subtype, not HGNC's SCN5A
    ("LQT2", "MESH:C563614", "Long Qt Syndrome 2", "CONDITION"),
    ("primary somatosensory cortex", "MESH:D013003", "Somatosensory Cortex", "BRAIN_REGION"),  # neuro_synonyms.tsv
    ("nociceptin/orphanin FQ peptide receptor", "MESH:D000094942", "Nociceptin Receptor", "RECEPTOR"),  # IUPHAR
    ("IP receptor", "MESH:D044006", "Receptors, Epoprostenol", "RECEPTOR"),
    ("opioid withdrawal syndrome", "MESH:D013375", "Substance Withdrawal Syndrome", "CONDITION"),  # synonyms.tsv
    ("chronic widespread pain", "MESH:D059350", "Chronic Pain", "CONDITION"),
    ("diabetic peripheral neuropathic pain", "MESH:D003929", "Diabetic Neuropathies", "CONDITION"),
    ("major depressive episode", "MESH:D003865", "Depressive Disorder, Major", "CONDITION"),
    ("anti-TNF agents", "MESH:D000079424", "Tumor Necrosis Factor Inhibitors", "DRUG"),
    ("complete Freund's adjuvant", "MESH:D005620", "Freund's Adjuvant", "DRUG"),
    ("gepants", "MESH:D000077221", "Calcitonin Gene-Related Peptide Receptor Antagonists", "DRUG"),
    ("psychostimulants", "MESH:D000697", "Central Nervous System Stimulants", "DRUG"),
    # gene symbols and aliases of "X protein, human" records link to their species-free receptor heading
    ("5-HT2A", "MESH:D044402", "Receptor, Serotonin, 5-HT2A", "RECEPTOR"),
    ("GRIN1", "MESH:D016194", "Receptors, N-Methyl-D-Aspartate", "RECEPTOR"),
    ("PGR", "MESH:D011980", "Receptors, Progesterone", "RECEPTOR"),
    ("SCN3A", "MESH:D062552", "NAV1.3 Voltage-Gated Sodium Channel", "RECEPTOR"),   # the deepest receptor heading   # hgnc_mesh_links.tsv: the same name exactly
    # subtype_receptor_terms.tsv: type numbers, "receptor type <n>" without "type"
    ("type 2 serotonin receptor", "MESH:D044348", "Receptors, Serotonin, 5-HT2", "RECEPTOR"),
    ("metabotropic glutamate receptor 1", "MESH:C104077", "metabotropic glutamate receptor type 1", "RECEPTOR"),
    ("EGF receptor", "MESH:D066246", "ErbB Receptors", "RECEPTOR"),   # with the ligand's MeSH short form "EGF"
    ("P2X4R", "MESH:D058848", "Receptors, Purinergic P2X4", "RECEPTOR"),   # "<code>R" of a purinergic subtype
    ("CB1R", "MESH:D043884", "Receptor, Cannabinoid, CB1", "RECEPTOR"),    # subtype after the head in MeSH's term
    ("type 2 cannabinoid receptor", "MESH:D043885", "Receptor, Cannabinoid, CB2", "RECEPTOR"),
    # a receptor gene's HGNC approved name that MeSH lacks
    ("epidermal growth factor receptor", "MESH:D066246", "ErbB Receptors", "RECEPTOR"),
    ("insulin like growth factor 1 receptor", "MESH:D017526", "Receptor, IGF Type 1", "RECEPTOR"),
    # biologic drugs by their INN stem, which the tree rules read as proteins or receptors
    ("infliximab", "MESH:D000069285", "Infliximab", "DRUG"),
    ("erenumab", "MESH:C000605816", "erenumab", "DRUG"),                   # supplementary, heading unlabelled
    ("etanercept", "MESH:D000068800", "Etanercept", "DRUG"),               # filed under TNF receptors
    ("TNFRSF1B", "MESH:D047889", "Receptors, Tumor Necrosis Factor, Type II", "RECEPTOR"),  # not etanercept
    ("cancer", "MESH:D009369", "Neoplasms", "CONDITION"),
    ("convulsions", "MESH:D012640", "Seizures", "CONDITION"),
    ("acute renal failure", "MESH:D058186", "Acute Kidney Injury", "CONDITION"),
    ("cardiotoxic", "MESH:D066126", "Cardiotoxicity", "CONDITION"),
    ("LiCl", "MESH:D018021", "Lithium Chloride", "DRUG"),                         # synonyms.tsv: formulas
    ("cAMP", "MESH:D000242", "Cyclic AMP", "DRUG"),               # synonyms.tsv: -toxic adjectives
    ("Brain-Derived Neurotrophic Factor", "MESH:D019208", "Brain-Derived Neurotrophic Factor", "RECEPTOR"),
    ("CGRP", "MESH:D015740", "Calcitonin Gene-Related Peptide", "DRUG"),    # not CALCA's Calcitonin
    ("NPY", "MESH:D009478", "Neuropeptide Y", "DRUG"),                      # not a reagent's synonym
    ("ACh", "MESH:D000109", "Acetylcholine", "DRUG"),
    ("suicidal ideation", "MESH:D059020", "Suicidal Ideation", "CONDITION"),  # label_overrides.tsv (F01)
    ("adenovirus disease", "MESH:D000257", "Adenoviridae Infections", "CONDITION"),  # infection_disease_terms
    # kb/type_numbers.py: a disease's type number in the other numeral system than MeSH's
    ("type I diabetes", "MESH:D003922", "Diabetes Mellitus, Type 1", "CONDITION"),
    ("complex regional pain syndrome type 1", "MESH:D012019", "Reflex Sympathetic Dystrophy", "CONDITION"),
    # kb/eponyms.py: possessive spellings of the two-word eponymous terms MeSH writes without it
    ("Alzheimer's dementia", "MESH:D000544", "Alzheimer Disease", "CONDITION"),
    ("Barrett's metaplasia", "MESH:D001471", "Barrett Esophagus", "CONDITION"),
    ("Leigh's syndrome", "MESH:D007888", "Leigh Disease", "CONDITION"),
    # synonyms.tsv: a receptor's usual name and symbol where HGNC's alias made an HGNC-only concept; a family's name
    ("FXR", "MESH:C094063", "farnesoid X-activated receptor", "RECEPTOR"),
    ("neurokinin receptors", "MESH:D018039", "Receptors, Tachykinin", "RECEPTOR"),
    ("Kv7", "MESH:D051656", "KCNQ Potassium Channels", "RECEPTOR"),   # neuro_synonyms.tsv: a family's symbol
    ("TMEM97", "MESH:C106107", "sigma-2 receptor", "RECEPTOR"),   # neuro_synonyms.tsv: the gene of the sigma-2 receptor
    ("discontinuation syndrome", "MESH:D013375", "Substance Withdrawal Syndrome", "CONDITION"),  # antidepressants'
    ("Dravet syndrome", "MESH:D004831", "Epilepsies, Myoclonic", "CONDITION"),   # no record of its own in MeSH 2025
    ("trospium", "MESH:C003330", "trospium chloride", "DRUG"),          # synonyms.tsv: a supplementary salt's drug
    ("Qulipta", "MESH:C000718987", "atogepant", "DRUG"),               # brand_names.tsv
    ("5-MeO-DMT", "MESH:D008732", "Methoxydimethyltryptamines", "DRUG"),  # not DMT, another drug
    ("opioid misuse", "MESH:D009293", "Opioid-Related Disorders", "CONDITION"),
    ("armodafinil", "MESH:D000077408", "Modafinil", "DRUG"),          # an enantiomer without a record of its own
    ("substance use disorder", "MESH:D019966", "Substance-Related Disorders", "CONDITION"),
    ("mild cognitive impairment", "MESH:D060825", "Cognitive Dysfunction", "CONDITION"),  # a narrower concept's term
    ("kratom", "MESH:D032065", "Mitragyna", "DRUG"),     # the plant taken as a drug, as Cannabis (label_overrides)
])
def test_lookup_exact(kb, query, concept_id, name, label):
    best = kb.lookup(query)[0]
    assert (best.id, best.name, best.label, best.score) == (concept_id, name, label, 1.0)


def test_lookup_reordered_and_fuzzy_scores(kb):
    reordered = kb.lookup("opioid mu receptor")[0]
    assert (reordered.id, reordered.score) == ("MESH:D017450", 0.95)
    typo = kb.lookup("neuropatic pain")[0]
    assert typo.id == "MESH:D009437" and 0.5 < typo.score < 0.9
    scores = [c.score for c in kb.lookup("locus ceruleus", limit=5)]
    assert scores == sorted(scores, reverse=True)
    assert kb.lookup("") == [] and kb.lookup("zzzzqqqq") == []


def test_reorderings_pruned_by_key_prefix_find_every_reordered_key(kb):
    # the look-up tries only orders whose first tokens start a key; every order that is a key must still be found
    from itertools import permutations

    def is_key(order):
        return order in kb._terms or order in kb._overlay

    for key in ["mu opioid receptor", "receptor adrenergic beta 2", "acid aminobutyric gamma receptors a",
                "sodium channel voltage gated", "pain neuropathic chronic", "kappa kappa opioid receptor"]:
        every = {" ".join(p) for p in permutations(key.split(" "))} - {key}
        found = list(kb._reorderings(key))
        assert len(found) == len(set(found)) and set(found) <= every
        assert {o for o in found if is_key(o)} == {o for o in every if is_key(o)}
    assert "opioid receptor mu" in kb._reorderings("mu opioid receptor")
    assert list(kb._reorderings("morphine")) == [] and list(kb._reorderings("a b c d e f g")) == []


def test_lookup_joins_a_name_written_with_a_hyphen_inside_a_word(kb):
    # BC5CDR development 9154656 and 3961813: "puromycin amino-nucleoside (PAN)", "Tri-ortho-tolyl phosphate (TOTP)"
    for query, concept_id in [("puromycin amino-nucleoside", "MESH:D011692"), ("nor-epinephrine", "MESH:D009638"),
                              ("Tri-ortho-tolyl phosphate", "MESH:C025541")]:
        best = kb.lookup(query, fuzzy=False)[0]
        assert (best.id, best.score) == (concept_id, 0.95)
    assert kb.lookup("amino-nucleoside", fuzzy=False) == []   # only names the KB has joined


@pytest.mark.parametrize("query, concept_id", [
    ("A2A receptors", "MESH:D043705"),          # scripts/derive_subtype_receptor_terms.py: subtype without ligand
    ("5-HT1F receptor", "MESH:D000096642"),     # ... a serotonin subtype MeSH writes only with its ligand
    ("5-HT7R", "MESH:C104425"),                 # neuro_synonyms.tsv: "<code>R" of a supplementary record
    ("M2 receptor", "MESH:D043585"),
    ("beta-2 receptors", "MESH:D018343"),      # Greek subtypes: "Adrenergic beta-2 Receptors"
    ("5-HT1AR", "MESH:D044282"),                # "<code>R", papers' short form of "<code> receptor"
    ("A2AR", "MESH:D043705"),
    ("serotonergic receptors", "MESH:D011985"),  # the ligand's adjective for the ligand
    ("dopaminergic D2 receptors", "MESH:D017448"),
    ("type 2 dopamine receptor", "MESH:D017448"),  # the subtype as a type number
    ("gamma-aminobutyric acid(A) receptors", "MESH:D011963"),
    ("kinin B1 receptor", "MESH:D043783"),      # neuro_synonyms.tsv
    ("nucleus ambiguus", "MESH:D008526"),       # no MeSH concept: the closest (guidelines, Linking)
    ("TRPV1", "MESH:C494484"),                  # the species-free record, not "TRPV1 protein, human"
    ("cannabinoid type 1 receptor", "MESH:D043884"),
    ("alpha7 nAChR", "MESH:D064569"),
    ("fastigial nucleus", "MESH:D002529"),
    ("L-type Ca2+ channels", "MESH:D020746"),   # scripts/derive_ion_symbol_terms.py: element symbols
    ("Na+ channel blockers", "MESH:D026941"),
    ("angiotensin II receptors", "MESH:D011945"),   # a family named with a numbered ligand
    ("netrin-1 receptor", "MESH:D000075386"),
    ("CLCN1", "MESH:C086321"),                  # hgnc_mesh_links.tsv: alias + head word = "CLC-1 channel"
    ("Kir6.2", "MESH:C489474"),                 # "Kir6.2 channel"
    ("cardiac sodium channel", "MESH:D062554"),  # neuro_synonyms.tsv: isoforms by tissue (Nav1.5)
    ("skeletal muscle sodium channel", "MESH:D062553"),
    ("IKr channel", "MESH:D000072237"),
    ("GlyRs", "MESH:D018009"),                  # synonyms.tsv: not Glycine-tRNA Ligase (alias GlyRS)
    ("CRFR1", "MESH:C101530"),                  # ... receptor abbreviations MeSH and HGNC lack
    ("CRF-R2", "MESH:C101531"),
    ("BLT1", "MESH:D018102"),
    ("S1P1", "MESH:D000081025"),
    ("hH1", "MESH:D062554"),                    # the human heart sodium channel (SCN5A alias HH1), Nav1.5
    ("TRPC channels", "MESH:D050052"),          # meshtag.kb.channel_names: "TRPC Cation Channels"
])
def test_pharmacology_spellings_of_receptors_and_channels(kb, query, concept_id):
    assert kb.lookup(query, fuzzy=False)[0].id == concept_id


@pytest.mark.parametrize("query, concept_id", [
    ("kainate", "MESH:D007608"),         # salt_parent_terms.tsv: an acid named by its anion
    ("quisqualate", "MESH:D016318"),
])
def test_acids_named_by_their_anion(kb, query, concept_id):
    assert kb.lookup(query, fuzzy=False)[0].id == concept_id


@pytest.mark.parametrize("query, concept_id", [
    ("lisdexamfetamine", "MESH:D000069478"),   # salt_parent_terms.tsv: MeSH names them by their salt only
    ("paliperidone", "MESH:D000068882"),
    ("salmeterol", "MESH:D000068299"),
])
def test_drugs_mesh_names_by_their_salt(kb, query, concept_id):
    assert kb.lookup(query, fuzzy=False)[0].id == concept_id
    assert not kb.lookup("carboxylate", fuzzy=False)  # a class's anion is the functional group, no drug


def test_a_ligands_own_code_is_no_receptor_subtype():
    # "Prostaglandin I2 Receptors", "Leukotriene B4 Receptors": I2 and B4 name the ligand, and "I2 receptor"
    # usually means the imidazoline one; "Dopamine D1 Receptors" gives "D1 receptor"
    rows = (curation_dir() / "subtype_receptor_terms.tsv").read_text(encoding="utf-8")
    assert "\nI2 receptor\t" not in rows and "\nB4 receptor\t" not in rows and "\nD1 receptor\t" in rows
    # "S2R" is the sigma-2 receptor in this field, not MeSH's old serotonin S2 subtype
    assert "\nS2R\t" not in rows and "\nS2 receptor\t" not in rows
    # a numbered class is no ligand: "Prostaglandins I" (prostacyclins) bind another receptor than "Prostaglandin"'s
    assert "\nProstaglandins I receptor\t" not in rows


def test_label_overrides_carve_cells_and_generic_wholes_out_of_brain_regions(kb):
    # models/curation/label_overrides.tsv, annotation guideline 2.2
    assert kb.label("MESH:D011689") is None          # Purkinje Cells (filed under the cerebellar cortex)
    assert kb.label("MESH:D010525") is None          # Peripheral Nerves, the generic whole ...
    assert kb.label("MESH:D012584") == "BRAIN_REGION"   # ... whose named nerves stay regions
    assert kb.label("MESH:D001812") is None          # Blood-Brain Barrier


def test_host_antigens_are_proteins_not_drugs(kb):
    # label_rules.tsv: Antigens, Surface and Isoantigens carry no label; viral antigens stay chemicals (BC5CDR)
    assert kb.label("MESH:D015235") is None          # HLA-B Antigens
    assert kb.label("MESH:D018799") is None          # Intercellular Adhesion Molecule-1
    assert kb.label("MESH:D019393") is None          # Arrestin
    assert kb.label("MESH:D006514") == "DRUG"        # Hepatitis B Surface Antigens (HBsAg)


def test_lookup_keeps_the_casing_of_short_terms(kb):
    """The candidate generator reads short forms as the scanner does: "NO" is nitric oxide, "no" is not."""
    assert kb.lookup("NO", fuzzy=False)[0].id == "MESH:D009569"
    assert kb.lookup("no", fuzzy=False) == []
    assert kb.lookup("MOR", fuzzy=False)[0].id == "MESH:D017450" and not kb.lookup("mor", fuzzy=False)
    assert kb.lookup("Morphine", fuzzy=False)[0].id == "MESH:D009020"   # long terms match in any casing


def test_get_accepts_both_id_forms_and_covers_everything(kb):
    assert kb.get("D009437") == kb.get("MESH:D009437")
    c = kb.get("D009437")
    assert c.tree_numbers == ("C10.668.829.600", "C23.888.592.612.664") and "Neuropathic Pain" in c.synonyms
    assert c.kind == "descriptor" and "MESH:D010146" in c.parents
    assert kb.get("MESH:D999999999") is None
    counts = kb.version["counts"]
    assert counts["descriptor"] >= 30_700 and counts["supplementary"] >= 323_000
    supp = kb.get("C473350")
    assert supp.kind == "supplementary" and supp.mapped_to == ("MESH:D000074025",) and supp.label == "RECEPTOR"


def test_ancestors_nearest_first(kb):
    anc = kb.ancestors("MESH:D009437")
    assert set(anc[:2]) == {"MESH:D010523", "MESH:D010146"}   # Peripheral Nervous System Diseases, Pain
    assert "MESH:D009422" in anc and anc.index("MESH:D009422") > 1  # Nervous System Diseases, further up
    assert kb.ancestors("C473350")[0] == "MESH:D000074025"


def test_find_longest_leftmost_with_flags(kb):
    text = ("Sigma-1 receptor (S1R) antagonists reduced mechanical allodynia and MOR signalling in the locus "
            "coeruleus of rats with neuropathic pain; mor and and are words.")
    found = kb.find(text)
    got = [(m.text, m.concept_ids[0]) for m in found]
    assert ("Sigma-1 receptor", "MESH:D000097605") in got
    assert ("S1R", "MESH:D000097605") in got
    assert ("mechanical allodynia", "MESH:D006930") in got       # longest, not "allodynia"
    assert ("locus coeruleus", "MESH:D008125") in got
    assert ("neuropathic pain", "MESH:D009437") in got
    assert all(text[m.start:m.end] == m.text for m in found)
    mor = next(m for m in found if m.text == "MOR")
    assert mor.ambiguous and mor.case_sensitive_ok and mor.kinds[0] == "curated"
    assert "mor" not in [m.text for m in found]                   # miscased ambiguous term dropped
    lax = [m for m in kb.find(text, strict_case=False) if m.text == "mor"]
    assert lax and not lax[0].case_sensitive_ok
    starts = [m.start for m in found]
    assert starts == sorted(starts) and all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_british_spelling_and_plural_of_a_short_key(kb):
    """'pregnenolone sulphate' is MeSH's 'pregnenolone sulfate'; 'pons' (key 'pon', shared with the short
    alias PON) is not ambiguous, 'PON' is."""
    found = {m.text: m for m in kb.find("Pregnenolone sulphate reached the pons; PON was low.")}
    assert found["Pregnenolone sulphate"].concept_ids[0] == "MESH:C018370"
    assert "MESH:D011149" in found["pons"].concept_ids and not found["pons"].ambiguous
    assert found["PON"].ambiguous


def test_a_short_receptor_symbol_is_not_ambiguous_but_a_short_alias_is(kb):
    """"D2R" (a subtype and the R of receptor) needs no cue word, unlike the three-letter alias "MOR"."""
    found = {m.text: m for m in kb.find("Expression of D2R and H3R fell; MOR rose.")}
    assert found["D2R"].concept_ids[0] == "MESH:D017448" and not found["D2R"].ambiguous
    assert found["H3R"].concept_ids[0] == "MESH:D018100" and not found["H3R"].ambiguous
    assert found["MOR"].ambiguous


def test_find_all_includes_nested(kb):
    spans = {(m.text, m.concept_ids[0]) for m in kb.find_all("mechanical allodynia in dorsal root ganglia")}
    assert {("mechanical allodynia", "MESH:D006930"), ("allodynia", "MESH:D006930")} <= spans


@pytest.mark.parametrize("name, minimum", [
    ("synonyms.tsv", 40), ("neuro_synonyms.tsv", 40), ("cancer_synonyms.tsv", 100),
    ("organ_disease_terms.tsv", 1000), ("salt_parent_terms.tsv", 30), ("hgnc_mesh_links.tsv", 50),
    ("prefix_spelling_terms.tsv", 500),
    ("infection_disease_terms.tsv", 100),
])
def test_curated_file_rows_have_sources_and_resolve(kb, name, minimum):
    with open(curation_dir() / name, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= minimum
    for r in rows:
        assert r["source"].strip(), r
        concept = kb.get(r["concept_id"])
        assert concept is not None, r
        assert (concept.label or "none") == r["label"], r
        assert r["concept_id"] in {c.id for c in kb.lookup(r["term"], limit=20)}, r


def test_add_terms_overlay_without_recompiling():
    kb = KnowledgeBase.load(curation=False)
    assert kb.lookup("allodynia") == []
    errors = ErrorLog(stream=None)
    added = kb.add_terms([
        {"term": "allodynia", "concept_id": "D006930", "label": "CONDITION", "source": "test", "note": ""},
        {"term": "nothing", "concept_id": "MESH:D999999999", "label": "", "source": "test", "note": ""},
        {"term": "unsourced", "concept_id": "D006930", "label": "", "source": "", "note": ""},
    ], errors, "test.tsv")
    assert added == 1 and len(errors.problems) == 2
    assert "unknown concept" in errors.problems[0] and "needs a term and a source" in errors.problems[1]
    assert kb.lookup("allodynia")[0].id == "MESH:D006930"
    assert kb.find("painful allodynia")[-1].kinds == ("curated",)


def test_hgnc_only_receptor_gene_points_to_its_family(kb):
    best = kb.lookup("NPY5R")[0]
    assert (best.id, best.label, best.score) == ("HGNC:7958", "RECEPTOR", 1.0)
    gene = kb.get("HGNC:7958")
    assert gene.kind == "hgnc" and gene.flags == ("related_is_family",)
    assert gene.related_id == "MESH:D017476" and kb.get(gene.related_id).name == "Receptors, Neuropeptide Y"


def test_find_offsets_on_unicode_text(kb):
    text = "Les récepteurs: μ-opioid receptors and α₂-adrenoceptors in the periaqueductal grey."
    found = {m.text: m.concept_ids[0] for m in kb.find(text)}
    assert found["μ-opioid receptors"] == "MESH:D017450"
    assert found["α₂-adrenoceptors"] == "MESH:D018341"
    assert found["periaqueductal grey"] == "MESH:D010487"
    assert all(text[m.start:m.end] == m.text for m in kb.find(text))


def test_find_glued_greek_subunits_and_variant_spellings(kb):
    text = "alphaENaC, betaENaC and gammaENaC mRNA; alpha 2-adrenoreceptor agonists"
    found = {m.text: m.concept_ids[0] for m in kb.find(text)}
    assert found["alphaENaC"] == found["betaENaC"] == found["gammaENaC"] == "MESH:D053503"
    assert found["alpha 2-adrenoreceptor"] == "MESH:D018341"


def test_short_forms_mesh_writes_with_their_name_in_brackets_are_terms(kb):
    # MeSH's "CRPS (Complex Regional Pain Syndromes)", "TBI (Traumatic Brain Injury)": papers write the short form
    assert kb.lookup("CRPS", fuzzy=False)[0].id == "MESH:D020918"
    assert kb.lookup("TBI", fuzzy=False)[0].id == "MESH:D000070642"
    # "ECT (Psychotherapy)", "PROM (Pregnancy)": the bracket holds a category, not the name, so no short form
    assert not kb.lookup("ECT", fuzzy=False) and not kb.lookup("PROM", fuzzy=False)


def test_pickles_with_its_overlay_for_worker_processes(kb):
    import pickle

    clone = pickle.loads(pickle.dumps(kb))
    assert clone.lookup("allodynia")[0].id == "MESH:D006930"       # curated overlay travelled
    assert clone.label("D019208") == "RECEPTOR"                      # label override travelled
    assert [m.text for m in clone.find("S1R and TRPA1")] == ["S1R", "TRPA1"]


def test_curated_pharmacological_actions_feed_concepts(kb):
    # models/curation/pharm_actions.tsv: the TSV export carries no pharmacological actions
    assert "MESH:D000929" in kb.get("D000639").pharm_actions   # Amitriptyline -> Antidepressive Agents, Tricyclic
    fresh = KnowledgeBase.load(curation=False)
    assert fresh.get("D000639").pharm_actions == ()
    errors = ErrorLog(stream=None)
    assert fresh.add_pharm_actions([{"concept_id": "D000639", "action_id": "MESH:D000928", "source": "test"},
                                    {"concept_id": "D000639", "action_id": "D999999999", "source": "test"}],
                                   errors, "t.tsv") == 1
    assert fresh.get("D000639").pharm_actions == ("MESH:D000928",) and len(errors.problems) == 1


def test_a_receptor_gene_mesh_lacks_carries_its_most_specific_family(kb):
    chrna4 = kb.get("HGNC:1958")   # cholinergic receptor nicotinic alpha 4 subunit: no MeSH concept of its own
    assert chrna4.label == "RECEPTOR" and chrna4.related_id == "MESH:D011978"   # Receptors, Nicotinic
