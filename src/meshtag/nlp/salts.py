"""Salt and ester forms: "bupivacaine hydrochloride", "diclofenac sodium", "bupropion HCl" are one drug mention.

MeSH names few salt forms, so the dictionary matches only the parent drug; the chemical the text names
includes its counter-ion, and the corpora annotate the whole name with the parent's concept (BC5CDR
training set: 48 such mentions, e.g. "ketamine hydrochloride" -> Ketamine). The span is extended over the
salt word and keeps the parent's concept; a salt form MeSH does name ("calcium chloride") is already the
longer dictionary match and is left alone.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import KBComponent, get_candidates, set_candidates, text_of

SALT_WORDS = (
    "hydrochloride", "dihydrochloride", "hydrobromide", "hcl", "sulfate", "sulphate", "bisulfate", "maleate",
    "citrate", "mesylate", "mesilate", "tartrate", "bitartrate", "fumarate", "isethionate", "bromide", "chloride",
    "acetate", "phosphate", "succinate", "hemisuccinate", "sodium", "disodium", "potassium", "besylate",
    "besilate", "tosylate", "propionate", "dipropionate", "valerate", "decanoate", "nitrate", "lactate",
    "gluconate", "mofetil", "pamoate", "hyclate", "monohydrate", "dihydrate", "trihydrate",
)
SALT_AFTER = re.compile(r"\s+(?:%s)\b" % "|".join(SALT_WORDS), re.IGNORECASE)


@Language.factory("meshtag_salt_forms", default_config={"kb_path": None})
def make_salt_forms(nlp: Language, name: str, kb_path: str | None) -> "SaltForms":
    return SaltForms(kb_path)


class SaltForms(KBComponent):
    """Extends each drug candidate over a salt or ester word that follows it directly."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        candidates = get_candidates(doc)
        absorbed: set[int] = set()  # ids of candidates that were only the salt word ("sodium", "chloride")
        for cand in candidates:
            salt = SALT_AFTER.match(text, cand.end)
            if salt is None or not cand.concept_ids or self.kb.label(cand.concept_ids[0]) != "DRUG":
                continue
            inside = [c for c in candidates if cand.end < c.start < salt.end()]
            if any(c.end > salt.end() for c in inside):  # "lidocaine sodium channel": the word starts a name
                continue
            absorbed.update(id(c) for c in inside)
            cand.end = salt.end()
            cand.notes.append("salt form")
        if absorbed:
            set_candidates(doc, [c for c in candidates if id(c) not in absorbed])
        return doc
