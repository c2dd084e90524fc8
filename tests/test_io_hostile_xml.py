"""Hostile XML (issue 8.1): XXE, external DTDs with network URLs and entity bombs are refused by the
PubMed and BioC readers with one clear line, and no file or network access is attempted."""
from __future__ import annotations

import socket
import threading

import pytest

from meshtag.errors import ErrorLog
from meshtag.io import read_documents


@pytest.fixture
def listener():
    """A local TCP server that counts connection attempts (any fetch of a URL on it would show)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits: list[int] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join(1)
    server.close()


def _read(path):
    log = ErrorLog(stream=None)
    return list(read_documents([path], errors=log)), log


@pytest.mark.parametrize("name", ["pubmed_xxe_file.xml", "pubmed_billion_laughs.xml",
                                  "bioc_xxe_file.xml", "bioc_billion_laughs.xml"])
def test_entity_declarations_are_refused(fixtures, name):
    docs, log = _read(fixtures / "io" / "hostile" / name)
    assert docs == []
    assert log.problems == [f"{fixtures / 'io' / 'hostile' / name}: refused: the XML declares entities in its "
                            f"DOCTYPE (possible XXE or entity bomb)"]


def test_external_dtd_entity_is_refused_without_network(fixtures, tmp_path, listener):
    port, hits = listener
    src = (fixtures / "io" / "hostile" / "pubmed_external_dtd_entity.xml").read_text()
    path = tmp_path / "remote.xml"
    path.write_text(src.replace("PORT", str(port)))
    docs, log = _read(path)
    assert [d.pmid for d in docs] == ["2"]  # the clean record after it is still read
    assert "record 1: refused: uses entities defined outside the document (&remote;)" in log.problems[0]
    assert hits == []


def test_external_parameter_entity_is_refused_without_network(fixtures, tmp_path, listener):
    port, hits = listener
    src = (fixtures / "io" / "hostile" / "bioc_external_dtd_param.xml").read_text()
    path = tmp_path / "param.xml"
    path.write_text(src.replace("PORT", str(port)))
    docs, log = _read(path)
    assert docs == [] and "refused: the XML declares entities" in log.problems[0]
    assert hits == []


def test_real_pubmed_doctype_url_is_never_fetched(fixtures, tmp_path, listener):
    port, hits = listener
    src = (fixtures / "io" / "pubmed_efetch.xml").read_text()
    path = tmp_path / "efetch.xml"
    path.write_text(src.replace("https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd",
                                f"http://127.0.0.1:{port}/pubmed.dtd"))
    docs, _ = _read(path)
    assert len(docs) == 3 and hits == []
