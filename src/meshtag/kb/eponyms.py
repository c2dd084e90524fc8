"""Possessive spellings of eponymous disease names MeSH lists only without the possessive.

MeSH writes "Alzheimer's Disease" but only "Alzheimer Dementia", "Barrett Metaplasia", "Broca Aphasia",
"Leigh Syndrome"; papers write "Alzheimer's dementia", "Barrett's metaplasia", "Leigh's syndrome", which then
matched only the bare head ("metaplasia") or a kept modifier. The eponyms are the names MeSH itself writes
with "'s" at the start of some condition's term ("Barrett's Esophagus"), and the heads the last words of at least
MIN_HEAD_USES condition terms, so only two-word names of a person and a disease word are re-spelled.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from meshtag.kb.concept import ConceptDraft

CONDITION = "CONDITION"
_POSSESSIVE_START = re.compile(r"([A-Z][a-z]+)'s ")
_EPONYM_AND_HEAD = re.compile(r"([A-Z][a-z]+) ([A-Za-z]+)")
_PLAIN_WORD = re.compile(r"[a-z]+")
MIN_HEAD_USES = 3  # a head word ends at least this many condition terms ("dementia", "metaplasia", "syndrome")


def _condition_terms(drafts: Iterable[ConceptDraft]) -> Iterable[tuple[ConceptDraft, str]]:
    for d in drafts:
        if d.label == CONDITION:
            yield from ((d, t) for t, _ in d.terms)


def eponyms_and_heads(drafts: Iterable[ConceptDraft]) -> tuple[set[str], set[str]]:
    """The names condition terms start with in the possessive ("Alzheimer's Disease" -> Alzheimer), and the
    lowercased last words of uninverted condition terms used at least MIN_HEAD_USES times (the disease heads)."""
    eponyms: set[str] = set()
    heads: Counter[str] = Counter()
    for _, term in _condition_terms(drafts):
        if (m := _POSSESSIVE_START.match(term)) is not None:
            eponyms.add(m[1])
        if "," not in term and "(" not in term:
            last = term.rsplit(" ", 1)[-1].lower()
            if _PLAIN_WORD.fullmatch(last):
                heads[last] += 1
    return eponyms, {h for h, n in heads.items() if n >= MIN_HEAD_USES}


def possessive_variant(term: str, eponyms: set[str], heads: set[str]) -> str | None:
    """ "Eponym's Head" for a two-word condition term "Eponym Head", else None.

    >>> possessive_variant("Barrett Metaplasia", {"Barrett"}, {"metaplasia"})
    "Barrett's Metaplasia"
    >>> possessive_variant("Charcot Marie", {"Charcot"}, {"disease"}) is None
    True
    """
    m = _EPONYM_AND_HEAD.fullmatch(term)
    if m is None or m[1] not in eponyms or m[2].lower() not in heads:
        return None
    return f"{m[1]}'s {m[2]}"


def add_possessive_eponyms(drafts: dict[str, ConceptDraft]) -> int:
    """Give labelled conditions the possessive spelling of their two-word eponymous terms; returns how many."""
    eponyms, heads = eponyms_and_heads(drafts.values())
    return sum(d.add_variants(lambda term: possessive_variant(term, eponyms, heads))
               for d in drafts.values() if d.label == CONDITION)
