"""Write models/curation/subtype_receptor_terms.tsv: receptor subtypes named without their ligand.

Pharmacology papers write "D2 receptor", "H1 receptors", "A2A receptor", "NK1 receptor" where MeSH writes
"Dopamine D2 Receptor", "Histamine H1 Receptors", "Adenosine A2A Receptor", "Neurokinin-1 Receptor". For
every term of a RECEPTOR descriptor of the form "<ligand> <subtype> receptor(s)", where the subtype is a
short code with a digit that starts with the ligand's initial (not a ligand's own code: "Leukotriene B4
Receptors", "Prostaglandin I2 Receptors") or a Greek subtype ("Adrenergic beta-2 Receptors"), "<subtype> receptor" becomes a curated term of that descriptor — only when no
other receptor descriptor has a term with the same subtype code (MeSH itself is the ambiguity check:
"B2 receptor" is the bradykinin one because no other receptor has a "B2" subtype) and the KB does not
already know the spelling. Each row names the MeSH term it was derived from.

    python scripts/derive_subtype_receptor_terms.py --mesh ../shared/data/mesh --corpora ../shared/data/corpora
"""
from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

from meshtag.kb.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_ion_symbol_terms import natural_order  # noqa: E402  (sibling build scripts)
from derive_site_terms import derived_table_main  # noqa: E402

OUTPUT = "subtype_receptor_terms.tsv"
# "Dopamine D2 Receptors", "Adenosine A2A Receptor", "Bradykinin B1 Receptor", "Adrenergic beta-2 Receptors"
GREEK_SUBTYPE = r"(?:alpha|beta)[ -]?\d[A-D]?"
SUBTYPE_TERM = re.compile(r"^(?P<ligand>[A-Za-z][\w-]*(?: [A-Za-z][\w-]*)?) "
                          rf"(?P<subtype>[A-Z]{{1,3}}\d[A-Z0-9]{{0,2}}|{GREEK_SUBTYPE}) Receptors?$")


def subtype_claims(mesh: Path, kb) -> dict[str, dict[str, tuple[str, str]]]:
    """Subtype code (normalised: "beta-2" = "beta 2") -> {descriptor id: (the code as written, the MeSH term it
    came from)}, over RECEPTOR descriptors."""
    claims: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    with open(mesh / "mesh_descriptors.tsv", encoding="utf-8", newline="") as fh:
        for ui, name, synonyms, *_ in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if kb.label(f"MESH:{ui}") != "RECEPTOR":
                continue
            for term in [name, *filter(None, synonyms.split("|"))]:
                m = SUBTYPE_TERM.match(natural_order(term))
                if m and (re.fullmatch(GREEK_SUBTYPE, m.group("subtype")) or
                          m.group("subtype")[0] in {w[0].upper() for w in m.group("ligand").split()}):
                    claims[normalize(m.group("subtype"))].setdefault(f"MESH:{ui}", (m.group("subtype"),
                                                                                   f"{term} ({ui} {name})"))
    return claims


def derive(mesh: Path, kb) -> list[dict[str, str]]:
    rows = []
    for concepts in (claims for _, claims in sorted(subtype_claims(mesh, kb).items())):
        if len(concepts) != 1:
            continue  # several receptors share the code: the ligand is needed to tell them apart
        (concept_id, (subtype, source)), = concepts.items()
        term = f"{subtype} receptor"
        if kb.has_key(normalize(term)):
            continue
        rows.append({"term": term, "concept_id": concept_id, "label": "RECEPTOR",
                     "source": f"MeSH term '{source}' without its ligand; no other receptor descriptor has "
                               f"a {subtype} subtype",
                     "note": "scripts/derive_subtype_receptor_terms.py"})
    return rows


if __name__ == "__main__":
    derived_table_main(derive, OUTPUT, __doc__)
