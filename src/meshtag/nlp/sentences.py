"""Sentence segmentation for abstracts: rule-based, fast, and safe around "et al.", "e.g.", "vs.",
decimals and parentheses; the title is always its own sentence."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

# Tokens that end with a period without ending a sentence (compared case-insensitively, without the dot).
ABBREVIATIONS = frozenset(
    "al e.g eg i.e ie vs v cf fig figs approx ca dr mr mrs ms prof no nos vol vols resp incl eq eqs ref refs "
    "st sp spp var subsp jr inc ltd co corp dept univ viz etc".split()
)
_CANDIDATE = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z0-9\[\"'\u0370-\u03ff])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")

TITLE_END_KEY = "meshtag_title_end"  # doc.user_data key: offset where the abstract starts (set by tagging)


def sentence_starts(text: str, title_end: int | None = None) -> list[int]:
    """Character offsets where sentences start (always including 0).

    >>> t = "Pain et al. report 3.5 mg (n = 3. 4). It works, e.g. in rats. Next one!"
    >>> [t[i:i + 4] for i in sentence_starts(t)]
    ['Pain', 'It w', 'Next']
    """
    starts = [0]
    if title_end and 0 < title_end < len(text):
        starts.append(title_end)
    depth = 0
    last = 0
    for m in _CANDIDATE.finditer(text):
        segment = text[last:m.start()]
        depth = max(0, depth + segment.count("(") + segment.count("[") - segment.count(")") - segment.count("]"))
        last = m.start()
        if depth > 0:
            continue
        word = _WORD_BEFORE.search(text, 0, m.start())
        if text[m.start()] == "." and word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        starts.append(m.end())
    return sorted(set(starts))


@Language.factory("meshtag_sentences", default_config={})
def make_sentence_segmenter(nlp: Language, name: str) -> "SentenceSegmenter":
    return SentenceSegmenter()


class SentenceSegmenter:
    """Sets `token.is_sent_start` from `sentence_starts` (character rules, no model)."""

    def __call__(self, doc: Doc) -> Doc:
        starts = sentence_starts(doc.text, doc.user_data.get(TITLE_END_KEY))
        boundaries = iter(starts[1:])
        next_start = next(boundaries, None)
        for token in doc:
            if token.i == 0:
                token.is_sent_start = True
                continue
            is_start = False
            while next_start is not None and token.idx >= next_start:
                is_start = True
                next_start = next(boundaries, None)
            token.is_sent_start = is_start
        return doc

    def to_disk(self, path, exclude=()) -> None:  # stateless: nothing beyond the config
        pass

    def from_disk(self, path, exclude=()) -> "SentenceSegmenter":
        return self
