"""KB dictionary matching: longest normalised matches of MeSH names, entry terms and curated terms."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import Candidate, get_candidates, get_kb


def inside_word(text: str, start: int, end: int) -> bool:
    """True when a match starts or ends in the middle of a word ("5-HT" inside "5-HT1A").

    >>> inside_word("5-HT1A receptor", 0, 4), inside_word("5-HT receptor", 0, 4)
    (True, False)
    """
    return (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())


@Language.factory("meshtag_dictionary", default_config={"kb_path": None})
def make_dictionary_matcher(nlp: Language, name: str, kb_path: str | None) -> "DictionaryMatcher":
    return DictionaryMatcher(kb_path)


class DictionaryMatcher:
    """Adds a Candidate for every labelled KB term match (longest match; nested spans lose)."""

    def __init__(self, kb_path: str | None = None):
        self.kb_path = kb_path
        self.kb = get_kb(kb_path)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        candidates = get_candidates(doc)
        for match in self.kb.find(text):
            if inside_word(text, match.start, match.end):
                continue
            ids = tuple(cid for cid in match.concept_ids if self.kb.get(cid) and self.kb.get(cid).label)
            if ids:
                candidates.append(Candidate(match.start, match.end, ids, "dictionary",
                                            ambiguous=match.ambiguous, case_ok=match.case_sensitive_ok))
        return doc

    def to_disk(self, path, exclude=()) -> None:  # the KB is an external resource named in the config
        pass

    def from_disk(self, path, exclude=()) -> "DictionaryMatcher":
        return self
