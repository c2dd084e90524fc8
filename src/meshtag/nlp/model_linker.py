"""Accurate mode: mentions found by the statistical NER that the dictionary missed, linked to the KB
through its candidate generator (`kb.lookup`: exact, token-reordered, character n-gram fuzzy).

The lookup score of the best candidate is calibrated into the probability that it is the right concept
(isotonic regression fitted on the development sets, `models/calibration/model_linker.json`, rebuilt by
scripts/calibrate_model_linker.py). Below `threshold` the mention is kept with its label but no concept
(flagged unlinked); a mention whose raw score is below `min_score` is not something the KB knows
("Meanwhile") and is dropped."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import Candidate, get_candidates, text_of
from meshtag.nlp.conventions import ConventionsComponent, keeps, keeps_modifiers
from meshtag.nlp.dictionary import balanced_span, code_letters
from meshtag.nlp.entities import TYPE_DESIGNATION
from meshtag.paths import models_dir

DEFAULT_CALIBRATION = models_dir() / "calibration" / "model_linker.json"
DEFAULT_THRESHOLD = 0.5    # calibrated probability below which a mention is kept unlinked
DEFAULT_MIN_SCORE = 0.5    # raw lookup score below which a model mention is dropped
LOOKUP_CANDIDATES = 5
# heads that say only what kind of thing a mention is: "Schwartz-Jampel syndrome" is not "Syndrome"
GENERIC_HEADS = frozenset({"MESH:D013577", "MESH:D004194"})  # Syndrome, Disease
# an eponymous disease name ending in its class noun ("Parkinson's disease", "Down syndrome", "Lesch-Nyhan disease")
EPONYM_NAME = re.compile(r"(?P<name>[A-Z][a-z]+)(?P<possessive>'s|(?<=s)')?[\s-]\S*?\s*(?i:disease|syndrome|disorder)")
SENTENCE_END = re.compile(r"(?:^|[.!?:;])\s*$")
PAIN = "MESH:D010146"  # the bare symptom a disease's name may precede ("osteoarthritis pain")
LINK_CACHE_SIZE = 100_000
# MeSH trees of what an unlinked model mention names when it is no drug, disease, receptor or region: a place
# ("Southern California") or a body part outside the nervous system ("prostate" as an organ)
NOT_A_MENTION_TREES = ("Z01", "A")
# a type designation alone ("Type II" of "Type II human complement C2 deficiency") names no disease
BARE_TYPE = re.compile(TYPE_DESIGNATION, re.IGNORECASE)
# a disease adjective's noun: "neutropenic" -> neutropenia, "psychotic" -> psychosis, "hepatotoxic" -> hepatotoxicity
ADJECTIVE_NOUNS = ((re.compile(r"otic$"), "osis"), (re.compile(r"ic$"), "ia"), (re.compile(r"ic$"), "icity"))


# an organ's adenocarcinoma the KB does not name is the organ's neoplasm, as the corpora link it ("gastric
# adenocarcinoma": Stomach Neoplasms, "prostate adenocarcinomas": Prostatic Neoplasms; 7 of 8 BC5CDR and NCBI-disease
# mentions, training and development), where MeSH's Adenocarcinoma would lose the organ
ORGAN_ADENOCARCINOMA = re.compile(r"(?P<organ>[A-Za-z][\w-]*(?: [\w-]+)?) adenocarcinomas?", re.IGNORECASE)
ORGAN_CANCER_WORDS = ("carcinoma", "cancer")


def noun_spellings(word: str) -> list[str]:
    """The nouns a one-word disease adjective may be formed from, most likely first.

    >>> noun_spellings("Neutropenic"), noun_spellings("psychotic")[0], noun_spellings("severe")
    (['Neutropenia', 'Neutropenicity'], 'psychosis', [])
    """
    if " " in word or not word.lower().endswith("ic"):
        return []
    return list(dict.fromkeys(rx.sub(noun, word) for rx, noun in ADJECTIVE_NOUNS if rx.search(word)))


def name_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The model's span without the hyphens and slashes its tokens carry at either end: "kainic acid-" of
    "pilocarpine-, kainic acid- and NMDA-induced", "/- dexrazoxane" of "+/- dexrazoxane" (a "+" stays: "Ca2+"),
    and without the sentence's period that a token ending in one capital keeps ("vitamin D." at a title's end).

    >>> text = "pilocarpine-, kainic acid- and doxorubicin +/- dexrazoxane; vitamin D."
    >>> [text[slice(*name_bounds(text, s, e))] for s, e in [(14, 26), (44, 58), (60, 70)]]
    ['kainic acid', 'dexrazoxane', 'vitamin D']
    """
    while start < end and text[start] in "-/ ":
        start += 1
    while end > start and text[end - 1] in "-/ .":
        end -= 1
    return start, end


@Language.factory("meshtag_model_linker",
                  default_config={"kb_path": None, "threshold": DEFAULT_THRESHOLD, "min_score": DEFAULT_MIN_SCORE,
                                  "calibration": None, "conventions": "meshtag"})
