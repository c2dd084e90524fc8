"""Research compounds named by a development code ("PRE-084", "SCH 23390", "WIN 55,212-2", "Ro 40-5967"):
DRUG mentions the knowledge base cannot link (the MeSH TSV export lacks most code synonyms), kept unlinked, or
linked when the code without its thousands comma is a drug's name ("SR 48,968").

A code is a company prefix (capitals, or a title-case prefix such as Ro, Sch, Org) and a number, with a
pharmacological or dosing word nearby ("the sigma-1 agonist PRE-084", "SM-5887 (10 mg/kg)"). Not a code: a
string the KB knows ("MK-801" is linked by the dictionary; "VEGF165" has a known prefix, which is the dictionary's
unless a hyphen and three digits make it a code's letters: "VX-548", "LP-211"), a measure or scale
("IC50", "SF-36", "GD 17" gestational day, "DXS42" markers), a number followed by a unit ("PCPA 100 mg"), a cell
line (followed by "cells" within a few words, or MeSH's "<code> Cells": HEK293, HL-60), and a one-letter prefix
without a hyphen and three digits ("P450", "F344")."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.kb.normalize import normalize
from meshtag.nlp.ambiguity import LABEL_CUES, window_words
from meshtag.nlp.candidates import Candidate, KBComponent, get_candidates, text_of
from meshtag.nlp.dictionary import code_letters

TITLE_CASE_PREFIXES = "Ro|Sch|Org|Bay|Lu|Hoe|Win"  # Roche, Schering, Organon, Bayer, Lundbeck, Hoechst, Winthrop
CODE = re.compile(rf"(?<![\w/-])(?P<prefix>[A-Z]{{1,5}}|{TITLE_CASE_PREFIXES})(?P<sep>[- ]?)(?P<num>\d{{2,6}})"
                  r"(?P<group>,\d{3})?(?:-\d{1,6})?[A-Za-z]?(?![\w/]|-[A-Za-z])")
# what CODE cannot match without, looked for first (a leading look-behind is slow: meshtag.nlp.scan_patterns):
# a capital, a few letters, two digits (a quarter of BC5CDR abstracts have one)
CODE_CUE = re.compile(r"[A-Z][A-Za-z]{0,4}[- ]?\d\d")
# measures, scales, assay values and developmental days written like codes
# (and the X and Y chromosome markers DXS, DYS)
NOT_A_CODE = re.compile(r"(?:IC|EC|ED|LD|ID|TD|LC|CD|ICD|SF|HAMD|HDRS|BDI|DSM|EQ|NYHA|ASA|GCS|VAS|NRS|MMSE|APACHE|"
                        r"SAPS|GD|PND|PN|CA|CYP|HLA|IL|TNF|COX|TLR|GPR|DXS|DYS)$", re.IGNORECASE)
# a cell line named a few words before "cells" ("HL-60 and U937 cells")
CELLS_SOON = re.compile(r"(?:[\s,]+(?:and|or|[A-Za-z0-9-]+)){0,3}?[\s-]+cells?\b|[\s-]+cell lines?\b")
AFTER = re.compile(r"\s*(?:mg|g|µg|μg|ug|mcg|ml|mL|mM|µM|μM|nM|%|mmol|kg|h|hr|hrs|min|days?|weeks?|months?|years?|"
                   r"patients|subjects|rats|mice|cells?)\b")
CUES = LABEL_CUES["DRUG"] | frozenset(
    "given pretreated pretreatment agonist agonists antagonist antagonists inhibitor inhibitors blocker blockers "
    "compound compounds drug drugs ligand ligands analogue analog derivative intraperitoneally intrathecal "
    "intrathecally".split())
CODE_WINDOW = 6  # words either side; BC5CDR training + development: 36 codes right and 2 wrong at 4, 42 and 4 at 6
CODE_SCORE = 0.5  # no concept to be sure of: as doubtful as an ambiguous alias


def code_spans(text: str, known) -> list[tuple[int, int]]:
    """(start, end) of the development codes in `text` with a drug cue near one of their uses; `known(key)` says
    whether a normalised string is a KB term.

    >>> code_spans("The sigma-1 agonist PRE-084 and IC50 values; SCH 23390 (0.5 mg/kg); HEK293 cells.",
    ...            lambda key: False)
    [(20, 27), (45, 54)]
    >>> code_spans("Rats received PCPA 100 mg/kg or P450 inhibitors; HL-60 and U937 cells were treated.",
    ...            lambda key: False)
    []
    >>> code_spans("The TrkB antagonist ANA-12 was given. ANA-12 abolished it.", lambda key: False)
    [(20, 26), (38, 44)]
    """
    if CODE_CUE.search(text) is None:
        return []
    codes = []  # (start, end, has a cue nearby) of every code-like string that is no known term
    for m in CODE.finditer(text):
        prefix = m.group("prefix")
        if NOT_A_CODE.match(prefix) or AFTER.match(text, m.end()) or CELLS_SOON.match(text, m.end()):
            continue
        if len(prefix) == 1 and not m.group("group") and not (m.group("sep") == "-" and len(m.group("num")) >= 3):
            continue
        if known(normalize(m.group(0))) or known(normalize(f"{m.group(0)} cells")) or (
                known(normalize(prefix)) and not code_letters(text, m.start(), m.end("prefix"))):
            continue  # the dictionary's (it takes a known prefix, unless it is a code's: "VX-548"), or a cell line
            # MeSH names "<code> Cells"
        codes.append((m.start(), m.end(), bool(CUES & window_words(text, m.start(), m.end(), CODE_WINDOW))))
    cued = {text[start:end] for start, end, cue in codes if cue}  # one cue makes the code a drug in all its uses
    return [(start, end) for start, end, _ in codes if text[start:end] in cued]


@Language.factory("meshtag_drug_codes", default_config={"kb_path": None})
def make_drug_codes(nlp: Language, name: str, kb_path: str | None) -> "DrugCodes":
    return DrugCodes(kb_path)


class DrugCodes(KBComponent):
    """Adds DRUG candidates for development codes no other candidate covers: unlinked, unless the code without
    its thousands comma is a drug's name ("SR 48,968" = SR 48968)."""

    def drug_named(self, code: str) -> tuple[str, ...]:
        """The drug concepts a code (as written, commas dropped) names in the KB, best first."""
        key = normalize(code)
        if not self.kb.has_key(key):
            return ()
        return tuple(cid for cid, _ in self.kb.senses(key) if self.kb.label(cid) == "DRUG")

    def __call__(self, doc: Doc) -> Doc:
        candidates = get_candidates(doc)
        text = text_of(doc)
        for start, end in code_spans(text, self.kb.has_key):
            ids = self.drug_named(text[start:end].replace(",", ""))
            cand = Candidate(start, end, ids, "pattern", score=CODE_SCORE, label="DRUG",
                             notes=[] if ids else ["unlinked"])
            if not any(cand.overlaps(c) for c in candidates):
                candidates.append(cand)
        return doc
