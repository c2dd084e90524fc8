"""Abbreviation definitions ("sigma-1 receptor (S1R)") with scispaCy's Schwartz & Hearst detector.

scispaCy's AbbreviationDetector finds parenthesised candidates with a `Matcher` pattern `( + )` and
later uses of each short form with a per-document `Matcher`; on abstracts those two matchers (and
building `doc.text`) cost most of its time. This subclass finds both with a scan of the token ORTH
array and keeps the rest — `filter_matches`, `find_abbreviation`, and the `doc._.abbreviations` /
`span._.long_form` extensions — so its output is the same, plus the hyphenated short forms ("A-T") that
meshtag's tokenizer splits into several tokens and scispaCy's filter would then reject, and the short forms
written in a parenthetical list ("(FEO, MIM 174810)", "(MDS; n = 17)", "(Krabbe disease; AO-GLD)") that
scispaCy reads as one long form.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from scispacy.abbreviation import AbbreviationDetector, filter_matches, find_abbreviation, short_form_filter

from meshtag.nlp.candidates import StatelessComponent

MAX_PAREN_TOKENS = 10  # scispaCy's filter drops parentheticals of more than 8 words anyway
LIST_SEPARATORS = (";", ",")
MIN_LISTED_CAPITALS = 2  # "(i.p., 5 mg/kg)", "(ie, amphetamine)", "(Sham, N = 22)" are no definitions


def parenthesis_contents(orths: np.ndarray, open_id: int, close_id: int) -> list[tuple[int, int, int]]:
    """(0, start, end) token ranges strictly inside each innermost "( … )", like scispaCy's matcher output."""
    found = []
    open_at = None
    marks = np.flatnonzero((orths == open_id) | (orths == close_id))
    for i, opens in zip(marks.tolist(), (orths[marks] == open_id).tolist()):  # Python values: no numpy scalars
        if opens:
            open_at = i
        elif open_at is not None:
            if 1 < i - open_at <= MAX_PAREN_TOKENS + 1:
                found.append((0, open_at + 1, i))
            open_at = None
    return found


def occurrences(orths: np.ndarray, pattern: np.ndarray) -> list[int]:
    """Token indices where the ORTH sequence `pattern` occurs."""
    n = len(pattern)
    starts = np.flatnonzero(orths[: len(orths) - n + 1] == pattern[0]) if len(orths) >= n else []
    return [int(i) for i in starts if n == 1 or np.array_equal(orths[i:i + n], pattern)]


def hyphenated_short_form_ok(span: Span) -> bool:
    """scispaCy's short-form filter on whitespace-separated words, so "A-T" or "5-HT" (several tokens
    for meshtag's tokenizer, one word in the text) is judged as one word, as scispaCy's tokenizer would.

    `short_form_filter` wants every token 2-9 characters long; "A", "-", "T" fail it one by one.
    """
    words = span.text.split()
    return all(2 <= len(w) < 10 for w in words) and span.text[0].isalpha() and \
        sum(c.isalpha() for c in span.text) / len(span.text) >= 0.5


def long_form_window(doc: Doc, start: int, short: Span) -> Span:
    """The words before the bracket that opens at token `start` - 1, where a long form for `short` may be: as many
    as scispaCy's `filter_matches` looks back (min(length + 5, length * 2) for a short form of that length)."""
    length = len(short.text)
    return doc[max(start - min(length + 5, length * 2) - 1, 0):start - 1]


def filtered_candidates(matches: list[tuple[int, int, int]], doc: Doc) -> list[tuple[Span, Span]]:
    """scispaCy's `filter_matches`, plus hyphenated short forms it would reject for meshtag's tokens."""
    kept = filter_matches(matches, doc)
    seen = {(short.start, short.end) for _, short in kept}
    for _, start, end in matches:
        short = doc[start:end]
        if (start, end) in seen or end - start > 5 or start <= 1 or " " in short.text:
            continue
        if not short_form_filter(short) and hyphenated_short_form_ok(short):
            kept.append((long_form_window(doc, start, short), short))
    return kept


def listed_short_form_ok(span: Span) -> bool:
    """A short form in a parenthetical list: one word of 2-10 characters with at least two capitals.

    Looser candidates would be common words of a list ("(cardiac, cerebrovascular …)") or dosing notes
    ("(32 mg/kg, s.c.)") that Schwartz & Hearst's letter match can pair with the words before the bracket.
    """
    text = span.text
    return 2 <= len(text) <= 10 and " " not in text and sum(c.isupper() for c in text) >= MIN_LISTED_CAPITALS


def listed_candidates(matches: list[tuple[int, int, int]], doc: Doc) -> list[tuple[Span, Span]]:
    """(long-form candidate, short form) for a short form that opens a parenthetical list ("(FEO, MIM 174810)",
    "(MDS; n = 17)") or ends one after a semicolon ("(Krabbe disease; AO-GLD)"); the long-form candidate is the
    words before the bracket, as scispaCy takes them for "(short)"."""
    found = []
    for _, start, end in matches:
        separators = [i for i in range(start, end) if doc[i].text in LIST_SEPARATORS]
        if not separators or start <= 1:
            continue
        parts = [(start, separators[0])]
        if doc[separators[-1]].text == ";":
            parts.append((separators[-1] + 1, end))
        for first, last in parts:
            short = doc[first:last]
            if 0 < last - first <= 5 and listed_short_form_ok(short):
                found.append((long_form_window(doc, start, short), short))
    return found


@Language.factory("meshtag_abbreviations", default_config={"make_serializable": False})
def make_abbreviation_detector(nlp: Language, name: str, make_serializable: bool) -> "FastAbbreviationDetector":
    return FastAbbreviationDetector(nlp, name=name, make_serializable=make_serializable)


class FastAbbreviationDetector(AbbreviationDetector, StatelessComponent):
    """scispaCy's AbbreviationDetector with array scans in place of its two Matchers."""

    def __init__(self, nlp: Language, name: str = "meshtag_abbreviations", make_serializable: bool = False):
        super().__init__(nlp, name=name, make_serializable=make_serializable)
        self._open = nlp.vocab.strings.add("(")
        self._close = nlp.vocab.strings.add(")")

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []  # set once: each `doc._` access builds an Underscore object
        orths = doc.to_array(ORTH)
        if (orths == self._open).any():
            matches = parenthesis_contents(orths, self._open, self._close)
            filtered = filtered_candidates(matches, doc) + listed_candidates(matches, doc)
            for long_form, short_forms in self.find_matches_for(filtered, doc, orths):
                for short in short_forms:
                    short._.long_form = long_form
                    found.append(short)
        if self.make_serializable:
            found = [self.make_short_form_serializable(a) for a in found]
        doc._.abbreviations = found
        return doc

    def find_matches_for(self, filtered: list[tuple[Span, Span]], doc: Doc,
                         orths: np.ndarray | None = None) -> list[tuple[Span, set[Span]]]:
        """Definitions (each long and short form defined once) and every occurrence of each short form."""
        if orths is None:
            orths = doc.to_array(ORTH)
        seen_long: set[str] = set()
        seen_short: set[str] = set()
        result: list[tuple[Span, set[Span]]] = []
        for long_candidate, short_candidate in filtered:
            short, long = find_abbreviation(long_candidate, short_candidate)
            if long is None or long.text in seen_long or short.text in seen_short:
                continue
            seen_long.add(long.text)
            seen_short.add(short.text)
            pattern = orths[short.start:short.end]
            uses = {doc[i:i + len(pattern)] for i in occurrences(orths, pattern)}
            result.append((long, uses | {short}))
        return result
