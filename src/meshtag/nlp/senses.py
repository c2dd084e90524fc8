"""meshtag's own readings of words the corpora link their own way (component `meshtag_senses`, right after the
dictionary, so salt forms, conjuncts, model mentions and short forms built on a word follow it).

Under meshtag's conventions (the default) only:
- a term a corpus convention gave another concept keeps the KB's own concept of the same label when that is a
  disease, a drug class, or named exactly as written: the corpora link as MeSH did in 2015 and as drug-induced
  ("mania" -> Bipolar Disorder, "hepatitis" -> Chemical and Drug Induced Liver Injury, "statins" -> Simvastatin,
  "escitalopram" -> Citalopram, before MeSH's Escitalopram); where the
  KB's concept has no label ("depression": the behaviour Depression) or is a chemical class a singular folds
  onto ("alcohol": Alcohols), or the text says the disease is induced and the corpus's concept is a drug-induced
  one ("levodopa-induced dyskinesia": Dyskinesia, Drug-Induced), the convention stays;
- a disease word that names a phenomenon after its neighbours is no mention: "depression" after "long-term",
  "spreading" or "synaptic" is the physiology of a synapse or the cortex (Long-Term Synaptic Depression,
  Cortical Spreading Depression), no mood disorder;
- a word whose document decides its reading takes it: a bare "hypersensitivity" in a document of pain research
  is the pain researchers' word for Hyperalgesia, not MeSH's allergy;
- "withdrawal" right after a drug ("opioid withdrawal", "alcohol withdrawal", "naloxone-precipitated withdrawal")
  is the condition, Substance Withdrawal Syndrome, beside the drug's own mention (not "withdrawal of", nor the
  withdrawal reflex of pain tests: "paw withdrawal latency"). The corpora annotate neither ("alcohol withdrawal":
  4 times in BC5CDR, never as a disease), so their conventions leave it out.
Under every convention, a disease the text says a drug caused is MeSH's substance-induced concept where MeSH has one
that the dictionary's reading misses ("methamphetamine-induced psychosis", "psychosis induced by bromocriptine":
Psychoses, Substance-Induced), and so is every other mention of that disease in the document (one sense per
document: "her psychosis recurred" in the same case report). BC5CDR development annotates these 17 of 17 times; its
training set 2 of 3 ("levodopa-induced psychosis" as Psychotic Disorders).
The corpora annotate these the other way now and then (BC5CDR development: "cortical spreading depression" as
Depressive Disorder), so the corpus conventions ("bc5cdr", "pubtator") keep the dictionary's reading.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.kb.terms import term_key
from meshtag.nlp.candidates import Candidate, get_candidates, set_candidates, text_of
from meshtag.nlp.conventions import ConventionsComponent, is_class_only

# disease words that name a physiological phenomenon after these modifiers
PHENOMENON_BEFORE: dict[str, re.Pattern[str]] = {
    "depression": re.compile(r"\b(?:spreading|long[- ]term|short[- ]term|synaptic|paired[- ]pulse|inbreeding)"
                             r"[\s-]+$", re.IGNORECASE),
}
KEY_CACHE_SIZE = 100_000
WITHDRAWAL_SYNDROME = "MESH:D013375"  # Substance Withdrawal Syndrome
WITHDRAWAL_SCORE = 0.9  # read from a drug and a word, not from a KB term
# after a drug: "withdrawal" (optionally "precipitated" first), not followed by what makes it an act or a reflex
WITHDRAWAL_AFTER_DRUG = re.compile(r"[\s-](?:precipitated[\s-]+)?(withdrawals?)\b(?!\s+(?:of|from)\b|[\s-]+"
                                   r"(?:latenc|threshold|reflex|respons|test|time)\w*)", re.IGNORECASE)
INDUCED_BEFORE = re.compile(r"induced[\s-]+$", re.IGNORECASE)
INDUCED_AFTER = re.compile(r"\s+induced\s+by\b", re.IGNORECASE)
# a concept -> its child MeSH keeps for the same disease caused by a drug, where the dictionary reads the parent
# (dyskinesia, akathisia and liver injury already read as their drug-induced concepts)
INDUCED_SENSES = {"MESH:D011618": "MESH:D011605"}  # Psychotic Disorders -> Psychoses, Substance-Induced
DRUG_INDUCED_NAME = re.compile(r"\b(?:Induced|Drug)\b")  # "Dyskinesia, Drug-Induced", "Drug Hypersensitivity"
# words of pain research (not "pain" or "analgesic" alone: drug-allergy reports name the painkiller and its use)
PAIN_DOCUMENT = re.compile(r"\b(?:nocicept\w*|antinocicept\w*|allodyni\w*|hyperalges\w*|neuropathic|von Frey|"
                           r"paw withdrawal)", re.IGNORECASE)
# term key -> (the concept it names in a document the pattern finds, the pattern)
CONTEXT_SENSES: dict[str, tuple[str, re.Pattern[str]]] = {
    "hypersensitivity": ("MESH:D006930", PAIN_DOCUMENT),   # Hyperalgesia
}


def names_a_phenomenon(key: str, text: str, start: int) -> bool:
    """Is the disease word `key` at `start` part of a phenomenon's name ("long-term depression")?

    >>> text = "LTP and long-term depression; patients with depression"
    >>> names_a_phenomenon("depression", text, 18), names_a_phenomenon("depression", text, 44)
    (True, False)
    """
    before = PHENOMENON_BEFORE.get(key)
    return before is not None and before.search(text, max(0, start - 30), start) is not None


def sense_in_context(key: str, text: str) -> str | None:
    """The concept the term `key` names in a document with this text, when the document decides it.

    >>> sense_in_context("hypersensitivity", "Nociceptive thresholds fell: hypersensitivity developed.")
    'MESH:D006930'
    >>> sense_in_context("hypersensitivity", "Analgesics for pain caused hypersensitivity.") is None
    True
    """
    rule = CONTEXT_SENSES.get(key)
    return rule[0] if rule is not None and rule[1].search(text) else None


@Language.factory("meshtag_senses", default_config={"kb_path": None, "conventions": "meshtag"})
def make_senses(nlp: Language, name: str, kb_path: str | None, conventions: str) -> "Senses":
    return Senses(kb_path, conventions)


class Senses(ConventionsComponent):
    """Re-reads or drops dictionary candidates as the module docstring says: under meshtag's conventions its own
    readings, under every convention the substance-induced sense of a disease a drug caused."""

    def __init__(self, kb_path: str | None = None, conventions: str = "meshtag"):
        super().__init__(kb_path, conventions)
        # the only keys this component may change, and each surface's key (surfaces repeat across documents)
        self.keys = self.kb.displaced_keys() | PHENOMENON_BEFORE.keys() | CONTEXT_SENSES.keys()
        self._key_of: dict[str, str] = {}

    def key_of(self, surface: str) -> str:
        """The term key of a surface form, memoised."""
        key = self._key_of.get(surface)
        if key is None:
            if len(self._key_of) >= KEY_CACHE_SIZE:
                self._key_of.clear()
            key = self._key_of[surface] = term_key(surface)
        return key

    def general_sense(self, cand: Candidate, text: str) -> Candidate | None:
        """The candidate as meshtag reads it: None when it names a phenomenon, else with its concepts."""
        if not cand.concept_ids:
            return cand
        key = self.key_of(text[cand.start:cand.end])
        if key not in self.keys:
            return cand
        if names_a_phenomenon(key, text, cand.start):
            return None
        if (sense := sense_in_context(key, text)) is not None:
            return replace(cand, concept_ids=(sense,))
        if INDUCED_BEFORE.search(text, max(0, cand.start - 20), cand.start) and \
                DRUG_INDUCED_NAME.search(self.kb.get(cand.concept_ids[0]).name):
            return cand  # "levodopa-induced dyskinesia": the corpus's drug-induced concept is the text's
        label = self.kb.label(cand.concept_ids[0])
        surface = text[cand.start:cand.end].lower()
        for other in self.kb.displaced_senses(key, cand.concept_ids[0]):
            concept = self.kb.get(other)
            if concept.label == label and (label == "CONDITION" or is_class_only(concept.tree_numbers)
                                           or concept.name.lower() == surface):
                return replace(cand, concept_ids=(other, *(i for i in cand.concept_ids[1:] if i != other)))
        return cand

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        candidates = get_candidates(doc)
        if self.conventions == "meshtag":
            read = (self.general_sense(c, text) for c in candidates)
            candidates = [c for c in read if c is not None]
            if "ithdrawal" in text:
                candidates += self.drug_withdrawals(candidates, text)
        set_candidates(doc, induced_senses(candidates, text))
        return doc

    def drug_withdrawals(self, candidates: list[Candidate], text: str) -> list[Candidate]:
        """A Substance Withdrawal Syndrome candidate for each "withdrawal" right after a drug's candidate."""
        found = []
        for cand in candidates:
            m = WITHDRAWAL_AFTER_DRUG.match(text, cand.end)
            if m is None or not cand.concept_ids or self.kb.label(cand.concept_ids[0]) != "DRUG" or \
                    any(c.start < m.end(1) and m.start(1) < c.end for c in candidates):
                continue
            found.append(Candidate(m.start(1), m.end(1), (WITHDRAWAL_SYNDROME,), "pattern", score=WITHDRAWAL_SCORE,
                                   notes=["withdrawal of a drug"]))
        return found


def induced_senses(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Every candidate of a concept in INDUCED_SENSES takes the substance-induced child when one of them is said
    to be induced (see the module docstring).

    >>> text = "Amphetamine-induced psychosis. The psychosis resolved."
    >>> cands = [Candidate(0, 11, ("MESH:D000661",), "dictionary"), Candidate(20, 29, ("MESH:D011618",), "dictionary"),
    ...          Candidate(35, 44, ("MESH:D011618",), "dictionary")]
    >>> [c.concept_ids for c in induced_senses(cands, text)][1:]
    [('MESH:D011605',), ('MESH:D011605',)]
    """
    induced = {c.concept_ids[0] for c in candidates if c.concept_ids and c.concept_ids[0] in INDUCED_SENSES and
               (INDUCED_BEFORE.search(text, max(0, c.start - 20), c.start) or INDUCED_AFTER.match(text, c.end))}
    if not induced:
        return candidates
    return [replace(c, concept_ids=(INDUCED_SENSES[c.concept_ids[0]], *c.concept_ids[1:]))
            if c.concept_ids and c.concept_ids[0] in induced else c for c in candidates]
