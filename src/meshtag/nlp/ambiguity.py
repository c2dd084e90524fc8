"""Ambiguity control: short or common-word aliases (MOR, CP, DE, KO, "lead", "can") are kept only with
evidence — a definition in the text (handled by propagation), the same concept named unambiguously
elsewhere in the document, a cue word for the concept's label next to it (a gene symbol such as KIT is
a receptor's next to "gene" or "mutations"), or a list whose next item is a sure mention of that label ("Cannabidiol,
THC and nabiximols"); an alias with such evidence supports its other uses in the document.

Misreadings dropped here too: a bare "cortex" or "medulla" is the brain's only in a document about the
nervous system, not in one about the kidney or adrenal gland, nor after an organ's adjective ("renal
medulla"); the "optic nerve head" is the eye's; a region that names a disease's site ("white matter
abnormalities") is no region mention (annotation guideline 2.2), nor one inside the name of a measurement
("auditory brainstem responses"); a receptor name before "ligand" names the
ligand ("Fas ligand"), and one before "substrate" or "associated protein" another protein ("insulin receptor
substrate 1"); "depressed" is the disorder only of a person or the mood ("depressed patients", not "depressed
cardiac function"); a word of an English idiom is not the KB's ("may lead to" is no metal, "the gold standard"
no gold, the "tail suspension" test no drug suspension)."""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.kb.normalize import normalize
from meshtag.nlp.candidates import KBComponent, get_candidates, set_candidates, text_of

# Words that, within CUE_WINDOW words of an ambiguous alias, support reading it as a concept of that label.
LABEL_CUES: dict[str, frozenset[str]] = {
    "RECEPTOR": frozenset("receptor receptors channel channels agonist agonists antagonist antagonists "
                          "antagonism agonism binding knockout subunit subunits signaling signalling "
                          "gene genes encodes encoding mutation mutations".split()),
    "DRUG": frozenset("mg kg dose doses dosage administered administration injection injected infusion "
                      "exposure exposed levels concentration concentrations poisoning intoxication toxicity "
                      "treated treatment intake overdose received receiving oral orally placebo dosing "
                      "dosed given took taking users abuse dependence self-administration psychedelic psychedelics "
                      "hallucinogen hallucinogens hallucinogenic drug drugs".split()),
    "CONDITION": frozenset("patients patient disease diseases syndrome disorder disorders symptoms diagnosed "
                           "diagnosis severity incidence prevalence suffering".split()),
    "BRAIN_REGION": frozenset("neurons neuronal lesion lesions lesioned region regions nucleus nuclei cortex "
                              "injection injections microinjection microinjections infusion infusions microinfusion "
                              "projections projects projecting afferents efferents firing stimulation slices "
                              "hippocampal hippocampus pyramidal synapse synapses subfield dentate".split()),
}
CUE_WINDOW = 4
# what separates the items of a list: "Cannabidiol, THC and nabiximols", "D1/D2", "MOR or DOR"
_LIST_GAP = r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s*/\s*)"
LIST_GAP_BEFORE = re.compile(rf"{_LIST_GAP}$")
LIST_GAP_AFTER = re.compile(_LIST_GAP)
# organ parts named like brain regions, and what tells the organ they belong to
ORGAN_PARTS = frozenset({"cortex", "cortices", "medulla", "medullas", "medullae"})
OTHER_ORGAN = re.compile(r"\b(?:renal|kidneys?|nephr\w*|adrenal\w*|glomerul\w*|tubul\w*)\b", re.IGNORECASE)
OTHER_ORGAN_BEFORE = re.compile(r"\b(?:renal|kidney|adrenal|ovarian|thymic)\s+$", re.IGNORECASE)  # "renal medulla"
# "optic nerve head": the optic disc, part of the eye (guideline 2.2); MeSH's term for it is unlabelled, so the
# labelled "optic nerve" inside it would otherwise stand
EYE_PART_AFTER = re.compile(r"[\s-]+heads?\b", re.IGNORECASE)
# "Fas ligand", "Kit ligand", "CD40 ligand": a protein named after the receptor it binds, not the receptor, when
# MeSH names that protein ("sigma receptor ligands", "alpha2delta-1 ligands" are drugs that bind the receptor)
LIGAND_AFTER = re.compile(r"[\s-]*ligands?\b", re.IGNORECASE)
# "insulin receptor substrate 1", "growth factor receptor bound protein 2": another protein named after the receptor
# it works on (guideline 1.2). Not "kinase": "PDGF receptor kinase inhibitors" act on the receptor's own kinase
OTHER_PROTEIN_AFTER = re.compile(r"[\s-]+(?:substrates?|(?:associated|interacting|binding|bound|accessory|"
                                 r"anchoring|activity-modifying)[\s-]+proteins?)\b", re.IGNORECASE)
