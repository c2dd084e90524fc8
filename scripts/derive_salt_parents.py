"""Write models/curation/salt_parent_terms.tsv: the bare drug name for MeSH concepts named after a salt form.

Some drugs exist in MeSH only as their salt ("Tiapride Hydrochloride" D063325, "Quetiapine Fumarate"), and
the TSV export keeps only the preferred concept's terms, so the name the text uses ("tiapride") is no term
at all. For every drug descriptor whose name is "<drug> <salt word>" (the salt words of meshtag.nlp.suffixes)
and whose "<drug>" names no concept, "<drug>" becomes a curated term of it. Supplementary concepts are left
out: their "X chloride" names are mostly distinct chemicals (acyl chlorides), not salts of a drug, and so
are names whose first word is a chemical group or ion ("Methyl Chloride", "Dermatan Sulfate"). Each row
names the concept it was derived from, and the script reports how the derived terms agree with the gold
annotations of the TRAINING corpora.

The bare names are also read off the entry terms of a descriptor that is no class: "glycopyrronium" from
"Glycopyrronium Bromide" of Glycopyrrolate, "acetylsalicylate" from "Acetylsalicylic Acid" of Aspirin; there only
one-word names that are no English word ("dietary" of "Dietary Sodium" is not), as entry terms vary more. Needs
wordfreq (build time only).

Acids are also named by their anion: "kainate" for "Kainic Acid", "quisqualate", "mycophenolate",
"hyaluronate" (the TSV export has "valproate" and "glutamate" but not these). For every drug descriptor named
"<stem>ic Acid", "<stem>ate" becomes a curated term of it when it is no term of anything else.

    python scripts/derive_salt_parents.py --mesh ../shared/data/mesh --corpora ../shared/data/corpora
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from wordfreq import zipf_frequency

from meshtag.kb.normalize import normalize
from meshtag.nlp.suffixes import SALT_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_site_terms import derived_table_main  # noqa: E402  (sibling build script)

OUTPUT = "salt_parent_terms.tsv"
# the first word is a chemical group or ion, not a drug: "Methyl Chloride", "Mercuric Chloride",
# "Dermatan Sulfate", "Ammonium Chloride", "Antimony Potassium Tartrate"
NOT_A_DRUG = re.compile(r"(yl|ic|ene|an|itin|ammonium)$|\b(%s)\b" % "|".join(SALT_WORDS), re.IGNORECASE)
ACID_NAME = re.compile(r"^(?P<stem>[A-Z][a-z]+?)ic Acid$")  # one acid, not a class ("Carboxylic Acids")
MAX_ZIPF = 3.0  # wordfreq frequency of an English word ("dietary" 3.7); drug names score near 0
SALT_NAME = re.compile(r"^(?P<drug>[A-Za-z][\w'-]*(?: [A-Za-z][\w'-]*)?) (?:%s)$" % "|".join(SALT_WORDS),
                       re.IGNORECASE)


def salt_parent(name: str) -> tuple[str, str] | None:
    """"<drug>" of a descriptor named "<drug> <salt word>", and why."""
    m = SALT_NAME.match(name)
    if not m or NOT_A_DRUG.search(m.group("drug")):
        return None
    return m.group("drug").lower(), "(the drug has no MeSH concept of its own; MeSH names it by its salt)"


def anion(name: str) -> tuple[str, str] | None:
    """"<stem>ate" of a descriptor named "<stem>ic Acid", and why."""
    m = ACID_NAME.match(name)
    return (f"{m.group('stem').lower()}ate", "(its anion, as pharmacology names the acid)") if m else None


def names_only_a_drug(key: str) -> bool:
    """An entry term's bare name is taken only when it is one word and no English word: entry terms vary more than
    names ("Dietary Sodium" of Sodium, Dietary; "Phorbol Myristate Acetate").

    >>> names_only_a_drug("glycopyrronium"), names_only_a_drug("dietary"), names_only_a_drug("phorbol myristate")
    (True, False, False)
    """
    return " " not in key and zipf_frequency(key, "en") < MAX_ZIPF


def derive(mesh: Path, kb) -> list[dict[str, str]]:
    """The bare drug names of salts, then the anion names of acids, each new to the KB (4+ letters or digits):
    from each descriptor's name, then from its entry terms ("Glycopyrronium Bromide" of D006024 Glycopyrrolate)."""
    with open(mesh / "mesh_descriptors.tsv", encoding="utf-8", newline="") as fh:
        drugs = [(ui, name, [t for t in terms.split("|") if t])
                 for ui, name, terms, *_ in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                 if kb.label(f"MESH:{ui}") == "DRUG"]
    rows, seen = [], set()
    for family in (salt_parent, anion):
        for by_name in (True, False):
            for ui, name, terms in drugs:
                if not by_name and name.endswith("s"):
                    continue  # a class's entry terms name its members ("Carboxylic Acid" of Carboxylic Acids)
                for term in [name] if by_name else terms:
                    found = family(term)
                    key = normalize(found[0]) if found else ""
                    if not found or key in seen or kb.has_key(key) or len(key) < 4 or \
                            not by_name and not names_only_a_drug(key):
                        continue
                    seen.add(key)
                    origin = f"the name '{name}' of {ui}" if by_name else f"the entry term '{term}' of {ui} {name}"
                    rows.append({"term": found[0], "concept_id": f"MESH:{ui}", "label": "DRUG",
                                 "source": f"derived from {origin} {found[1]}", "note": "scripts/derive_salt_parents.py"})
    return rows


if __name__ == "__main__":
    derived_table_main(derive, OUTPUT, __doc__)
