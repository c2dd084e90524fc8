"""Accurate mode: mentions found by the statistical NER that the dictionary missed, linked to the KB
through its candidate generator (`kb.lookup`). A mention whose best candidate scores below the
threshold is kept with its label but no concept (flagged unlinked)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import Candidate, StatelessComponent, get_candidates, get_kb

DEFAULT_THRESHOLD = 0.75   # below: kept with its label, flagged unlinked
DEFAULT_MIN_SCORE = 0.5    # below: not a mention of anything the KB knows (e.g. "Meanwhile"), dropped
LOOKUP_CANDIDATES = 5
LINK_CACHE_SIZE = 100_000


@Language.factory("meshtag_model_linker",
                  default_config={"kb_path": None, "threshold": DEFAULT_THRESHOLD, "min_score": DEFAULT_MIN_SCORE})
def make_model_linker(nlp: Language, name: str, kb_path: str | None, threshold: float,
                      min_score: float) -> "ModelLinker":
    return ModelLinker(kb_path, threshold, min_score)


class ModelLinker(StatelessComponent):
    """Adds the NER's entities (in `doc.ents`) as candidates, linked by label-compatible KB lookup.

    An unlinked model mention never displaces dictionary mentions it overlaps ("neuropathic pain
    disorders" keeps the linked "neuropathic pain"), and one the KB knows nothing like is dropped.
    """

    def __init__(self, kb_path: str | None = None, threshold: float = DEFAULT_THRESHOLD,
                 min_score: float = DEFAULT_MIN_SCORE):
        self.kb = get_kb(kb_path)
        self.threshold = threshold
        self.min_score = min_score
        self._links: dict[tuple[str, str], tuple[tuple[str, ...], float]] = {}

    def link(self, text: str, label: str) -> tuple[tuple[str, ...], float]:
        """Concept ids (best first) of the given label for a mention text, and the best score
        (memoised: mention strings repeat across abstracts and the fuzzy lookup is the costly part)."""
        key = (text, label)
        if key not in self._links:
            if len(self._links) >= LINK_CACHE_SIZE:
                self._links.clear()
            self._links[key] = self._link(text, label)
        return self._links[key]

    def _link(self, text: str, label: str) -> tuple[tuple[str, ...], float]:
        hits = [h for h in self.kb.lookup(text, limit=LOOKUP_CANDIDATES) if h.label == label]
        if not hits or hits[0].score < self.threshold:
            return (), (hits[0].score if hits else 0.0)
        return tuple(h.id for h in hits), hits[0].score

    def __call__(self, doc: Doc) -> Doc:
        candidates = get_candidates(doc)
        known = list(candidates)
        exact = {(c.start, c.end) for c in known}
        for ent in doc.ents:
            if (ent.start_char, ent.end_char) in exact:
                continue  # the dictionary already has this very span, linked
            ids, score = self.link(ent.text, ent.label_)
            cand = Candidate(ent.start_char, ent.end_char, ids, "model", score=score, label=ent.label_)
            if not ids:
                if score < self.min_score or any(cand.overlaps(k) for k in known):
                    continue
                cand.notes.append("unlinked")
            candidates.append(cand)
        doc.ents = []
        return doc
