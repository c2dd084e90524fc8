"""BioC JSON output, streamed one document at a time: a title passage (offset 0) and an abstract passage
(offset len(title)+1), so annotation offsets equal `Document.text` offsets."""
from __future__ import annotations

import datetime as _dt
import json
from typing import IO, Any, Iterable

from meshtag.model import Document, Mention


def write(docs: Iterable[Document], stream: IO[str], tagged: bool) -> int:
    head = {"source": "meshtag", "date": _dt.date.today().strftime("%Y%m%d"), "key": "meshtag.key", "infons": {}}
    stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "documents": [\n')
    n = 0
    for doc in docs:
        if n:
            stream.write(",\n")
        stream.write(json.dumps(document_to_bioc(doc), ensure_ascii=False))
        n += 1
    stream.write("\n]}\n")
    return n


def document_to_bioc(doc: Document) -> dict[str, Any]:
    """One BioC JSON document with its mentions as annotations in the passage they start in."""
    infons = {k: str(v) for k, v in (("pmid", doc.pmid), ("doi", doc.doi), ("journal", doc.meta.get("journal")),
                                      ("year", doc.meta.get("year"))) if v}
    if doc.meta.get("keywords"):
        infons["keywords"] = "; ".join(map(str, doc.meta["keywords"]))
    types = doc.meta.get("annotation_types") or []
    aligned = len(types) == len(doc.mentions)
    split = doc.abstract_offset
    passages = [_passage("title", 0, doc.title), _passage("abstract", split, doc.abstract)]
    for i, m in enumerate(doc.mentions):
        passages[0 if m.start < split else 1]["annotations"].append(_annotation(i, m, types[i] if aligned else m.label))
    return {"id": doc.id, "infons": infons, "passages": passages, "relations": []}


def _passage(kind: str, offset: int, text: str) -> dict[str, Any]:
    return {"offset": offset, "infons": {"type": kind}, "text": text, "sentences": [], "annotations": [],
            "relations": []}


def _annotation(i: int, m: Mention, kind: str) -> dict[str, Any]:
    infons = {"type": kind, "identifier": m.id or "", "label": m.label, "source": m.source, "score": str(m.score)}
    if m.name:
        infons["name"] = m.name
    return {"id": str(i), "infons": infons, "text": m.text,
            "locations": [{"offset": m.start, "length": m.end - m.start}]}
