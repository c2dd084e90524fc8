"""JSONL reader: Document.to_dict lines, bare `text`, numeric PMIDs, bad lines reported."""
from __future__ import annotations

from meshtag.errors import ErrorLog
from meshtag.io import read_documents


def test_jsonl_lines(fixtures):
    log = ErrorLog(stream=None)
    docs = list(read_documents([fixtures / "io" / "sample.jsonl"], errors=log))
    assert [d.id for d in docs] == ["doc-1", "sample#2", "33239404"]
    assert docs[0].meta["journal"] == "Pain" and docs[0].mentions[0].id == "MESH:D000068736"
    assert docs[1].abstract.startswith("Morphine acts") and docs[1].title == ""
    assert docs[2].pmid == "33239404" and docs[2].meta["notes"] == ["no abstract"]
    assert any("line 5: invalid JSON" in p for p in log.problems)
    assert any("line 6: not a JSON object" in p for p in log.problems)
