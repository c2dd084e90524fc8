"""Write models/curation/salt_parent_terms.tsv: the bare drug name for MeSH concepts named after a salt form.

Some drugs exist in MeSH only as their salt ("Tiapride Hydrochloride" D063325, "Quetiapine Fumarate"), and
the TSV export keeps only the preferred concept's terms, so the name the text uses ("tiapride") is no term
at all. For every drug descriptor whose name is "<drug> <salt word>" (the salt words of meshtag.nlp.suffixes)
and whose "<drug>" names no concept, "<drug>" becomes a curated term of it. Supplementary concepts are left
out: their "X chloride" names are mostly distinct chemicals (acyl chlorides), not salts of a drug, and so
are names whose first word is a chemical group or ion ("Methyl Chloride", "Dermatan Sulfate"). Each row
names the concept it was derived from, and the script reports how the derived terms agree with the gold
annotations of the TRAINING corpora.

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

from meshtag.kb.normalize import normalize
from meshtag.nlp.suffixes import SALT_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_site_terms import derived_table_main  # noqa: E402  (sibling build script)

OUTPUT = "salt_parent_terms.tsv"
# the first word is a chemical group or ion, not a drug: "Methyl Chloride", "Mercuric Chloride",
# "Dermatan Sulfate", "Ammonium Chloride", "Antimony Potassium Tartrate"
NOT_A_DRUG = re.compile(r"(yl|ic|ene|an|itin|ammonium)$|\b(%s)\b" % "|".join(SALT_WORDS), re.IGNORECASE)
ACID_NAME = re.compile(r"^(?P<stem>[A-Z][a-z]+?)ic Acid$")  # one acid, not a class ("Carboxylic Acids")
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


def derive(mesh: Path, kb) -> list[dict[str, str]]:
    """The bare drug names of salts, then the anion names of acids, each new to the KB (4+ letters or digits)."""
    with open(mesh / "mesh_descriptors.tsv", encoding="utf-8", newline="") as fh:
        drugs = [(ui, name) for ui, name, *_ in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                 if kb.label(f"MESH:{ui}") == "DRUG"]
    rows, seen = [], set()
    for family in (salt_parent, anion):
        for ui, name in drugs:
            found = family(name)
            key = normalize(found[0]) if found else ""
            if not found or key in seen or kb.has_key(key) or len(key) < 4:
                continue
            seen.add(key)
            rows.append({"term": found[0], "concept_id": f"MESH:{ui}", "label": "DRUG",
                         "source": f"derived from the name '{name}' of {ui} {found[1]}",
                         "note": "scripts/derive_salt_parents.py"})
    return rows


if __name__ == "__main__":
    derived_table_main(derive, OUTPUT, __doc__)
