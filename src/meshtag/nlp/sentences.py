"""Sentence segmentation for abstracts: rule-based, fast, and safe around "et al.", "e.g.", "vs.",
decimals and parentheses; the title is always its own sentence."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import partial

import numpy as np
from spacy.attrs import SENT_START

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import StatelessComponent, text_of
from meshtag.nlp.mentions import SENTENCES_KEY, TokenBounds
from meshtag.nlp.scan_patterns import not_after

# Tokens that end with a period without ending a sentence (compared case-insensitively, without the dot).
ABBREVIATIONS = frozenset(
    "al e.g eg i.e ie vs v cf fig figs approx ca dr mr mrs ms prof no nos vol vols resp incl eq eqs ref refs "
    "st sp spp var subsp jr inc ltd co corp dept univ viz etc".split()
)
_CANDIDATE = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z0-9\[\"'\u0370-\u03ff])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_LONGEST_ABBREVIATION = 12  # characters looked back for the word before a period

TITLE_END_KEY = "meshtag_title_end"  # doc.user_data key: offset where the abstract starts (set by tagging)
# a single capital and the period that ends its sentence, which spaCy keeps as one token as it does an initial's
# ("vitamin D.", "hepatitis C.", "type I."): an entity would carry the period
_CAPITAL_AND_PERIOD = re.compile(not_after(r"[\w.]", r"[A-Z]\.") + r"(?=\s|$)")
_SPACES = re.compile(r"\s*")


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
        word = _WORD_BEFORE.search(text, max(0, m.start() - _LONGEST_ABBREVIATION), m.start())
        if text[m.start()] == "." and word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        starts.append(m.end())
    return sorted(set(starts))


@Language.factory("meshtag_sentences", default_config={})
def make_sentence_segmenter(nlp: Language, name: str) -> "SentenceSegmenter":
    return SentenceSegmenter()


class SentenceSegmenter(StatelessComponent):
    """Sets `token.is_sent_start` from `sentence_starts` (character rules, no model)."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        text = text_of(doc)
        starts = sentence_starts(text, doc.user_data.get(TITLE_END_KEY))
        split_final_periods(doc, text, starts)
        n = len(doc)
        tokens = TokenBounds(doc)
        # a sentence starts at the first token at or after each boundary offset (a few per doc: bisect, not numpy)
        first = sorted({i for i in map(partial(bisect_left, tokens.starts), starts[1:]) if 0 < i < n})
        flags = np.full(n, -1, dtype=np.int32)
        flags[[0, *first]] = 1
        doc.from_array([SENT_START], flags.reshape(-1, 1).astype(np.uint64))
        bounds = [0, *first, n]
        doc.user_data[SENTENCES_KEY] = [tokens.chars(a, b) for a, b in zip(bounds, bounds[1:])]
        return doc


def split_final_periods(doc: Doc, text: str, starts: list[int]) -> None:
    """Split the period off a single capital that ends a sentence ("vitamin D." -> "D", "."), so that entities
    end where their names do; `starts` are the sentence starts of `text`."""
    boundaries = {*starts, len(text)}
    ends = [m.start() for m in _CAPITAL_AND_PERIOD.finditer(text) if _SPACES.match(text, m.end()).end() in boundaries]
    if not ends:
        return
    bounds = TokenBounds(doc)
    with doc.retokenize() as retokenizer:
        for at in ends:
            i = bisect_left(bounds.starts, at)
            if i < len(doc) and bounds.starts[i] == at and bounds.ends[i] == at + 2:
                token = doc[i]
                retokenizer.split(token, [token.text[0], "."], heads=[(token, 0), (token, 0)])