def make_model_linker(nlp: Language, name: str, kb_path: str | None, threshold: float,
                      min_score: float, calibration: str | None, conventions: str) -> "ModelLinker":
    """`calibration`: a calibration JSON (None: the committed one; "": raw scores are used as they are).
    `conventions` (meshtag.nlp.conventions) decide whether an unlinked mention keeps its modifiers and takes
    the concept of the linked head inside it ("severe renal failure"), or the head alone is the mention
    (BC5CDR's way for most modifiers: "renal failure")."""
    return ModelLinker(kb_path, threshold, min_score, calibration, conventions)


class Calibration:
    """Piecewise-linear map from a raw lookup score to the probability that the candidate is right."""

    def __init__(self, path: str | Path | None):
        data = json.loads(Path(path).read_text(encoding="utf-8")) if path and Path(path).is_file() else None
        self.x = np.asarray(data["x"], dtype=float) if data else None
        self.y = np.asarray(data["y"], dtype=float) if data else None

    def __call__(self, raw: float) -> float:
        """Calibrated probability (the raw score itself when there is no calibration)."""
        return raw if self.x is None else float(np.interp(raw, self.x, self.y))


class ModelLinker(ConventionsComponent):
    """Adds the NER's entities (in `doc.ents`) as candidates, linked by label-compatible KB lookup.

    An unlinked model mention never displaces dictionary mentions it overlaps ("neuropathic pain
    disorders" keeps the linked "neuropathic pain"), and one the KB knows nothing like is dropped.
    """

    def __init__(self, kb_path: str | None = None, threshold: float = DEFAULT_THRESHOLD,
                 min_score: float = DEFAULT_MIN_SCORE, calibration: str | None = None, conventions: str = "meshtag"):
        super().__init__(kb_path, conventions)
        self.threshold = threshold
        self.min_score = min_score
        self.calibrate = Calibration(DEFAULT_CALIBRATION if calibration is None else calibration)
        self._links: dict[tuple[str, str], tuple[tuple[str, ...], float]] = {}

    def link(self, text: str, label: str) -> tuple[tuple[str, ...], float, float]:
        """Concept ids (best first) of the given label for a mention text (none when the calibrated score
        is below the threshold), the calibrated and the raw score of the best candidate
        (memoised: mention strings repeat across abstracts and the fuzzy lookup is the costly part)."""
        key = (text, label)
        if key not in self._links:
            if len(self._links) >= LINK_CACHE_SIZE:
                self._links.clear()
            self._links[key] = self._link(text, label)
        return self._links[key]

    def _link(self, text: str, label: str) -> tuple[tuple[str, ...], float, float]:
        hits = [h for h in self.kb.lookup(text, limit=LOOKUP_CANDIDATES) if h.label == label]
        raw = hits[0].score if hits else 0.0
        if raw < 1.0 and (organ := self.organ_neoplasm(text, label)):
            return organ, self.calibrate(1.0), 1.0
        probability = self.calibrate(raw)
        if not hits or probability < self.threshold:
            # the model reads a disease adjective ("Neutropenic patients"); the KB names the noun
            noun = next(filter(None, (self.kb.named_ids(n, label, limit=3) for n in noun_spellings(text))), ())
            return (noun, self.calibrate(1.0), 1.0) if noun else ((), probability, raw)
        return tuple(h.id for h in hits), probability, raw

    def organ_neoplasm(self, text: str, label: str) -> tuple[str, ...]:
        """The neoplasm of the organ an adenocarcinoma is named after, when the KB names "<organ> carcinoma" or
        "<organ> cancer" ("pancreatic adenocarcinoma": Pancreatic Neoplasms); () otherwise."""
        organ = ORGAN_ADENOCARCINOMA.fullmatch(text.strip())
        if organ is None or label != "CONDITION":
            return ()
        return next(filter(None, (self.kb.named_ids(f"{organ['organ']} {word}", label, limit=1)
                                  for word in ORGAN_CANCER_WORDS)), ())

    def names_a_place_or_body_part(self, name: str) -> bool:
        """Does `name` exactly name only places and body parts (NOT_A_MENTION_TREES), none of them labelled?
        The NER reads "California" and "prostate" as diseases now and then (BC5CDR and NCBI-disease: 5 such
        unlinked mentions, none annotated)."""
        exact = [h for h in self.kb.lookup(name, limit=LOOKUP_CANDIDATES, fuzzy=False) if h.score >= 1.0]
        return bool(exact) and all(
            h.label is None and (concept := self.kb.get(h.id)) is not None and concept.tree_numbers
            and all(t.startswith(NOT_A_MENTION_TREES) for t in concept.tree_numbers) for h in exact)

    def head_inside(self, cand: Candidate, known: list[Candidate], text: str) -> Candidate | None:
        """The linked candidate of the same label that lies inside an unlinked model mention and ends where
        it ends — its head ("severe renal failure" → "renal failure"): the mention keeps the model's
        boundaries and takes the head's concept, when the conventions keep the modifiers in front of it.
        A generic head (Syndrome, Disease) is no concept for it, nor is a head these conventions drop ("male cancer
        [deaths]" under NCBI-disease's, which annotates no death: the mention gives way to "cancer")."""
        heads = [k for k in known if k.end == cand.end and k.start >= cand.start and self.names_as(k, cand.label)
                 and self.kept(k, text)]
        head = max(heads, key=lambda k: k.end - k.start, default=None)
        if head is None or not keeps_modifiers(self.conventions, cand.label, text[cand.start:head.start]) or \
                self.names_modifier(cand, head, known) or self.two_names(cand, known, text) or \
                any(k.concept_ids and k.start < cand.start < k.end for k in known):
            return None  # (last: the model's span starts inside a name, "Down [syndrome leukemia]")
        return head

    def names_as(self, known: Candidate, label: str) -> bool:
        """Is a dictionary candidate linked to a concept of `label` that is no generic head (Syndrome, Disease)?"""
        return bool(known.concept_ids) and known.concept_ids[0] not in GENERIC_HEADS and \
            self.kb.label(known.concept_ids[0]) == label

    def kept(self, known: Candidate, text: str) -> bool:
        """Do the conventions keep a linked candidate as a mention (meshtag.nlp.conventions.keeps)?"""
        concept = self.kb.get(known.concept_ids[0])
        return keeps(self.conventions, concept.tree_numbers if concept else (), text[known.start:known.end],
                     self.kb.label(known.concept_ids[0]))

    def names_modifier(self, cand: Candidate, head: Candidate, known: list[Candidate]) -> bool:
        """Is the head bare pain and a linked disease in front of it ("Osteoarthritis pain", "endometriosis pain")?
        Then the words are two mentions, the disease and its pain: the model's span would hide the disease. (Other
        heads keep their modifiers: "cholestatic hepatitis" is one mention in the corpora.)"""
        return head.concept_ids[0] == PAIN and any(
            cand.start <= k.start and k.end <= head.start and self.names_as(k, cand.label) for k in known)

    def two_names(self, cand: Candidate, known: list[Candidate], text: str) -> bool:
        """Is a model mention two linked names side by side, the first a whole disease name ending in its
        class noun ("Parkinson's disease psychosis", "Alzheimer's disease agitation")? The words are then two
        conditions; one mention would hide the first from co-occurrence reports."""
        firsts = [k for k in known if k.start == cand.start and k.end < cand.end and self.names_as(k, cand.label)
                  and self.eponym(text, k.start, k.end)]
        return bool(firsts) and any(k.end == cand.end and self.names_as(k, cand.label)
                                    and any(text[f.end:k.start].isspace() for f in firsts) for k in known)

    @staticmethod
    def eponym(text: str, start: int, end: int) -> bool:
        """Does text[start:end] name a disease by a person ("Parkinson's disease", "Tourette syndrome"): a capitalised
        name, possessive or inside a sentence (a capital at a sentence start is no name: "Autosomal recessive
        disease"), then the class noun?"""
        m = EPONYM_NAME.fullmatch(text, start, end)
        return m is not None and (m["possessive"] is not None or SENTENCE_END.search(text, 0, start) is None)

    @staticmethod
    def generic_inside(known: Candidate, cand: Candidate) -> bool:
        """A generic head inside the mention ("syndrome" in "Schwartz-Jampel syndrome"): the unlinked
        mention is kept and, being longer, replaces it."""
        return bool(known.concept_ids) and known.concept_ids[0] in GENERIC_HEADS and \
            cand.start <= known.start and known.end <= cand.end

    def __call__(self, doc: Doc) -> Doc:
        candidates = get_candidates(doc)
        known = list(candidates)
        exact = {(c.start, c.end) for c in known}
        text = text_of(doc)
        for ent in doc.ents:
            start, end = name_bounds(text, ent.start_char, ent.end_char)
            if (start, end) in exact or start >= end:
                continue  # the dictionary already has this very span, linked
            if balanced_span(text, start, end) != (start, end) or code_letters(text, start, end):
                continue  # "IDDM) (5", "HBV) infection": a span across a bracket is no name; nor are the letters of
                # a development code ("LP" of "LP-211": meshtag_drug_codes reads the code)
            ids, score, raw = self.link(text[start:end], ent.label_)
            cand = Candidate(start, end, ids, "model", score=score, label=ent.label_)
            if not ids:
                inner = self.head_inside(cand, known, text)
                if inner is not None:  # the model's boundaries, the dictionary's concept
                    cand.concept_ids, cand.score = inner.concept_ids, min(inner.score, score or inner.score)
                elif raw < self.min_score or text[start:end].lower() in STOP_WORDS or \
                        any(cand.overlaps(k) and not self.generic_inside(k, cand) for k in known) or \
                        BARE_TYPE.fullmatch(text, start, end) or self.names_a_place_or_body_part(text[start:end]):
                    continue  # unknown to the KB, a function word ("were done"), in the way of a linked name, a
                    # bare type ("Type II"), or a place or body part ("California")
                else:
                    cand.notes.append("unlinked")
            candidates.append(cand)
        doc.ents = []
        return doc
