"""PubMed XML reader: fields, structured abstracts, inline markup, MeSH, books, deletions, gzip."""
from __future__ import annotations

from meshtag.errors import ErrorLog
from meshtag.io import ReadStats, detect_format, read_documents


def _read(path, **kw):
    log, stats = ErrorLog(stream=None), ReadStats()
    return list(read_documents([path], errors=log, stats=stats, **kw)), log, stats


def test_efetch_article_fields(fixtures):
    docs, log, stats = _read(fixtures / "io" / "pubmed_efetch.xml")
    doc = docs[0]
    assert doc.id == doc.pmid == "29165365" and doc.doi == "10.3390/ijms18112483"
    assert doc.title == "Analgesic Mechanisms of Antidepressants for Neuropathic Pain."
    assert doc.abstract == ("BACKGROUND: Noradrenaline acts through \u03b12-adrenergic receptors. "
                            "METHODS: Rats received duloxetine (10 mg kg-1). RESULTS: Allodynia decreased.")
    assert [s["label"] for s in doc.meta["sections"]] == ["BACKGROUND", "METHODS", "RESULTS"]
    assert doc.meta["journal"] == "International journal of molecular sciences" and doc.meta["year"] == "2017"
    assert doc.meta["mesh_headings"][0] == {"id": "MESH:D000700", "name": "Analgesics", "major": True,
                                            "qualifiers": ["pharmacology"]}
    assert [h["major"] for h in doc.meta["mesh_headings"]] == [True, False, True]
    assert doc.meta["keywords"] == ["allodynia", "locus coeruleus"]


def test_missing_abstract_medline_date_book_and_deletions(fixtures):
    docs, log, stats = _read(fixtures / "io" / "pubmed_efetch.xml")
    assert [d.id for d in docs] == ["29165365", "11111111", "20301390"]
    letter, book = docs[1], docs[2]
    assert letter.abstract == "" and letter.meta["year"] == "1998" and letter.meta["notes"] == ["no abstract"]
    assert any("11111111 has no abstract" in p for p in log.problems)
    assert book.title == "Hereditary Ataxia Overview" and book.meta["year"] == "1993"
    assert book.abstract == "Hereditary ataxia is a group of disorders."
    assert stats.deleted_citations == 2


def test_gzip_baseline_is_detected_by_content(fixtures):
    path = fixtures / "io" / "pubmed_baseline_sample.xml.gz"
    assert detect_format(path) == "pubmed_xml"
    docs, _, _ = _read(path)
    assert [d.pmid for d in docs] == ["29165365", "11111111", "20301390"]
