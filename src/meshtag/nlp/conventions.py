"""Annotation conventions: what counts as a mention depends on who reads the output.

- "meshtag" (default): everything our users report on, pharmacological classes included
  ("antidepressants with neuropathic pain" is the kind of question meshtag answers).
- "bc5cdr": the BioCreative V CDR corpus leaves most class words unannotated ("analgesic",
  "opioid", "calcium channel blockers": 0 of 40 training occurrences) but annotates a few
  ("antidepressant", "oral contraceptives"). Concepts that are only pharmacological classes or
  preparations (every tree number under D26/D27) are dropped, except surface forms the training set
  annotates (models/curation/bc5cdr_class_terms.tsv, mined by scripts/mine_blocked_terms.py).
  Use it to compare with systems scored on BC5CDR (`meshtag eval --corpus bc5cdr` does).
- "pubtator": the annotation style of PubTator gold files (NCBI-disease, meshtag's own receptor and
  brain-region set, docs/annotation-guidelines.md): everything "meshtag" tags, but a coordination with an
  elliptical conjunct is one composite span ("colon or rectal cancer", id "A|B"; see meshtag.nlp.composites).
  "bc5cdr" writes composites the same way.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from meshtag.kb.normalize import normalize
from meshtag.paths import curation_dir

CONVENTIONS = ("meshtag", "pubtator", "bc5cdr")
COMPOSITE_CONVENTIONS = frozenset({"pubtator", "bc5cdr"})  # styles that annotate composite mentions
CLASS_TREES = ("D26", "D27")
BC5CDR_CLASS_TERMS = "bc5cdr_class_terms.tsv"
CLASS_TERM_COLUMNS = ("term", "conventions", "source", "note")


def is_class_only(tree_numbers: tuple[str, ...]) -> bool:
    """True for a concept that is only a pharmacological class or preparation.

    >>> is_class_only(("D27.505.954.427.210",)), is_class_only(("D27.505", "D03.633")), is_class_only(())
    (True, False, False)
    """
    return bool(tree_numbers) and all(t.startswith(CLASS_TREES) for t in tree_numbers)


@lru_cache(maxsize=2)
def allowed_class_terms(conventions: str) -> frozenset[str]:
    """Normalised class terms a convention keeps."""
    path = curation_dir() / BC5CDR_CLASS_TERMS
    if conventions != "bc5cdr" or not path.is_file():
        return frozenset()
    with open(path, encoding="utf-8", newline="") as fh:
        return frozenset(normalize(r["term"]) for r in csv.DictReader(fh, delimiter="\t") if r.get("source"))


def keeps(conventions: str, tree_numbers: tuple[str, ...], surface: str) -> bool:
    """Whether a mention of a concept with these tree numbers, written `surface`, is kept."""
    if conventions != "bc5cdr" or not is_class_only(tree_numbers):
        return True
    return normalize(surface) in allowed_class_terms(conventions)