# "brainstem dysgenesis", "white matter abnormalities", "spinal cord ischemia", "brainstem glioma", "optic nerve
# involvement": a disease named by its site, which holds no region mention (annotation guideline 2.2); an
# experimental "lesion" or "damage" does
PATHOLOGY_AFTER = re.compile(
    r"[\s-]+(?:abnormalit\w*|dysgenesis|dysfunction|hyperintensit\w*|atroph\w*|malformations?|hypoplasia|"
    r"o?edema|palsy|palsies|diseases?|disorders?|degeneration|demyelination|infarcts?|infarction|"
    r"ha?emorrhages?|ischa?emia|involvement|tumou?rs?|gliomas?|neoplasms?|calcifications?|sclerosis)\b", re.IGNORECASE)
NERVOUS_SYSTEM = re.compile(r"\b(?:brain\w*|cerebr\w*|neur\w*|cns|spinal|hippocamp\w*|thalam\w*|striat\w*)\b",
                            re.IGNORECASE)
# "depressed" is the disorder next to a person or the mood, else a measure that went down
_PEOPLE = (r"(?:patients?|outpatients?|inpatients?|subjects?|individuals?|persons?|people|adults?|adolescents?|"
           r"children|youths?|elderly|women|men|mothers?|smokers?|veterans?|mood|states?|phase|episodes?)")
DEPRESSED_PERSON_AFTER = re.compile(rf"(?:[\s,-]+(?:and|or|[a-z]+[,-]?)){{0,3}}?[\s-]+{_PEOPLE}\b", re.IGNORECASE)
DEPRESSED_PERSON_BEFORE = re.compile(r"\b(?:remained|remain|became|become|becoming|felt|feel|feeling|clinically|"
                                     r"severely|moderately|mildly|currently|chronically)\s+$",
                                     re.IGNORECASE)
# English idioms whose word is a KB term in another sense, whatever cue words surround it: word -> (what follows
# it, what precedes it) in the idiom. "lead" the verb ("can lead to stroke", "administration leads to resolution"),
# the "gold standard" of a comparison, the "tail suspension" test of depression research
_MODAL_BEFORE = r"\b(?:can|cannot|may|might|could|would|will|should|must|does|did|do|not)\s+$"
_VERB_AFTER = r"\s+(?:to|either)\b"
IDIOMS: dict[str, tuple[re.Pattern | None, re.Pattern | None]] = {
    word: (re.compile(after, re.IGNORECASE) if after else None, re.compile(before, re.IGNORECASE) if before else None)
    for words, after, before in (
        (("leads", "leading"), _VERB_AFTER, _MODAL_BEFORE),
        # and the adjective: "the lead author", "a lead compound" of drug discovery, "lead time" of screening
        (("lead",), rf"{_VERB_AFTER}|[\s-]+(?:authors?|investigators?|compounds?|candidates?|optimi[sz]ation|times?)\b",
         _MODAL_BEFORE),
        (("gold",), r"[\s-]+standards?\b", None),
        (("suspension",), None, r"\btail\s+$"),
        (("mineral",), r"\s+(?:density|densities|content)\b", None),  # "bone mineral density", a measure
        (("ether",), r"-(?:a|à)-go-go\b", None),  # the "ether-a-go-go" potassium channel genes (EAG, HERG)
    ) for word in words}
IDIOM_WINDOW = 12
# a measurement or physiological process MeSH names as a whole ("brainstem auditory evoked potentials": G07, G11,
# E01): a region inside its name is no mention (guideline 2.2, by analogy with 1.4)
MEASURE_TREES = ("G", "E01")
MEASURE_WINDOW = 40  # characters each side of a region where the measurement's name is looked for
_WORD = re.compile(r"[A-Za-z]+")
AMBIGUOUS_SCORE = 0.6


def window_words(text: str, start: int, end: int, n: int = CUE_WINDOW) -> set[str]:
    """Lowercased words among the n before `start` and the n after `end`.

    >>> sorted(window_words("the MOR receptors in rats", 4, 7, 1))
    ['receptors', 'the']
    """
    before = _WORD.findall(text[max(0, start - 12 * n):start])[-n:]
    after = _WORD.findall(text[end:end + 12 * n])[:n]
    return {w.lower() for w in before + after}


