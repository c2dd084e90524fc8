"""Receptor subunits named by a Greek letter and a number: "the alpha3 and beta4 nicotinic acetylcholine
receptor subunits", "the alpha3, alpha5 and beta4 subunits", "beta4 -/- mice".

MeSH files a subunit under the receptor it builds, and the annotation guidelines count a subunit as a
mention of that receptor (1.1). A run of subunit codes followed by "subunit(s)" is a mention of the receptor
named right before the codes ("P/Q type calcium channel alpha1 subunit", "acetylcholine receptor epsilon
subunit": one mention with it) or between them ("alpha3 and beta4 nicotinic acetylcholine receptor
subunits") or, with none named there, of the receptor an earlier run or subunit name gave one of its codes,
else of the nearest receptor named before it.
Each code of such a run or name then means that receptor wherever it stands alone in the same document (one
sense per document: "beta4 -/- mice"); a code nothing introduced ("alpha2", "beta1 integrin") is left alone.

A receptor's short symbol with a subunit code glued to it ("GlyRα3", "GABAARalpha2", "nAChR-α7": the receptor
that holds that subunit) is one mention: of the receptor the KB names by the code and the symbol ("alpha7 nAChR"),
else of the symbol's.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.kb.normalize import normalize
from meshtag.nlp.candidates import Candidate, KBComponent, get_candidates, text_of

GREEK = r"(?:alpha|beta|gamma|delta|epsilon|[αβγδε])"
CODE = rf"{GREEK}[- ]?\d{{1,2}}[A-Za-z]?"
_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?"
RUN = re.compile(rf"(?<![\w-]){CODE}(?:{_JOIN}{CODE})*(?:(?![\w-])|(?=-subunit))", re.IGNORECASE)
SINGLE = re.compile(rf"(?<![\w-]){CODE}(?![\w-])", re.IGNORECASE)
SUBUNITS = re.compile(r"[\s-]+subunits?\b", re.IGNORECASE)
# a receptor name, a bare Greek letter and "subunit": "acetylcholine receptor epsilon subunit"
LETTER_SUBUNIT = re.compile(rf"[\s-]+{GREEK}[\s-]+subunits?\b", re.IGNORECASE)
# a receptor name that ends with a subunit: "sodium channel beta 2-subunits" (a MeSH term) teaches "beta2"
NAMED_SUBUNIT = re.compile(rf"({CODE}){SUBUNITS.pattern}$", re.IGNORECASE)
NOTE = "subunit"
# the "R" ending a receptor's symbol, then a subunit code: "GlyRα3", "GABAARalpha2", "nAChR-α7" (the symbol is
# read back from the "R"; a pattern starting at the symbol would be tried at every letter)
GLUED_CODE = re.compile(rf"R-?{CODE}s?(?![\w-])")
SYMBOL_BEFORE = re.compile(r"[A-Za-z0-9]*$")


@Language.factory("meshtag_subunits", default_config={"kb_path": None})
def make_subunits(nlp: Language, name: str, kb_path: str | None) -> "Subunits":
    return Subunits(kb_path)


class Subunits(KBComponent):
    """Adds receptor candidates for runs of subunit codes before "subunit(s)" and for the codes' later uses."""

    def is_receptor(self, cand: Candidate) -> bool:
        return bool(cand.concept_ids) and self.kb.label(cand.concept_ids[0]) == "RECEPTOR" and NOTE not in cand.notes

    def run_receptor(self, text: str, run: re.Match, receptors: list[Candidate],
                     meaning: dict[str, str]) -> tuple[int, int, str] | None:
        """(start, end, receptor id) of the mention a run of codes makes, or None when it names no subunits: the
        receptor named right before ("GABA-A receptor alpha1 subunit") or right after the codes ("alpha3 and
        beta4 nicotinic acetylcholine receptor subunits"), else the receptor an earlier run gave one of its
        codes, else the nearest receptor named before."""
        plain = SUBUNITS.match(text, run.end())
        if plain:
            owner = next((c for c in receptors if c.end < run.start() and not text[c.end:run.start()].strip()), None)
            if owner is not None:
                return owner.start, plain.end(), owner.concept_ids[0]
            known = next((meaning[key] for code in SINGLE.finditer(run.group(0))
                          if (key := normalize(code.group(0))) in meaning), None)
            before = [c for c in receptors if c.end <= run.start()]
            if known is None and before:
                known = max(before, key=lambda c: c.end).concept_ids[0]
            return (run.start(), plain.end(), known) if known else None
        gap = len(text[run.end():]) - len(text[run.end():].lstrip())
        named = next((c for c in receptors if c.start == run.end() + gap), None)
        after = SUBUNITS.match(text, named.end) if named and gap else None
        return (run.start(), after.end(), named.concept_ids[0]) if after else None

    def glued_codes(self, text: str) -> list[Candidate]:
        """A candidate for each receptor symbol with a subunit code glued to it ("GlyRα3"): of the receptor the KB
        names by code and symbol, else of the symbol's."""
        found = []
        for m in GLUED_CODE.finditer(text):
            start = SYMBOL_BEFORE.search(text, max(0, m.start() - 10), m.start()).start()
            if start == m.start() or text[start - 1:start].isalnum():
                continue
            symbol, code = text[start:m.start() + 1], text[m.start() + 1:m.end()].lstrip("-").removesuffix("s")
            # the subunit's own receptor where the KB names one ("nAChRα7": alpha7 nAChR), else the symbol's
            ids = self.kb.named_ids(f"{code} {symbol}", "RECEPTOR") or self.kb.named_ids(symbol, "RECEPTOR")
            if ids:
                found.append(Candidate(start, m.end(), ids, "dictionary", notes=[NOTE]))
        return found

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        candidates = get_candidates(doc)
        candidates.extend(self.glued_codes(text))
        if "ubunit" not in text:
            return doc
        receptors = [c for c in candidates if self.is_receptor(c)]
        added: list[Candidate] = []
        meaning: dict[str, str] = {}
        for cand in receptors:
            if named := NAMED_SUBUNIT.search(text, cand.start, cand.end):
                meaning.setdefault(normalize(named.group(1)), cand.concept_ids[0])
            tail = LETTER_SUBUNIT.match(text, cand.end)
            if tail and not any(o.start == cand.start and cand.end < o.end < tail.end() for o in receptors):
                # "... receptor epsilon subunit": the name with its subunit (guideline 1.3), unless a longer
                # name reads the letter itself ("platelet-derived growth factor receptor alpha")
                added.append(Candidate(cand.start, tail.end(), cand.concept_ids, "dictionary", notes=[NOTE]))
        for run in RUN.finditer(text):
            if any(c.start < run.start() and c.end == run.end() for c in receptors):
                continue  # the code ends a receptor's own name: "alpha 2 delta-1 subunits" (calcium channel)
            found = self.run_receptor(text, run, receptors, meaning)
            if found is None:
                continue
            start, end, concept_id = found
            added.append(Candidate(start, end, (concept_id,), "dictionary", notes=[NOTE]))
            for code in SINGLE.finditer(run.group(0)):
                meaning.setdefault(normalize(code.group(0)), concept_id)
        if meaning:
            for use in SINGLE.finditer(text):
                concept_id = meaning.get(normalize(use.group(0)))
                if concept_id and not any(a.start <= use.start() < a.end for a in added):
                    added.append(Candidate(use.start(), use.end(), (concept_id,), "dictionary", notes=[NOTE]))
        candidates.extend(added)
        return doc
