"""Bad input (issue 2.5): one clear line naming file, record and reason; the run goes on."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from meshtag.errors import ErrorLog, InputError
from meshtag.io import read_documents


def _read(paths, **kw):
    log = ErrorLog(stream=None)
    docs = list(read_documents(paths if isinstance(paths, list) else [paths], errors=log, **kw))
    return docs, log


@pytest.fixture
def efetch(fixtures) -> bytes:
    return (fixtures / "io" / "pubmed_efetch.xml").read_bytes()


def test_truncated_xml_keeps_records_before(tmp_path, efetch):
    cut = efetch.index(b"<PMID Version=\"1\">11111111") + 10
    path = tmp_path / "cut.xml"
    path.write_bytes(efetch[:cut])
    docs, log = _read(path)
    assert [d.pmid for d in docs] == ["29165365"]
    assert len(log.problems) == 1
    assert log.problems[0].startswith(f"{path}: malformed XML:") and "after 1 record(s) read" in log.problems[0]


def test_malformed_record_in_the_middle(tmp_path, efetch):
    broken = efetch.replace(b"<ArticleTitle>Sigma-1 receptor ligands", b"<ArticleTitle><b>Sigma-1 receptor ligands", 1)
    path = tmp_path / "broken.xml"
    path.write_bytes(broken)
    docs, log = _read(path)
    assert [d.pmid for d in docs] == ["29165365"] and "malformed XML" in log.problems[-1]


def test_record_without_pmid_is_skipped_and_reading_continues(tmp_path, efetch):
    path = tmp_path / "nopmid.xml"
    path.write_bytes(efetch.replace(b"<PMID Version=\"1\">11111111</PMID>", b"", 1))
    docs, log = _read(path)
    assert [d.pmid for d in docs] == ["29165365", "20301390"]
    assert log.problems == [f"{path}: record 2: PubmedArticle without a PMID; skipped"]


def test_empty_and_unknown_files_are_one_line_each(tmp_path, fixtures):
    (tmp_path / "empty.xml").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "desc.xml").write_bytes(b'<?xml version="1.0"?>\n<DescriptorRecordSet></DescriptorRecordSet>\n')
    docs, log = _read([tmp_path, fixtures / "io" / "sample.jsonl"])
    assert len(docs) == 3  # the good file is still read
    assert f"{tmp_path / 'blob.bin'}: unknown format" in log.problems[0]
    assert f"{tmp_path / 'desc.xml'}: unknown format" in log.problems[1]
    assert log.problems[2] == f"{tmp_path / 'empty.xml'}: empty file"


def test_latin1_text_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    body = ("La caf\u00e9ine r\u00e9duit la douleur chez le rat \u00e2g\u00e9. Les r\u00e9sultats montr\u00e9s "
            "ici sugg\u00e8rent que l'effet analg\u00e9sique d\u00e9pend du r\u00e9cepteur. ") * 5
    path.write_bytes(("Caf\u00e9 au lait et douleur\n\n" + body).encode("latin-1"))
    (doc,), log = _read(path)
    assert doc.title == "Caf\u00e9 au lait et douleur" and "r\u00e9duit" in doc.abstract
    assert "warning: not UTF-8; decoded as" in log.problems[0]


def test_undecodable_bytes_late_in_a_stream(tmp_path):
    good = "".join(json.dumps({"id": f"d{i}", "abstract": "x" * 200}) + "\n" for i in range(6000))
    path = tmp_path / "late.jsonl"
    path.write_bytes(good.encode() + b'{"id": "bad", "abstract": "\xff\xfe"}\n')
    docs, log = _read(path)
    assert len(docs) == 6000 and log.problems == [f"{path}: record line 6001: undecodable bytes (utf-8-sig: invalid start byte); line skipped"]


@pytest.mark.parametrize("fmt,content", [
    ("jsonl", "\n".join(json.dumps({"id": i, "abstract": "a" * n}) for i, n in ((1, 10), (2, 5000), (3, 10)))),
    ("pubtator", "1|t|T\n1|a|" + "a" * 10 + "\n\n2|t|T\n2|a|" + "a" * 5000 + "\n\n3|t|T\n3|a|" + "a" * 10 + "\n"),
    ("medline", "PMID- 1\nTI  - T\nAB  - a\n\nPMID- 2\nTI  - T\nAB  - " + "a " * 2500 + "\n\nPMID- 3\nTI  - T\nAB  - a\n"),
], ids=["jsonl", "pubtator", "medline"])
def test_oversized_record_is_refused_and_others_kept(tmp_path, fmt, content):
    path = tmp_path / "big.txt"
    path.write_text(content)
    docs, log = _read(path, max_record_bytes=1000)
    assert [d.id for d in docs] == ["1", "3"]
    assert len(log.problems) == 1 and "larger than max_record_bytes (1000)" in log.problems[0]


def test_oversized_xml_record_stops_that_file_cleanly(tmp_path, efetch):
    huge = efetch.replace(b"Allodynia decreased.", b"Allodynia decreased. " + b"pain " * 100_000, 1)
    path = tmp_path / "huge.xml"
    path.write_bytes(huge)
    docs, log = _read(path, max_record_bytes=50_000)
    assert docs == [] and "larger than max_record_bytes (50000)" in log.problems[0]


def test_gzip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"pain " * 8_000_000, compresslevel=9))  # 40 MB -> ~40 KB
    assert path.stat().st_size < 200_000
    docs, log = _read(path)
    assert docs == [] and "gzip compression ratio above 200; possible decompression bomb" in log.problems[0]
    docs, log = _read(path, max_decompressed_bytes=100_000)
    assert "beyond max_decompressed_bytes (100000)" in log.problems[0]


def test_truncated_gzip(tmp_path, fixtures):
    data = (fixtures / "io" / "pubmed_baseline_sample.xml.gz").read_bytes()
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, log = _read(path)
    assert len(log.problems) == 1 and path.name in log.problems[0]


def test_strict_raises_on_first_problem(fixtures):
    with pytest.raises(InputError, match="does not match"):
        list(read_documents([fixtures / "io" / "sample.bioc.xml"], strict=True))


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-c", "from meshtag.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=cwd)


def test_cli_exit_status_and_errors_file(tmp_path, fixtures):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    run = _cli("read", str(fixtures / "io" / "sample.jsonl"), str(tmp_path / "empty.txt"), "-o", str(out))
    assert run.returncode == 0
    assert len(out.read_text().splitlines()) == 3
    errors = (tmp_path / "out.jsonl.errors.txt").read_text()
    assert "empty.txt: empty file" in errors and "invalid JSON" in errors
    assert "empty.txt: empty file" in run.stderr
    run = _cli("read", str(tmp_path / "empty.txt"))
    assert run.returncode == 2 and "nothing could be read" in run.stderr
    run = _cli("read", "--strict", str(fixtures / "io" / "sample.jsonl"), "-o", str(tmp_path / "s.jsonl"))
    assert run.returncode == 2 and "line 5: invalid JSON" in run.stderr and not (tmp_path / "s.jsonl").exists()
    assert "Traceback" not in run.stderr


def test_cli_writes_other_formats(tmp_path, fixtures):
    out = tmp_path / "gold.pubtator"
    run = _cli("read", str(fixtures / "io" / "sample.pubtator.txt"), "-o", str(out))
    assert run.returncode == 0 and out.read_text().startswith("6794356|t|Tricuspid")
    run = _cli("read", str(fixtures / "io" / "pubmed_efetch.xml"), "-o", str(tmp_path / "x.out"),
               "--output-format", "csv")
    assert (tmp_path / "x.out").read_text().startswith("id,title,abstract,pmid,doi")