class SureMentions:
    """The unambiguous candidates of a document, with the labels of those ending and starting at each offset."""

    def __init__(self, candidates: list, label_of):
        self.candidates = candidates
        self.ending: dict[int, set[str]] = defaultdict(set)
        self.starting: dict[int, set[str]] = defaultdict(set)
        for c in candidates:
            label = label_of(c.concept_ids[0])
            self.ending[c.end].add(label)
            self.starting[c.start].add(label)

    def add(self, cand, label: str) -> None:
        """Count `cand` as sure from now on (an alias its evidence has confirmed)."""
        self.ending[cand.end].add(label)
        self.starting[cand.start].add(label)

    def list_neighbours(self, cand, text: str) -> set[str]:
        """The labels of the sure mentions right before and after `cand` in a list."""
        found = set()
        gap = LIST_GAP_BEFORE.search(text, max(0, cand.start - 8), cand.start)
        if gap:
            found |= self.ending.get(gap.start(), set())
        gap = LIST_GAP_AFTER.match(text, cand.end)
        if gap:
            found |= self.starting.get(gap.end(), set())
        return found


@Language.factory("meshtag_ambiguity", default_config={"kb_path": None})
def make_ambiguity_filter(nlp: Language, name: str, kb_path: str | None) -> "AmbiguityFilter":
    return AmbiguityFilter(kb_path)


