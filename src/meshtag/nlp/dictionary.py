"""KB dictionary matching: longest normalised matches of MeSH names, entry terms and curated terms."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from meshtag.kb.concept import TermMatch
from meshtag.kb.normalize import normalize
from meshtag.nlp.blocklist import blocked_pairs
from meshtag.nlp.candidates import (
    Candidate, StatelessComponent, earliest_start_by_end, get_candidates, get_kb, resolve_overlaps, text_of,
    unlabelled_names, without_crossed_drugs,
)
from meshtag.nlp.receptor_names import HEAD_WORDS
from meshtag.nlp.scan_patterns import after


# Normalised matching ignores punctuation, but a name never spans a clause break ("receptors; BDNF").
PROTEIN_WORDS = (" protein", " proteins")
CLAUSE_BREAK = re.compile(r"[;!?]|[,.:](?=\s)")
BRACKETS = re.compile(r"[()\[\]]")
# a short form inside a name: "N-methyl-D-aspartate (NMDA) receptor", "glucose-6-phosphate dehydrogenase (G6PD)
# deficiency"; the name is looked for with the bracket left out, within WINDOW characters before it and
# WINDOW_AFTER after it
# (a stop word right after the bracket, "(NMDA) and", "(GI) was", continues no name: half the cases, skipped)
# ("(5-HT(6))": the short form may hold one bracket of its own; a subtype code may follow the bracket directly,
# "serotonin (5-HT)2A receptors")
SHORT_FORM_INSIDE = r"[A-Za-z0-9][\w+-]{0,9}(?:\([\w+-]{1,4}\))?"
_SPACE_AFTER_WORD = after(r"\w", " ")
INNER_SHORT_FORM = re.compile(rf"{_SPACE_AFTER_WORD}\((?P<short>{SHORT_FORM_INSIDE})\)(?: |(?=\d))"
                              rf"(?=(?P<next>[A-Za-z0-9]+))")
WINDOW = 60
WINDOW_AFTER = 30
LABEL_CACHE_SIZE = 200_000


def inside_word(text: str, start: int, end: int) -> bool:
    """True when a match starts or ends in the middle of a word ("5-HT" inside "5-HT1A").

    >>> inside_word("5-HT1A receptor", 0, 4), inside_word("5-HT receptor", 0, 4)
    (True, False)
    """
    return (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())


# a bracketed word or configuration that opens a name: "(insulin-dependent) diabetes mellitus", "(R)-alpha-methyl...",
# or an isotope label MeSH writes as part of the tracer's name ("[18F]FDG" for "18F-FDG", "[(18)F]", "[99mTc]")
OPENING_BRACKETED = re.compile(r"\((?:[a-z][a-z-]*|\d*[RSEZ](?:,\d*[RSEZ])*)\)|\[(?:\d+|\(\d+\))m?[A-Z][a-z]?\]")
# the configuration that prefixes a chemical's name, which BC5CDR annotates with it ("(S)-ketamine",
# "(2R,4R)-4-amino...", 3 of 3 in its training set); a racemate's sign is left out ("(+/-)-PG-9", 9 of 9)
# The D/L configuration of an amino acid or sugar is part of its name too ("D-serine", "L-arginine": BC5CDR
# annotates "[3H]-L-arginine" whole), also where MeSH has no term with it.
STEREO_PREFIX = re.compile(r"\(\d*[RSEZ](?:,\d*[RSEZ])*\)-$|(?<![\w-])[DL]-$")
# the other configuration before a one-letter one: "R,S-ketamine" is the racemate, not "S-ketamine" (esketamine)
RACEMATE_BEFORE = re.compile(r"(?<![\w,])([RS]),$")
# a count in brackets after a name, "IDDM (12)", is not the number of a name ("IDDM 12", a susceptibility locus)
# a match may not end with a bracketed count ("IDDM (5)") or short form ("receptor (ORL1)" is no inverted
# "Receptor, ORL1" but a name's end and the short form after it); a bracketed word belongs to a name ("poly (A)",
# "Pelizaeus-Merzbacher disease (type II)")
BRACKETED_TAIL = re.compile(r"\s\((?:\d+|(?=[^()\s]*[A-Z])[^()\s]{2,})\)$")


def balanced_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of a match with balanced brackets: itself; one further when the closing bracket of an opening one
    inside it follows ("PGE(2" -> "PGE(2)"); one earlier when it closes a bracketed word or configuration that opens
    the name ("R)-alpha-methylhistamine" -> "(R)-alpha-methylhistamine"); or None when it opens or closes another
    ("receptors (GABA(A", "HDL) cholesterol", "IDDM) (5"): normalised matching ignores punctuation, brackets matter.

    >>> text = "PGE(2) and HDL) cholesterol; (R)-alpha-methylhistamine (RAMH) (5) [18F]FDG"
    >>> balanced_span(text, 0, 5), balanced_span(text, 11, 27), balanced_span(text, 30, 54), balanced_span(text, 57, 66)
    ((0, 6), None, (29, 54), None)
    >>> balanced_span(text, 67, 74)
    (66, 74)
    """
    depth = 0
    for i in range(start, end):
        if text[i] in "([":
            depth += 1
        elif text[i] in ")]":
            depth -= 1
            if depth < 0:
                if start == 0 or not OPENING_BRACKETED.fullmatch(text, start - 1, i + 1):
                    return None
                start, depth = start - 1, 0
    if depth == 0:
        return start, end
    if depth == 1 and end < len(text) and text[end] in ")]":
        return start, end + 1
    return None


