"""PubTator reader: titles, abstracts, gold annotations mapped to labels and MeSH ids, offsets verified."""
from __future__ import annotations

from pathlib import Path

import pytest

from meshtag.errors import ErrorLog
from meshtag.io import read_documents
from meshtag.io.annotations import label_for, normalize_concept_id

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora"  # beside the project, as in CI


def _read_all(paths, **kw):
    log = ErrorLog(stream=None)
    return list(read_documents(paths, errors=log, **kw)), log


def _read(path, **kw):
    return _read_all([path], **kw)


def test_reads_documents_and_maps_annotations(fixtures):
    docs, log = _read(fixtures / "io" / "sample.pubtator.txt")
    assert [d.id for d in docs] == ["6794356", "10192393"]
    first = docs[0]
    assert first.pmid == "6794356"
    assert first.title.startswith("Tricuspid valve regurgitation")
    assert [(m.text, m.label, m.id) for m in first.mentions] == [
        ("Tricuspid valve regurgitation", "CONDITION", "MESH:D014262"),
        ("lithium carbonate", "DRUG", "MESH:D016651"),
        ("toxicity", "CONDITION", None),
        ("lithium", "DRUG", "MESH:D008094"),
    ]
    assert first.meta["annotation_types"] == ["Disease", "Chemical", "Disease", "Chemical"]
    assert all(first.text[m.start:m.end] == m.text for m in first.mentions)


def test_ncbi_types_composite_ids_and_leading_space(fixtures):
    doc = _read(fixtures / "io" / "sample.pubtator.txt")[0][1]
    got = {m.text: m.id for m in doc.mentions}
    assert got["skin tumour"] == "MESH:D012878"          # " D012878" in the id column
    assert got["colon and some other cancers"] == "MESH:D003110|MESH:D009369"
    assert got["BRCA1"] == "OMIM:113705|MESH:D001943"
    assert "beta-catenin" not in got                      # Gene is not tagged unless asked
    assert doc.meta["skipped_annotation_types"] == {"Gene": 1}
    assert doc.meta["annotation_types"] == ["DiseaseClass", "CompositeMention", "Modifier"]


def test_gene_as_receptor_option(fixtures):
    doc = _read(fixtures / "io" / "sample.pubtator.txt", gene_as_receptor=True)[0][1]
    assert ("beta-catenin", "RECEPTOR") in [(m.text, m.label) for m in doc.mentions]


def test_offset_mismatch_is_reported_and_dropped(fixtures):
    docs, log = _read(fixtures / "io" / "sample.pubtator.txt")
    assert "colin" not in [m.text for m in docs[1].mentions]
    assert any("record 10192393" in p and "'colin' does not match" in p for p in log.problems)


def test_label_and_id_helpers():
    assert label_for("SpecificDisease") == "CONDITION" and label_for("Chemical") == "DRUG"
    assert label_for("Gene") is None and label_for("Gene", gene_as_receptor=True) == "RECEPTOR"
    assert normalize_concept_id("-1") is None and normalize_concept_id("") is None
    assert normalize_concept_id("D000001+D000002") == "MESH:D000001|MESH:D000002"
    assert normalize_concept_id("C534883") == "MESH:C534883"


@pytest.mark.skipif(not CORPORA.exists(), reason="shared corpora not present")
@pytest.mark.parametrize("corpus", ["bc5cdr", "ncbi-disease"])
def test_real_corpora_read_with_every_offset_checked(corpus):
    docs, log = _read_all(sorted((CORPORA / corpus).glob("*.txt")))
    assert len(docs) == {"bc5cdr": 1000, "ncbi-disease": 693}[corpus]  # train + dev sets
    assert all(d.text[m.start:m.end] == m.text for d in docs for m in d.mentions)
    assert [p for p in log.problems if "warning" not in p] == []