class AmbiguityFilter(KBComponent):
    """Drops ambiguous dictionary candidates that have no supporting evidence in the document."""

    def supported(self, cand, text: str, sure_ids: set[str], sure: "SureMentions") -> bool:
        """Evidence for an ambiguous alias: its concept named unambiguously in the document, a cue word of its
        label next to it, or a list it stands in whose next item is a sure mention of its label ("Cannabidiol,
        THC and nabiximols")."""
        if not cand.case_ok:
            return False
        if any(cid in sure_ids for cid in cand.concept_ids):
            return True
        label = self.kb.label(cand.concept_ids[0]) if cand.concept_ids else None
        cues = LABEL_CUES.get(label or "", frozenset())
        return bool(cues & window_words(text, cand.start, cand.end)) or (
            label is not None and label in sure.list_neighbours(cand, text))

    def listed_with(self, supported: list, doubtful: list, text: str, sure: "SureMentions") -> list:
        """The doubtful aliases of a list that a supported one of the same label starts ("the VTA, vlPAG, BNST, CeA,
        RVM, SNc and LHb": each item confirms the next), in as many passes as the list is long."""
        for cand in supported:
            sure.add(cand, self.kb.label(cand.concept_ids[0]))
        done = {id(c) for c in supported}
        pending = [(c, label) for c in doubtful if c.concept_ids and c.case_ok and id(c) not in done
                   and (label := self.kb.label(c.concept_ids[0])) is not None]
        added: list = []
        while listed := [(c, label) for c, label in pending if label in sure.list_neighbours(c, text)]:
            for cand, label in listed:
                sure.add(cand, label)
            added += [c for c, _ in listed]
            done.update(id(c) for c, _ in listed)
            pending = [(c, label) for c, label in pending if id(c) not in done]
        return added

    def other_organs_parts(self, candidates: list, text: str) -> list:
        """The bare "cortex"/"medulla" brain regions of a document that names the kidney or adrenal gland and
        no part of the nervous system ("AQP2 mRNA in the medulla but not in the cortex"), with their short forms,
        and in any document those an organ's adjective names ("the renal medulla")."""
        parts = [c for c in candidates if c.concept_ids and text[c.start:c.end].lower() in ORGAN_PARTS
                 and self.kb.label(c.concept_ids[0]) == "BRAIN_REGION"]
        if not parts or not OTHER_ORGAN.search(text):
            return []
        if NERVOUS_SYSTEM.search(text):
            return [c for c in parts if OTHER_ORGAN_BEFORE.search(text, max(0, c.start - 20), c.start)]
        misread = {c.concept_ids[0] for c in parts}  # and their short forms: "the inner medulla (IM)"
        return parts + [c for c in candidates if c.source == "abbreviation" and c.concept_ids[:1]
                        and c.concept_ids[0] in misread]

    def eye_parts(self, candidates: list, text: str) -> list:
        """The "optic nerve" of "optic nerve head", which is the eye's optic disc."""
        return [c for c in candidates if text[c.start:c.end].lower().startswith("optic nerve")
                and EYE_PART_AFTER.match(text, c.end)]

    def receptor_named_ligands(self, candidates: list, text: str) -> list:
        """Receptor names inside the name of the protein that binds them, which MeSH has: the "Fas" of "Fas ligand",
        "Kit ligand" (Stem Cell Factor); and any receptor name that names another protein working on it ("insulin
        receptor substrate 1"). The drugs that bind a receptor name it: "α2δ-1 ligands", "sigma receptor ligands"."""
        return [c for c in candidates if c.concept_ids and self.kb.label(c.concept_ids[0]) == "RECEPTOR" and (
            OTHER_PROTEIN_AFTER.match(text, c.end) or
            ((ligand := LIGAND_AFTER.match(text, c.end)) and self.kb.has_key(normalize(text[c.start:ligand.end()]))))]

    def disease_sites(self, candidates: list, text: str) -> list:
        """Brain regions that name the site of a disease right after them ("brainstem dysgenesis")."""
        return [c for c in candidates if c.concept_ids and PATHOLOGY_AFTER.match(text, c.end)
                and self.kb.label(c.concept_ids[0]) == "BRAIN_REGION"]

    def measured_parts(self, candidates: list, text: str) -> list:
        """Regions inside the longer name of an unlabelled measurement or process (MEASURE_TREES): the
        "brainstem" of "auditory brainstem responses"."""
        found = []
        for c in candidates:
            if not c.concept_ids or self.kb.label(c.concept_ids[0]) != "BRAIN_REGION":
                continue
            left = max(0, c.start - MEASURE_WINDOW)
            if any(m.start + left <= c.start and c.end <= m.end + left and m.end - m.start > c.end - c.start
                   and self.is_measure(m.concept_ids) for m in self.kb.find_all(text[left:c.end + MEASURE_WINDOW])):
                found.append(c)
        return found

    def is_measure(self, concept_ids: tuple[str, ...]) -> bool:
        """Do these concepts (a term's) have no label and a measurement's or process's tree number?"""
        concepts = [self.kb.get(cid) for cid in concept_ids]
        return all(c is not None and c.label is None for c in concepts) and \
            any(t.startswith(MEASURE_TREES) for c in concepts for t in c.tree_numbers)

    def lowered_measures(self, candidates: list, text: str) -> list:
        """"depressed" that means lowered ("depressed cardiac function", "activity was depressed in rats"): the
        disorder only when a person or the mood is depressed ("depressed patients", "remained depressed")."""
        return [c for c in candidates if text[c.start:c.end].lower() == "depressed"
                and not DEPRESSED_PERSON_AFTER.match(text, c.end)
                and not DEPRESSED_PERSON_BEFORE.search(text, max(0, c.start - 40), c.start)]

    def idioms(self, candidates: list, text: str) -> list:
        """Candidates that are a word of an English idiom (IDIOMS): "may lead to", "the gold standard"."""
        found = []
        for c in candidates:
            idiom = IDIOMS.get(text[c.start:c.end].lower())
            if idiom is not None and ((idiom[0] is not None and idiom[0].match(text, c.end)) or (
                    idiom[1] is not None and idiom[1].search(text, max(0, c.start - IDIOM_WINDOW), c.start))):
                found.append(c)
        return found

    def __call__(self, doc: Doc) -> Doc:
        candidates = get_candidates(doc)
        text = text_of(doc)
        misread = [c for find in (self.other_organs_parts, self.receptor_named_ligands, self.disease_sites,
                                   self.lowered_measures, self.idioms, self.eye_parts, self.measured_parts)
                   for c in find(candidates, text)]
        if misread:
            candidates = [c for c in candidates if not any(c is m for m in misread)]
            set_candidates(doc, candidates)
        if not any(c.ambiguous for c in candidates):
            return doc
        sure = SureMentions([c for c in candidates if not c.ambiguous and c.concept_ids], self.kb.label)
        sure_ids = {c.concept_ids[0] for c in sure.candidates}
        doubtful = [c for c in candidates if c.ambiguous and c.source == "dictionary"]
        # one sense per document: an alias read as a concept by its cue words supports its bare repeats; a
        # supported alias's own concept is then sure, so the sure concepts alone decide what is kept
        supported = [c for c in doubtful if c.concept_ids and self.supported(c, text, sure_ids, sure)]
        sure_ids.update(c.concept_ids[0] for c in supported + self.listed_with(supported, doubtful, text, sure))
        kept = []
        for cand in candidates:
            if cand.ambiguous and cand.source == "dictionary":
                if not (cand.case_ok and any(cid in sure_ids for cid in cand.concept_ids)):
                    continue
                cand.score = min(cand.score, AMBIGUOUS_SCORE)
            kept.append(cand)
        set_candidates(doc, kept)
        return doc
