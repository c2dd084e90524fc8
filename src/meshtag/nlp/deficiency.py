"""Deficiency adjectives: "G6PD-deficient", "C7-deficient", "VLCAD deficient" name the deficiency disease.

MeSH names the disease as a noun phrase ("Glucosephosphate Dehydrogenase Deficiency", entry term "G6PD
deficiency"; "Complement Component 7 Deficiency", "C7 deficiency"), so the dictionary finds only the gene
or protein in its adjective form. NCBI-disease annotates the adjective as the disease (training set: 13 of
15 such forms whose noun phrase is a MeSH disease term; the other two in abstracts that do not name the
disease). At each "X-deficient" / "X deficient" whose X is written as a symbol (an upper-case letter or a
digit: "protein-deficient" and "enzyme-deficient" name no disease) and whose "X deficiency" is a term of a
CONDITION concept, the words become a candidate of that concept; overlap resolution prefers it to the
gene or protein inside.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import Candidate, KBComponent, get_candidates, text_of

ADJECTIVE = re.compile(r"(?<![\w-])([A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*)[- ]deficient\b")
NOTE = "deficiency adjective"


@Language.factory("meshtag_deficiency_adjectives", default_config={"kb_path": None})
def make_deficiency_adjectives(nlp: Language, name: str, kb_path: str | None) -> "DeficiencyAdjectives":
    return DeficiencyAdjectives(kb_path)


class DeficiencyAdjectives(KBComponent):
    """Adds "X-deficient" as a candidate of the disease "X deficiency" names."""

    def disease_ids(self, symbol: str) -> tuple[str, ...]:
        """CONDITION concepts that have "<symbol> deficiency" as an exact term, best first."""
        return tuple(hit.id for hit in self.kb.lookup(f"{symbol} deficiency", limit=3, fuzzy=False)
                     if hit.score >= 1.0 and hit.label == "CONDITION")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        if "deficient" not in text:
            return doc
        candidates = get_candidates(doc)
        for m in ADJECTIVE.finditer(text):
            ids = self.disease_ids(m.group(1))
            if ids:
                candidates.append(Candidate(m.start(), m.end(), ids, "dictionary", notes=[NOTE]))
        return doc
