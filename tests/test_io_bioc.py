"""BioC XML and JSON readers: passages to title/abstract, annotations mapped onto Document.text."""
from __future__ import annotations

import json

from meshtag.errors import ErrorLog
from meshtag.io import detect_format, read_documents


def _read(path):
    log = ErrorLog(stream=None)
    return list(read_documents([path], errors=log)), log


def test_bioc_xml_passages_and_annotations(fixtures):
    path = fixtures / "io" / "sample.bioc.xml"
    assert detect_format(path) == "bioc"
    docs, log = _read(path)
    first, second = docs
    assert first.id == first.pmid == "227508"
    assert first.meta["journal"] == "Hypertension" and first.meta["year"] == "1980"
    assert [(m.text, m.label, m.id) for m in first.mentions] == [
        ("Naloxone", "DRUG", "MESH:D009270"), ("clonidine", "DRUG", "MESH:D003000"),
        ("hypertensive", "CONDITION", "MESH:D006973"), ("clonidine", "DRUG", None)]
    assert all(first.text[m.start:m.end] == m.text for m in first.mentions)
    assert any("'nalozone' does not match" in p for p in log.problems)
    assert second.id == "PMC0000001" and second.pmid == "33239404"
    assert second.doi == "10.1523/JNEUROSCI.1650-20.2020"
    assert second.title == "The Neuroimmunology of Chronic Pain" and second.abstract.startswith("Chronic pain")


def test_bioc_json_same_structure(tmp_path):
    data = {"source": "x", "documents": [
        {"id": "1", "infons": {}, "passages": [
            {"offset": 0, "infons": {"type": "title"}, "text": "Morphine in pain", "annotations": [
                {"infons": {"type": "Chemical", "identifier": "D009020"}, "text": "Morphine",
                 "locations": [{"offset": 0, "length": 8}]}]},
            {"offset": 17, "infons": {"type": "abstract"}, "text": "Morphine helps.", "annotations": [
                {"infons": {"type": "Chemical", "identifier": "D009020"}, "text": "Morphine",
                 "locations": [{"offset": 17, "length": 8}]}]}]},
        "not a document"]}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data))
    assert detect_format(path) == "bioc_json"
    docs, log = _read(path)
    assert len(docs) == 1 and [(m.start, m.end) for m in docs[0].mentions] == [(0, 8), (17, 25)]
    assert any("record 2: BioC document is not an object" in p for p in log.problems)
