"""The last component: label each candidate from its concept, resolve overlaps, and write `doc.ents`
with `span._.concept_id`, `concept_name`, `source`, `score` and `related_id`.

A Mention record keeps the candidate's exact character offsets; the spaCy entity is the smallest run of
tokens that contains them (a token can carry punctuation that is not part of the name: "MDMA+")."""
from __future__ import annotations

import dataclasses
import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.evaluation.ids import replaced_2015_ids
from meshtag.kb.concept import TermMatch
from meshtag.kb.era import ERAS, concept_of_era
from meshtag.kb.normalize import normalize
from meshtag.kb.terms import letters_in_order
from meshtag.model import LABELS, Mention
from meshtag.nlp.blocklist import blocked_pairs
from meshtag.nlp.candidates import (
    Candidate, get_candidates, resolve_overlaps, text_of, unlabelled_names, without_crossed_drugs,
)
from meshtag.nlp.composites import COORDINATION_NOTE, merge_coordinated, without_model_spans_over_coordinations
from meshtag.nlp.conventions import (
    COMPOSITE_CONVENTIONS, ConventionsComponent, is_class_only, keeps, ligand_terms, through_inner_chemical,
    through_inner_disease,
)
from meshtag.nlp.dictionary import INNER_SHORT_FORM
from meshtag.nlp.mentions import entries_for, write_mentions

# a receptor subtype code written before its ligand: "D-2 " in "D-2 dopamine receptors", "H2-" in "H2-histamine"
# what may precede the ligand in a receptor's name: a subtype ("D2 dopamine receptor"), a channel type
# ("L-type calcium channel", "P/Q-type Ca2+ channels") or a receptor family ("metabotropic glutamate receptor",
# "M(3)-muscarinic acetylcholine receptor", "group II metabotropic glutamate receptors": BC5CDR's training set
# annotates the ligand in all 5 such names)
RECEPTOR_FAMILY = r"(?i:ionotropic|metabotropic|nicotinic|muscarinic|group\s+(?:I{1,3}|[1-3]))"
SUBTYPE_CODE = re.compile(r"[A-Za-z]{1,3}[-\s]?\d{1,2}[A-Za-z]?")  # "NK2", "D2", "M-1", "A2A"
SUBTYPE_PREFIX = re.compile(rf"(?:(?:[\w()-]*\d[\w()]*|[A-Z](?:/[A-Z])?-type|{RECEPTOR_FAMILY})[\s-]+)+")
# a disease's numbered type written before or after its name ("type IID von Willebrand disease", "SJS type 2"):
# part of the mention in NCBI-disease's style (its training and development sets include it every time), while
# BC5CDR leaves it out ("type IIb atrophy" is a muscle-fibre type there)
TYPE_DESIGNATION = r"types?\s+(?:[IVX]+|\d+)[A-Za-z]?"  # "type IID", "type 2"
_TYPE_BEFORE = re.compile(rf"(?<![\w-]){TYPE_DESIGNATION}\s+$", re.IGNORECASE)
_TYPE_AFTER = re.compile(rf"\s+{TYPE_DESIGNATION}(?![\w-])", re.IGNORECASE)
# a disease's type number, roman or arabic, with the letter of a subtype: "type IID", "type 2"
_TYPE_NUMBER = re.compile(r"\b(types?\s+)([IVX]+|\d+)([A-Za-z]?)(?![\w-])", re.IGNORECASE)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_TYPE_WINDOW = 16
# a disease's stage written before it, also two stages ("stage II and III colorectal carcinomas", "stage II or stage
# III colorectal cancer"): part of the mention in NCBI-disease's style (training set: 1 of 1, development: 6 of 6)
_STAGE = r"(?:[IVX]+|[0-4])[A-Ca-c]?"
_STAGE_DESIGNATION = rf"stages?\s+{_STAGE}(?:(?:\s*,\s*|\s+(?:and|or|to)\s+|\s*-\s*)(?:stage\s+)?{_STAGE})*\s+"
_STAGE_BEFORE = re.compile(rf"(?<![\w-]){_STAGE_DESIGNATION}$", re.IGNORECASE)
_STAGE_FIRST = re.compile(_STAGE_DESIGNATION, re.IGNORECASE)  # a mention that starts with its stage
_STAGE_WINDOW = 40
_WORD_GAP = re.compile(r"\s+")  # where a name's next word starts
PRODUCT_TREES = ("D08", "D12")  # enzymes; amino acids, peptides and proteins: what genes make
PRODUCT_CACHE_SIZE = 100_000


