"""MeSH as the 2015 corpora knew it: a disease descriptor or supplementary concept MeSH added later is written as the
one that held it.

BC5CDR and NCBI-disease were annotated against MeSH of about 2015. MeSH numbered its descriptors with seven
digits up to D066331 and with nine digits from MeSH 2016 on; neither corpus uses a nine-digit descriptor. Such a
descriptor is usually an entry term promoted under its old heading ("Essential Hypertension" under Hypertension,
"Autism Spectrum Disorder" under Child Development Disorders, Pervasive), so the nearest older ancestor is what
the annotators wrote. Chemical descriptors are left alone: a new one is mostly a promoted supplementary concept
(Lamotrigine, once C047781), not a child of its pharmacological parent. Supplementary concepts, numbered with six
digits up to MeSH 2016 and with nine since, are written as the heading they are filed under (Esketamine, C000629870,
as Ketamine; "polyethylene glycol 400" as Polyethylene Glycols, as BC5CDR annotates it).
"""
from __future__ import annotations

import re
from collections.abc import Collection

from meshtag.kb.store import KnowledgeBase

_NINE_DIGIT_ID = re.compile(r"MESH:(?:D0000\d{5}|C\d{9})")
_NAME_WORD = re.compile(r"[a-z]{4,}")
_NEAREST = 6  # how many of the nearest older ancestors may win by a shared name word


def added_after_2015(concept_id: str) -> bool:
    """Is this a descriptor or supplementary concept MeSH introduced after 2015 (nine-digit unique identifier)?

    >>> [added_after_2015(i) for i in ("MESH:D000094623", "MESH:D004535", "MESH:C579932", "MESH:C000629870")]
    [True, False, False, True]
    """
    return bool(_NINE_DIGIT_ID.fullmatch(concept_id))


def concept_of_2015(kb: KnowledgeBase, concept_id: str, replaced: Collection[str] = ()) -> str:
    """The concept a 2015 annotator gave for `concept_id`: itself unless it is a non-chemical descriptor or a
    supplementary concept added after 2015 and not in `replaced` (current ids known to replace a 2015 concept, which
    scoring maps back); then the nearest ancestor that existed, preferring one that shares a name word
    ("Ehlers-Danlos Syndrome, Type IV" -> Ehlers-Danlos Syndrome rather than Aortic Dissection), or for a
    supplementary concept the heading it is filed under."""
    if not added_after_2015(concept_id) or concept_id in replaced:
        return concept_id
    concept = kb.get(concept_id)
    if concept is None or any(t.startswith("D") for t in concept.tree_numbers):
        return concept_id
    older = [a for a in kb.ancestors(concept_id) if not added_after_2015(a)]
    if not older:
        return concept_id
    if concept.kind == "supplementary":  # its heading ("AVPR1A protein, human": Receptors, Vasopressin)
        return older[0]
    words = set(_NAME_WORD.findall(concept.name.lower()))
    for ancestor in older[:_NEAREST]:
        if words & set(_NAME_WORD.findall(kb.get(ancestor).name.lower())):
            return ancestor
    return older[0]
