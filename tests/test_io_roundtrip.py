"""Writers: every format with a reader round-trips documents (and mentions where the format carries them)."""
from __future__ import annotations

import json

import pytest

from meshtag.errors import ErrorLog
from meshtag.io import read_documents, write_documents
from meshtag.model import Document, Mention


def _tagged_docs() -> list[Document]:
    title = "Duloxetine relieves allodynia"
    abstract = "Duloxetine acts on the locus coeruleus;\nmu opioid receptors are spared."
    doc = Document(id="12345678", title=title, abstract=abstract, pmid="12345678", doi="10.1000/x.1",
                   meta={"journal": "Pain", "year": "2020", "keywords": ["duloxetine", "allodynia"]})
    text = doc.text
    for word, label, cid in [("Duloxetine", "DRUG", "MESH:D000068736"), ("allodynia", "CONDITION", "MESH:D006930"),
                             ("locus coeruleus", "BRAIN_REGION", "MESH:D008125"),
                             ("mu opioid receptors", "RECEPTOR", None)]:
        start = text.index(word)
        doc.mentions.append(Mention(start, start + len(word), word, label, cid, name=word.title(), score=0.9))
    other = Document(id="10.1000/y.2", title="=HYPERLINK(\"http://x\")", abstract="Sigma-1 receptor in pain.",
                     doi="10.1000/y.2", meta={"year": "2021"})
    return [doc, other]


def _read_back(path, fmt=None):
    log = ErrorLog(stream=None)
    docs = list(read_documents([path], format=fmt, errors=log, report_missing_abstract=False))
    return docs, log


def _core(doc: Document):
    return doc.id, doc.title, doc.abstract, doc.pmid, doc.doi


def _spans(doc: Document):
    return [(m.start, m.end, m.text, m.label, m.id) for m in doc.mentions]


@pytest.mark.parametrize("fmt,name", [("jsonl", "out.jsonl"), ("bioc", "out.json")])
def test_roundtrip_keeps_text_ids_and_mentions(tmp_path, fmt, name):
    docs = _tagged_docs()
    out = tmp_path / name
    assert write_documents(docs, out, fmt) == 2
    back, log = _read_back(out)
    assert [_core(d) for d in back] == [_core(d) for d in docs]
    assert [_spans(d) for d in back] == [_spans(d) for d in docs]
    assert [(m.name, m.source, m.score) for m in back[0].mentions] == [
        (m.name, m.source, m.score) for m in docs[0].mentions]
    assert back[0].meta["journal"] == "Pain"


def test_pubtator_roundtrip_keeps_spans_and_labels(tmp_path):
    docs = _tagged_docs()
    out = tmp_path / "out.pubtator"
    write_documents(docs, out, "pubtator")
    lines = out.read_text().splitlines()
    assert lines[0] == "12345678|t|Duloxetine relieves allodynia"
    assert "\tDRUG\tD000068736" in lines[2] and lines[5].endswith("\tRECEPTOR\t-1")
    back, log = _read_back(out)
    assert [d.id for d in back] == ["12345678", "10.1000/y.2"]
    assert back[0].abstract == docs[0].abstract.replace("\n", " ")
    assert _spans(back[0]) == _spans(docs[0]) and log.problems == []


def test_pubtator_writer_keeps_corpus_types(tmp_path, fixtures):
    docs, _ = _read_back(fixtures / "io" / "sample.pubtator.txt")
    out = tmp_path / "again.txt"
    write_documents(docs, out, "pubtator")
    text = out.read_text()
    assert "\tCompositeMention\tD003110|D009369" in text and "\tModifier\tOMIM:113705|D001943" in text
    again, _ = _read_back(out)
    assert [_spans(d) for d in again] == [_spans(d) for d in docs]


def test_jsonl_to_stdout(capsys):
    write_documents(_tagged_docs()[1:], None, "jsonl")
    obj = json.loads(capsys.readouterr().out)
    assert obj["id"] == "10.1000/y.2" and "mentions" not in obj


@pytest.mark.parametrize("fmt,name", [("csv", "out.csv"), ("tsv", "out.tsv"), ("parquet", "out.parquet")])
def test_table_roundtrip_of_untagged_documents(tmp_path, fmt, name):
    docs = _tagged_docs()
    for d in docs:
        d.mentions = []
    out = tmp_path / name
    assert write_documents(docs, out, fmt) == 2
    back, log = _read_back(out)
    assert log.problems == []
    expected = [_core(d) for d in docs]
    if fmt != "parquet":  # spreadsheets get formula-looking cells neutralised
        expected[1] = ("10.1000/y.2", "'=HYPERLINK(\"http://x\")", *expected[1][2:])
    assert [_core(d) for d in back] == expected
    assert back[0].meta["journal"] == "Pain" and back[0].meta["keywords"] == ["duloxetine", "allodynia"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tagged_tables_have_one_row_per_mention(tmp_path, fmt):
    import pandas as pd

    out = tmp_path / f"m.{fmt}"
    assert write_documents(_tagged_docs(), out, fmt) == 2
    frame = pd.read_csv(out, keep_default_na=False) if fmt == "csv" else pd.read_parquet(out)
    assert list(frame.columns[:5]) == ["doc_id", "pmid", "doi", "start", "end"]
    assert len(frame) == 4 and list(frame["label"]) == ["DRUG", "CONDITION", "BRAIN_REGION", "RECEPTOR"]
    assert int(frame["start"][2]) == _tagged_docs()[0].text.index("locus coeruleus")


def test_mention_table_is_refused_as_input(tmp_path):
    out = tmp_path / "m.csv"
    write_documents(_tagged_docs(), out, "csv")
    back, log = _read_back(out)
    assert back == [] and "one row per mention" in log.problems[0]


def test_csv_aliases_and_configured_columns(tmp_path):
    path = tmp_path / "refs.csv"
    path.write_text("PMID,Article Title,Abstract Text,Journal\n123,Pain title,Some abstract,Pain\n")
    back, _ = _read_back(path)
    assert _core(back[0]) == ("123", "Pain title", "Some abstract", "123", None) and back[0].meta["journal"] == "Pain"
    path.write_text("ref;heading;body text\nr1;A heading;A body\n")
    log = ErrorLog(stream=None)
    docs = list(read_documents([path], format="tsv", errors=log, delimiter=";",
                               columns={"id": "ref", "title": "heading", "abstract": "body text"}))
    assert _core(docs[0]) == ("r1", "A heading", "A body", None, None)
