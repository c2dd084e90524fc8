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


def _named_records(path: Path, tag: str, ui_path: str, name_path: str, missing: str,
                   errors: ErrorLog | None) -> Iterator[tuple[etree._Element, str, str]]:
    """(record, UI, name) of every `tag` record, streamed; one without UI or name is reported as `missing`."""
    with open_xml(path) as stream:
        for n, rec in enumerate(iterparse(stream, tag, str(path), huge_tree=True), start=1):
            ui, name = _text(rec, ui_path), _text(rec, name_path)
            if not ui or not name:
                if errors is not None:
                    errors.report(str(path), n, missing)
                continue
            yield rec, ui, name


def _with_terms(draft: ConceptDraft, rec: etree._Element) -> ConceptDraft:
    """The draft with its name and every term of every concept of its record."""
    draft.add_term(draft.name, "name")
    _terms(rec, draft)
    return draft


def read_descriptors(path: Path, errors: ErrorLog | None = None) -> Iterator[ConceptDraft]:
    """One draft per DescriptorRecord: name, all concepts' terms, tree numbers, actions, scope note."""
    for rec, ui, name in _named_records(path, "DescriptorRecord", "DescriptorUI", "DescriptorName/String",
                                        "DescriptorRecord without DescriptorUI or DescriptorName", errors):
        yield _with_terms(ConceptDraft(
            key=ui, name=name, kind="descriptor",
            tree_numbers=[t.text.strip() for t in rec.iterfind("TreeNumberList/TreeNumber") if t.text],
            pharm_actions=_pharm_actions(rec), scope_note=_preferred_scope_note(rec)), rec)


def read_supplementary(path: Path, errors: ErrorLog | None = None) -> Iterator[ConceptDraft]:
    """One draft per SupplementalRecord: name, all concepts' terms, headings mapped to, actions, note."""
    for rec, ui, name in _named_records(path, "SupplementalRecord", "SupplementalRecordUI",
                                        "SupplementalRecordName/String",
                                        "SupplementalRecord without SupplementalRecordUI or name", errors):
        mapped = [m.lstrip("*") for m in (_text(h, "DescriptorReferredTo/DescriptorUI")
                                          for h in rec.iterfind("HeadingMappedToList/HeadingMappedTo")) if m]
        note = " ".join(_text(rec, "Note").split()) or _preferred_scope_note(rec)
        yield _with_terms(ConceptDraft(key=ui, name=name, kind="supplementary", mapped_to=mapped,
                                       pharm_actions=_pharm_actions(rec), scope_note=note), rec)
