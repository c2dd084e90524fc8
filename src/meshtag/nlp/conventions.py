"""Annotation conventions: what counts as a mention depends on who reads the output.

- "meshtag" (default): everything our users report on, pharmacological classes included
  ("antidepressants with neuropathic pain" is the kind of question meshtag answers); a disease or chemical word
  inside a gene product's name is none ("tumor necrosis factor-alpha" names a cytokine, "creatine kinase" an
  enzyme), which both corpora annotate.
- "bc5cdr": the BioCreative V CDR corpus leaves most class words unannotated ("analgesic",
  "opioid", "calcium channel blockers": 0 of 40 training occurrences) but annotates a few
  ("antidepressant", "oral contraceptives"). Concepts that are only pharmacological classes or
  preparations (every tree number under D26/D27) are dropped, except surface forms the training set
  annotates (models/curation/bc5cdr_class_terms.tsv, mined by scripts/mine_blocked_terms.py). A few
  chemical names it annotates only through the chemical inside ("reactive oxygen species" -> "oxygen",
  "thallium-201" -> "thallium": models/curation/bc5cdr_ligand_terms.tsv, mined by the same script).
  Use it to compare with systems scored on BC5CDR (`meshtag eval --corpus bc5cdr` does).
- "pubtator": the annotation style of PubTator gold files (NCBI-disease, meshtag's own receptor and
  brain-region set, docs/annotation-guidelines.md): everything "meshtag" tags, but a coordination with an
  elliptical conjunct is one composite span ("colon or rectal cancer", id "A|B"; see meshtag.nlp.composites), and
  a disease's numbered type written next to it is part of the mention ("type IID von Willebrand disease"), so are
  the stages written before it ("stage II and III colorectal carcinomas"), and a coagulation factor named after a
  disease is that disease ("von Willebrand" of "von Willebrand factor").
  "bc5cdr" writes composites the same way.

Under "bc5cdr" each ion symbol of an ion transporter's name is a chemical mention ("Na-K-2Cl cotransporter":
meshtag.nlp.transporter_ions).

Both corpus conventions drop the CONDITION concepts outside the disease trees that meshtag labels by its own
convention (suicidal ideation, suicide attempts, self-harm).

Each of "bc5cdr" and "pubtator" also drops the terms its corpus alone leaves unannotated ("death": BC5CDR
annotates 26 of 32 matches, NCBI-disease none of 20): models/curation/convention_blocked_terms.tsv, mined
from the training sets by scripts/mine_blocked_terms.py. Terms both leave unannotated are blocked everywhere
(meshtag.nlp.blocklist).

Under "bc5cdr" an NER mention that only adds modifiers to a linked disease name keeps them when BC5CDR
keeps such words ("ventricular arrhythmias", "cholestatic hepatitis") and becomes the name alone otherwise
("severe hepatitis" -> "hepatitis"): models/curation/bc5cdr_kept_modifiers.tsv, mined from the training
set by scripts/mine_kept_modifiers.py. The other conventions keep every modifier.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from meshtag.kb.normalize import normalize
from meshtag.nlp.candidates import KBComponent
from meshtag.paths import curation_dir

CONVENTIONS = ("meshtag", "pubtator", "bc5cdr")
COMPOSITE_CONVENTIONS = frozenset({"pubtator", "bc5cdr"})  # styles that annotate composite mentions
CLASS_TREES = ("D26", "D27")
DISEASE_TREES = ("C", "F03")  # what the corpora annotate as diseases: Diseases, Mental Disorders
# concepts BC5CDR annotates only through the chemical their name holds, if any: lipoproteins ("LDL-cholesterol" ->
# "cholesterol"; its training set: 3 of 3 such names, and no lipoprotein annotated as itself) and blood
# coagulation factors ("thromboplastin", "factor Xa": 0 of 16 annotated)
COAGULATION_FACTOR_TREE = "D12.776.124.125"
INNER_CHEMICAL_TREES = ("D12.776.521", COAGULATION_FACTOR_TREE)
BC5CDR_CLASS_TERMS = "bc5cdr_class_terms.tsv"
BC5CDR_LIGAND_TERMS = "bc5cdr_ligand_terms.tsv"
CLASS_TERM_COLUMNS = ("term", "conventions", "source", "note")
BC5CDR_KEPT_MODIFIERS = "bc5cdr_kept_modifiers.tsv"
MODIFIER_COLUMNS = ("modifier", "kept", "stripped", "source")
CONVENTION_BLOCKED_TERMS = "convention_blocked_terms.tsv"
CONVENTION_BLOCKED_COLUMNS = ("term", "label", "conventions", "source", "note")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


class ConventionsComponent(KBComponent):
    """A KB component whose behaviour depends on the annotation conventions it is configured with."""

    def __init__(self, kb_path: str | None = None, conventions: str = "meshtag"):
        if conventions not in CONVENTIONS:
            raise ValueError(f"conventions must be one of {CONVENTIONS}, not {conventions!r}")
        super().__init__(kb_path)
        self.conventions = conventions


def is_class_only(tree_numbers: tuple[str, ...]) -> bool:
    """True for a concept that is only a pharmacological class or preparation.

    >>> is_class_only(("D27.505.954.427.210",)), is_class_only(("D27.505", "D03.633")), is_class_only(())
    (True, False, False)
    """
    return bool(tree_numbers) and all(t.startswith(CLASS_TREES) for t in tree_numbers)


def _bc5cdr_terms(conventions: str, file: str) -> frozenset[str]:
    """Normalised terms of a bc5cdr-conventions table (empty under other conventions)."""
    path = curation_dir() / file
    if conventions != "bc5cdr" or not path.is_file():
        return frozenset()
    with open(path, encoding="utf-8", newline="") as fh:
        return frozenset(normalize(r["term"]) for r in csv.DictReader(fh, delimiter="\t") if r.get("source"))


@lru_cache(maxsize=2)
def allowed_class_terms(conventions: str) -> frozenset[str]:
    """Normalised class terms a convention keeps."""
    return _bc5cdr_terms(conventions, BC5CDR_CLASS_TERMS)


@lru_cache(maxsize=2)
def ligand_terms(conventions: str) -> frozenset[str]:
    """Normalised chemical names a convention annotates through the chemical inside them."""
    return _bc5cdr_terms(conventions, BC5CDR_LIGAND_TERMS)


@lru_cache(maxsize=4)
def blocked_under(conventions: str) -> dict[str, frozenset[str]]:
    """Label -> normalised terms these conventions drop (and no other conventions do)."""
    path = curation_dir() / CONVENTION_BLOCKED_TERMS
    if not path.is_file():
        return {}
    blocked: dict[str, set[str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r.get("source") and r["conventions"] == conventions:
                blocked.setdefault(r["label"], set()).add(normalize(r["term"]))
    return {label: frozenset(terms) for label, terms in blocked.items()}


def through_inner_chemical(conventions: str, tree_numbers: tuple[str, ...]) -> bool:
    """Is a concept with these tree numbers annotated only through the chemical inside its name (see
    INNER_CHEMICAL_TREES)?

    >>> through_inner_chemical("bc5cdr", ("D12.776.521.120.500",)), through_inner_chemical("meshtag", ("D12.776.521",))
    (True, False)
    """
    return conventions == "bc5cdr" and any(t.startswith(INNER_CHEMICAL_TREES) for t in tree_numbers)


def through_inner_disease(conventions: str, tree_numbers: tuple[str, ...]) -> bool:
    """Is a concept with these tree numbers annotated through the disease its name starts with? NCBI-disease
    annotates "von Willebrand" of "von Willebrand factor" as the disease its lack causes (training set: 10 of 10),
    and no coagulation factor as itself: under the pubtator conventions a coagulation factor named after a
    disease is that disease.

    >>> through_inner_disease("pubtator", ("D12.776.124.125.920",)), through_inner_disease("meshtag", (
    ...     "D12.776.124.125.920",))
    (True, False)
    """
    return conventions == "pubtator" and any(t.startswith(COAGULATION_FACTOR_TREE) for t in tree_numbers)


def outside_disease_trees(conventions: str, tree_numbers: tuple[str, ...], label: str | None) -> bool:
    """Is this a CONDITION the corpora would not annotate: a descriptor outside the disease trees (C, F03), which
    meshtag labels by its own convention (suicidal ideation, suicide attempts, self-harm: models/curation/
    label_overrides.tsv)? Such mentions are meshtag's alone; BC5CDR's training set leaves its 2 suicide attempts
    unannotated.

    >>> outside_disease_trees("bc5cdr", ("F01.145.126.980",), "CONDITION")
    True
    >>> outside_disease_trees("meshtag", ("F01.145.126.980",), "CONDITION"), outside_disease_trees("pubtator", (
    ...     "C10.228", "F01.145"), "CONDITION")
    (False, False)
    """
    return conventions != "meshtag" and label == "CONDITION" and bool(tree_numbers) and \
        not any(t.startswith(DISEASE_TREES) for t in tree_numbers)


def keeps(conventions: str, tree_numbers: tuple[str, ...], surface: str, label: str | None = None) -> bool:
    """Whether a mention of `label`, of a concept with these tree numbers, written `surface`, is kept."""
    dropped = blocked_under(conventions).get(label)
    if (dropped and normalize(surface) in dropped) or outside_disease_trees(conventions, tree_numbers, label):
        return False
    if label == "DRUG" and through_inner_chemical(conventions, tree_numbers):
        return False  # the entity writer reads the chemical inside instead, if there is one
    if conventions != "bc5cdr" or not is_class_only(tree_numbers):
        return True
    return normalize(surface) in allowed_class_terms(conventions)


def modifier_words(text: str) -> list[str]:
    """The lowercased words of the modifiers in front of a name.

    >>> modifier_words("Acute cholestatic ")
    ['acute', 'cholestatic']
    """
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=2)
def kept_modifiers(conventions: str) -> frozenset[str] | None:
    """The modifiers a convention keeps in front of a disease name (None: all of them)."""
    if conventions != "bc5cdr":
        return None
    path = curation_dir() / BC5CDR_KEPT_MODIFIERS
    if not path.is_file():
        return frozenset()
    with open(path, encoding="utf-8", newline="") as fh:
        return frozenset(r["modifier"] for r in csv.DictReader(fh, delimiter="\t") if r.get("source"))


# verbs of effect the NER now and then takes into a disease name ("attenuated pain", "manifested dyskinesia")
EFFECT_VERBS = frozenset(
    "attenuated attenuates manifested reduced reduces increased increases decreased decreases prevented prevents "
    "reversed reverses inhibited inhibits abolished abolishes alleviated alleviates ameliorated ameliorates "
    "produced produces caused causes elicited elicits exacerbated exacerbates enhanced enhances suppressed "
    "suppresses relieved relieves aggravated aggravates worsened worsens improved improves showed shows".split())


def keeps_modifiers(conventions: str, label: str, modifiers: str) -> bool:
    """Whether a mention of `label` keeps the words `modifiers` in front of its linked head under these
    conventions (BC5CDR: disease modifiers it keeps, never a chemical's); a verb of effect is no modifier.

    >>> keeps_modifiers("meshtag", "CONDITION", "severe "), keeps_modifiers("meshtag", "CONDITION", "attenuated ")
    (True, False)
    """
    words = modifier_words(modifiers)
    if EFFECT_VERBS.intersection(words):
        return False
    allowed = kept_modifiers(conventions)
    if allowed is None:
        return True
    return label == "CONDITION" and bool(words) and all(w in allowed for w in words)