MAX_CODE_LETTERS = 5
# what a value looks like where the normalised words of a code match it: a sign between the words ("2% BHA", "SED
# +/- 1", "n = 30"), a number and its unit ("6 mEq", "4 mug"), a short lowercase word and a number ("is 35", "a 12")
VALUE = re.compile(r".*(?:%|\s(?:\+/-|±)\s|\s[<>=]).*|\d+(?:\.\d+)?\s*(?:mEq|mmol|mol|mM|nM|µM|uM|mg|mug|µg|ug|ng|"
                   r"g|kg|ml|mL|µl|ul|l|L|h|hr|min|s|IU|U|Gy|mmHg)|[a-z]{1,3}\s+\d+(?:\.\d+)?", re.DOTALL)


# a receptor's head word at the start of a match: English puts it last, MeSH's inverted names first
HEAD_WORD_FIRST = re.compile(rf"{HEAD_WORDS}\b", re.IGNORECASE)
# the hyphen and number of a development code whose letters a match would be: "VX-548" is no VX, "NE-100" no NE
CODE_NUMBER_AFTER = re.compile(r"-\d{3,6}(?![\d.])")


def code_letters(text: str, start: int, end: int) -> bool:
    """Is the match text[start:end] the capital letters of a development code ("VX" in "VX-548 (suzetrigine)")?

    >>> text = "VX-548, NE-100, GABA 100 mM, CB-1"
    >>> code_letters(text, 0, 2), code_letters(text, 8, 10), code_letters(text, 16, 20), code_letters(text, 28, 30)
    (True, True, False, False)
    """
    return 2 <= end - start <= MAX_CODE_LETTERS and text[start:end].isalpha() and text[start:end].isupper() and \
        CODE_NUMBER_AFTER.match(text, end) is not None


def is_a_value(surface: str) -> bool:
    """Is this dictionary match a measurement or a value rather than the chemical code its normalised words spell
    (supplementary concepts have codes such as "2-BHA", "6-MEQ", "A-12", "IS-35")?

    >>> [is_a_value(s) for s in ("2% BHA", "6 mEq", "n = 30", "is 35", "a 12", "SR 141716", "Hoe-140", "5-HT")]
    [True, True, True, True, True, False, False, False]
    """
    return VALUE.fullmatch(surface) is not None


def miscased_code(match: TermMatch, ids: tuple[str, ...]) -> bool:
    """Is this a supplementary concept's short letter code written with other capitals ("PBTO" in "PbtO2", brain
    tissue oxygen; "DADES" in "Dade Behring", a company)? Such codes are written as their records spell them."""
    return not match.case_sensitive_ok and len(match.text) <= MAX_CODE_LETTERS and match.text.isalpha() and \
        all(cid.startswith("MESH:C") for cid in ids)


@Language.factory("meshtag_dictionary",
                  default_config={"kb_path": None, "blocked_terms": None, "curation_dir": None})
def make_dictionary_matcher(nlp: Language, name: str, kb_path: str | None, blocked_terms: str | None,
                            curation_dir: str | None) -> "DictionaryMatcher":
    """`blocked_terms`: a blocked-terms TSV (None: the committed lists; "": block nothing);
    `curation_dir`: a reviewer curation folder whose accepted surface forms are matched too."""
    return DictionaryMatcher(kb_path, blocked_terms, curation_dir)


