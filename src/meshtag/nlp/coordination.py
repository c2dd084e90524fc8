"""Coordinated mentions that share a head noun: "NMDA and MOR receptors", "breast and ovarian cancer".

The conjunct without its own head ("NMDA", "breast") is linked to the concept of conjunct + head
("NMDA receptors" → Receptors, N-Methyl-D-Aspartate; "breast cancer" → Breast Neoplasms) when the KB
knows that full name exactly, and replaces any weaker reading of the bare word (NMDA the chemical).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import (
    Candidate, KBComponent, displaced_by, earliest_start_by_end, get_candidates, set_candidates, text_of,
)
from meshtag.nlp.composites import CONJUNCT_SHORT_FORM, CONJUNCTION, CONJUNCTION_LAST_WORDS, COORDINATION_NOTE
from meshtag.nlp.receptor_names import NUMBERED_LIGAND

# Heads that follow a candidate without being part of it ("MOR receptors": MOR is the candidate).
TRAILING_HEADS = re.compile(r"\s+(receptors?|channels?|subtypes?)\b", re.IGNORECASE)
# "W1, W2 and " / "W1 or " / "W1 but not " immediately before the second conjunct
_WORD = r"[A-Za-z0-9\u0370-\u03ff][\w\u0370-\u03ff'-]*(?:\([A-Za-z0-9]{1,3}\))?"  # "GABA(A)" is one word
# a conjunct may carry its short form ("paraventricular (PVN) and supraoptic nuclei"), and the second conjunct
# may take an article: "the inferior and the superior colliculus"
CONJUNCTS_BEFORE = re.compile(rf"((?:{_WORD}{CONJUNCT_SHORT_FORM}\s*,\s*)*{_WORD}){CONJUNCT_SHORT_FORM}\s*(?:,\s*)?"
                              rf"\b{CONJUNCTION}\s+(?:the\s+)?$")
# CONJUNCTS_BEFORE backtracks from every start in the window (~60 µs a window); it is searched from the last place no
# list of conjuncts can hold instead: a character outside words, brackets, commas and spaces, or a space between two
# words without a comma (measured: the same match in 59,528 windows of the corpora, ~7x faster)
_CONJUNCTION_AT_END = re.compile(rf"\b{CONJUNCTION}\s+(?:the\s+)?$")
_LIST_BREAK = re.compile(r"[^\w\u0370-\u03ff'(),\s-]|(?<=[^,\s])\s+(?=[^(,\s])")
# "D1/D2 receptor", "mu/delta opioid receptors": receptor subtypes joined by a slash (other names use the
# slash for synonyms, "VEGFR-2/Flk-1", or formulas, "Na/K")
SLASH_BEFORE = re.compile(rf"(?<![\w/-])({_WORD})/$")
_SPLIT = re.compile(rf"{_WORD}")
_SPACED_BRACKETS = re.compile(r"(?<=\s)\([^()]*\)")  # a conjunct's short form, not a conjunct
HEAD_LABELS = {"receptor": "RECEPTOR", "receptors": "RECEPTOR", "channel": "RECEPTOR", "channels": "RECEPTOR",
               "subtype": "RECEPTOR", "subtypes": "RECEPTOR"}
LOOKBACK = 80
MAX_EXTRA_WORDS = 2
WORD_BEFORE = re.compile(rf"(?<![\w-])({_WORD})\s+$")
# "the GABAB receptor agonist baclofen and GABAA receptor modulators": a conjunct named by its drug role is the
# drug, not an elliptical receptor name (MeSH has "baclofen receptor" for GABA-B receptors)
DRUG_ROLE_BEFORE = re.compile(r"\b(?:agonists?|antagonists?|blockers?|inhibitors?|modulators?|ligands?|drugs?|"
                              r"analogu?es?)\s+$", re.IGNORECASE)


def conjuncts_before(before: str) -> re.Match | None:
    """`CONJUNCTS_BEFORE.search(before)`, searched from the last list break before the final conjunction.

    >>> conjuncts_before("were given. NMDA, AMPA (AR) and ").group(1), conjuncts_before("no conjunction") is None
    ('NMDA, AMPA', True)
    """
    conjunction = _CONJUNCTION_AT_END.search(before)
    if conjunction is None:
        return None
    last = None
    for last in _LIST_BREAK.finditer(before, 0, conjunction.start()):
        pass
    return CONJUNCTS_BEFORE.search(before, last.end() if last else 0)


@Language.factory("meshtag_coordination", default_config={"kb_path": None})
def make_coordination(nlp: Language, name: str, kb_path: str | None) -> "Coordination":
    return Coordination(kb_path)


class Coordination(KBComponent):
    """Adds a candidate for each bare conjunct whose conjunct + shared head is a KB term."""

    def head_of(self, text: str, cand: Candidate) -> tuple[str, str | None] | None:
        """(head word, required label or None) shared by the conjuncts before `cand`: its own last word when
        that is a head ("D1 and D2 dopamine receptor subtypes"), else a head word that follows it ("MOR
        receptors"), else its last word ("breast and ovarian cancer") or, for a receptor written as one
        hyphenated word, what follows the hyphen ("alpha- and beta-adrenoceptors")."""
        words = _SPLIT.findall(text[cand.start:cand.end])
        if len(words) >= 2 and words[-1].lower() in HEAD_LABELS:
            return words[-1], HEAD_LABELS[words[-1].lower()]
        trailing = TRAILING_HEADS.match(text, cand.end)
        if trailing:
            return trailing.group(1), HEAD_LABELS[trailing.group(1).lower()]
        concept = self.kb.get(cand.concept_ids[0]) if cand.concept_ids else None
        label = concept.label if concept else cand.label
        if len(words) == 1 and label == "RECEPTOR" and "-" in words[0].strip("-"):
            return words[0].split("-", 1)[1], label  # "alpha- and beta-adrenoceptors": the head after the hyphen
        if len(words) < 2:
            return None
        return words[-1], label

    def conjunct_candidates(self, text: str, cand: Candidate, name_starts: dict[int, int],
                            candidates: list[Candidate]) -> list[Candidate]:
        """`name_starts`: end -> earliest start of the candidates; a conjunct that ends a longer name is
        complete ("G6PD deficiency and VHL disease": "deficiency" is no bare conjunct of "disease"), and one
        inside a longer name is no conjunct at all."""
        window_start = max(0, cand.start - LOOKBACK)
        before = text[window_start:cand.start]
        slash = before.endswith("/")
        if not (slash or (before[-1:].isspace() and before.rstrip().endswith((*CONJUNCTION_LAST_WORDS, " the")))):
            return []
        head = self.head_of(text, cand)  # cheaper than the backtracking regex, and None for most candidates
        if head is None or (slash and head[1] != "RECEPTOR"):
            return []
        match = SLASH_BEFORE.search(before) if slash else conjuncts_before(before)
        if match is None or DRUG_ROLE_BEFORE.search(before, max(0, match.start(1) - 16), match.start(1)):
            return []
        head_word, label = head
        heads = [head_word]
        words = _SPLIT.findall(text[cand.start:cand.end])
        if len(words) >= 3 and words[-1] == head_word:  # "ionotropic and metabotropic glutamate receptors"
            heads.append(f"{words[-2]} {head_word}")
        found = []
        for word in _SPLIT.finditer(_SPACED_BRACKETS.sub(lambda m: " " * len(m.group(0)), match.group(1))):
            hits = next((h for h in (self.kb.lookup(f"{word.group(0)} {head}", limit=1, fuzzy=False)
                                     for head in heads) if h and h[0].score >= 1.0), None)
            ids = (hits[0].id,) if hits and hits[0].label and hits[0].label == label else \
                self.same_family(text, word.group(0), cand, label)
            if ids:
                start = window_start + match.start(1) + word.start()
                end = start + len(word.group(0))
                if name_starts.get(end, start) < start or any(
                        c.start <= start and end <= c.end and c.end - c.start > end - start for c in candidates):
                    continue  # the end of a longer name, or a word inside one ("R" of "R,S-ketamine, S-ketamine and")
                if not found:  # the first conjunct may start further left ("dopamine D2 and serotonin 5-HT2")
                    start = self.named_start(text, start, end, head_word, ids[0])
                found.append(Candidate(start, end, ids, "dictionary", notes=[COORDINATION_NOTE]))
        return found

    def same_family(self, text: str, word: str, cand: Candidate, label: str | None) -> tuple[str, ...]:
        """The family concept of the receptor after the conjunction for a conjunct that numbers another subtype of
        the same ligand, when MeSH names neither subtype ("Orexin-1 and orexin-2 receptors": Orexin Receptors)."""
        first, second = NUMBERED_LIGAND.fullmatch(word), NUMBERED_LIGAND.match(text, cand.start, cand.end)
        if label != "RECEPTOR" or first is None or second is None or not cand.concept_ids or \
                first.group(1).lower() != second.group(1).lower():
            return ()
        family = self.kb.get(cand.concept_ids[0])  # the family, not a subtype MeSH names by the second number
        if family is None or family.label != label or second.group(2).lower() in family.name.lower():
            return ()
        return (family.id,)

    def named_start(self, text: str, start: int, end: int, head_word: str, concept_id: str) -> int:
        """The start of the longest conjunct ending at `end`, up to MAX_EXTRA_WORDS more words to the left,
        whose text + head word is still a term of the same concept ("dopamine D2 receptors")."""
        best = start
        for _ in range(MAX_EXTRA_WORDS):
            prev = WORD_BEFORE.search(text, max(0, best - 40), best)
            if prev is None:
                break
            hits = self.kb.lookup(f"{text[prev.start(1):end]} {head_word}", limit=1, fuzzy=False)
            if not hits or hits[0].score < 1.0 or hits[0].id != concept_id:
                break
            best = prev.start(1)
        return best

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        if "/" not in text and not any(f" {word} " in text for word in CONJUNCTION_LAST_WORDS):
            return doc
        candidates = get_candidates(doc)
        name_starts = earliest_start_by_end(candidates)
        added = [new for cand in candidates for new in self.conjunct_candidates(text, cand, name_starts, candidates)]
        if added:
            set_candidates(doc, displaced_by(candidates, added))
        return doc
