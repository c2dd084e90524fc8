"""MeSH as a corpus's annotators knew it: a disease descriptor or supplementary concept MeSH added later is written
as the one that held it.

BC5CDR was annotated against MeSH of about 2015. MeSH numbered its descriptors with seven digits up to D066331 and
with nine digits from MeSH 2016 on, and its supplementary concepts with six digits up to MeSH 2016 and nine since;
BC5CDR uses no nine-digit id. NCBI-disease is older: its training annotations use no descriptor after D061325
(Hereditary Breast and Ovarian Cancer Syndrome, MeSH 2012) and no supplementary concept after C548028, and they give
OMIM ids for every disease whose supplementary concept MeSH numbered later (C564591 CETP deficiency, C566443 C7
deficiency: `omim_mesh_crosswalk.tsv`), so those numbers bound the MeSH it had (`ERAS[2012]`).

A newer disease descriptor is usually an entry term promoted under its old heading ("Essential Hypertension" under
Hypertension, "Autism Spectrum Disorder" under Child Development Disorders, Pervasive), so the nearest older ancestor
is what the annotators wrote. Chemical descriptors are left alone: a new one is mostly a promoted supplementary
concept (Lamotrigine, once C047781), not a child of its pharmacological parent. A newer supplementary concept is
written as the heading it is filed under (Esketamine, C000629870, as Ketamine; "polyethylene glycol 400" as
Polyethylene Glycols, as BC5CDR annotates it; Hyperparathyroidism 2 as Hyperparathyroidism).
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from meshtag.kb.store import KnowledgeBase

_NINE_DIGIT_ID = re.compile(r"MESH:(?:D0000\d{5}|C\d{9})")
_NUMBERED_ID = re.compile(r"MESH:([CD])(\d{6,7})")
_NAME_WORD = re.compile(r"[a-z]{4,}")
_NEAREST = 6  # how many of the nearest older ancestors may win by a shared name word


@dataclass(frozen=True)
class MeshEra:
    """The MeSH of one year, bounded by the newest descriptor and supplementary concept it had (None: every id
    numbered before MeSH switched to nine digits)."""
    year: int
    last_descriptor: str | None = None
    last_supplementary: str | None = None

    def added_after(self, concept_id: str) -> bool:
        """Is this a descriptor or supplementary concept MeSH introduced after this era?

        >>> [ERAS[2015].added_after(i) for i in ("MESH:D000094623", "MESH:D004535", "MESH:C579932", "MESH:C000629870")]
        [True, False, False, True]
        >>> [ERAS[2012].added_after(i) for i in ("MESH:D061325", "MESH:D063766", "MESH:C548028", "MESH:C579932")]
        [False, True, False, True]
        """
        if _NINE_DIGIT_ID.fullmatch(concept_id):
            return True
        m = _NUMBERED_ID.fullmatch(concept_id)
        last = m and (self.last_descriptor if m.group(1) == "D" else self.last_supplementary)
        return bool(last) and len(m.group(0)) == len(last) + 5 and concept_id[5:] > last


ERAS = {2015: MeshEra(2015), 2012: MeshEra(2012, last_descriptor="D061325", last_supplementary="C548028")}


def concept_of_era(kb: KnowledgeBase, concept_id: str, era: MeshEra, replaced: Collection[str] = ()) -> str:
    """The concept an annotator of `era` gave for `concept_id`: itself unless it is a non-chemical descriptor or a
    supplementary concept added after the era and not in `replaced` (current ids known to replace an older concept,
    which scoring maps back); then the nearest older ancestor (for a supplementary concept, the heading it is filed
    under) with the same label, preferring one that shares a name word ("Ehlers-Danlos Syndrome, Type IV" ->
    Ehlers-Danlos Syndrome rather than Aortic Dissection; "Hyperparathyroidism 2" -> Hyperparathyroidism rather than
    Adenoma, the first heading it is filed under)."""
    if not era.added_after(concept_id) or concept_id in replaced:
        return concept_id
    concept = kb.get(concept_id)
    if concept is None or any(t.startswith("D") for t in concept.tree_numbers):
        return concept_id
    label = kb.label(concept_id)
    supplementary = concept.kind == "supplementary"  # its headings ("AVPR1A protein, human": Receptors, Vasopressin)
    older = [a for a in (concept.parents if supplementary else kb.ancestors(concept_id))
             if not era.added_after(a) and kb.label(a) == label]
    if not older:
        return concept_id
    words = set(_NAME_WORD.findall(concept.name.lower()))
    for ancestor in older[:_NEAREST]:
        if words & set(_NAME_WORD.findall(kb.get(ancestor).name.lower())):
            return ancestor
    return older[0]