def type_spellings(name: str) -> list[str]:
    """A typed disease name as written, then with its type in arabic numerals, then without the subtype's letter: MeSH
    names the type ("von Willebrand Disease, Type 2"), not its subtypes ("type IID", NCBI-disease's D056728).

    >>> type_spellings("type IID von Willebrand disease")
    ['type IID von Willebrand disease', 'type 2D von Willebrand disease', 'type 2 von Willebrand disease']
    """
    m = _TYPE_NUMBER.search(name)
    if m is None:
        return [name]
    number = m.group(2).upper()
    arabic = number if number.isdigit() else str(_ROMAN.get(number, number))
    spellings = [name, f"{name[:m.start(2)]}{arabic}{m.group(3)}{name[m.end(3):]}"]
    if m.group(3):
        spellings.append(f"{name[:m.start(2)]}{arabic}{name[m.end(3):]}")
    return list(dict.fromkeys(spellings))


def staged_start(text: str, start: int) -> int:
    """Where a disease mention starting at `start` begins with the stages written before it, its own included.

    >>> text = "in stage II and stage III colorectal carcinomas"
    >>> text[staged_start(text, 26):], text[staged_start(text, 16):], staged_start(text, 3)
    ('stage II and stage III colorectal carcinomas', 'stage II and stage III colorectal carcinomas', 3)
    """
    own = _STAGE_FIRST.match(text, start)
    name_start = own.end() if own else start
    before = _STAGE_BEFORE.search(text, max(0, name_start - _STAGE_WINDOW), name_start)
    return before.start() if before else start


@Language.factory("meshtag_entities",
                  default_config={"kb_path": None, "labels": list(LABELS), "conventions": "meshtag",
                                  "mesh_year": None, "blocked_terms": None})
def make_entity_writer(nlp: Language, name: str, kb_path: str | None, labels: list[str],
                       conventions: str, mesh_year: int | None, blocked_terms: str | None) -> "EntityWriter":
    """`conventions`: "meshtag" (default), "pubtator" or "bc5cdr" (see meshtag.nlp.conventions); `mesh_year`
    (a key of meshtag.kb.era.ERAS, or None for today's MeSH): write disease concepts MeSH added after that year's
    MeSH as the concept that held them then; `blocked_terms` as for the dictionary (a chemical the conventions read
    inside a longer name is no blocked term either)."""
    return EntityWriter(kb_path, labels, conventions, mesh_year, blocked_terms)


def subtype_code_read_as_chemical(surface: str, ids: tuple[str, ...]) -> bool:
    """Is this a receptor's subtype code ("NK2" of "NK2 receptor") that only a supplementary concept's code spells
    ("NK 2", a chemical)? The ligand of a receptor named by its subtype code is not in its name.

    >>> [subtype_code_read_as_chemical(s, i) for s, i in (("NK2", ("MESH:C006007",)), ("5-HT", ("MESH:D012701",)))]
    [True, False]
    """
    return bool(ids) and SUBTYPE_CODE.fullmatch(surface) is not None and all(i.startswith("MESH:C") for i in ids)


