"""Drugs newer than the MeSH release, named by a WHO INN stem: "zavegepant", "suzetrigine", "daridorexant".

A drug's international nonproprietary name ends in a stem that says what kind of drug it is ("-gepant": CGRP
receptor antagonists, "-orexant": orexin receptor antagonists). A word that ends in one of the stems in
`models/curation/inn_stems.tsv` and that the KB does not know is a DRUG mention, unlinked (MeSH has no concept for
it yet), with the stem's MeSH class as its closest concept (`related_id`), where MeSH has one. Pharmacology users
follow exactly these drugs; the dictionary cannot know them and the NER's mentions of them have no KB candidate.

A single enantiomer of a drug the KB knows, named by the INN chirality prefix ("esmethadone", "arketamine",
"esreboxetine": "es-" and "ar-" for the S and R forms, "lev-"/"levo-" and "dex-"/"dextro-"), is an unlinked DRUG
mention too, with the racemate's concept as its closest.

The stems are long and specific (no English word ends in "-gepant" or "-olol"); the word must have three letters
or more before its stem, a capital at most at its start and no hyphen or letter joined to it ("alpha-hydroxy…" is a
metabolite's name, "anticocaine" no drug).
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from meshtag.kb.normalize import normalize
from meshtag.nlp.candidates import Candidate, KBComponent, get_candidates, text_of
from meshtag.nlp.drug_codes import CODE_SCORE  # no concept to be sure of: as doubtful as a development code
from meshtag.paths import curation_dir

STEMS_FILE = "inn_stems.tsv"
MIN_LETTERS_BEFORE = 3
NOT_A_DRUG_PREFIXES = ("anti",)  # "anticocaine" antibodies
CHIRAL_PREFIXES = ("dextro", "levo", "dex", "lev", "es", "ar")  # INN prefixes of single enantiomers, longest first
MIN_RACEMATE = 6  # letters of the drug name after the prefix: "es" + "tradiol" is no enantiomer's name
MIN_CHIRAL_WORD = min(map(len, CHIRAL_PREFIXES)) + MIN_RACEMATE


def read_stems(path: Path) -> dict[str, str | None]:
    """Stem -> its MeSH class id (None where MeSH has no class), from a table like models/curation/inn_stems.tsv
    (none when the file is missing, as in a test's own models folder)."""
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["stem"]: r["concept_id"] or None for r in csv.DictReader(fh, delimiter="\t") if r.get("source")}


def inn_stem(text: str, start: int, end: int, stems: tuple[str, ...]) -> str | None:
    """The stem (of `stems`, longest first) of the word text[start:end] if it is an INN's: lowercase letters after
    one capital at most, three letters or more before a stem it ends in (or its plural), not an "anti-" word, no
    letter, digit, hyphen or slash joined to it ("aripiprazole" is "-piprazole", an antipsychotic's, not "-prazole").

    >>> stems = ("piprazole", "gepant", "prazole", "caine", "olol")
    >>> [inn_stem(t, 0, len(t), stems) for t in ("Zavegepant", "atogepants", "anticocaine", "FooGepant", "anolol")]
    ['gepant', 'gepant', None, None, None]
    >>> inn_stem("alpha-hydroxyfoocaine", 6, 21, stems), inn_stem("suzecaine-treated", 0, 9, stems)
    (None, 'caine')
    >>> inn_stem("brexpiprazole", 0, 13, stems), inn_stem("Sess", 0, 4, stems)
    ('piprazole', None)
    """
    word = text[start:end]
    if not (word[:1].isalpha() and word[1:].isalpha() and word[1:].islower()) or \
            word.lower().startswith(NOT_A_DRUG_PREFIXES) or \
            (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/")) or text[end:end + 1].isalnum():
        return None
    singular = word.removesuffix("s")  # no stem ends in "s"
    stem = next((s for s in stems if singular.endswith(s)), None)
    return stem if stem is not None and len(singular) - len(stem) >= MIN_LETTERS_BEFORE else None


def chirally_prefixed(word: str) -> bool:
    """Could `word` name a single enantiomer: letters, a capital at most at its start, a chirality prefix and six
    letters or more after it?

    >>> chirally_prefixed("Esmethadone"), chirally_prefixed("levels"), chirally_prefixed("ArKetamine")
    (True, False, False)
    """
    return len(word) >= MIN_CHIRAL_WORD and word.isalpha() and word[1:].islower() and \
        word.lower().startswith(CHIRAL_PREFIXES)


@Language.factory("meshtag_drug_stems", default_config={"kb_path": None})
def make_drug_stems(nlp: Language, name: str, kb_path: str | None) -> "DrugStems":
    return DrugStems(nlp.vocab, kb_path)


class DrugStems(KBComponent):
    """Adds an unlinked DRUG candidate, related to its stem's MeSH class, for each word with an INN stem that the
    KB does not know and no other candidate covers.

    The words are found by a lexeme flag (does the word end in a stem?), which spaCy computes once per word type:
    a scan of every abstract's text for the stems would cost ~4 times as much."""

    def __init__(self, vocab: Vocab, kb_path: str | None = None, stems_path: Path | None = None):
        super().__init__(kb_path)
        self.stems = read_stems(stems_path or curation_dir() / STEMS_FILE)
        self.longest_first = tuple(sorted(self.stems, key=len, reverse=True))
        endings = tuple(self.stems) + tuple(f"{stem}s" for stem in self.stems)
        self.flag = vocab.add_flag(lambda word: word.endswith(endings) or chirally_prefixed(word))
        self._racemates: dict[str, str | None] = {}

    def racemate(self, word: str) -> str | None:
        """The concept of the drug whose single enantiomer `word` names with a chirality prefix, if the KB knows the
        drug and not the word ("esmethadone" -> Methadone; "escitalopram" is MeSH's own); memoised."""
        word = word.lower()
        if word not in self._racemates:
            self._racemates[word] = None if self.kb.has_key(normalize(word)) else next(filter(None, (
                self.drug_named(word[len(prefix):]) for prefix in CHIRAL_PREFIXES
                if word.startswith(prefix) and len(word) - len(prefix) >= MIN_RACEMATE)), None)
        return self._racemates[word]

    def drug_named(self, name: str) -> str | None:
        """The DRUG concept `name` names first, if any (the key test first: most words name nothing)."""
        return next(iter(self.kb.named_ids(name, "DRUG")), None) if self.kb.has_key(name) else None

    def __call__(self, doc: Doc) -> Doc:
        marked = np.flatnonzero(doc.to_array(self.flag))
        if not marked.size:
            return doc
        text = text_of(doc)
        candidates = get_candidates(doc)
        for i in marked.tolist():
            start = doc[i].idx
            end = start + len(doc[i])
            stem = inn_stem(text, start, end, self.longest_first)
            if stem is not None and not self.kb.has_key(normalize(text[start:end])):  # else a drug MeSH names
                cand = Candidate(start, end, (), "pattern", score=CODE_SCORE, label="DRUG",
                                 related_id=self.stems[stem], notes=["unlinked", f"INN stem -{stem}"])
            elif chirally_prefixed(doc[i].text) and (parent := self.racemate(doc[i].text)) is not None:
                cand = Candidate(start, end, (), "pattern", score=CODE_SCORE, label="DRUG", related_id=parent,
                                 notes=["unlinked", "INN single enantiomer"])
            else:
                continue
            if not any(cand.overlaps(c) for c in candidates):
                candidates.append(cand)
        return doc
