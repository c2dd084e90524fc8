"""Composite mentions, as the annotated corpora write them: "colon or rectal cancer" is one span naming
Colonic Neoplasms and Rectal Neoplasms (PubTator id "D003110|D012004").

meshtag's own output keeps one mention per concept ("colon" -> Colonic Neoplasms, "rectal cancer" ->
Rectal Neoplasms), which is what reports count. Under a corpus's conventions the coordinated conjuncts
(found by meshtag.nlp.coordination, which notes them) and the mention holding their shared head are
joined into one candidate with every concept, in order.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from meshtag.nlp.candidates import Candidate, resolve_overlaps

COORDINATION_NOTE = "coordination"   # set by meshtag.nlp.coordination on a conjunct without its head
COMPOSITE_NOTE = "composite"
SHORTHAND_NOTE = "subtype shorthand"  # set by meshtag.nlp.receptor_names on the "3 receptors" of "D2/3 receptors"
# a conjunct may carry its short form: "paraventricular (PVN) and supraoptic nuclei"
CONJUNCT_SHORT_FORM = r"(?:\s*\([A-Za-z0-9-]{1,8}\))?"
# what may stand between two conjuncts: ", ", " and ", " or ", ", and ", " and/or ", " but not ", "/", each after the
# first conjunct's short form, and " and the "
CONJUNCTION = r"(?:and/or|and|or|but\s+not)"  # the words that join two conjuncts
CONJUNCTION_LAST_WORDS = ("and", "or", "not")  # how each CONJUNCTION ends: a cheap test before the regex
JOINER = re.compile(rf"{CONJUNCT_SHORT_FORM}\s*,?\s*(?:{CONJUNCTION}(?:\s+the)?|/)?\s*")


def is_short_form_of_conjunct(conjunct: Candidate, cand: Candidate, text: str) -> bool:
    """Is `cand` the bracketed short form right after a bare conjunct ("paraventricular (PVN) and ...")?
    The composite covers it, as the corpora annotate it."""
    return COORDINATION_NOTE in conjunct.notes and text[conjunct.end:cand.start].strip() == "(" and \
        text[cand.end:cand.end + 1] == ")"


def absorb_short_forms(chosen: list[Candidate], text: str) -> list[Candidate]:
    """Drop the bracketed short form of each bare conjunct, giving the conjunct the short form's concept: the
    code is the precise name ("serotonergic (5HT2A) and dopaminergic D2 receptors": 5-HT2A, not serotonin)."""
    out: list[Candidate] = []
    for cand in chosen:
        if out and is_short_form_of_conjunct(out[-1], cand, text):
            if cand.concept_ids:
                out[-1] = replace(out[-1], concept_ids=cand.concept_ids)
            continue
        out.append(cand)
    return out


def merge_coordinated(chosen: list[Candidate], text: str,
                      names_itself: Callable[[Candidate], bool] = lambda cand: False) -> list[Candidate]:
    """Join each run of conjuncts and the mention that follows them (sorted, non-overlapping input).

    A conjunct that `names_itself` (its own text is a name of its concept: "ataxia-telangiectasia and
    Li-Fraumeni syndrome") is a mention of its own, not part of a composite, unless what follows is only a subtype
    number ("KCNQ2/3 channels": one composite, as the annotation guidelines write "D1/D2 receptor").

    >>> text = "colon or rectal cancer"
    >>> colon = Candidate(0, 5, ("MESH:D003110",), "dictionary", notes=["coordination"])
    >>> rectal = Candidate(9, 22, ("MESH:D012004",), "dictionary")
    >>> [(c.start, c.end, c.concept_ids) for c in merge_coordinated([colon, rectal], text)]
    [(0, 22, ('MESH:D003110', 'MESH:D012004'))]
    """
    chosen = absorb_short_forms(chosen, text)
    out: list[Candidate] = []
    i = 0
    while i < len(chosen):
        j = i
        while COORDINATION_NOTE in chosen[j].notes and j + 1 < len(chosen) and \
                (SHORTHAND_NOTE in chosen[j + 1].notes or not names_itself(chosen[j])) and \
                JOINER.fullmatch(text, chosen[j].end, chosen[j + 1].start) and \
                chosen[j].start < chosen[j].end < chosen[j + 1].start:
            j += 1
        if j == i:
            out.append(chosen[i])
        else:
            group = chosen[i:j + 1]
            ids = tuple(dict.fromkeys(cid for c in group for cid in c.concept_ids[:1]))
            out.append(Candidate(group[0].start, group[-1].end, ids, group[-1].source,
                                 score=min(c.score for c in group), notes=[COMPOSITE_NOTE]))
        i = j + 1
    return out


def without_model_spans_over_coordinations(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Drop each model mention whose span is a coordination the other sources read whole ("breast and ovarian
    cancer"): its one concept would win as the longer span and lose the first conjunct's (Breast Neoplasms).

    >>> text = "colon or rectal cancer"
    >>> colon = Candidate(0, 5, ("MESH:D003110",), "dictionary", notes=["coordination"])
    >>> rectal = Candidate(9, 22, ("MESH:D012004",), "dictionary")
    >>> model = Candidate(0, 22, ("MESH:D012004",), "model")
    >>> [c.source for c in without_model_spans_over_coordinations([colon, rectal, model], text)]
    ['dictionary', 'dictionary']
    """
    others = [c for c in candidates if c.source != "model"]
    if len(others) == len(candidates) or not any(COORDINATION_NOTE in c.notes for c in others):
        return candidates
    spans = {(c.start, c.end) for c in merge_coordinated(resolve_overlaps(others), text) if COMPOSITE_NOTE in c.notes}
    return [c for c in candidates if c.source != "model" or (c.start, c.end) not in spans]
