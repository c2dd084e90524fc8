"""Drugs newer than the MeSH release, named by a WHO INN stem: "zavegepant", "suzetrigine", "daridorexant".

A drug's international nonproprietary name ends in a stem that says what kind of drug it is ("-gepant": CGRP
receptor antagonists, "-orexant": orexin receptor antagonists). A word that ends in one of the stems in
`models/curation/inn_stems.tsv` and that the KB does not know is a DRUG mention, unlinked (MeSH has no concept for
it yet), with the stem's MeSH class as its closest concept (`related_id`), where MeSH has one. Pharmacology users
follow exactly these drugs; the dictionary cannot know them and the NER's mentions of them have no KB candidate.

The stems are long and specific (no English word ends in "-gepant" or "-olol"); the word must have three letters
or more before its stem, a capital at most at its start and no hyphen or letter joined to it ("alpha-hydroxy…" is a
metabolite's name, "anticocaine" no drug).
"""
from __future__ import annotations

import csv
from functools import lru_cache

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from meshtag.kb.normalize import normalize
from meshtag.nlp.candidates import Candidate, KBComponent, get_candidates, text_of
from meshtag.paths import curation_dir

STEMS_FILE = "inn_stems.tsv"
STEM_COLUMNS = ("stem", "concept_id", "source", "note")
MIN_LETTERS_BEFORE = 3
STEM_SCORE = 0.5  # no concept to be sure of: as doubtful as a development code (meshtag_drug_codes)
NOT_A_DRUG_PREFIXES = ("anti",)  # "anticocaine" antibodies


@lru_cache(maxsize=1)
def inn_stems() -> dict[str, str | None]:
    """Stem -> its MeSH class id (None where MeSH has no class), from models/curation/inn_stems.tsv."""
    with open(curation_dir() / STEMS_FILE, encoding="utf-8", newline="") as fh:
        return {r["stem"]: r["concept_id"] or None for r in csv.DictReader(fh, delimiter="\t") if r.get("source")}


@lru_cache(maxsize=1)
def stem_endings() -> tuple[str, ...]:
    """Every stem and its plural, for `str.endswith`."""
    return tuple(inn_stems()) + tuple(f"{stem}s" for stem in inn_stems())


@lru_cache(maxsize=1)
def longest_first() -> tuple[str, ...]:
    """The stems, longest first: "aripiprazole" is an antipsychotic's "-piprazole", not a proton pump's "-prazole"."""
    return tuple(sorted(inn_stems(), key=len, reverse=True))


def ends_in_stem(word: str) -> bool:
    """The lexeme flag that marks candidate words: does `word` end in a stem (or its plural)?"""
    return word.endswith(stem_endings())


def inn_stem(text: str, start: int, end: int) -> str | None:
    """The stem of the word text[start:end] if it is an INN's: lowercase letters after one capital at most, three
    letters or more before a stem it ends in (or its plural), not an "anti-" word, no letter, digit, hyphen or slash
    joined to it.

    >>> [inn_stem(t, 0, len(t)) for t in ("Zavegepant", "atogepants", "anticocaine", "FooGepant", "anolol")]
    ['gepant', 'gepant', None, None, None]
    >>> inn_stem("brexpiprazole", 0, 13), inn_stem("Sess", 0, 4)
    ('piprazole', None)
    >>> inn_stem("alpha-hydroxyfoocaine", 6, 21), inn_stem("suzetrigine-treated", 0, 11)
    (None, 'trigine')
    """
    word = text[start:end]
    if not (word[:1].isalpha() and word[1:].isalpha() and word[1:].islower()) or \
            word.lower().startswith(NOT_A_DRUG_PREFIXES) or \
            (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/")) or text[end:end + 1].isalnum():
        return None
    singular = word.removesuffix("s")  # no stem ends in "s"
    stem = next((s for s in longest_first() if singular.endswith(s)), None)
    return stem if stem is not None and len(singular) - len(stem) >= MIN_LETTERS_BEFORE else None


@Language.factory("meshtag_drug_stems", default_config={"kb_path": None})
def make_drug_stems(nlp: Language, name: str, kb_path: str | None) -> "DrugStems":
    return DrugStems(nlp.vocab, kb_path)


class DrugStems(KBComponent):
    """Adds an unlinked DRUG candidate, related to its stem's MeSH class, for each word with an INN stem that the
    KB does not know and no other candidate covers.

    The words are found by a lexeme flag (`ends_in_stem`), which spaCy computes once per word type of the vocabulary:
    a scan of every abstract's text for the stems would cost ~4 times as much."""

    def __init__(self, vocab: Vocab, kb_path: str | None = None):
        super().__init__(kb_path)
        self.flag = vocab.add_flag(ends_in_stem)

    def __call__(self, doc: Doc) -> Doc:
        marked = np.flatnonzero(doc.to_array(self.flag))
        if not marked.size:
            return doc
        text = text_of(doc)
        candidates = get_candidates(doc)
        for i in marked.tolist():
            start = doc[i].idx
            end = start + len(doc[i])
            stem = inn_stem(text, start, end)
            if stem is None or self.kb.has_key(normalize(text[start:end])):
                continue  # a drug MeSH names: the dictionary's
            cand = Candidate(start, end, (), "pattern", score=STEM_SCORE, label="DRUG",
                             related_id=inn_stems()[stem], notes=["unlinked", f"INN stem -{stem}"])
            if not any(cand.overlaps(c) for c in candidates):
                candidates.append(cand)
        return doc
