"""Receptor names written in another word order than MeSH's: "H2-histamine receptors" (MeSH: Receptors,
Histamine H2), "D1 dopamine receptor", "A2A adenosine receptors", "serotonin 5-HT3 receptors",
"platelet-derived growth factor receptor alpha" (Receptor, Platelet-Derived Growth Factor alpha).

The dictionary matches term keys in MeSH's own token order, so in these it finds only "histamine
receptors" and loses the subtype. At each receptor head word ("receptor(s)", "adrenoceptor(s)",
"channel(s)") the up to MAX_WORDS words before it are looked up in the KB with their tokens in any order
(`KnowledgeBase.lookup` without fuzzy matching); the longest phrase that is a term of a RECEPTOR concept
only in another word order becomes a candidate, and overlap resolution prefers it to the shorter match.

An isoform of a subtype ("dopamine D4.2 receptor", a repeat variant of D4) is the subtype's.

A numbered subtype MeSH has no concept for ("orexin-1 receptor", "vasopressin V2 receptor") is its family's,
the closest broader concept (annotation guidelines, Linking), when the family is "<ligand> receptor" exactly.

Two subtypes written with one family prefix ("5-HT1B/1D receptors", "D2/3 receptors", "mGlu2/3 receptors") are
two receptors: the first code, a coordinated conjunct, and the second number with the head ("3 receptors" =
Dopamine D3), which the corpus conventions join into one composite mention. Without a head word ("5-HT1B/1D
agonists", "Nav1.7/1.8 in DRG neurons") both codes must be receptor names in the KB, and the second is the number.
PubMed writes the subscripts in brackets, "5-HT(1B/1D) receptor": the same two receptors ("5-HT(1B" and "1D)
receptor"; one composite mention under the corpus conventions, as the hand-checked receptor sets annotate it).

A species letter before a receptor's symbol ("hTRPV1", "rTRPA1", "mNav1.7", "rH3 receptors": human, rat, mouse
clones) is the receptor the symbol names, unless the whole is a name of its own ("hERG", "mGluR5", "mAChR"). A code
that is a receptor only with its head word is left alone: "hH1" is the human heart sodium channel (Nav1.5), not a
histamine H1 receptor (held-out receptor set 4).

A head word before a name is an apposition, not part of it: "its receptor DCC", "the channel TRPA1" are "DCC" and
"TRPA1" (annotation guidelines 1.2-1.3), although MeSH's inverted headings ("Receptor, trkB") make "receptor trkB"
a term.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.lang.en.stop_words import STOP_WORDS

from meshtag.kb.store import REORDERED
from meshtag.nlp.candidates import Candidate, KBComponent, get_candidates, text_of
from meshtag.nlp.composites import COORDINATION_NOTE, SHORTHAND_NOTE

HEAD_WORDS = r"(?:receptors?|adrenoceptors?|channels?)"  # the words a receptor's name ends with
HEAD = re.compile(rf"\b{HEAD_WORDS}(?:[ -](?:alpha|beta|gamma|delta)\b)?\b", re.IGNORECASE)
WORD_BEFORE = re.compile(r"(\S+)\s+$")
MAX_WORDS = 3
ISOFORM = re.compile(r"(?<=\d)\.\d+$")  # an isoform after a subtype number: "D4.2", "D4.7" (repeat variants of D4)
NUMBERED_LIGAND = re.compile(r"([A-Za-z]{3,})(?:-| )([A-Z]?\d{1,2}[A-Za-z]?)")  # "orexin-1", "vasopressin V2"
HEAD_FIRST = re.compile(rf"{HEAD_WORDS}\s+", re.IGNORECASE)  # "receptor " opening a candidate
# "5-HT1B/1D", "D2/3", "mGluR2/3", "α2A/2C", "Nav1.7/1.8": two subtypes with one family prefix, also with the
# subscripts in brackets as PubMed writes them ("5-HT(1B/1D)")
_SUBTYPE = r"\d(?:\.\d{1,2})?[A-Za-z]?"
_SLASHED = (rf"(?<![\w-])(?P<first>(?P<prefix>5-HT|[^\W\d_]{{1,5}})(?P<open>\()?(?P<a>{_SUBTYPE}))"
            rf"/(?P<b>{_SUBTYPE})(?(open)\))")
SLASHED_SUBTYPES = re.compile(_SLASHED + r"[\s-]+$")  # right before a head word
# without a head word ("5-HT1B/1D agonists", "Nav1.7/1.8 in DRG neurons")
SLASH_DIGIT = re.compile(r"/\d")  # what the slashed patterns cannot match without, looked for first (C speed)
# a species letter glued to a capitalised symbol, and the head word after it if any ("hH1 receptor")
SPECIES_PREFIXED = re.compile(rf"[hrm][A-Z][\w.]*\w(?P<head>\s+{HEAD_WORDS}\b)?")
BARE_SLASHED_SUBTYPES = re.compile(_SLASHED + rf"(?![\w/+-])(?!\.\d)(?![\s-]+(?i:{HEAD_WORDS}))")


@Language.factory("meshtag_receptor_names", default_config={"kb_path": None})
def make_receptor_names(nlp: Language, name: str, kb_path: str | None) -> "ReceptorNames":
    return ReceptorNames(kb_path)


def receptor_heads(text: str) -> Iterable[re.Match]:
    """HEAD's matches in `text`, after a look-up of the words it cannot match without (a leading word boundary is
    slow, as a look-behind is: meshtag.nlp.scan_patterns).

    >>> [m.group(0) for m in receptor_heads("NMDA Receptors and TRPA1 channels")], list(receptor_heads("no head"))
    (['Receptors', 'channels'], [])
    """
    folded = text.casefold()
    return HEAD.finditer(text) if "ceptor" in folded or "channel" in folded else ()


def words_before(text: str, end: int, n: int) -> list[tuple[int, str]]:
    """Up to `n` whitespace-separated words ending before `end`, nearest last, as (start, word); stops at
    a word that ends a clause, is bracketed (a short form: "N-methyl-D-aspartate (NMDA) receptor") or
    closes a bracket it does not open ("rats,", "(5)"); a word that opens a bracket is the last one, without
    the bracket ("(CB1").

    >>> words_before("the H2-histamine receptors", 17, 3)
    [(0, 'the'), (4, 'H2-histamine')]
    >>> words_before("in rats, A2A adenosine receptors", 23, 3)
    [(9, 'A2A'), (13, 'adenosine')]
    >>> words_before("PDGFRA (platelet-derived growth factor receptor", 39, 3)
    [(8, 'platelet-derived'), (25, 'growth'), (32, 'factor')]
    """
    out: list[tuple[int, str]] = []
    while len(out) < n:
        m = WORD_BEFORE.search(text, max(0, end - 40), end)
        if m is None or m.group(1)[-1] in ",;:.":
            break
        word = m.group(1)
        if word[0] in "([" and len(word) > 1 and word[1:].count("(") == word[1:].count(")") and ")" not in word[-1:]:
            out.insert(0, (m.start(1) + 1, word[1:]))  # the bracket opens the name: "(platelet-derived growth"
            break
        if word[0] in "([" or word.count("(") != word.count(")"):
            break
        out.insert(0, (m.start(1), word))
        end = m.start(1)
    return out


class ReceptorNames(KBComponent):
    """Adds the longest receptor name ending at a head word that the KB knows up to word order."""

    def receptor_ids(self, phrase: str) -> tuple[str, ...]:
        """RECEPTOR concepts that have `phrase` as a term only in another word order (a term in this order
        is the dictionary's to match, with its blocked terms and ambiguity control)."""
        hits = self.kb.lookup(phrase, limit=5, fuzzy=False)
        if not hits or hits[0].score != REORDERED:
            return ()
        return tuple(h.id for h in hits if h.score == REORDERED and h.label == "RECEPTOR")

    def without_appositive_head(self, cand: Candidate, text: str) -> Candidate:
        """The candidate without a head word before a name of its concept ("receptor DCC" -> "DCC")."""
        head = HEAD_FIRST.match(text, cand.start, cand.end)
        if head is None or not cand.concept_ids or \
                cand.concept_ids[0] not in self.kb.named_ids(text[head.end():cand.end], "RECEPTOR", limit=3):
            return cand
        return dataclasses.replace(cand, start=head.end())

    def isoform_ids(self, text: str, words: list[tuple[int, str]], head: re.Match) -> tuple[int, tuple[str, ...]]:
        """(start, ids) of the subtype whose isoform the words before the head name ("dopamine D4.2 receptor",
        "D4.7 receptors": the dopamine D4 receptor, which MeSH does not split by repeat variant), or (0, ())."""
        for n in (2, 1):  # longest name first
            if len(words) < n or not ISOFORM.search(words[-1][1]):
                continue
            phrase = " ".join([w for _, w in words[-n:-1]] + [ISOFORM.sub("", words[-1][1]), head.group(0)])
            ids = self.kb.named_ids(phrase, "RECEPTOR", limit=3)
            if ids:
                return words[-n][0], ids
        return 0, ()

    def family_ids(self, text: str, words: list[tuple[int, str]], head: re.Match) -> tuple[int, tuple[str, ...]]:
        """(start, ids) of the family of a numbered subtype MeSH does not name, or (0, ()).

        The ligand and its number are the one or two words before the head ("orexin-1", "galanin 2")."""
        for n in (1, 2):
            if len(words) < n:
                break
            start = words[-n][0]
            m = NUMBERED_LIGAND.fullmatch(text, start, head.start() - 1)
            if m is None:
                continue
            if self.kb.lookup(text[start:head.end()], limit=1, fuzzy=False):
                return 0, ()  # MeSH names the subtype (or the dictionary reads it otherwise)
            hits = self.kb.lookup(f"{m.group(1)} {head.group(0)}", limit=3, fuzzy=False)
            ids = tuple(h.id for h in hits if h.score >= 1.0 and h.label == "RECEPTOR")
            return (start, ids) if ids else (0, ())
        return 0, ()

    def slashed_subtypes(self, text: str, m: re.Match | None, head: re.Match | None,
                         candidates: list[Candidate]) -> None:
        """The two receptors of "5-HT1B/1D receptors" or "Nav1.7/1.8" (see the module docstring), when the KB names
        both: with the head word, or as codes alone when no head follows."""
        if m is None:
            return
        head_word = f" {head.group(0)}" if head else ""
        first, second = (self.kb.named_ids(f"{code}{head_word}", "RECEPTOR", limit=3) or
                         (self.kb.named_ids(code, "RECEPTOR", limit=3) if head_word else ())
                         # "mGlu3" is a name, "mGlu3 receptor" not
                         for code in (f"{m['prefix']}{m['a']}", f"{m['prefix']}{m['b']}"))
        if not first or not second:
            return
        at_first = next((c for c in candidates if (c.start, c.end) == m.span("first")), None)
        if at_first is None:
            candidates.append(Candidate(*m.span("first"), first, "dictionary", notes=[COORDINATION_NOTE]))
        elif COORDINATION_NOTE not in at_first.notes:
            at_first.notes.append(COORDINATION_NOTE)
        candidates.append(Candidate(m.start("b"), head.end() if head else m.end(), second, "dictionary",
                                    notes=[SHORTHAND_NOTE]))

    def species_prefixed(self, text: str, candidates: list[Candidate]) -> list[Candidate]:
        """A candidate for each receptor symbol with a species letter before it ("hTRPV1", "rH3 receptors") that no
        other candidate covers."""
        found = []
        for m in SPECIES_PREFIXED.finditer(text):
            if text[m.start() - 1:m.start()].isalnum() or text[m.start() - 1:m.start()] == "-" or \
                    any(c.start < m.end() and m.start() < c.end for c in candidates):
                continue
            symbol_end = m.start("head") if m.group("head") else m.end()
            ids = (m.group("head") and self.kb.named_ids(text[m.start() + 1:m.end()], "RECEPTOR")) or \
                self.kb.named_ids(text[m.start() + 1:symbol_end], "RECEPTOR")
            if ids:
                found.append(Candidate(m.start(), m.end() if m.group("head") else symbol_end, ids, "dictionary",
                                       notes=["species prefix"]))
        return found

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        candidates = get_candidates(doc)
        candidates[:] = [self.without_appositive_head(c, text) for c in candidates]
        candidates += self.species_prefixed(text, candidates)
        spans = {(c.start, c.end) for c in candidates}
        for head in receptor_heads(text):
            if "/" in text[max(0, head.start() - 8):head.start()]:
                self.slashed_subtypes(text, SLASHED_SUBTYPES.search(text, max(0, head.start() - 24), head.start()),
                                      head, candidates)
            words = words_before(text, head.start(), MAX_WORDS)
            for i, (start, word) in enumerate(words):  # longest phrase first
                if (start, head.end()) in spans:
                    break  # the dictionary already has this name, and any shorter one is worse
                if word.lower() in STOP_WORDS:
                    continue
                ids = self.receptor_ids(text[start:head.end()])
                if ids:
                    candidates.append(Candidate(start, head.end(), ids, "dictionary", notes=["word order"]))
                    break
            else:
                start, ids = self.isoform_ids(text, words, head)
                if not ids:
                    start, ids = self.family_ids(text, words, head)
                if ids and (start, head.end()) not in spans:
                    candidates.append(Candidate(start, head.end(), ids, "dictionary", notes=["subtype family"]))
        if SLASH_DIGIT.search(text):
            for m in BARE_SLASHED_SUBTYPES.finditer(text):
                self.slashed_subtypes(text, m, None, candidates)
        return doc
