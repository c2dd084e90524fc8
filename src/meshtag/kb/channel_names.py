"""A cation channel family's name without the word "Cation".

MeSH names channel families "TRPV Cation Channels", "TRPC Cation Channels", "Cyclic Nucleotide-Gated Cation
Channels"; papers write "TRPV channels", "TRPC channels", "cyclic nucleotide-gated channels", which the lookup
matched only fuzzily, to the parent family (Transient Receptor Potential Channels). For every term of a labelled
receptor that ends in "Cation Channel(s)", the build adds the same term without "Cation".
"""
from __future__ import annotations

import re

from meshtag.kb.concept import ConceptDraft

RECEPTOR = "RECEPTOR"
_CATION_CHANNEL = re.compile(r"(?P<family>\S.*?)\s+(?i:cation)\s+(?P<channel>(?i:channels?))")


def without_cation(term: str) -> str | None:
    """The term without "Cation" before its last word "Channel(s)", or None.

    >>> [without_cation(t) for t in ("TRPV Cation Channels", "TRPC3 cation channel", "Cation Channels")]
    ['TRPV Channels', 'TRPC3 channel', None]
    >>> without_cation("Transient Receptor Potential Cation Channel Subfamily C") is None
    True
    """
    m = _CATION_CHANNEL.fullmatch(term)
    return None if m is None else f"{m['family']} {m['channel']}"


def add_channel_spellings(drafts: dict[str, ConceptDraft]) -> int:
    """Give labelled receptors their cation channel terms without "Cation"; returns how many were added."""
    return sum(d.add_variants(without_cation) for d in drafts.values() if d.label == RECEPTOR)
