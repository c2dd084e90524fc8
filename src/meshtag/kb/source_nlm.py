"""Concepts from the official NLM MeSH XML (desc20XX.xml[.gz], supp20XX.xml[.gz]), streamed record by record.

Every concept's terms are taken (ConceptList/Concept/TermList/Term/String), not only the preferred
concept's, so narrower concepts such as "Allodynia" (in Hyperalgesia) become synonyms.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import IO, Iterator

from lxml import etree

from meshtag.errors import ErrorLog
from meshtag.kb.concept import ConceptDraft
from meshtag.xmlsafe import iterparse

_YEAR = re.compile(r"(?:desc|supp)(\d{4})", re.IGNORECASE)


def open_xml(path: Path) -> IO[bytes]:
    """A binary stream over a plain or gzipped XML file (gzip recognised by its magic bytes)."""
    with open(path, "rb") as fh:
        magic = fh.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")


def mesh_year(path: Path) -> int | None:
    """The MeSH year in an NLM file name (desc2025.xml.gz -> 2025), or None."""
    m = _YEAR.search(Path(path).name)
    return int(m.group(1)) if m else None


def _text(elem: etree._Element, path: str) -> str:
    return (elem.findtext(path) or "").strip()


def _terms(record: etree._Element, draft: ConceptDraft) -> None:
    """Add every concept's terms; the record's preferred term is the name, all others synonyms."""
    for term in record.iterfind("ConceptList/Concept/TermList/Term"):
        if term.get("IsPermutedTermYN") == "Y":
            continue
        text = _text(term, "String")
        if text:
            draft.add_term(text, "name" if text == draft.name else "synonym")


def _preferred_scope_note(record: etree._Element) -> str:
    for concept in record.iterfind("ConceptList/Concept"):
        if concept.get("PreferredConceptYN") == "Y":
            return " ".join(_text(concept, "ScopeNote").split())
    return ""


def _pharm_actions(record: etree._Element) -> list[str]:
    return [ui.lstrip("*") for ui in (_text(pa, "DescriptorReferredTo/DescriptorUI")
                                      for pa in record.iterfind("PharmacologicalActionList/PharmacologicalAction")) if ui]


def read_descriptors(path: Path, errors: ErrorLog | None = None) -> Iterator[ConceptDraft]:
    """One draft per DescriptorRecord: name, all concepts' terms, tree numbers, actions, scope note."""
    with open_xml(path) as stream:
        for n, rec in enumerate(iterparse(stream, "DescriptorRecord", str(path), huge_tree=True), start=1):
            ui, name = _text(rec, "DescriptorUI"), _text(rec, "DescriptorName/String")
            if not ui or not name:
                if errors is not None:
                    errors.report(str(path), n, "DescriptorRecord without DescriptorUI or DescriptorName")
                continue
            draft = ConceptDraft(key=ui, name=name, kind="descriptor",
                                 tree_numbers=[t.text.strip() for t in rec.iterfind("TreeNumberList/TreeNumber") if t.text],
                                 pharm_actions=_pharm_actions(rec), scope_note=_preferred_scope_note(rec))
            draft.add_term(name, "name")
            _terms(rec, draft)
            yield draft


def read_supplementary(path: Path, errors: ErrorLog | None = None) -> Iterator[ConceptDraft]:
    """One draft per SupplementalRecord: name, all concepts' terms, headings mapped to, actions, note."""
    with open_xml(path) as stream:
        for n, rec in enumerate(iterparse(stream, "SupplementalRecord", str(path), huge_tree=True), start=1):
            ui, name = _text(rec, "SupplementalRecordUI"), _text(rec, "SupplementalRecordName/String")
            if not ui or not name:
                if errors is not None:
                    errors.report(str(path), n, "SupplementalRecord without SupplementalRecordUI or name")
                continue
            mapped = [m.lstrip("*") for m in (_text(h, "DescriptorReferredTo/DescriptorUI")
                                              for h in rec.iterfind("HeadingMappedToList/HeadingMappedTo")) if m]
            note = " ".join(_text(rec, "Note").split()) or _preferred_scope_note(rec)
            draft = ConceptDraft(key=ui, name=name, kind="supplementary", mapped_to=mapped,
                                 pharm_actions=_pharm_actions(rec), scope_note=note)
            draft.add_term(name, "name")
            _terms(rec, draft)
            yield draft