class DictionaryMatcher(StatelessComponent):
    """Adds a Candidate for the longest labelled KB term match at each place.

    An unlabelled longer term does not hide a labelled one inside it: in "captopril-induced hypotension"
    the procedure "Induced Hypotension" has no label, so "hypotension" (a condition) is kept. Such terms are left in
    `unlabelled_names` for the entity writer ("tumor necrosis factor-alpha" names a cytokine).
    """

    def __init__(self, kb_path: str | None = None, blocked_terms: str | None = None,
                 curation_dir: str | None = None):
        fingerprint = ""
        if curation_dir:
            from meshtag.review.curation import Curation

            fingerprint = Curation.load(curation_dir).fingerprint
        self.kb = get_kb(kb_path, curation_dir if fingerprint else None, fingerprint)
        self.blocked = blocked_pairs(blocked_terms)
        self._labelled: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        self._named: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}

    def named_first(self, ids: tuple[str, ...], surface: str) -> tuple[str, ...]:
        """The chemicals with a name or entry term that is the surface itself first: a term key forgets the number,
        so "benzamide" is also "Benzamides" (the class), "amphetamines" also "Amphetamine" and "cyclosporin" (an entry
        of Cyclosporine) also Cyclosporins (memoised). A surface with a capital after its first letter is a symbol: a
        chemical named by the lower-case word goes last ("MuSK", "MUSK" are the receptor tyrosine kinase, not musk)."""
        symbol = any(ch.isupper() for ch in surface[1:])
        cache_key = (ids, surface.lower(), symbol)
        ordered = self._named.get(cache_key)
        if ordered is None:
            named = [cid for cid in ids if (c := self.kb.get(cid)) is not None and c.label == "DRUG"
                     and any(n.lower() == cache_key[1] for n in (c.name, *c.synonyms))
                     and not (symbol and c.name.islower())]
            word = [cid for cid in ids if symbol and (c := self.kb.get(cid)) is not None and c.label == "DRUG"
                    and c.name == cache_key[1]]
            rest = [cid for cid in ids if cid not in named and cid not in word]
            ordered = self._named[cache_key] = tuple(named + rest + word)
        return ordered

    def labelled_ids(self, key: str, concept_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The ids that have a label not blocked for this term (memoised: the hot path's most repeated step)."""
        cache_key = (key, concept_ids)
        ids = self._labelled.get(cache_key)
        if ids is None:
            if len(self._labelled) >= LABEL_CACHE_SIZE:
                self._labelled.clear()
            ids = self._labelled[cache_key] = tuple(
                cid for cid in concept_ids
                if (label := self.kb.label(cid)) and (key, label) not in self.blocked)
        return ids

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = []
        labelled_ids, clause_break = self.labelled_ids, CLAUSE_BREAK.search
        for match in self.kb.find_all(text, labelled_only=True, shadows=unlabelled_names(doc)):
            ids = labelled_ids(match.key, match.concept_ids)  # memoised: first
            if len(ids) > 1 and match.kinds[0] != "curated":  # a curator's choice ("depression") stays first
                ids = self.named_first(ids, match.text)
            # a match starts and ends on letters or digits, so a break inside it is found within its bounds
            if not ids or inside_word(text, match.start, match.end) or \
                    clause_break(text, match.start, match.end):
                continue
            if is_a_value(match.text) or miscased_code(match, ids) or code_letters(text, match.start, match.end):
                continue
            start, end = match.start, match.end
            if BRACKETS.search(text, start, end):
                bounds = balanced_span(text, start, end)
                if bounds is None or BRACKETED_TAIL.search(text, *bounds):
                    continue
                start, end = bounds
            if text.endswith(PROTEIN_WORDS, start, end):
                end = self.without_protein_word(text, start, end, ids)
            if start > 1 and text[start - 1] == "-" and self.kb.label(ids[0]) == "DRUG" and \
                    (prefix := STEREO_PREFIX.search(text, max(0, start - 16), start)):
                start = prefix.start()
            elif text[start:start + 2] in ("S-", "R-") and \
                    (other := RACEMATE_BEFORE.search(text, max(0, start - 2), start)) and \
                    other.group(1) != text[start] and \
                    (racemate := self.kb.named_ids(text[start + 2:end], "DRUG", limit=1)):
                start, ids = other.start(), racemate
            found.append(Candidate(start, end, ids, "dictionary",
                                   ambiguous=match.ambiguous, case_ok=match.case_sensitive_ok))
        if "(" in text:
            found += self.names_around_short_forms(text, found)
        found = without_crossed_drugs(self.without_inverted_heads(found, text),
                                      lambda c: self.kb.label(c.concept_ids[0]))
        get_candidates(doc).extend(resolve_overlaps(found))
        return doc

    def without_inverted_heads(self, found: list[Candidate], text: str) -> list[Candidate]:
        """Drop a match that starts with the head word another match ends with, when only MeSH's inverted name
        spells it: in "the NMDA receptor glycine site", "receptor glycine" is "Receptor, Glycine" read in running
        text, and the head word is the NMDA receptor's; in "EGF receptor tyrosine kinase inhibitors" the receptor is
        EGF's and the drugs tyrosine kinase inhibitors (alone, "receptor tyrosine kinases" stays a name)."""
        ends = {c.end for c in found}
        return [c for c in found if not (
            (head := HEAD_WORD_FIRST.match(text, c.start)) is not None and head.end() in ends
            and any(o.start < c.start and o.end == head.end() for o in found)
            and self.only_inverted(text[c.start:c.end], c.concept_ids))]

    def only_inverted(self, surface: str, concept_ids: tuple[str, ...]) -> bool:
        """Is `surface` a term of its concepts only in MeSH's inverted form ("Receptor, Glycine")?"""
        key = normalize(surface)
        terms = [t for cid in concept_ids if (c := self.kb.get(cid)) is not None for t in (c.name, *c.synonyms)
                 if normalize(t) == key]
        return bool(terms) and all("," in t for t in terms)

    def short_form_reading(self, short: str, rest: str) -> tuple[str, ...]:
        """The concepts of a name's inner short form read with the rest of the name ("GABA(A)" + "receptor"),
        when that is a term: the short form is the precise name, as "gamma-aminobutyric acid (GABA(A)) receptor"
        is the GABA-A receptor, not any GABA receptor; () when it is not one."""
        phrase = f"{short} {rest}"
        match = next((m for m in self.kb.find_all(phrase, labelled_only=True)
                      if m.start == 0 and m.end == len(phrase)), None)
        return self.labelled_ids(match.key, match.concept_ids) if match else ()

    def without_protein_word(self, text: str, start: int, end: int, ids: tuple[str, ...]) -> int:
        """The end of a receptor's name before a trailing "protein" that only says what it is ("CFTR protein",
        "CD36 protein": annotation guideline 1.3), when the rest is a name of the same concept."""
        if self.kb.label(ids[0]) != "RECEPTOR":
            return end
        short_end = text.rindex(" ", start, end)  # the space of " protein(s)", which the caller checked
        hits = self.kb.lookup(text[start:short_end], limit=1, fuzzy=False)
        return short_end if hits and hits[0].score >= 1.0 and hits[0].id == ids[0] else end

    def names_around_short_forms(self, text: str, matched: list[Candidate]) -> list[Candidate]:
        """Names written with their short form inside ("dopamine-1 (DA1) receptor"): matched on the text
        without the bracket; only matches that run across it are kept, with offsets in the real text. A match
        that starts inside a name `matched` already ends at the bracket is not one: the short form defines that
        name ("dorsal root ganglion (DRG) sensory neurons" is no "ganglion sensory")."""
        found = []
        name_start_before = earliest_start_by_end(matched)
        for gap in INNER_SHORT_FORM.finditer(text):
            if gap.group("next").lower() in STOP_WORDS:
                continue
            defined_from = name_start_before.get(gap.start(), gap.start())
            left = text.rfind(" ", 0, max(0, gap.start() - WINDOW)) + 1
            right = text.find(" ", gap.end() + WINDOW_AFTER)
            right = len(text) if right < 0 else right
            joined = f"{text[left:gap.start()]} {text[gap.end():right]}"
            cut, width = gap.start() - left, gap.end() - gap.start() - 1
            precise = None  # the short form's own reading, looked for once a name runs across the bracket
            for match in self.kb.find_all(joined, labelled_only=True):
                if not (match.start < cut < match.end):
                    continue
                ids = self.labelled_ids(match.key, match.concept_ids)
                if not ids or inside_word(joined, match.start, match.end) or \
                        CLAUSE_BREAK.search(joined, match.start, match.end):
                    continue
                start, end = left + match.start, left + match.end + width
                if defined_from < start:
                    continue
                if precise is None:
                    precise = self.short_form_reading(gap.group("short"), text[gap.end():end])
                if precise and self.kb.label(precise[0]) == self.kb.label(ids[0]):
                    ids = precise
                if balanced_span(text, start, end) == (start, end):  # the short form's bracket, and no other half one
                    found.append(Candidate(start, end, ids, "dictionary",
                                           ambiguous=match.ambiguous, case_ok=match.case_sensitive_ok))
        return found
