"""CorpusStore: tables and columns, append and replace semantics, crash safety, resume."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fixtures.corpus.tiny import KB_VERSION, tiny_docs, tiny_store
from meshtag.corpus import CorpusStore
from meshtag.corpus import store as store_module
from meshtag.errors import MeshtagError
from meshtag.model import Document, Mention

DOC_COLUMNS = ["doc_id", "pmid", "doi", "title", "abstract", "journal", "year", "source_file", "meta_json"]
SENT_COLUMNS = ["doc_id", "sentence", "start", "end", "text"]
MENTION_COLUMNS = ["doc_id", "start", "end", "text", "label", "concept_id", "concept_name", "sentence", "source",
                   "score", "related_id"]


def _doc(doc_id: str, drug: str = "morphine") -> Document:
    title = f"{drug.capitalize()} in pain"
    doc = Document(id=doc_id, title=title, abstract=f"We gave {drug} to rats.", pmid=doc_id)
    start = doc.text.index(drug, len(title))
    doc.sentences = [(0, len(title)), (len(title) + 1, len(doc.text))]
    doc.mentions = [Mention(0, len(drug), title[:len(drug)], "DRUG", "MESH:D009020", drug, 0),
                    Mention(start, start + len(drug), drug, "DRUG", "MESH:D009020", drug, 1)]
    return doc


def test_tables_have_the_documented_columns_and_rows(tmp_path):
    con = tiny_store(tmp_path / "c").connect()
    assert [c[0] for c in con.execute("DESCRIBE documents").fetchall()] == DOC_COLUMNS
    assert [c[0] for c in con.execute("DESCRIBE sentences").fetchall()] == SENT_COLUMNS
    assert [c[0] for c in con.execute("DESCRIBE mentions").fetchall()] == MENTION_COLUMNS
    docs = tiny_docs()
    assert con.execute("SELECT count(*) FROM documents").fetchall()[0][0] == len(docs)
    assert con.execute("SELECT count(*) FROM mentions").fetchall()[0][0] == sum(len(d.mentions) for d in docs)
    row = con.execute("SELECT pmid, doi, journal, year, source_file, meta_json FROM documents "
                      "WHERE doc_id = '30000001'").fetchall()[0]
    assert row[:5] == ("30000001", "10.1000/s1r.1", "Pain", 2019, "tiny.json")
    assert json.loads(row[5])["journal"] == "Pain"


def test_stored_offsets_and_sentences_match_the_document_text(tmp_path):
    con = tiny_store(tmp_path / "c").connect()
    bad = con.execute("""
        SELECT count(*) FROM mentions m JOIN documents d USING (doc_id)
        WHERE substr(d.title || ' ' || d.abstract, m.start + 1, m."end" - m.start) != m.text""").fetchall()[0][0]
    assert bad == 0
    sentence = con.execute("SELECT text FROM sentences WHERE doc_id = '30000001' AND sentence = 1").fetchall()
    assert sentence == [("The sigma-1 receptor (S1R) is a chaperone expressed in dorsal root ganglia.",)]


def test_adding_appends_and_retagging_replaces(tmp_path):
    store = CorpusStore(tmp_path / "c")
    store.add([_doc("1"), _doc("2")], kb_version=KB_VERSION, pipeline_version="1")
    store.add([_doc("3")], kb_version=KB_VERSION, pipeline_version="1")
    assert store.doc_ids() == {"1", "2", "3"}
    retagged = _doc("2", drug="codeine")
    retagged.mentions = retagged.mentions[:1]
    store.add([retagged], kb_version=KB_VERSION, pipeline_version="2")
    con = store.connect()
    rows = con.execute("SELECT doc_id, text FROM mentions ORDER BY doc_id, start").fetchall()
    assert rows == [("1", "Morphine"), ("1", "morphine"), ("2", "Codeine"), ("3", "Morphine"), ("3", "morphine")]
    assert con.execute("SELECT title FROM documents WHERE doc_id = '2'").fetchall() == [("Codeine in pain",)]
    assert con.execute("SELECT count(*) FROM sentences WHERE doc_id = '2'").fetchall()[0][0] == 2
    assert store.metadata()["pipeline_version"] == "2"


def test_same_document_twice_in_one_add_keeps_the_last(tmp_path):
    store = CorpusStore(tmp_path / "c")
    result = store.add([_doc("1"), _doc("1", drug="codeine")], kb_version=KB_VERSION, pipeline_version="1")
    assert result.documents == 1
    con = store.connect()
    assert con.execute("SELECT DISTINCT concept_name FROM mentions").fetchall() == [("codeine",)]


def test_named_part_rewritten_replaces_its_rows(tmp_path):
    store = CorpusStore(tmp_path / "c")
    store.add([_doc("1"), _doc("2")], kb_version=KB_VERSION, pipeline_version="1", part="p-0")
    store.add([_doc("1", drug="codeine")], kb_version=KB_VERSION, pipeline_version="1", part="p-0")
    assert store.has_part("p-0") and not store.has_part("p-1")
    assert store.doc_ids() == {"1"}
    assert [p.name for p in store.parts()] == ["p-0"]


def test_metadata_records_versions_dates_and_parts(tmp_path):
    store = tiny_store(tmp_path / "c")
    meta = store.metadata()
    assert meta["kb_version"] == KB_VERSION and meta["pipeline_version"] == "test-1"
    assert meta["created"] <= meta["updated"]
    assert meta["parts"] == [p.name for p in store.parts()] == store.part_names() and len(meta["parts"]) == 1
    assert (store.path / "mentions" / f"part-{meta['parts'][0]}.parquet").is_file()


def test_empty_corpus_has_empty_views(tmp_path):
    con = CorpusStore(tmp_path / "none").connect()
    assert con.execute("SELECT count(*) FROM mentions").fetchall()[0][0] == 0
    assert [c[0] for c in con.execute("DESCRIBE documents").fetchall()] == DOC_COLUMNS


def test_bad_part_name_is_refused(tmp_path):
    with pytest.raises(MeshtagError, match="part name"):
        CorpusStore(tmp_path / "c").add([_doc("1")], kb_version={}, pipeline_version="1", part="../x")


def test_crash_before_the_manifest_leaves_the_part_invisible_and_a_rerun_completes_it(tmp_path, monkeypatch):
    store = CorpusStore(tmp_path / "c")
    store.add([_doc("1")], kb_version=KB_VERSION, pipeline_version="1", part="a")
    real_atomic_open = store_module.atomic_open

    def crash_on_manifest(path, *args, **kwargs):
        if Path(path).parent.name == "parts":
            raise KeyboardInterrupt("killed")
        return real_atomic_open(path, *args, **kwargs)

    monkeypatch.setattr(store_module, "atomic_open", crash_on_manifest)
    with pytest.raises(KeyboardInterrupt):
        store.add([_doc("1", drug="codeine"), _doc("2", drug="codeine")], kb_version=KB_VERSION, pipeline_version="1", part="b")
    monkeypatch.setattr(store_module, "atomic_open", real_atomic_open)
    assert (store.path / "mentions" / "part-b.parquet").is_file()  # written, but not committed
    assert not store.has_part("b")
    assert CorpusStore(store.path).doc_ids() == {"1"}
    con = CorpusStore(store.path).connect()
    assert con.execute("SELECT DISTINCT concept_name FROM mentions").fetchall() == [("morphine",)]
    store.add([_doc("1", drug="codeine"), _doc("2", drug="codeine")], kb_version=KB_VERSION, pipeline_version="1", part="b")
    con = CorpusStore(store.path).connect()
    assert con.execute("SELECT DISTINCT concept_name FROM mentions").fetchall() == [("codeine",)]
    assert sorted(p.name for p in store.parts()) == ["a", "b"]
    assert not list(store.path.rglob("*.tmp"))


WRITER = textwrap.dedent("""
    import sys
    from meshtag.corpus import CorpusStore
    from meshtag.model import Document, Mention
    store = CorpusStore(sys.argv[1])
    for p in range(20):
        if store.has_part(f"p{p:02d}"):
            continue
        docs = []
        for i in range(100):
            doc = Document(id=f"{p}-{i}", title="Morphine and pain", abstract="Rats got morphine.")
            doc.mentions = [Mention(0, 8, "Morphine", "DRUG", "MESH:D009020", "Morphine"),
                            Mention(13, 17, "pain", "CONDITION", "MESH:D010146", "Pain")]
            docs.append(doc)
        store.add(docs, kb_version={"mesh": "t"}, pipeline_version="1", part=f"p{p:02d}")
