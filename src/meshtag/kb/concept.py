"""Records of the knowledge base: concepts, dictionary matches and lookup candidates."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

TERM_KINDS: tuple[str, ...] = ("name", "synonym", "curated", "hgnc")


def public_id(key: str) -> str:
    """'D009437' -> 'MESH:D009437'; 'HGNC:497' stays as it is.

    >>> public_id("D009437"), public_id("MESH:C473350"), public_id("HGNC:497")
    ('MESH:D009437', 'MESH:C473350', 'HGNC:497')
    """
    return key if ":" in key else "MESH:" + key


def internal_id(concept_id: str) -> str:
    """'MESH:D009437' or 'D009437' -> 'D009437' (the key the compiled tables use).

    >>> internal_id("MESH:D009437"), internal_id("mesh:d009437"), internal_id("HGNC:497")
    ('D009437', 'D009437', 'HGNC:497')
    """
    cid = concept_id.strip()
    if cid[:5].upper() == "MESH:":
        cid = cid[5:]
    return cid.upper() if ":" not in cid else cid


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept as the tagger and reports see it."""

    id: str                           # MESH:D…, MESH:C… or HGNC:…
    name: str
    label: str | None
    tree_numbers: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()     # ids of the parent descriptors (tree numbers or mapped headings)
    pharm_actions: tuple[str, ...] = ()
    scope_note: str = ""
    mapped_to: tuple[str, ...] = ()   # supplementary concepts: the headings they map to
    related_id: str | None = None     # HGNC-only concepts: the closest MeSH concept
    kind: str = "descriptor"
    flags: tuple[str, ...] = ()       # e.g. "related_is_family" for HGNC genes linked to a family


class TermMatch(NamedTuple):
    """A dictionary hit in raw text (a NamedTuple: the scanner makes many, cheaply)."""

    start: int
    end: int
    text: str
    key: str
    concept_ids: tuple[str, ...]
    kinds: tuple[str, ...]
    ambiguous: bool
    case_sensitive_ok: bool


class Candidate(NamedTuple):
    """A `lookup` result."""

    id: str
    name: str
    label: str | None
    score: float


@dataclass
class ConceptDraft:
    """A concept while a knowledge base is being built (ids without the MESH: prefix)."""

    key: str
    name: str
    kind: str
    tree_numbers: list[str] = field(default_factory=list)
    terms: list[tuple[str, str]] = field(default_factory=list)  # (term text, term kind), name first
    pharm_actions: list[str] = field(default_factory=list)
    scope_note: str = ""
    mapped_to: list[str] = field(default_factory=list)
    related_id: str | None = None
    flags: list[str] = field(default_factory=list)
    label: str | None = None
    parents: list[str] = field(default_factory=list)

    def add_term(self, text: str, kind: str) -> None:
        text = text.strip()
        if text and all(t != text for t, _ in self.terms):
            self.terms.append((text, kind))

    def add_variants(self, variant: Callable[[str], str | None]) -> int:
        """Add `variant(term)` of each present term as a synonym, unless the concept has it in any casing (the
        build's respellings: possessive eponyms, type numbers); returns how many were added."""
        have = {t.lower() for t, _ in self.terms}
        added = 0
        for term, _ in list(self.terms):
            new = variant(term)
            if new is not None and new.lower() not in have:
                self.add_term(new, "synonym")
                have.add(new.lower())
                added += 1
        return added
