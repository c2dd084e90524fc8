"""Write models/curation/subtype_receptor_terms.tsv: receptor subtypes named without their ligand, their
"<code>R" short forms, receptors named with the ligand's adjective ("serotonergic receptors") and subtypes
written as a type number ("dopamine type 2 receptor").

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


# "5-HT1A Receptor", "CB1 Receptors", "D2 Receptor": a code, then "receptor"
CODE_TERM = re.compile(r"^(?P<code>5-HT\d[A-F]?|[A-Z]{1,3}\d[A-Z]?) [Rr]eceptors?$")
SEROTONIN_CODE = re.compile(r"5-HT\d[A-F]?")
# codes whose short forms name another receptor in this field: "S2R" is the sigma-2 receptor (beside "S1R"),
# not MeSH's old serotonin "S2" subtype
OTHER_MEANING = {"s 2"}


def r_suffix_rows(mesh: Path, kb, subtype_rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """"<code>R" for a receptor named "<code> receptor" ("5-HT1AR", "CB1R", "A2AR": papers' usual short form),
    when the code is a serotonin or ligand subtype (not "CD4", "CCR5", "PD1", which name the protein itself),
    one receptor concept claims it and the KB does not know the spelling."""
    subtypes = {code for code, concepts in subtype_claims(mesh, kb).items()
                if len(concepts) == 1 and code not in OTHER_MEANING}
    claims: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    named = [(f"MESH:{ui}", name, [name, *filter(None, synonyms.split("|"))])
             for ui, name, synonyms, *_ in csv.reader(open(mesh / "mesh_descriptors.tsv", encoding="utf-8", newline=""),
                                                      delimiter="\t", quoting=csv.QUOTE_NONE)]
    named += [(r["concept_id"], r["term"], [r["term"]]) for r in subtype_rows]
    for concept_id, name, terms in named:
        if kb.label(concept_id) != "RECEPTOR":
            continue
        for term in terms:
            m = CODE_TERM.match(natural_order(term))
            if m and (SEROTONIN_CODE.fullmatch(m.group("code")) or normalize(m.group("code")) in subtypes):
                claims[normalize(m.group("code"))].setdefault(concept_id, (m.group("code"), f"{term} ({name})"))
    rows = []
    for concepts in (claims for _, claims in sorted(claims.items())):
        (concept_id, (code, source)), *others = concepts.items()
        term = f"{code}R"
        if others or kb.has_key(normalize(term)):
            continue
        rows.append({"term": term, "concept_id": concept_id, "label": "RECEPTOR",
                     "source": f"short form of the receptor term '{source}'; no other receptor is named '{code} receptor'",
                     "note": "scripts/derive_subtype_receptor_terms.py"})
    return rows


# the adjective pharmacologists make of a ligand's name ("serotonergic receptors", "dopaminergic D2 receptors")
LIGAND_ADJECTIVES = {"serotonin": "serotonergic", "dopamine": "dopaminergic", "glutamate": "glutamatergic",
                     "gaba": "GABAergic", "histamine": "histaminergic", "acetylcholine": "cholinergic",
                     "catecholamine": "catecholaminergic", "adenosine": "adenosinergic", "glycine": "glycinergic",
                     "melatonin": "melatonergic"}
LIGAND_FIRST = re.compile(r"^(?P<ligand>%s)\b(?P<rest>( .*)? Receptors?)$" % "|".join(LIGAND_ADJECTIVES), re.IGNORECASE)
# "Muscarinic Acetylcholine Receptors" -> "muscarinic cholinergic receptors"
LIGAND_SECOND = re.compile(r"^(?P<kind>[A-Za-z]+) (?P<ligand>%s)\b(?P<rest>( .*)? Receptors?)$" % "|".join(LIGAND_ADJECTIVES),
                           re.IGNORECASE)


def adjective_rows(mesh: Path, kb) -> list[dict[str, str]]:
    """Receptor terms with the ligand's adjective for the ligand ("Serotonin 5-HT2A Receptors" -> "serotonergic
    5-HT2A receptors"), when the KB does not know the spelling."""
    rows, seen = [], set()
    for ui, name, synonyms, *_ in csv.reader(open(mesh / "mesh_descriptors.tsv", encoding="utf-8", newline=""),
                                             delimiter="\t", quoting=csv.QUOTE_NONE):
        if kb.label(f"MESH:{ui}") != "RECEPTOR":
            continue
        for term in [name, *filter(None, synonyms.split("|"))]:
            term = natural_order(term)
            m = LIGAND_FIRST.match(term) or LIGAND_SECOND.match(term)
            if not m:
                continue
            kind = f"{m.group('kind')} " if "kind" in m.groupdict() else ""
            spelling = f"{kind}{LIGAND_ADJECTIVES[m.group('ligand').lower()]}{m.group('rest')}"
            key = normalize(spelling)
            if key in seen or kb.has_key(key):
                continue
            seen.add(key)
            rows.append({"term": spelling, "concept_id": f"MESH:{ui}", "label": "RECEPTOR",
                         "source": f"MeSH term '{term}' of {ui} {name} with the ligand's adjective",
                         "note": "scripts/derive_subtype_receptor_terms.py"})
    return rows


def type_rows(mesh: Path, kb) -> list[dict[str, str]]:
    """"<ligand> type <n> receptor" and "type <n> <ligand> receptor" for a subtype code ("Dopamine D2" ->
    "dopamine type 2 receptor", "type 2 dopamine receptor"; "Adenosine A2A" -> "adenosine type 2A receptor"),
    for the codes one MeSH receptor claims."""
    rows, seen = [], set()
    for code, concepts in sorted(subtype_claims(mesh, kb).items()):
        if len(concepts) != 1 or code in OTHER_MEANING:
            continue
        (concept_id, (subtype, source)), = concepts.items()
        m = re.fullmatch(r"[A-Z]{1,3}(\d[AB]?)", subtype)  # "2A", not the P2X family's "2X1"
        ligand = SUBTYPE_TERM.match(source.split(" (")[0].strip())
        ligand = ligand or SUBTYPE_TERM.match(natural_order(source.split(" (")[0].strip()))
        if not (m and ligand):
            continue
        word = ligand.group("ligand").lower()
        for spelling in (f"{word} type {m.group(1)} receptor", f"type {m.group(1)} {word} receptor"):
            key = normalize(spelling)
            if key in seen or kb.has_key(key):
                continue
            seen.add(key)
            rows.append({"term": spelling, "concept_id": concept_id, "label": "RECEPTOR",
                         "source": f"the {subtype} subtype of MeSH term '{source}' written as a type number",
                         "note": "scripts/derive_subtype_receptor_terms.py"})
    return rows


def derive(mesh: Path, kb) -> list[dict[str, str]]:
    rows = subtype_rows(mesh, kb)
    return rows + r_suffix_rows(mesh, kb, rows) + adjective_rows(mesh, kb) + type_rows(mesh, kb)


def subtype_rows(mesh: Path, kb) -> list[dict[str, str]]:
    rows = []
    for code, concepts in sorted(subtype_claims(mesh, kb).items()):
        if len(concepts) != 1 or code in OTHER_MEANING:
            continue  # several receptors share the code (the ligand tells them apart), or it means another
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
