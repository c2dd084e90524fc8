"""BioC documents (XML or JSON, already turned into plain dicts) -> Document with gold annotations.

Title passages (type `title`/`front`) make the title; `abstract` passages (else every other passage)
the abstract, joined by spaces. Annotation locations are mapped from BioC offsets to `Document.text`.
"""
from __future__ import annotations

from typing import Any

from meshtag.model import SOURCES, Document, Mention

from .annotations import add_annotation
from .base import ReadContext

TITLE_TYPES = {"title", "front"}
ID_INFONS = ("identifier", "Identifier", "MESH", "mesh", "MeSH", "CUI")
_PMID_INFONS = ("pmid", "article-id_pmid", "PMID")
_DOI_INFONS = ("doi", "article-id_doi", "DOI")


def build_document(raw: dict[str, Any], ctx: ReadContext, record: int) -> Document:
    """A Document from a BioC document dict: {id, infons, passages: [{infons, offset, text, annotations}]}."""
    passages = raw.get("passages") or []
    infons = dict(raw.get("infons") or {})
    for p in passages:
        for key, value in (p.get("infons") or {}).items():
            infons.setdefault(key, value)
    titles = [p for p in passages if _ptype(p) in TITLE_TYPES]
    abstracts = [p for p in passages if _ptype(p) == "abstract"] or [p for p in passages if p not in titles]
    title = " ".join(p.get("text") or "" for p in titles)
    abstract = " ".join(p.get("text") or "" for p in abstracts)
    bioc_id = str(raw.get("id") or "")
    pmid = _first(infons, _PMID_INFONS) or (bioc_id if bioc_id.isdigit() else None)
    doc = Document(id=bioc_id, title=title, abstract=abstract, pmid=pmid, doi=_first(infons, _DOI_INFONS),
                   meta={"record": record})
    for key in ("journal", "year"):
        if infons.get(key):
            doc.meta[key] = infons[key]
    if infons.get("keywords"):
        doc.meta["keywords"] = [k.strip() for k in infons["keywords"].split(";") if k.strip()]
    _add_annotations(doc, titles, 0, ctx, bioc_id or record)
    _add_annotations(doc, abstracts, doc.abstract_offset, ctx, bioc_id or record)
    return doc


def _add_annotations(doc: Document, passages: list[dict], base: int, ctx: ReadContext, record) -> None:
    """Map each annotation's first..last location (BioC offsets) onto `doc.text`, starting at `base`."""
    position = base
    for p in passages:
        offset, text = int(p.get("offset") or 0), p.get("text") or ""
        for ann in p.get("annotations") or []:
            locations = ann.get("locations") or []
            if not locations:
                ctx.problem(record, "annotation without location; skipped")
                continue
            start = min(int(loc["offset"]) for loc in locations) - offset
            end = max(int(loc["offset"]) + int(loc["length"]) for loc in locations) - offset
            a_infons = ann.get("infons") or {}
            before = len(doc.mentions)
            add_annotation(doc, ctx, record, position + start, position + end, ann.get("text") or "",
                           a_infons.get("type") or "", _first(a_infons, ID_INFONS))
            if len(doc.mentions) > before:
                _restore(doc.mentions[-1], a_infons)
        position += len(text) + 1


def _restore(mention: Mention, infons: dict) -> None:
    """Keep name, source and score when the file was written by meshtag (infons `name`, `source`, `score`)."""
    if infons.get("name"):
        mention.name = str(infons["name"])
    if infons.get("source") in SOURCES:
        mention.source = infons["source"]
    try:
        mention.score = float(infons.get("score", mention.score))
    except (TypeError, ValueError):
        pass  # not a meshtag score: the gold default (1.0) stands


def _ptype(passage: dict) -> str:
    return str((passage.get("infons") or {}).get("type", "")).lower()


def _first(infons: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if infons.get(key):
            return str(infons[key])
    return None
