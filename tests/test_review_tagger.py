"""The whole loop with the real tagger and KB: tag → store → export → edit → import → retag obeys the curator."""
from __future__ import annotations

import warnings

import pytest
from openpyxl import load_workbook

import meshtag
from meshtag.corpus import CorpusStore
from meshtag.model import Document
from meshtag.paths import default_kb_dir
from meshtag.review.curation import Curation
from meshtag.review.diff import diff_corpus
from meshtag.review.export import export_review
from meshtag.review.importer import import_review
from meshtag.tagging import tag_documents

pytestmark = pytest.mark.skipif(not (default_kb_dir() / "meta.json").is_file(),
                                reason="needs the compiled knowledge base in models/kb")

TITLE = "Sigma-1 receptor antagonists and SB366791 attenuate neuropathic pain."
ABSTRACT = "Morphine and ketamine reduced mechanical allodynia via TRPA1 in the hippocampus."


def tag(curation):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no trained NER model in a fresh checkout: dictionary-only
        nlp = meshtag.load(curation=curation)
    [doc] = tag_documents([Document(id="1", pmid="1", title=TITLE, abstract=ABSTRACT)], nlp)
    return doc


def by_text(doc) -> dict[str, tuple]:
    return {m.text: (m.id, m.label, m.source) for m in doc.mentions}


def store(path, doc):
    CorpusStore(path).add([doc], kb_version={}, pipeline_version="test")
    return path


def test_curator_decisions_change_the_next_tagging_run(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    first = tag(empty)
    before = by_text(first)
    assert before["ketamine"][0] == "MESH:D007649" and before["Sigma-1 receptor"][0] == "MESH:D000097605"
    assert before.get("SB366791", (None,))[0] is None  # no concept: at most an unlinked research code
    corpus = store(tmp_path / "corpus", first)

    table = tmp_path / "review.xlsx"
    export_review(corpus, table)
    wb = load_workbook(table)
    concepts, forms = wb["concepts"], wb["surface_forms"]
    header = [c.value for c in concepts[1]]
    for row in concepts.iter_rows(min_row=2):
        if row[header.index("concept_id")].value == "MESH:D007649":
            row[header.index("decision")].value = "reject"
    header = [c.value for c in forms[1]]
    for row in forms.iter_rows(min_row=2):
        if row[header.index("surface_form")].value == "Sigma-1 receptor":
            row[header.index("decision")].value = "remap"
            row[header.index("correct_id")].value = "D017480"
    # a curator may also add a row by hand: a lab code the dictionary does not know
    forms.append({header.index("surface_form") + 1: "SB366791", header.index("concept_id") + 1: "MESH:D000700",
                  header.index("decision") + 1: "accept"})
    wb.save(table)

    curation_dir = tmp_path / "curation"
    result = import_review(table, curation_dir, reviewer="ana")   # validated against the real KB
    assert not result.problems and result.added == 3

    diff = {(c.concept_id, c.change, c.new_id) for c in diff_corpus(corpus, Curation.load(curation_dir)).changes}
    assert diff == {("MESH:D007649", "dropped", ""), ("MESH:D000097605", "remapped", "MESH:D017480")}

    after = by_text(tag(curation_dir))
    assert "ketamine" not in after
    # remapped forms also become KB terms, so the dictionary may find the new id before the curation step
    assert after["Sigma-1 receptor"][:2] == ("MESH:D017480", "RECEPTOR")
    assert after["SB366791"][:2] == ("MESH:D000700", "DRUG")
    for unchanged in ("Morphine", "TRPA1", "hippocampus", "neuropathic pain"):
        assert after[unchanged] == before[unchanged]
