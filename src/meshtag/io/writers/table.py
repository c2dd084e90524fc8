"""Tabular output (CSV/TSV, Parquet): one row per document, or one row per mention for tagged documents.

CSV cells are passed through `meshtag.safety.neutralize_formula` (a title like `=HYPERLINK(…)` stays text).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from meshtag.fsutil import atomic_path
from meshtag.model import Document
from meshtag.safety import neutralize_formula

DOCUMENT_COLUMNS = ("id", "title", "abstract", "pmid", "doi", "journal", "year", "keywords", "mesh_headings", "meta")
MENTION_COLUMNS = ("doc_id", "pmid", "doi", "start", "end", "text", "label", "id", "name", "sentence", "source",
                   "score", "related_id")
PARQUET_BATCH = 5000


def document_row(doc: Document) -> dict[str, Any]:
    """Row for an untagged document: main fields, readable journal/year/keywords/MeSH, full meta as JSON."""
    meta = doc.meta
    headings = meta.get("mesh_headings") or []
    return {
        "id": doc.id, "title": doc.title, "abstract": doc.abstract, "pmid": doc.pmid, "doi": doc.doi,
        "journal": _str(meta.get("journal")), "year": _str(meta.get("year")),
        "keywords": "; ".join(map(str, meta.get("keywords") or [])) or None,
        "mesh_headings": "; ".join(h.get("name", "") if isinstance(h, dict) else str(h) for h in headings) or None,
        "meta": json.dumps(meta, ensure_ascii=False) if meta else None,
    }


def mention_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """Rows for a tagged document: its identifiers plus each mention's fields."""
    for m in doc.mentions:
        yield {"doc_id": doc.id, "pmid": doc.pmid, "doi": doc.doi, "start": m.start, "end": m.end, "text": m.text,
               "label": m.label, "id": m.id, "name": m.name, "sentence": m.sentence, "source": m.source,
               "score": m.score, "related_id": m.related_id}


def _rows(docs: Iterable[Document], tagged: bool, counter: list[int]) -> Iterator[dict[str, Any]]:
    for doc in docs:
        counter[0] += 1
        if tagged:
            yield from mention_rows(doc)
        else:
            yield document_row(doc)


def write_csv(docs: Iterable[Document], stream: IO[str], tagged: bool, delimiter: str = ",") -> int:
    columns = MENTION_COLUMNS if tagged else DOCUMENT_COLUMNS
    writer = csv.DictWriter(stream, fieldnames=columns, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    counter = [0]
    for row in _rows(docs, tagged, counter):
        writer.writerow({k: neutralize_formula(v) for k, v in row.items()})
    return counter[0]


def write_parquet(docs: Iterable[Document], path: Path, tagged: bool) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema(pa, tagged)
    counter = [0]
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in _rows(docs, tagged, counter):
                batch.append(row)
                if len(batch) >= PARQUET_BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return counter[0]


def _schema(pa, tagged: bool):
    if not tagged:
        return pa.schema([(c, pa.string()) for c in DOCUMENT_COLUMNS])
    types = {"start": pa.int64(), "end": pa.int64(), "sentence": pa.int64(), "score": pa.float64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in MENTION_COLUMNS])


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)
