"""The three corpus tables (documents, sentences, mentions): Arrow schemas and Document → row conversion."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable

import pyarrow as pa

from meshtag.model import Document

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()), ("pmid", pa.string()), ("doi", pa.string()), ("title", pa.string()),
    ("abstract", pa.string()), ("journal", pa.string()), ("year", pa.int32()),
    ("source_file", pa.string()), ("meta_json", pa.string()),
])
SENTENCES = pa.schema([
    ("doc_id", pa.string()), ("sentence", pa.int32()), ("start", pa.int32()), ("end", pa.int32()),
    ("text", pa.string()),
])
MENTIONS = pa.schema([
    ("doc_id", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string()),
    ("label", pa.string()), ("concept_id", pa.string()), ("concept_name", pa.string()),
    ("sentence", pa.int32()), ("source", pa.string()), ("score", pa.float64()), ("related_id", pa.string()),
])
SCHEMAS: dict[str, pa.Schema] = {"documents": DOCUMENTS, "sentences": SENTENCES, "mentions": MENTIONS}
TABLES: tuple[str, ...] = tuple(SCHEMAS)

_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


def parse_year(value: object) -> int | None:
    """A publication year from whatever the source gave ("2019", 2019, "2019 Mar 4"), else None."""
    if isinstance(value, int):
        return value
    match = _YEAR.search(str(value)) if value else None
    return int(match.group(1)) if match else None


def _sentence_spans(doc: Document) -> list[tuple[int, int]]:
    """The document's sentence spans; an untagged-for-sentences document is one sentence (its whole text)."""
    if doc.sentences:
        return [(int(s), int(e)) for s, e in doc.sentences]
    return [(0, len(doc.text))] if doc.text else []


def documents_to_tables(docs: Iterable[Document]) -> dict[str, pa.Table]:
    """Arrow tables for tagged documents; a doc id seen twice keeps its last version (last write wins)."""
    latest: dict[str, Document] = {}
    for doc in docs:
        latest.pop(doc.id, None)
        latest[doc.id] = doc
    rows: dict[str, dict[str, list]] = {name: {f.name: [] for f in schema} for name, schema in SCHEMAS.items()}
    d, s, m = rows["documents"], rows["sentences"], rows["mentions"]
    for doc in latest.values():
        meta = doc.meta or {}
        d["doc_id"].append(doc.id)
        d["pmid"].append(doc.pmid)
        d["doi"].append(doc.doi)
        d["title"].append(doc.title)
        d["abstract"].append(doc.abstract)
        d["journal"].append(_text_or_none(meta.get("journal")))
        d["year"].append(parse_year(meta.get("year")))
        d["source_file"].append(_text_or_none(meta.get("source_file")))
        d["meta_json"].append(json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str))
        text = doc.text
        for index, (start, end) in enumerate(_sentence_spans(doc)):
            s["doc_id"].append(doc.id)
            s["sentence"].append(index)
            s["start"].append(start)
            s["end"].append(end)
            s["text"].append(text[start:end])
        for mention in doc.mentions:
            m["doc_id"].append(doc.id)
            m["start"].append(mention.start)
            m["end"].append(mention.end)
            m["text"].append(mention.text)
            m["label"].append(mention.label)
            m["concept_id"].append(mention.id)
            m["concept_name"].append(mention.name)
            m["sentence"].append(mention.sentence)
            m["source"].append(mention.source)
            m["score"].append(float(mention.score))
            m["related_id"].append(mention.related_id)
    return {name: pa.Table.from_pydict(cols, schema=SCHEMAS[name]) for name, cols in rows.items()}


def _text_or_none(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
