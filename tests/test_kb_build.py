"""Building from NLM XML (plain and gzipped) and from TSV exports, then compiling and loading the result."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from meshtag.errors import ErrorLog, InputError
from meshtag.kb import KnowledgeBase
from meshtag.kb.build import build_from_nlm, build_from_tsv, write_kb

FIX = Path(__file__).parent / "fixtures" / "mesh"
CURATION = FIX / "curation"


def _nlm(desc: str = "desc2025_sample.xml", supp: str = "supp2025_sample.xml"):
    errors = ErrorLog(stream=None)
    drafts, meta = build_from_nlm(FIX / desc, FIX / supp, FIX / "hgnc_sample.tsv", errors, CURATION,
                                  FIX / "xrefs_sample.tsv")
    return drafts, meta, errors


def test_xml_build_exact_concepts_terms_labels():
    drafts, meta, errors = _nlm()
    assert sorted(drafts) == sorted(["D010146", "D009437", "D006930", "D011957", "D017450", "D008125", "D000928",
                                     "D000068736", "D000074025", "C473350", "C000719234", "C563456", "HGNC:8155"])
    hyper = drafts["D006930"]
    # every concept's terms, not only the preferred concept's: Allodynia is a narrower concept
    assert hyper.terms == [("Hyperalgesia", "name"), ("Hyperalgesic Sensations", "synonym"),
                           ("Allodynia", "synonym"), ("Tactile Allodynia", "synonym")]
    assert hyper.label == "CONDITION"
    assert hyper.scope_note.startswith("An increased sensation of pain")
    # permuted terms are skipped
    assert drafts["D009437"].terms == [("Neuralgia", "name"), ("Neuropathic Pain", "synonym")]
    assert drafts["D009437"].parents == ["D010146"]
    dulox = drafts["D000068736"]
    assert ("duloxetine", "synonym") in dulox.terms and dulox.label == "DRUG"
    assert dulox.tree_numbers == ["D02.886.778.260", "D03.383.903.260"]
    assert dulox.pharm_actions == ["D000928"]
    assert drafts["D008125"].label == "BRAIN_REGION"
    assert drafts["D017450"].label == "RECEPTOR" and drafts["D017450"].parents == ["D011957"]
    # supplementary: headings mapped to ('*' stripped), label inherited, note as scope note
    trpa1 = drafts["C473350"]
    assert trpa1.mapped_to == ["D000074025"] and trpa1.label == "RECEPTOR"
    assert trpa1.scope_note.startswith("a TRP channel")
    assert drafts["C000719234"].terms == [("levoduloxetine", "name"), ("(R)-duloxetine", "synonym")]
    assert drafts["C000719234"].pharm_actions == ["D000928"] and drafts["C000719234"].label == "DRUG"
    assert drafts["C563456"].label == "CONDITION"
    assert meta["mesh_year"] == 2025
    assert len(errors.problems) == 1 and "without DescriptorUI" in errors.problems[0]


def test_xml_build_hgnc_links():
    drafts, meta, _ = _nlm()
    # xref row: OPRM1 -> mu opioid receptor, with its aliases
    assert {("OPRM1", "hgnc"), ("MOR1", "hgnc"), ("MOP", "hgnc")} <= set(drafts["D017450"].terms)
    # "TRPA1 protein, human" record, and its heading whose name contains the symbol
    assert ("TRPA1", "hgnc") in drafts["C473350"].terms and ("TRPA1", "hgnc") in drafts["D000074025"].terms
    # a receptor gene without a MeSH concept: HGNC-only, linked to the closest family
    oprl1 = drafts["HGNC:8155"]
    assert oprl1.kind == "hgnc" and oprl1.related_id == "MESH:D011957" and oprl1.flags == ["related_is_family"]
    assert oprl1.label == "RECEPTOR" and ("OPRL1", "hgnc") in oprl1.terms
    # approved names MeSH lacks become terms of the linked receptor (the heading, not "... protein, human")
    assert ("opioid receptor mu 1", "hgnc") in drafts["D017450"].terms
    assert ("transient receptor potential cation channel subfamily A member 1", "hgnc") in drafts["D000074025"].terms
    assert not any(t == "transient receptor potential cation channel subfamily A member 1"
                   for t, _ in drafts["C473350"].terms)
    assert meta["hgnc_links"] == {"xref": 1, "human_protein": 1, "approved_name": 0, "hgnc_only": 1, "names": 2}


def test_gzipped_xml_gives_the_same_concepts():
    plain, _, _ = _nlm()
    gz, _, _ = _nlm("desc2025_sample.xml.gz", "supp2025_sample.xml.gz")
    assert {k: (d.terms, d.label, d.tree_numbers) for k, d in plain.items()} == \
           {k: (d.terms, d.label, d.tree_numbers) for k, d in gz.items()}


def test_truncated_xml_is_one_clear_error(tmp_path):
    bad = tmp_path / "desc2025.xml.gz"
    data = (FIX / "desc2025_sample.xml").read_bytes()
    bad.write_bytes(gzip.compress(data[: len(data) // 2]))
    with pytest.raises(InputError) as err:
        build_from_nlm(bad, None, errors=ErrorLog(stream=None), curation=CURATION)
    assert "desc2025.xml.gz" in str(err.value) and "malformed XML" in str(err.value)


def test_compiled_xml_kb_loads_and_matches(tmp_path):
    drafts, meta, _ = _nlm()
    write_kb(drafts, meta, tmp_path / "kb")
    kb = KnowledgeBase.load(tmp_path / "kb", curation=False)
    assert len(kb) == 13
    c = kb.get("D000068736")
    assert (c.id, c.name, c.label, c.pharm_actions) == ("MESH:D000068736", "Duloxetine Hydrochloride", "DRUG",
                                                         ("MESH:D000928",))
    assert kb.get("MESH:C473350").parents == ("MESH:D000074025",)
    assert kb.get("HGNC:8155").related_id == "MESH:D011957"
    found = kb.find("Duloxetine reversed tactile allodynia and TRPA1 currents in the locus coeruleus.")
    assert [(m.text, m.concept_ids[0]) for m in found] == [
        ("Duloxetine", "MESH:D000068736"), ("tactile allodynia", "MESH:D006930"),
        ("TRPA1", "MESH:D000074025"), ("locus coeruleus", "MESH:D008125")]
    assert found[2].concept_ids == ("MESH:D000074025", "MESH:C473350")


def test_tsv_build_and_label_override(tmp_path):
    errors = ErrorLog(stream=None)
    drafts, meta = build_from_tsv(FIX / "tsv", errors=errors, curation=CURATION)
    assert len([d for d in drafts.values() if d.kind == "descriptor"]) == 12
    assert len([d for d in drafts.values() if d.kind == "supplementary"]) == 3
    assert errors.problems == [f"{FIX / 'tsv' / 'mesh_descriptors.tsv'}: record line 13: row without an id"]
    neur = drafts["D009437"]
    assert neur.name == "Neuralgia" and ("Neuropathic Pain", "synonym") in neur.terms
    assert neur.tree_numbers == ["C10.668.829.600", "C23.888.592.612.664"] and neur.label == "CONDITION"
    assert drafts["D019208"].label == "RECEPTOR"          # BDNF, by the override in the curation folder
    assert drafts["C000727826"].label == "RECEPTOR"       # OPRS1 protein, human -> Sigma-1 Receptor
    assert ("SIGMAR1", "hgnc") in drafts["C000727826"].terms
    assert meta["source_kind"] == "tsv" and meta["hgnc_links"]["xref"] == 1
    write_kb(drafts, meta, tmp_path / "kb")
    kb = KnowledgeBase.load(tmp_path / "kb", curation=False)
    assert kb.version["counts"]["concepts"] == len(drafts)
    # the species-free receptor heading ranks before "OPRS1 protein, human" (annotation guidelines, Linking)
    assert kb.lookup("SIGMAR1")[0].id == "MESH:D000097605"


def test_a_receptor_gene_links_to_the_concept_its_approved_name_names():
    """TAAR1's MeSH record is "Trace amine-associated receptor 1", not "TAAR1 protein, human": the symbol becomes
    its term (before, the gene got no concept, as "associated" keeps genes about a receptor out of HGNC-only ones)."""
    from meshtag.kb.concept import ConceptDraft
    from meshtag.kb.hgnc import Gene, link_genes

    taar1 = ConceptDraft(key="C434723", name="Trace amine-associated receptor 1", kind="supplementary",
                         label="RECEPTOR")
    taar1.add_term("Trace amine-associated receptor 1", "name")
    drafts = {"C434723": taar1}
    counts = link_genes(drafts, [Gene("HGNC:17734", "TAAR1", "trace amine associated receptor 1", ("TA1",))], {},
                        common=frozenset())
    assert counts["approved_name"] == 1 and counts["hgnc_only"] == 0
    assert ("TAAR1", "hgnc") in taar1.terms and ("TA1", "hgnc") in taar1.terms
    assert set(drafts) == {"C434723"}



def _draft(key: str, label: str, *terms: str):
    """A labelled descriptor draft with these terms, the first its name."""
    from meshtag.kb.concept import ConceptDraft

    d = ConceptDraft(key=key, name=terms[0], kind="descriptor", label=label)
    for t in terms:
        d.add_term(t, "synonym")
    return d


def test_possessive_spellings_of_eponymous_conditions():
    """"Barrett Metaplasia" gains "Barrett's Metaplasia" because MeSH writes "Barrett's Esophagus"; a name MeSH never
    writes in the possessive ("Job"), a head word too rare to be a disease head and a drug keep their terms."""
    from meshtag.kb.eponyms import add_possessive_eponyms

    drafts = {d.key: d for d in [
        _draft("D001471", "CONDITION", "Barrett Esophagus", "Barrett's Esophagus", "Barrett Metaplasia",
              "Barrett Oddity"),
        _draft("D000073397", "CONDITION", "Occupational Stress", "Job Stress"),
        _draft("D1", "CONDITION", "Intestinal Metaplasia", "Gastric Metaplasia", "Squamous Metaplasia"),
        _draft("D2", "DRUG", "Barrett Metaplasia Extract")]}
    assert add_possessive_eponyms(drafts) == 1
    assert [t for t, _ in drafts["D001471"].terms][-1] == "Barrett's Metaplasia"
    assert len(drafts["D000073397"].terms) == 2 and len(drafts["D2"].terms) == 1


def test_type_numbers_in_the_other_numeral_system():
    """A condition's "Type 1" gains "Type I" (and back); decimals and other labels are left alone."""
    from meshtag.kb.type_numbers import add_type_number_spellings

    drafts = {d.key: d for d in [
        _draft("D003922", "CONDITION", "Diabetes Mellitus, Type 1", "Type 1.5 Diabetes"),
        _draft("D012019", "CONDITION", "Complex Regional Pain Syndrome, Type I", "CRPS Type 1"),
        _draft("D1", "RECEPTOR", "Receptor, Angiotensin, Type 1")]}
    assert add_type_number_spellings(drafts) == 3
    assert [t for t, _ in drafts["D003922"].terms] == ["Diabetes Mellitus, Type 1", "Type 1.5 Diabetes",
                                                      "Diabetes Mellitus, Type I"]
    assert [t for t, _ in drafts["D012019"].terms][2:] == ["Complex Regional Pain Syndrome, Type 1", "CRPS Type I"]
    assert len(drafts["D1"].terms) == 1


def test_cation_channel_families_without_the_word_cation():
    """"TRPV Cation Channels" gains "TRPV Channels" (papers' spelling); a term without a family before "Cation"
    and a term of another label are left alone."""
    from meshtag.kb.channel_names import add_channel_spellings

    drafts = {d.key: d for d in [
        _draft("D050916", "RECEPTOR", "TRPV Cation Channels", "Cation Channels, TRPV", "TRPV Channels"),
        _draft("D050052", "RECEPTOR", "TRPC Cation Channels", "Cation Channels, TRPC"),
        _draft("C1", "RECEPTOR", "TRPC3 cation channel"),
        _draft("D1", "DRUG", "Cation Channel Blocker", "XYZ Cation Channel")]}
    assert add_channel_spellings(drafts) == 2
    assert [t for t, _ in drafts["D050052"].terms] == ["TRPC Cation Channels", "Cation Channels, TRPC", "TRPC Channels"]
    assert [t for t, _ in drafts["C1"].terms] == ["TRPC3 cation channel", "TRPC3 channel"]
    assert len(drafts["D050916"].terms) == 3 and len(drafts["D1"].terms) == 2
