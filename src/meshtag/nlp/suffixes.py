"""Words that complete a name the dictionary matched without them.

- Salt and ester forms: "bupivacaine hydrochloride", "diclofenac sodium", "bupropion HCl", "tenofovir disoproxil
  fumarate" (up to two such words) are one drug.
  MeSH names few salt forms, so the dictionary matches only the parent drug; the chemical the text names
  includes its counter-ion, and the corpora annotate the whole name with the parent's concept (BC5CDR
  training set: 48 such mentions, e.g. "ketamine hydrochloride" -> Ketamine).
- Receptor heads: "mGlu7 receptor", "MOR receptors", "TRPA1 channel" are one receptor mention; the
  symbol alone is what the dictionary knows (annotation guidelines 1.1: the whole name is the mention). An "-R"
  abbreviates the head ("CGRP-R", "NMDA-R"): the mention is the receptor, not the ligand; "beta2-AR" is the
  beta-2 adrenoceptor, not the androgen receptor (AR).

- Tumours of a disease: "VHL tumor", "retinoblastoma tumours", "rhabdoid tumors", "von Hippel-Lindau disease
  tumour" are that disease, not Neoplasms beside it (NCBI-disease training set: 7 of 7 such mentions).

The span is extended over the word and keeps the matched concept; a form MeSH does name ("calcium
chloride", "NMDA receptor") is already the longer dictionary match and is left alone.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import Candidate, KBComponent, displaced_by, get_candidates, set_candidates, text_of

SALT_WORDS = (
    "hydrochloride", "dihydrochloride", "hydrobromide", "hcl", "sulfate", "sulphate", "bisulfate", "maleate",
    "citrate", "mesylate", "mesilate", "tartrate", "bitartrate", "fumarate", "isethionate", "bromide", "chloride",
    "acetate", "phosphate", "succinate", "hemisuccinate", "sodium", "disodium", "potassium", "besylate",
    "besilate", "tosylate", "propionate", "dipropionate", "valerate", "decanoate", "nitrate", "lactate",
    "gluconate", "mofetil", "pamoate", "hyclate", "monohydrate", "dihydrate", "trihydrate",
    # salts and esters of psychiatric and pain drugs ("escitalopram oxalate", "fluphenazine enanthate")
    "oxalate", "malate", "xinafoate", "napsylate", "hemifumarate", "hemitartrate", "dimesylate", "edisylate",
    "estolate", "enanthate", "palmitate", "lauroxil",
    # ester prodrug groups, alone or before a salt word ("tenofovir disoproxil fumarate", "olmesartan medoxomil")
    "disoproxil", "dipivoxil", "alafenamide", "axetil", "pivoxil", "medoxomil", "proxetil", "etexilate", "cilexetil",
    "marboxil",
)
RECEPTOR_HEADS = ("receptor", "receptors", "channel", "channels")
# "CGRP-R", "NMDA-R", "GABA(B)Rs": a capital R (after a hyphen or a bracket) abbreviates "receptor"; the name with
# "receptor" must be a receptor's term ("CGRP receptor"), which the completed mention then means
RECEPTOR_R_AFTER = re.compile(r"(?:-|(?<=\)))Rs?(?![\w-])")
# "beta2-AR", "alpha1B-ARs": AR after an adrenergic subtype is the adrenergic receptor, not the androgen receptor
ADRENERGIC_AR = re.compile(r"(?<![\w-])((?i:alpha|beta|α|β)[\d₀-₉]?[A-Da-d]?)-ARs?(?![\w-])")  # "α₂-ARs" too
# label of the matched concept -> the words that may follow and complete its name
SUFFIX_AFTER = {
    "DRUG": re.compile(r"(?:\s+(?:%s)\b){1,2}" % "|".join(SALT_WORDS), re.IGNORECASE),
    "RECEPTOR": re.compile(r"\s+(?:%s)\b" % "|".join(RECEPTOR_HEADS), re.IGNORECASE),
    "CONDITION": re.compile(r"\s+tumou?rs?\b", re.IGNORECASE),
}


@Language.factory("meshtag_name_suffixes", default_config={"kb_path": None})
def make_name_suffixes(nlp: Language, name: str, kb_path: str | None) -> "NameSuffixes":
    return NameSuffixes(kb_path)


class NameSuffixes(KBComponent):
    """Extends each drug candidate over a salt word, each receptor over a head word or an "-R" that follows it, and
    each disease over a "tumour" after it; reads "<subtype>-AR(s)" as that adrenoceptor."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        candidates = get_candidates(doc)
        if "-AR" in text:
            candidates = self.with_adrenergic_abbreviations(candidates, text)
            set_candidates(doc, candidates)
        absorbed: set[int] = set()  # ids of candidates that were only the suffix word ("sodium", "chloride")
        for cand in candidates:
            if cand.concept_ids and self.receptor_abbreviated(cand, text):
                continue
            suffix = SUFFIX_AFTER.get(self.kb.label(cand.concept_ids[0])) if cand.concept_ids else None
            word = suffix.match(text, cand.end) if suffix else None
            if word is None:
                continue
            inside = [c for c in candidates if cand.end < c.start < word.end()]
            # "lidocaine sodium channel": the word starts a name; "agents sodium citrate": the words are one
            if any(c.end > word.end() or " " in text[c.start:c.end] for c in inside):
                continue
            absorbed.update(id(c) for c in inside)
            cand.end = word.end()
            cand.ambiguous = False  # "MOR receptors": the completed name says what the short form means
            cand.notes.append("name suffix")
        if absorbed:
            set_candidates(doc, [c for c in candidates if id(c) not in absorbed])
        return doc

    def with_adrenergic_abbreviations(self, candidates: list[Candidate], text: str) -> list[Candidate]:
        """The candidates with each "<subtype>-AR(s)" as that adrenoceptor ("beta2-AR", "alpha1B-ARs": Receptors,
        Adrenergic, beta-2 / alpha-1) in place of what the dictionary read inside it (AR, the androgen receptor)."""
        found = []
        for m in ADRENERGIC_AR.finditer(text):
            ids = self.kb.named_ids(f"{m.group(1)}-adrenergic receptor", "RECEPTOR")
            if ids:
                found.append(Candidate(m.start(), m.end(), ids, "dictionary", notes=["name suffix"]))
        return sorted(displaced_by(candidates, found), key=lambda c: c.start) if found else candidates

    def receptor_abbreviated(self, cand, text: str) -> bool:
        """Extends a drug or receptor candidate over an "-R" that abbreviates "receptor" ("CGRP-R" is the CGRP
        receptor, not the peptide) and links it to that receptor; False when there is none."""
        r = RECEPTOR_R_AFTER.match(text, cand.end)
        if r is None:
            return False
        ids = self.kb.named_ids(f"{text[cand.start:cand.end]} receptor", "RECEPTOR")
        if not ids:
            return False
        cand.end, cand.concept_ids, cand.ambiguous = r.end(), ids, False
        cand.notes.append("name suffix")
        return True
