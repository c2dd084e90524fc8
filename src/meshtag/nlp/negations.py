"""Negated modifiers: "non-papillary renal cell carcinoma" is a renal cell carcinoma that is not papillary, and a
"non-diabetic" control has no diabetes.

A disease candidate written right after "non-" (or "non ") whose first word is the negated modifier is linked to
what the rest of it names ("renal cell carcinoma"); the mention is the whole phrase, as NCBI-disease annotates it
("nonpapillary renal cell carcinoma", "nonhereditary cancer"), or under the bc5cdr conventions the rest alone
(BC5CDR: "non-immune thrombocytopenia" -> "thrombocytopenia"). When the rest names nothing the candidate goes. (A
negated word outside the candidate is left out of it: NCBI-disease's training set leaves "non-Jewish" and
"nonneonatal" out.) A candidate of one negated word ("non-diabetic controls", "non-FAP patients") is no mention of
the disease, which NCBI-disease leaves unannotated; BC5CDR annotates the word ("non-hypertensive", "non-PD": 4 of 4
in its training set), so the bc5cdr conventions keep it. Names that carry the prefix themselves ("non-Hodgkin
lymphoma", "non-small cell lung cancer") are KB terms, matched whole before this runs; drugs and receptors are left
alone ("non-warfarin users" mention warfarin)."""
from __future__ import annotations

import dataclasses
import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import Candidate, get_candidates, set_candidates, text_of
from meshtag.nlp.conventions import ConventionsComponent

_NON_BEFORE = re.compile(r"(?<![\w-])non[- ]?$", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[\w'-]+\s+")
LABEL = "CONDITION"


@Language.factory("meshtag_negated_modifiers", default_config={"kb_path": None, "conventions": "meshtag"})
def make_negated_modifiers(nlp: Language, name: str, kb_path: str | None, conventions: str) -> "NegatedModifiers":
    return NegatedModifiers(kb_path, conventions)


class NegatedModifiers(ConventionsComponent):
    """Rewrites or drops the disease candidates whose first word a "non-" prefix negates."""

    def negated(self, cand: Candidate, text: str, non: re.Match) -> Candidate | None:
        """The candidate as it stands after the "non" the caller found before it (`non`); None to drop it."""
        first = _FIRST_WORD.match(text, cand.start, cand.end)
        if first is None:
            return cand if self.conventions == "bc5cdr" else None
        ids = self.kb.named_ids(text[first.end():cand.end], LABEL)  # the disease the rest names
        if not ids:
            return None
        start = first.end() if self.conventions == "bc5cdr" else non.start()
        return dataclasses.replace(cand, start=start, concept_ids=ids)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        if "non" not in text and "Non" not in text:
            return doc
        candidates = get_candidates(doc)
        out = []
        for cand in candidates:
            label = self.kb.label(cand.concept_ids[0]) if cand.concept_ids else cand.label
            non = _NON_BEFORE.search(text, max(0, cand.start - 4), cand.start) if label == LABEL else None
            if non is not None:
                cand = self.negated(cand, text, non)
            if cand is not None:
                out.append(cand)
        set_candidates(doc, out)
        return doc
