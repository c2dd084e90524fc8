"""MEDLINE (.nbib) reader: tags, continuation lines, MeSH with major topics, DOI from AID/LID."""
from __future__ import annotations

from meshtag.errors import ErrorLog
from meshtag.io import detect_format, read_documents


def test_medline_records(fixtures):
    path = fixtures / "io" / "sample.nbib"
    assert detect_format(path) == "medline"
    log = ErrorLog(stream=None)
    first, second = list(read_documents([path], errors=log))
    assert first.id == first.pmid == "29165365" and first.doi == "10.3390/ijms18112483"
    assert first.title == "Analgesic Mechanisms of Antidepressants for Neuropathic Pain."
    assert first.abstract.endswith("such as neuropathic pain. Noradrenaline acts on the locus coeruleus.")
    assert "  " not in first.abstract
    assert first.meta["journal"] == "International journal of molecular sciences" and first.meta["year"] == "2017"
    assert first.meta["mesh_headings"] == [
        {"id": None, "name": "Analgesics", "major": True, "qualifiers": ["pharmacology", "therapeutic use"]},
        {"id": None, "name": "Animals", "major": False, "qualifiers": []},
        {"id": None, "name": "Neuralgia", "major": True, "qualifiers": ["drug therapy"]}]
    assert first.meta["keywords"] == ["allodynia", "locus coeruleus"]
    assert second.title == "Sigma-1 receptor ligands: a letter without abstract." and second.doi is None
    assert second.meta["year"] == "1998" and second.meta["journal"] == "Pain"
    assert log.problems == ["sample.nbib: record 31: warning: 11111111 has no abstract; kept with its title only"
                            .replace("sample.nbib", str(path))]
