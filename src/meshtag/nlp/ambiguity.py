"""Ambiguity control: short or common-word aliases (MOR, CP, DE, KO, "lead", "can") are kept only with
evidence — a definition in the text (handled by propagation), the same concept named unambiguously
elsewhere in the document, or a cue word for the concept's label next to it. A bare "cortex" or "medulla"
is the brain's only in a document about the nervous system, not in one about the kidney or adrenal gland
(annotation guideline 2.2)."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import KBComponent, get_candidates, set_candidates, text_of

# Words that, within CUE_WINDOW words of an ambiguous alias, support reading it as a concept of that label.
LABEL_CUES: dict[str, frozenset[str]] = {
    "RECEPTOR": frozenset("receptor receptors channel channels agonist agonists antagonist antagonists "
                          "antagonism agonism binding knockout subunit subunits signaling signalling".split()),
    "DRUG": frozenset("mg kg dose doses dosage administered administration injection injected infusion "
                      "exposure exposed levels concentration concentrations poisoning intoxication toxicity "
                      "treated treatment intake overdose".split()),
    "CONDITION": frozenset("patients patient disease diseases syndrome disorder disorders symptoms diagnosed "
                           "diagnosis severity incidence prevalence suffering".split()),
    "BRAIN_REGION": frozenset("neurons neuronal lesion lesions region regions nucleus nuclei cortex "
                              "injection microinjection projections".split()),
}
CUE_WINDOW = 4
# organ parts named like brain regions, and what tells the organ they belong to
ORGAN_PARTS = frozenset({"cortex", "cortices", "medulla", "medullas", "medullae"})
OTHER_ORGAN = re.compile(r"\b(?:renal|kidneys?|nephr\w*|adrenal\w*|glomerul\w*|tubul\w*)\b", re.IGNORECASE)
NERVOUS_SYSTEM = re.compile(r"\b(?:brain\w*|cerebr\w*|neur\w*|cns|spinal|hippocamp\w*|thalam\w*|striat\w*)\b",
                            re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
AMBIGUOUS_SCORE = 0.6


def window_words(text: str, start: int, end: int, n: int = CUE_WINDOW) -> set[str]:
    """Lowercased words among the n before `start` and the n after `end`.

    >>> sorted(window_words("the MOR receptors in rats", 4, 7, 1))
    ['receptors', 'the']
    """
    before = _WORD.findall(text[max(0, start - 12 * n):start])[-n:]
    after = _WORD.findall(text[end:end + 12 * n])[:n]
    return {w.lower() for w in before + after}


@Language.factory("meshtag_ambiguity", default_config={"kb_path": None})
def make_ambiguity_filter(nlp: Language, name: str, kb_path: str | None) -> "AmbiguityFilter":
    return AmbiguityFilter(kb_path)


class AmbiguityFilter(KBComponent):
    """Drops ambiguous dictionary candidates that have no supporting evidence in the document."""

    def supported(self, cand, text: str, sure_ids: set[str]) -> bool:
        if not cand.case_ok:
            return False
        if any(cid in sure_ids for cid in cand.concept_ids):
            return True
        label = self.kb.label(cand.concept_ids[0]) if cand.concept_ids else None
        cues = LABEL_CUES.get(label or "", frozenset())
        return bool(cues & window_words(text, cand.start, cand.end))

    def other_organs_parts(self, candidates: list, text: str) -> list:
        """The bare "cortex"/"medulla" brain regions of a document that names the kidney or adrenal gland and
        no part of the nervous system ("AQP2 mRNA in the medulla but not in the cortex")."""
        parts = [c for c in candidates if c.concept_ids and text[c.start:c.end].lower() in ORGAN_PARTS]
        if not parts or not OTHER_ORGAN.search(text) or NERVOUS_SYSTEM.search(text):
            return []
        return [c for c in parts if self.kb.label(c.concept_ids[0]) == "BRAIN_REGION"]

    def __call__(self, doc: Doc) -> Doc:
        candidates = get_candidates(doc)
        text = text_of(doc)
        misread = self.other_organs_parts(candidates, text)
        if misread:
            candidates = [c for c in candidates if not any(c is m for m in misread)]
            set_candidates(doc, candidates)
        if not any(c.ambiguous for c in candidates):
            return doc
        sure_ids = {cid for c in candidates if not c.ambiguous for cid in c.concept_ids[:1]}
        kept = []
        for cand in candidates:
            if cand.ambiguous and cand.source == "dictionary":
                if not self.supported(cand, text, sure_ids):
                    continue
                cand.score = min(cand.score, AMBIGUOUS_SCORE)
            kept.append(cand)
        set_candidates(doc, kept)
        return doc
