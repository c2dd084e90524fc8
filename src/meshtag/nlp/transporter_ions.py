"""Ions named inside an ion transporter's name, under the bc5cdr conventions: BC5CDR annotates every ion symbol of
"(Na,K)-ATPase", "Na-K-2Cl cotransporter", "Na(+)/H(+) exchanger" or "epithelial Na channel" as the chemical (18 of
19 in its training set), while the dictionary reads only the first, if any: a one- or two-letter symbol is an
ambiguous alias, "Cl" and "H" are no KB terms, and "2Cl" is inside a word. The other conventions tag the transporter
or channel itself, not the ions of its name.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import Candidate, displaced_by, get_candidates, set_candidates, text_of
from meshtag.nlp.conventions import ConventionsComponent

# symbol -> the element it names, linked through the KB (BC5CDR links each symbol to its element: Na to Sodium, "Cl"
# to Chlorine, 3 of 3 in its development set, while "chloride" is Chlorides)
ION_NAMES = {"Na": "sodium", "K": "potassium", "Cl": "chlorine", "H": "hydrogen", "Ca": "calcium", "Mg": "magnesium",
             "Li": "lithium", "HCO3": "bicarbonate"}
_SYMBOL = "|".join(sorted(ION_NAMES, key=len, reverse=True))
# a charge: "(+)", "(2+)", "+", "+2", "2+", and a "-" that no symbol or count follows ("Cl-", not the "-" of "Na-K")
_CHARGE = r"(?:\(\d?[+-]\)|\d?\+\d?(?![A-Za-z])|-(?![\w(]))"
_ION = rf"\d?(?:{_SYMBOL}){_CHARGE}?"
# "(Na,K)-ATPase", "Na+/ K+ ATPase", "Na(+)-K(+)-2Cl(-) cotransporter", "epithelial Na channel"
TRANSPORTER_NAME = re.compile(
    rf"(?<![\w(+-])\(?{_ION}(?:\s?[-/,]\s?{_ION})*\)?(?=[\s-]?(?:ATPases?|exchangers?|co-?transporters?|symporters?|"
    rf"antiporters?|pumps?|channels?)\b)")
# one ion of such a name: its symbol alone, as BC5CDR annotates it ("2Cl(-)" -> "Cl", "Ca+2" -> "Ca")
ION_IN_NAME = re.compile(_SYMBOL)


@Language.factory("meshtag_transporter_ions", default_config={"kb_path": None, "conventions": "meshtag"})
def make_transporter_ions(nlp: Language, name: str, kb_path: str | None, conventions: str) -> "TransporterIons":
    return TransporterIons(kb_path, conventions)


class TransporterIons(ConventionsComponent):
    """Under the bc5cdr conventions, makes each ion of an ion transporter's name a chemical mention."""

    def __init__(self, kb_path: str | None = None, conventions: str = "meshtag"):
        super().__init__(kb_path, conventions)
        self._ion_ids: dict[str, tuple[str, ...]] = {}  # symbol -> the chemical its name links to, looked up once

    def ions(self, text: str) -> list[Candidate]:
        """A candidate for every ion symbol in the transporter names of `text`.

        >>> found = TransporterIons().ions("The Na-K-2Cl cotransporter and the (Na,K)-ATPase; Na channels; NaCl.")
        >>> [("The Na-K-2Cl cotransporter and the (Na,K)-ATPase; Na channels; NaCl."[c.start:c.end], c.concept_ids)
        ...  for c in found][:3]
        [('Na', ('MESH:D012964',)), ('K', ('MESH:D011188',)), ('Cl', ('MESH:D002713',))]
        >>> len(found)
        6
        """
        found = []
        for name in TRANSPORTER_NAME.finditer(text):
            for ion in ION_IN_NAME.finditer(text, name.start(), name.end()):
                symbol = ion.group()
                if symbol not in self._ion_ids:
                    self._ion_ids[symbol] = self.kb.named_ids(ION_NAMES[symbol], "DRUG")
                ids = self._ion_ids[symbol]
                if ids:
                    found.append(Candidate(ion.start(), ion.end(), ids, "pattern"))
        return found

    def __call__(self, doc: Doc) -> Doc:
        if self.conventions != "bc5cdr":
            return doc
        text = text_of(doc)
        ions = self.ions(text)
        if ions:
            set_candidates(doc, displaced_by(get_candidates(doc), ions))
        return doc
