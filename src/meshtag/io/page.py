"""Web-page captures of an article (PubMed page, aggregator pages like the bundled seeds), saved as text.

The main record (title, abstract, journal, year, DOI/PMID, keywords, MeSH terms) is the first document.
Its "Keywords:" line stays at the end of the abstract, as the page shows it, so author keywords
("allodynia", "Fc gamma receptors") are tagged with the record; they are also listed in `meta.keywords`.
each "Similar Publications", "Similar articles" and "Cited by" entry with a title or abstract follows as
its own document (`meta.relation` = similar / cited_by, `meta.parent` = the main record's id). Page
furniture (visit counts, rankings, "View Article and Find Full Text PDF", references) is left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from meshtag.model import Document

from .base import ReadContext

FORMAT = "page"

# Section headings (compared lower-cased) -> what the section holds; "noise" sections are skipped.
HEADINGS: dict[str, str] = {
    "abstract": "abstract", "article abstract": "abstract",
    "similar publications": "similar", "similar articles": "similar", "cited by": "cited_by",
    "mesh terms": "mesh", "publication types": "publication_types", "source": "source",
    **{h: "noise" for h in (
        "references", "substances", "figures", "grants and funding", "linkout - more resources",
        "full text sources", "medical", "related information", "publication analysis", "top keywords",
        "category ranking", "total visits", "avg visit duration", "citations", "comment in",
        "conflict of interest statement", "supplementary info", "download full-text pdf", "associated data",
        "miscellaneous", "research materials", "other literature sources", "molecular biology databases",
        "full text links", "actions", "cite", "share", "page navigation", "erratum in", "update of",
        "comment on", "affiliations", "authors", "author information")},
}
ENTRY_SEPARATORS = {"-", "view article and find full text pdf"}
_NOISE_LINES = re.compile(r"^(download full-text pdf|view article and find full text pdf|free pmc article|"
                          r"copyright\b.*|©.*|\d+%?|\d+ minutes?)$", re.IGNORECASE)
_SNIFF_MARKERS = {"similar articles", "similar publications", "cited by", "article abstract", "mesh terms",
                  "publication types", "view article and find full text pdf"}
_SNIFF_ID_LINE = re.compile(r"^-?\s*PMID:\s*\d+\s*$", re.MULTILINE)
_ID_LINE = re.compile(r"^-?\s*(PMID|PMCID|DOI):\s*(\S+)\s*$", re.IGNORECASE)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
_PMID = re.compile(r"\bPMID:\s*(\d{1,9})\b")
_CITATION = re.compile(r"^(?P<journal>[A-Z][\w &()'/,\-]{0,80}?)\. (?P<year>(?:1[89]|20)\d\d)\b")
_ENTRY_CITATION = re.compile(r"^(?P<title>.+?[.?!])(?=[A-Z][\w &()'/,\-]{0,80}?\. (?:1[89]|20)\d\d\b)")
_PUBLISHED = re.compile(r"^Published:\s*(?:\w+\s+)?((?:1[89]|20)\d\d)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•\u2022*\-]\s+(.+)$")
_KEYWORDS = re.compile(r"^Keywords?:\s*(.+)$", re.IGNORECASE)
_JOURNAL_LINE = re.compile(r"^[A-Z][A-Za-z .&()'\-]{1,80}$")
_NOT_ABSTRACT = re.compile(r"^(Department|Author information|Affiliations?)\b|Electronic address", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def sniff(head: bytes) -> bool:
    """A line that is one of the page headings above, or a `- PMID: N` line."""
    text = head.decode("utf-8", "replace")
    lines = {line.strip().lower() for line in text.splitlines()}
    return bool(lines & _SNIFF_MARKERS) or bool(_SNIFF_ID_LINE.search(text))


@dataclass
class _Sections:
    header: list[str] = field(default_factory=list)
    by_kind: dict[str, list[str]] = field(default_factory=dict)


def read(ctx: ReadContext) -> Iterator[Document]:
    text = ctx.read_all_text().lstrip("\ufeff")
    lines = [line.rstrip() for line in text.splitlines()]
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return
    title = _clean(lines[nonblank[0]])
    sections = _split(lines[nonblank[0] + 1:])
    main = _main_record(title, sections)
    parent = main.pmid or main.doi or ctx.stem
    yield main
    n = 1
    for kind in ("similar", "cited_by"):
        for entry in _entries(sections.by_kind.get(kind, [])):
            n += 1
            doc = _related(entry, kind, parent, n)
            if doc is not None:
                yield doc


def _split(lines: list[str]) -> _Sections:
    """Group lines under the heading above them; everything before the first heading is the header."""
    out = _Sections()
    current = out.header
    for line in lines:
        kind = HEADINGS.get(line.strip().lower())
        if kind is not None:
            current = out.by_kind.setdefault(kind, []) if kind != "noise" else []
            continue
        current.append(line)
    return out


def _main_record(title: str, sections: _Sections) -> Document:
    meta: dict[str, Any] = {"record": 1}
    pmid = doi = None
    header = sections.header
    for line in header + sections.by_kind.get("source", []):
        m = _ID_LINE.match(line)
        if m:
            kind, value = m.group(1).upper(), m.group(2)
            if kind == "PMID":
                pmid = value
            elif kind == "DOI":
                doi = _doi(value)
            else:
                meta["pmcid"] = value
            continue
        cit = _CITATION.match(line.strip())
        if cit and "journal" not in meta and "doi:" in line:
            meta["journal"], meta["year"] = cit.group("journal"), cit.group("year")
        published = _PUBLISHED.match(line.strip())
        if published:
            meta.setdefault("year", published.group(1))
        if doi is None and _DOI.search(line):
            doi = _doi(_DOI.search(line).group(1))
    first = next((line.strip() for line in header if line.strip()), "")
    if "journal" not in meta and _JOURNAL_LINE.match(first) and _clean(first) != title:
        meta["journal"] = first
    abstract_lines = sections.by_kind.get("abstract")
    paragraphs = _paragraphs(abstract_lines if abstract_lines is not None else header)
    keywords: list[str] = []
    kept = []
    for para in paragraphs:
        km = _KEYWORDS.match(para)
        if km:
            keywords = [k.strip().rstrip(".").strip() for k in km.group(1).split(";") if k.strip().rstrip(".")]
            kept.append(para)
        elif abstract_lines is not None or _is_abstract_paragraph(para, title):
            kept.append(para)
    if keywords:
        meta["keywords"] = keywords
    headings = _mesh(sections.by_kind.get("mesh", []))
    if headings:
        meta["mesh_headings"] = headings
    types = [m.group(1).strip() for m in map(_BULLET.match, sections.by_kind.get("publication_types", [])) if m]
    if types:
        meta["publication_types"] = types
    return Document(id="", title=title, abstract=" ".join(kept), pmid=pmid, doi=doi, meta=meta)


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks, whitespace collapsed, noise lines dropped."""
    out, block = [], []
    for line in lines + [""]:
        own_paragraph = bool(_KEYWORDS.match(line.strip()))
        if line.strip() and not own_paragraph and not _NOISE_LINES.match(line.strip()):
            block.append(line.strip())
            continue
        if block:
            out.append(_clean(" ".join(block)))
            block = []
        if own_paragraph:
            out.append(_clean(line))
    return out