def without_receptor_short_forms(candidates: list[Candidate], receptors_read: list[tuple[Candidate, Candidate]],
                                 text: str) -> list[Candidate]:
    """The candidates without the short forms inside a receptor name read as its ligand (`receptors_read`:
    (receptor, ligand) pairs) that abbreviate the receptor ("mGlu" of "metabotropic glutamate (mGlu) receptors")
    rather than the ligand ("DA" of "dopamine (DA) D1 receptor": its letters follow the ligand's)."""
    def abbreviates_receptor(cand: Candidate) -> bool:
        return cand.source == "abbreviation" and any(
            receptor.start <= cand.start and cand.end <= receptor.end and cand is not ligand and
            not letters_in_order(text[ligand.start:ligand.end], text[cand.start:cand.end])
            for receptor, ligand in receptors_read)

    return [c for c in candidates if not abbreviates_receptor(c)] if receptors_read else candidates


class EntityWriter(ConventionsComponent):
    """Turns the surviving candidates into `doc.ents` (only the configured labels)."""

    def __init__(self, kb_path: str | None = None, labels: list[str] | tuple[str, ...] = LABELS,
                 conventions: str = "meshtag", mesh_year: int | None = None, blocked_terms: str | None = None):
        super().__init__(kb_path, conventions)
        self.labels = frozenset(labels)
        self.blocked = blocked_pairs(blocked_terms)
        if mesh_year is not None and mesh_year not in ERAS:
            raise ValueError(f"mesh_year must be one of {sorted(ERAS)} or None, not {mesh_year!r}")
        self.era = ERAS.get(mesh_year)
        self._products: dict[tuple[str, ...], bool] = {}

    def dated(self, cand: Candidate, text: str) -> Candidate:
        """The candidate with the concepts of the configured MeSH year (see meshtag.kb.era); under BC5CDR's
        conventions, which leave modifiers out, also without the words a newer concept is named by when the rest
        names the 2015 one: "essential hypertension", "chronic urticaria", "non-ST-elevation myocardial infarction"
        were "hypertension", "urticaria", "myocardial infarction" to annotators who had no concept for the modifier
        (NCBI-disease keeps modifiers: "type IV Ehlers-Danlos syndrome")."""
        if self.era is None:
            return cand
        ids = tuple(concept_of_era(self.kb, cid, self.era, replaced_2015_ids()) for cid in cand.concept_ids)
        if ids == cand.concept_ids:
            return cand
        start = cand.start
        if len(ids) == 1 and self.conventions == "bc5cdr":
            start = next((m.end() for m in _WORD_GAP.finditer(text, cand.start, cand.end)
                          if ids[0] in self.kb.named_ids(text[m.end():cand.end], self.kb.label(ids[0]) or "")),
                         cand.start)
        return dataclasses.replace(cand, start=start, concept_ids=ids)

    def labelled(self, cand: Candidate):
        """(label, concept or None) for a candidate; label None when it has no usable label."""
        concept = self.kb.get(cand.concept_ids[0]) if cand.concept_ids else None
        label = concept.label if concept is not None and concept.label else cand.label
        return (label if label in self.labels else None), concept

    def wanted(self, cand: Candidate, text: str) -> bool:
        """Has a label we emit, and the conventions keep its concept."""
        label, concept = self.labelled(cand)
        return bool(label) and keeps(self.conventions, concept.tree_numbers if concept else (),
                                     text[cand.start:cand.end], label)

    def conventional(self, cand: Candidate, text: str, drugs_at: dict[int, Candidate]) -> Candidate:
        """Under the bc5cdr conventions a name built on its ligand becomes the ligand, which is what BC5CDR
        annotates: a receptor ("dopamine D1 receptor", "D2 dopamine receptor" -> "dopamine") and a
        pharmacological class that starts with a chemical ("calcium channel blockers" -> "calcium",
        "angiotensin-converting enzyme inhibitors" -> "angiotensin", "dopamine agonist": the training set
        annotates the ligand in 48 such phrases, the whole phrase in 3), and a chemical name the training set
        annotates only through the chemical inside ("reactive oxygen species" -> "oxygen", "thallium-201" ->
        "thallium": meshtag.nlp.conventions.ligand_terms; a lipoprotein, "LDL cholesterol" -> "cholesterol").
        Otherwise the candidate itself.
        `drugs_at`: the doc's drug candidates by start, for ligands only the document defines ("DA receptor"
        after "dopamine (DA)"). Under the pubtator conventions a coagulation factor named after a disease becomes the
        disease (`inner_disease`)."""
        if self.conventions == "pubtator":
            return self.inner_disease(cand, text) or cand
        if self.conventions != "bc5cdr":
            return cand
        label, concept = self.labelled(cand)
        is_class = label == "DRUG" and concept is not None and is_class_only(concept.tree_numbers)
        name = text[cand.start:cand.end]
        listed = label == "DRUG" and (normalize(name) in ligand_terms(self.conventions) or
                                      self.through_inner_chemical(concept))
        if label != "RECEPTOR" and not is_class and not listed:
            return cand
        ligand = drugs_at.get(cand.start)
        if ligand is not None and ligand.end < cand.end and not (is_class and self.class_only(ligand.concept_ids)):
            return ligand
        # a coordinated conjunct is the ligand itself ("dopamine" in "dopamine, opioid and NMDA receptors";
        # not a subtype code, "B2" in "B1 and B2 receptors")
        whole = COORDINATION_NOTE in cand.notes and not any(ch.isdigit() for ch in name)
        for m in self.kb.find_all(name):
            ids = self.inner_chemical_ids(m)
            if is_class and self.class_only(ids) or subtype_code_read_as_chemical(m.text, ids):
                continue
            prefix_ok = m.start == 0 or listed or (not is_class and SUBTYPE_PREFIX.fullmatch(name, 0, m.start))
            if ids and (m.end < len(name) or whole or listed and m.start > 0) and prefix_ok:
                return Candidate(cand.start + m.start, cand.start + m.end, ids, cand.source, score=cand.score)
        return cand

    def inner_disease(self, cand: Candidate, text: str) -> Candidate | None:
        """The disease named by the words before the last of a coagulation factor's name ("von Willebrand" of "von
        Willebrand factor"), if the conventions read the factor through it (meshtag.nlp.conventions.
        through_inner_disease)."""
        label, concept = self.labelled(cand)
        if label != "DRUG" or concept is None or not through_inner_disease(self.conventions, concept.tree_numbers):
            return None
        last_word = text.rfind(" ", cand.start, cand.end)
        ids = self.kb.named_ids(text[cand.start:last_word], "CONDITION") if last_word > cand.start else ()
        return Candidate(cand.start, last_word, ids, cand.source, score=cand.score) if ids else None

    def inner_chemical_ids(self, match: TermMatch) -> tuple[str, ...]:
        """The chemicals a match inside a longer name may stand for: its DRUG concepts, unless the term is blocked
        for chemicals ("antigen" of "factor VIII related antigen") or they too are read through their chemical."""
        if (match.key, "DRUG") in self.blocked:
            return ()
        return tuple(i for i in match.concept_ids
                     if self.kb.label(i) == "DRUG" and not self.through_inner_chemical(self.kb.get(i)))

    def through_inner_chemical(self, concept) -> bool:
        """Is this a concept the conventions annotate only through the chemical inside its name ("LDL
        cholesterol": cholesterol; meshtag.nlp.conventions.through_inner_chemical)?"""
        return concept is not None and through_inner_chemical(self.conventions, concept.tree_numbers)

    def inner_ligands(self, cand: Candidate, text: str) -> list[Candidate]:
        """Under the bc5cdr conventions, the ligand a short form inside a receptor's name starts with ("5-HT" of
        "serotonin type 6 (5-HT(6)) receptors", "GABA" of "gamma-aminobutyric acid (GABA(A)) receptor"), which
        BC5CDR annotates beside the ligand the name starts with."""
        if self.conventions != "bc5cdr" or "(" not in text[cand.start:cand.end] or \
                self.labelled(cand)[0] != "RECEPTOR":
            return []
        found = []
        for inner in INNER_SHORT_FORM.finditer(text, cand.start, cand.end):
            for m in self.kb.find_all(inner.group("short")):
                ids = self.inner_chemical_ids(m)
                if ids and m.start == 0:
                    start = inner.start("short")
                    found.append(Candidate(start, start + m.end, ids, cand.source, score=cand.score))
                    break
        return found

    def class_only(self, concept_ids: tuple[str, ...]) -> bool:
        """Is the first of these concepts only a pharmacological class (no ligand to annotate)?"""
        concept = self.kb.get(concept_ids[0]) if concept_ids else None
        return concept is None or is_class_only(concept.tree_numbers)

    def names_itself(self, cand: Candidate, text: str) -> bool:
        """Whether the candidate's own text is an exact KB name of its concept."""
        return any(hit.id == cand.concept_ids[0] for hit in
                   self.kb.lookup(text[cand.start:cand.end], limit=3, fuzzy=False) if hit.score >= 1.0)

    def typed(self, chosen: list[Candidate], text: str, long_forms: dict[str, str]) -> list[Candidate]:
        """Under the pubtator conventions a disease mention takes in the numbered type written next to it, and the
        concept that exactly names the longer text if there is one ("Ehlers-Danlos syndrome type IV"; for a short
        form, its long form with the type: "SJS type 2" after "Schwartz-Jampel syndrome (SJS)"; `long_forms`: short
        form -> long form, the document's definitions), and the stages written before it ("stage II and III
        colorectal carcinomas"; see `staged_start`)."""
        if self.conventions != "pubtator":
            return chosen
        out = []
        for cand in chosen:
            start, end = cand.start, cand.end
            if self.labelled(cand)[0] == "CONDITION" and "composite" not in cand.notes:
                before = _TYPE_BEFORE.search(text, max(0, start - _TYPE_WINDOW), start)
                after = _TYPE_AFTER.match(text, end)
                start, end = before.start() if before else staged_start(text, start), after.end() if after else end
            if (start, end) == (cand.start, cand.end) or \
                    any(o is not cand and o.start < end and start < o.end for o in chosen):
                out.append(cand)
                continue
            written = text[start:end]
            short = text[cand.start:cand.end] if cand.source == "abbreviation" else ""
            spellings = type_spellings(written) + (type_spellings(written.replace(short, long_forms[short], 1))
                                                   if short in long_forms else [])
            named = next(filter(None, (self.kb.named_ids(name, "CONDITION") for name in spellings)), ())
            out.append(dataclasses.replace(cand, start=start, end=end, concept_ids=named or cand.concept_ids))
        return out

    def composite(self, cand: Candidate) -> tuple[str, str]:
        """PubTator-style id and name of a composite mention: every concept, joined by "|"."""
        concepts = [self.kb.get(cid) for cid in cand.concept_ids]
        return ("|".join(c.id for c in concepts if c), "|".join(c.name for c in concepts if c))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        candidates = get_candidates(doc)
        drugs_at = {c.start: c for c in candidates if self.labelled(c)[0] == "DRUG" and self.wanted(c, text)} \
            if self.conventions == "bc5cdr" else {}
        # the ligand rule runs before the conventions' filter: a dropped class may still name its ligand
        read, receptors_read = [], []  # the candidates as the conventions read them; (receptor, its ligand)
        through_ligand: set[str] = set()  # the concepts of names read as the chemical inside them
        for c in candidates:
            ligand = self.conventional(c, text, drugs_at)
            if ligand is not c and self.labelled(c)[0] == "RECEPTOR":
                receptors_read.append((c, ligand))
            elif ligand is not c and c.source != "abbreviation" and c.concept_ids:
                through_ligand.add(c.concept_ids[0])
            read += [ligand, *self.inner_ligands(c, text)]
        read = self.outside_product_names(read, unlabelled_names(doc))
        kept = without_crossed_drugs(self.kept(without_receptor_short_forms(read, receptors_read, text), text,
                                               through_ligand), lambda c: self.labelled(c)[0])
        chosen = resolve_overlaps(without_model_spans_over_coordinations(kept, text))
        if self.conventions in COMPOSITE_CONVENTIONS:
            long_forms = {short.text: short._.long_form.text for short in getattr(doc._, "abbreviations", None) or ()}
            chosen = self.typed(merge_coordinated(chosen, text, lambda cand: self.names_itself(cand, text)), text,
                                long_forms)
        write_mentions(doc, entries_for(doc, (self.mention(self.dated(c, text), text) for c in chosen)))
        return doc

    def outside_product_names(self, candidates: list[Candidate],
                              unlabelled: list[tuple[int, int, tuple[str, ...]]]) -> list[Candidate]:
        """Under meshtag's own conventions, the candidates without the conditions and chemicals whose words are part
        of a gene product's name: "tumor" and "necrosis" of "tumor necrosis factor-alpha" (the text names a
        cytokine), "myotonic dystrophy" of "myotonic dystrophy protein kinase", "creatine" of "creatine kinase",
        "NO" of "NO synthase". The corpora annotate such words (BC5CDR development: "tumor" and "necrosis" in
        TNF-alpha, chemicals inside enzymes' names; NCBI-disease: its disease modifiers), so their conventions keep
        them."""
        if self.conventions != "meshtag" or not unlabelled:
            return candidates
        names = [(start, end) for start, end, ids in unlabelled if self.names_product(ids)]
        return [c for c in candidates if not any(
            start <= c.start and c.end <= end and (start, end) != (c.start, c.end) and
            self.labelled(c)[0] in ("CONDITION", "DRUG") for start, end in names)]

    def names_product(self, ids: tuple[str, ...]) -> bool:
        """Is a term of these concepts a gene product's name (a protein or enzyme: MeSH D12, D08), memoised?"""
        named = self._products.get(ids)
        if named is None:
            if len(self._products) >= PRODUCT_CACHE_SIZE:
                self._products.clear()
            named = self._products[ids] = any(t.startswith(PRODUCT_TREES) for cid in ids
                                              if (c := self.kb.get(cid)) is not None for t in c.tree_numbers)
        return named

    def kept(self, candidates: list[Candidate], text: str, through_ligand: set[str]) -> list[Candidate]:
        """The candidates the conventions keep, and the short forms of names they keep in this document: BC5CDR
        annotates "CM" where it annotates "contrast media (CM)", though it leaves most classes and their short
        forms out (training: SSRIs, OC, ARB, ACEi as their classes are). A short form of a name read as the
        chemical inside it (`through_ligand`: "reactive oxygen species (ROS)" -> oxygen) is no mention."""
        wanted = [self.wanted(c, text) for c in candidates]
        named = {c.concept_ids[0] for c, ok in zip(candidates, wanted)
                 if ok and c.source != "abbreviation" and c.concept_ids}
        out = []
        for cand, ok in zip(candidates, wanted):
            short = cand.source == "abbreviation" and bool(cand.concept_ids) and bool(self.labelled(cand)[0])
            if short and cand.concept_ids[0] in through_ligand and cand.concept_ids[0] not in named:
                continue
            if ok or (short and cand.concept_ids[0] in named):
                out.append(cand)
        return out

    def mention(self, cand: Candidate, text: str) -> Mention:
        """The record of a chosen candidate. It keeps the candidate's exact characters: a token may carry more
        than the name ("ciprofloxacin-" in "ciprofloxacin- and norfloxacin-induced", "MDMA+")."""
        label, concept = self.labelled(cand)
        ids, name = self.composite(cand) if len(cand.concept_ids) > 1 and "composite" in cand.notes else (
            concept.id if concept else None, concept.name if concept else None)
        return Mention(start=cand.start, end=cand.end, text=text[cand.start:cand.end], label=label, id=ids,
                       name=name, source=cand.source, score=round(float(cand.score), 4),
                       related_id=getattr(concept, "related_id", None) if concept else cand.related_id)
