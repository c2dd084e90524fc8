"""A disease's type number in the other numeral system than MeSH wrote it.

MeSH writes "Diabetes Mellitus, Type 1" but not "type I diabetes", "Complex Regional Pain Syndrome, Type I" but not
"type 1"; papers use both ("type I diabetes" had linked only to Diabetes Mellitus). For every term of a labelled
condition with "Type <n>" (roman I-X or arabic 1-10, not a decimal such as "Type 1.5"), the build adds the same term
with the other numeral, when the concept does not have it already.
"""
from __future__ import annotations

import re

from meshtag.kb.concept import ConceptDraft

CONDITION = "CONDITION"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_TO_ARABIC = {roman: str(n) for n, roman in enumerate(_ROMAN, start=1)}
_TO_ROMAN = {arabic: roman for roman, arabic in _TO_ARABIC.items()}
_TYPE_NUMBER = re.compile(r"\b(?i:types?)\s+([IVX]+|\d{1,2})(?![\w.-])")


def other_numeral(term: str) -> str | None:
    """The term with its type number in the other numeral system, or None.

    >>> other_numeral("Diabetes, Type 1"), other_numeral("CRPS Type II"), other_numeral("Type 1.5 Diabetes")
    ('Diabetes, Type I', 'CRPS Type 2', None)
    """
    m = _TYPE_NUMBER.search(term)
    if m is None:
        return None
    other = _TO_ARABIC.get(m[1]) or _TO_ROMAN.get(m[1])
    return None if other is None else f"{term[:m.start(1)]}{other}{term[m.end(1):]}"


def add_type_number_spellings(drafts: dict[str, ConceptDraft]) -> int:
    """Give labelled conditions their typed terms in the other numeral system; returns how many were added."""
    return sum(d.add_variants(other_numeral) for d in drafts.values() if d.label == CONDITION)