def _is_abstract_paragraph(para: str, title: str) -> bool:
    """Header text that is prose, not the title again, a citation, an id line or an affiliation."""
    if para == title or _ID_LINE.match(para) or _NOT_ABSTRACT.search(para) or _PUBLISHED.match(para):
        return False
    if _CITATION.match(para) and "doi:" in para and len(para) < 300:
        return False
    return len(para.split()) >= 20


def _mesh(lines: list[str]) -> list[dict[str, Any]]:
    """`• Analgesics / pharmacology*` bullets, merged per descriptor; the first bullet block only."""
    merged: dict[str, dict[str, Any]] = {}
    started = False
    for line in lines:
        m = _BULLET.match(line)
        if not m:
            if started and not line.strip():
                break
            continue
        started = True
        parts = [p.strip() for p in m.group(1).split(" / ")]
        name = parts[0].rstrip("*").strip()
        entry = merged.setdefault(name, {"id": None, "name": name, "major": False, "qualifiers": []})
        entry["major"] = entry["major"] or "*" in m.group(1)
        entry["qualifiers"] += [q.rstrip("*").strip() for q in parts[1:]]
    return list(merged.values())


def _entries(lines: list[str]) -> Iterator[list[str]]:
    """Entries of a similar/cited-by list, separated by `-` lines or "View Article…" links."""
    entry: list[str] = []
    for line in lines + ["-"]:
        if line.strip().lower() in ENTRY_SEPARATORS:
            if any(part.strip() for part in entry):
                yield entry
            entry = []
        else:
            entry.append(line)


def _related(entry: list[str], relation: str, parent: str, record: int) -> Document | None:
    """A citation entry (title + journal + ids) or an abstract-only entry; None when it has neither."""
    text = _clean(" ".join(p for p in _paragraphs(entry)))
    if not text:
        return None
    meta: dict[str, Any] = {"record": record, "relation": relation, "parent": parent}
    cit = _ENTRY_CITATION.match(text)
    pmid = _PMID.search(text)
    doi = _DOI.search(text)
    if cit and (pmid or doi):
        title = cit.group("title").strip()
        rest = text[cit.end():]
        jm = _CITATION.match(rest)
        if jm:
            meta["journal"], meta["year"] = jm.group("journal"), jm.group("year")
        return Document(id="", title=title, abstract="", pmid=pmid.group(1) if pmid else None,
                        doi=_doi(doi.group(1)) if doi else None, meta=meta)
    return Document(id="", title="", abstract=text, meta=meta)


def _doi(value: str) -> str:
    value = re.sub(r"DOI( Listing)?$", "", value.strip())
    return value.rstrip(".,;")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
