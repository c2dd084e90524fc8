"""PubMed XML (efetch output, annual baseline/update files, gzipped or not), streamed record by record.

Each `PubmedArticle`/`PubmedBookArticle` becomes a Document; `DeleteCitation` blocks are counted and
ignored. Structured abstracts keep their labels ("BACKGROUND: … METHODS: …", and `meta.sections`);
inline markup (<i>, <sup>, <sub>, …) is flattened in document order.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from lxml import etree

from meshtag.model import Document
from meshtag.xmlsafe import iterparse

from .base import ReadContext, RecordGuard, uses_external_entities

FORMAT = "pubmed_xml"
RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")
_SNIFF = re.compile(rb"<(PubmedArticleSet|PubmedArticle|PubmedBookArticle|MedlineCitationSet|MedlineCitation)[\s>]")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_SPACES = re.compile(r"\s+")


def sniff(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and bool(_SNIFF.search(head))


def read(ctx: ReadContext) -> Iterator[Document]:
    with ctx.open_binary() as raw:
        guard = RecordGuard(raw, ctx)
        n = 0
        for elem in iterparse(guard, RECORD_TAGS, ctx.file):
            guard.mark()
            if elem.tag == "DeleteCitation":
                ctx.stats.deleted_citations += len(elem.findall("PMID"))
                continue
            n += 1
            if uses_external_entities(elem, ctx, n):
                continue
            doc = parse_article(elem, n)
            if doc is None:
                ctx.problem(n, f"{elem.tag} without a PMID; skipped")
                continue
            yield doc


def flat(elem: etree._Element | None) -> str:
    """All text inside `elem` in order (inline markup flattened), whitespace collapsed."""
    if elem is None:
        return ""
    return _SPACES.sub(" ", "".join(elem.itertext())).strip()


def parse_article(elem: etree._Element, record: int) -> Document | None:
    """A Document from one PubmedArticle or PubmedBookArticle element (None without PMID)."""
    book = elem.tag == "PubmedBookArticle"
    citation = elem.find("BookDocument" if book else "MedlineCitation")
    if citation is None:
        return None
    pmid = (citation.findtext("PMID") or "").strip()
    if not pmid:
        return None
    article = citation if book else citation.find("Article")
    if article is None:
        article = citation
    title = flat(article.find("ArticleTitle")) or flat(article.find("VernacularTitle"))
    if book and not title:
        title = flat(citation.find("Book/BookTitle"))
    sections = _sections(article.find("Abstract"))
    abstract = " ".join(f"{s['label']}: {s['text']}" if s["label"] else s["text"] for s in sections)
    meta: dict[str, Any] = {"record": record}
    journal = flat(article.find("Journal/Title")) or flat(citation.find("Book/BookTitle"))
    if journal:
        meta["journal"] = journal
    year = _year(article, citation)
    if year:
        meta["year"] = year
    if any(s["label"] for s in sections):
        meta["sections"] = sections
    headings = _mesh(citation)
    if headings:
        meta["mesh_headings"] = headings
    keywords = [flat(k) for k in citation.iter("Keyword") if flat(k)]
    if keywords:
        meta["keywords"] = keywords
    return Document(id="", title=title, abstract=abstract, pmid=pmid, doi=_doi(elem, article), meta=meta)


def _sections(abstract: etree._Element | None) -> list[dict[str, str]]:
    if abstract is None:
        return []
    out = []
    for part in abstract.findall("AbstractText"):
        text = flat(part)
        if text:
            out.append({"label": (part.get("Label") or "").strip(), "nlm_category": part.get("NlmCategory") or "",
                        "text": text})
    return out


def _year(article: etree._Element, citation: etree._Element) -> str | None:
    for path in ("Journal/JournalIssue/PubDate/Year", "Journal/JournalIssue/PubDate/MedlineDate",
                 "ArticleDate/Year", "Book/PubDate/Year", "PubDate/Year"):
        m = _YEAR.search(article.findtext(path) or citation.findtext(path) or "")
        if m:
            return m.group(1)
    return None


def _doi(elem: etree._Element, article: etree._Element) -> str | None:
    for path in ("PubmedData/ArticleIdList/ArticleId", "PubmedBookData/ArticleIdList/ArticleId"):
        for aid in elem.findall(path):
            if aid.get("IdType") == "doi" and (aid.text or "").strip():
                return aid.text.strip()
    for loc in article.findall("ELocationID"):
        if loc.get("EIdType") == "doi" and (loc.text or "").strip():
            return loc.text.strip()
    return None


def _mesh(citation: etree._Element) -> list[dict[str, Any]]:
    """[{id, name, major, qualifiers}]: major when the descriptor or any of its qualifiers is starred."""
    out = []
    for heading in citation.findall("MeshHeadingList/MeshHeading"):
        desc = heading.find("DescriptorName")
        if desc is None:
            continue
        quals = heading.findall("QualifierName")
        major = desc.get("MajorTopicYN") == "Y" or any(q.get("MajorTopicYN") == "Y" for q in quals)
        ui = desc.get("UI")
        out.append({"id": f"MESH:{ui}" if ui else None, "name": flat(desc), "major": major,
                    "qualifiers": [flat(q) for q in quals]})
    return out