""")


def test_killed_writer_leaves_a_consistent_corpus_and_the_rerun_finishes(tmp_path):
    corpus = tmp_path / "c"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), str(corpus)])
    deadline = time.time() + 30
    while not list((corpus / "parts").glob("p0[3-9].json")) and time.time() < deadline:
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    store = CorpusStore(corpus)
    committed = {p.name for p in store.parts()}
    assert 0 < len(committed) < 20
    con = store.connect()
    docs, mentions = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions)").fetchall()[0]
    assert (docs, mentions) == (100 * len(committed), 200 * len(committed))
    subprocess.run([sys.executable, str(script), str(corpus)], check=True)
    con = CorpusStore(corpus).connect()
    assert con.execute("SELECT count(DISTINCT doc_id), count(*) FROM mentions").fetchall()[0] == (2000, 4000)
    assert len(CorpusStore(corpus).metadata()["parts"]) == 20


CONCURRENT = textwrap.dedent("""
    import sys
    from meshtag.corpus import CorpusStore
    from meshtag.model import Document, Mention
    store, worker = CorpusStore(sys.argv[1]), sys.argv[2]
    for p in range(5):
        doc = Document(id=f"{worker}-{p}", title="Morphine", abstract="")
        doc.mentions = [Mention(0, 8, "Morphine", "DRUG", "MESH:D009020", "Morphine")]
        store.add([doc], kb_version={"mesh": "t"}, pipeline_version="1", part=f"{worker}-{p}")
""")


def test_two_workers_writing_their_own_parts_at_once(tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(CONCURRENT, encoding="utf-8")
    workers = [subprocess.Popen([sys.executable, str(script), str(tmp_path / "c"), name]) for name in ("w1", "w2")]
    assert [w.wait() for w in workers] == [0, 0]
    store = CorpusStore(tmp_path / "c")
    assert len(store.metadata()["parts"]) == 10
    assert store.doc_ids() == {f"w{w}-{p}" for w in (1, 2) for p in range(5)}


def test_an_error_while_tagging_keeps_the_parts_already_committed(tmp_path):
    def documents():
        yield from (_doc(str(i)) for i in range(5))
        raise RuntimeError("tagger crashed")

    store = CorpusStore(tmp_path / "c")
    with pytest.raises(RuntimeError):
        store.add(documents(), kb_version=KB_VERSION, pipeline_version="1", batch_size=2)
    assert store.doc_ids() == {"0", "1", "2", "3"}  # two full batches committed, the third never written
    assert len(store.metadata()["parts"]) == 2
