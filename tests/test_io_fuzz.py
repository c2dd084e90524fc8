"""Property-based tests (issue 8.4): arbitrary bytes and mutated valid files given to every reader yield
documents or clear problem lines — never a traceback or a hang. The long run is benchmarks/fuzz_readers.py."""
from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meshtag.errors import ErrorLog, InputError
from meshtag.io import FORMATS, read_documents, write_documents
from meshtag.model import Document

FIXTURES = Path(__file__).parent / "fixtures" / "io"
SAMPLES = {
    "pubtator": "sample.pubtator.txt", "jsonl": "sample.jsonl", "bioc": "sample.bioc.xml",
    "pubmed_xml": "pubmed_efetch.xml", "medline": "sample.nbib", "page": "../../../seeds/002_d5027c4957fd2685.txt",
}
FUZZ = settings(max_examples=100, deadline=3000, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def sample_bytes(fmt: str) -> bytes:
    """A valid file for `fmt`: a fixture file, or one written by our own writers."""
    if fmt in SAMPLES:
        return (FIXTURES / SAMPLES[fmt]).read_bytes()
    if fmt == "txt":
        return b"Morphine and pain\n\nMorphine binds the mu opioid receptor."
    docs = [Document(id="1", title="=Morphine", abstract="Pain\tand \"opioids\", 1;2", pmid="1",
                     meta={"journal": "Pain"}), Document(id="2", title="Second", abstract="Text")]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample"
        write_documents(docs, path, {"bioc_json": "bioc"}.get(fmt, fmt))
        return path.read_bytes()


def mutate(data: bytes, ops: list[tuple[int, int, int, bytes]]) -> bytes:
    """Apply (kind, position, length, payload) edits: delete, insert, overwrite, duplicate, truncate."""
    for kind, pos, length, payload in ops:
        pos = pos % (len(data) + 1)
        if kind == 0:
            data = data[:pos] + data[pos + length:]
        elif kind == 1:
            data = data[:pos] + payload + data[pos:]
        elif kind == 2:
            data = data[:pos] + payload + data[pos + len(payload):]
        elif kind == 3:
            data = data[:pos] + data[pos:pos + length] * 3 + data[pos:]
        else:
            data = data[:pos]
    return data


MUTATIONS = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 1 << 20), st.integers(0, 64),
                               st.binary(min_size=1, max_size=16) | st.sampled_from(
                                   [b"<", b">", b"&", b"\"", b"\n", b"\t", b"|t|", b"|a|", b"\xff", b"\x00",
                                    b"]]>", b"<!ENTITY x \"y\">", b"{", b"}", b"PMID- ", b"\r\n"])),
                     min_size=1, max_size=6)


def _check(path, fmt):
    """Reading must end normally; every document has an id and text, every mention matches its span."""
    log = ErrorLog(stream=None)
    docs = list(read_documents([path], format=fmt, errors=log, max_record_bytes=1 << 16))
    for doc in docs:
        assert doc.id and (doc.title or doc.abstract)
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.text or fmt in ("jsonl", "parquet", "csv")
    assert all("\n" not in p for p in log.problems)
    try:
        list(read_documents([path], format=fmt, strict=True, errors=ErrorLog(stream=None)))
    except InputError:
        pass


@pytest.mark.parametrize("fmt", [*FORMATS, None])
@FUZZ
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes(tmp_path_factory, fmt, data):
    path = tmp_path_factory.getbasetemp() / f"fuzz-bytes-{fmt}"
    path.write_bytes(data)
    _check(path, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(ops=MUTATIONS, compress=st.booleans())
def test_mutated_valid_files(tmp_path_factory, fmt, ops, compress):
    data = mutate(sample_bytes(fmt), ops)
    path = tmp_path_factory.getbasetemp() / f"fuzz-mutated-{fmt}"
    path.write_bytes(gzip.compress(data) if compress else data)
    _check(path, fmt)
    _check(path, None)
