"""Write models/curation/subtype_receptor_terms.tsv: receptor subtypes named without their ligand, their
"<code>R" short forms, receptors named with the ligand's adjective ("serotonergic receptors"), subtypes
written as a type number ("dopamine type 2 receptor", "type-2 serotonin receptor") and "receptor type <n>"
names without the word "type" ("metabotropic glutamate receptor 1"), and receptor families named with a numbered
ligand ("angiotensin II receptor": MeSH has "Angiotensin Receptors" and the peptide "Angiotensin II"), and
receptors named with their ligand's short form ("EGF receptor").

Pharmacology papers write "D2 receptor", "H1 receptors", "A2A receptor", "NK1 receptor" where MeSH writes
"Dopamine D2 Receptor", "Histamine H1 Receptors", "Adenosine A2A Receptor", "Neurokinin-1 Receptor". For
every term of a RECEPTOR descriptor of the form "<ligand> <subtype> receptor(s)", where the subtype is a
short code with a digit that starts with the ligand's initial (not a ligand's own code: "Leukotriene B4
Receptors", "Prostaglandin I2 Receptors") or a Greek subtype ("Adrenergic beta-2 Receptors"), "<subtype>
receptor" becomes a curated term of that descriptor — only when no other receptor descriptor has a term
with the same subtype code (MeSH itself is the ambiguity check:
"B2 receptor" is the bradykinin one because no other receptor has a "B2" subtype) and the KB does not
already know the spelling. Each row names the MeSH term it was derived from.

    python scripts/derive_subtype_receptor_terms.py --mesh ../shared/data/mesh --corpora ../shared/data/corpora
"""
from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from meshtag.kb.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_ion_symbol_terms import natural_order  # noqa: E402  (sibling build scripts)
from derive_site_terms import derived_table_main, is_new  # noqa: E402

OUTPUT = "subtype_receptor_terms.tsv"
NOTE = "scripts/derive_subtype_receptor_terms.py"
# "Dopamine D2 Receptors", "Adenosine A2A Receptor", "Bradykinin B1 Receptor", "Adrenergic beta-2 Receptors"
GREEK_SUBTYPE = r"(?:alpha|beta)[ -]?\d[A-D]?"
SUBTYPE_TERM = re.compile(r"^(?P<ligand>[A-Za-z][\w-]*(?: [A-Za-z][\w-]*)?) "
                          rf"(?P<subtype>[A-Z]{{1,3}}\d[A-Z0-9]{{0,3}}|{GREEK_SUBTYPE}) Receptors?$")
# "Cannabinoid Receptor CB1": one ligand word, the subtype after the head word (not a nuclear receptor's
# systematic name, "Nuclear Receptor NR4A1", which no paper shortens)
SUBTYPE_AFTER_TERM = re.compile(r"^(?P<ligand>(?!Nuclear\b)[A-Z][a-z]+) Receptors? (?P<subtype>[A-Z]{1,3}\d[A-Z0-9]{0,3})$")
# "5-HT1A Receptor", "CB1 Receptors", "D2 Receptor": a code, then "receptor"
CODE_TERM = re.compile(r"^(?P<code>5-HT\d[A-F]?|[A-Z]{1,3}\d[A-Z]?\d{0,2}) [Rr]eceptors?$")  # "P2X4", "P2Y12"
SEROTONIN_CODE = re.compile(r"5-HT\d[A-F]?")
# "Serotonin 5-HT1F Receptors": MeSH writes a newer serotonin subtype only with its ligand
SEROTONIN_TERM = re.compile(r"^Serotonin (?P<code>5-HT\d[A-F]?) Receptors?$")
# codes whose short forms name another receptor in this field: "S2R" is the sigma-2 receptor (beside "S1R"),
# not MeSH's old serotonin "S2" subtype
OTHER_MEANING = {"s 2"}
# "metabotropic glutamate receptor type 1": a receptor name, "type", a subtype number
NUMBERED_TYPE = re.compile(r"(.+ receptors?) type (\d+[A-Za-z]?)", re.IGNORECASE)
SPECIES = re.compile(r", (?:human|rat|mouse|bovine|chicken|Drosophila|zebrafish|Xenopus|C elegans|pig|dog)\b", re.IGNORECASE)
# the adjective pharmacologists make of a ligand's name ("serotonergic receptors", "dopaminergic D2 receptors")
LIGAND_ADJECTIVES = {"serotonin": "serotonergic", "dopamine": "dopaminergic", "glutamate": "glutamatergic",
                     "gaba": "GABAergic", "histamine": "histaminergic", "acetylcholine": "cholinergic",
                     "catecholamine": "catecholaminergic", "adenosine": "adenosinergic", "glycine": "glycinergic",
                     "melatonin": "melatonergic"}
_LIGANDS = "|".join(LIGAND_ADJECTIVES)
LIGAND_FIRST = re.compile(rf"^(?P<ligand>{_LIGANDS})\b(?P<rest>( .*)? Receptors?)$", re.IGNORECASE)
# "Muscarinic Acetylcholine Receptors" -> "muscarinic cholinergic receptors"
LIGAND_SECOND = re.compile(rf"^(?P<kind>[A-Za-z]+) (?P<ligand>{_LIGANDS})\b(?P<rest>( .*)? Receptors?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Receptor:
    """A RECEPTOR descriptor with its terms, each as MeSH writes it and in reading order ("Receptors, Dopamine D1",
    "Dopamine D1 Receptors")."""

    id: str
    ui: str
    name: str
    terms: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Subtype:
    """A subtype code one receptor claims: "D2" of "Dopamine D2 Receptors" (Receptors, Dopamine D2)."""

    code: str        # as written
    ligand: str
    concept_id: str
    source: str      # "the MeSH term (ui name)"


def mesh_rows(mesh: Path, file: str) -> list[list[str]]:
    """The rows of one MeSH TSV (UI, name, entry terms, ...), read once for every family of spellings."""
    with open(mesh / file, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def receptors(rows: list[list[str]], kb) -> list[Receptor]:
    """The RECEPTOR records among the rows of a MeSH TSV."""
    return [Receptor(f"MESH:{ui}", ui, name,
                     tuple((t, natural_order(t)) for t in [name, *filter(None, synonyms.split("|"))]))
            for ui, name, synonyms, *_ in rows if kb.label(f"MESH:{ui}") == "RECEPTOR"]


def unique_subtypes(found: list[Receptor]) -> dict[str, Subtype]:
    """Normalised subtype code ("beta-2" = "beta 2") -> the one receptor that claims it, in code order; a code
    several receptors claim needs its ligand to tell them apart, and OTHER_MEANING codes are left out."""
    claims: dict[str, dict[str, Subtype]] = defaultdict(dict)
    for receptor in found:
        for term, reading in receptor.terms:
            m = SUBTYPE_TERM.match(reading) or SUBTYPE_AFTER_TERM.match(reading)
            if m and (re.fullmatch(GREEK_SUBTYPE, m.group("subtype")) or
                      m.group("subtype")[0] in {w[0].upper() for w in m.group("ligand").split()}):
                claims[normalize(m.group("subtype"))].setdefault(receptor.id, Subtype(
                    m.group("subtype"), m.group("ligand"), receptor.id, f"{term} ({receptor.ui} {receptor.name})"))
    return {code: next(iter(by_id.values())) for code, by_id in sorted(claims.items())
            if len(by_id) == 1 and code not in OTHER_MEANING}


def row(term: str, concept_id: str, source: str) -> dict[str, str]:
    return {"term": term, "concept_id": concept_id, "label": "RECEPTOR", "source": source, "note": NOTE}


def subtype_rows(subtypes: dict[str, Subtype], kb) -> list[dict[str, str]]:
    """"<subtype> receptor" ("A2A receptor") for each code one receptor claims."""
    return [row(f"{s.code} receptor", s.concept_id,
                f"MeSH term '{s.source}' without its ligand; no other receptor descriptor has a {s.code} subtype")
            for s in subtypes.values() if not kb.has_key(normalize(f"{s.code} receptor"))]


def serotonin_code_rows(found: list[Receptor], kb) -> list[dict[str, str]]:
    """"5-HT1F receptor" for a serotonin subtype MeSH names only with its ligand ("Serotonin 5-HT1F Receptors"), as
    it names the older ones ("5-HT1A Receptor"), when one receptor claims the code and the KB lacks the spelling.

    >>> r = Receptor("MESH:D000096642", "D000096642", "Receptor, Serotonin, 5-HT1F",
    ...              (("Serotonin 5-HT1F Receptors", "Serotonin 5-HT1F Receptors"),))
    >>> [x["term"] for x in serotonin_code_rows([r], type("KB", (), {"has_key": lambda self, key: False})())]
    ['5-HT1F receptor']
    """
    claims: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for receptor in found:
        for term, reading in receptor.terms:
            m = SEROTONIN_TERM.match(reading)
            if m:
                claims[m.group("code")].setdefault(receptor.id, (term, receptor.name))
    return [row(f"{code} receptor", concept_id, f"MeSH term '{term}' of {concept_id[5:]} {name} without its ligand, "
                                                f"as MeSH writes the older serotonin subtypes ('5-HT1A Receptor')")
            for code, by_id in sorted(claims.items()) if len(by_id) == 1
            for concept_id, (term, name) in by_id.items() if not kb.has_key(normalize(f"{code} receptor"))]


def r_suffix_rows(found: list[Receptor], subtypes: dict[str, Subtype], subtype_terms: list[dict[str, str]],
                  kb) -> list[dict[str, str]]:
    """"<code>R" for a receptor named "<code> receptor" ("5-HT1AR", "CB1R", "A2AR": papers' usual short form),
    when the code is a serotonin or ligand subtype (not "CD4", "CCR5", "PD1", which name the protein itself),
    one receptor concept claims it and the KB does not know the spelling."""
    claims: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    named = [(r.id, r.name, r.terms) for r in found] + \
        [(t["concept_id"], t["term"], ((t["term"], t["term"]),)) for t in subtype_terms]
    for concept_id, name, terms in named:
        for term, reading in terms:
            m = CODE_TERM.match(reading)
            if m and (SEROTONIN_CODE.fullmatch(m.group("code")) or normalize(m.group("code")) in subtypes):
                claims[normalize(m.group("code"))].setdefault(concept_id, (m.group("code"), f"{term} ({name})"))
    rows = []
    for concepts in (claims for _, claims in sorted(claims.items())):
        (concept_id, (code, source)), *others = concepts.items()
        if others or kb.has_key(normalize(f"{code}R")):
            continue
        rows.append(row(f"{code}R", concept_id,
                        f"short form of the receptor term '{source}'; no other receptor is named '{code} receptor'"))
    return rows


def adjective_rows(found: list[Receptor], kb) -> list[dict[str, str]]:
    """Receptor terms with the ligand's adjective for the ligand ("Serotonin 5-HT2A Receptors" -> "serotonergic
    5-HT2A receptors"), when the KB does not know the spelling."""
    rows, seen = [], set()
    for receptor in found:
        for _, term in receptor.terms:
            m = LIGAND_FIRST.match(term) or LIGAND_SECOND.match(term)
            if not m:
                continue
            kind = f"{m.group('kind')} " if "kind" in m.groupdict() else ""
            spelling = f"{kind}{LIGAND_ADJECTIVES[m.group('ligand').lower()]}{m.group('rest')}"
            if is_new(spelling, seen, kb):
                rows.append(row(spelling, receptor.id,
                                f"MeSH term '{term}' of {receptor.ui} {receptor.name} with the ligand's adjective"))
    return rows


def type_rows(subtypes: dict[str, Subtype], kb) -> list[dict[str, str]]:
    """"<ligand> type <n> receptor" and "type <n> <ligand> receptor" for a subtype code ("Dopamine D2" ->
    "dopamine type 2 receptor", "type 2 dopamine receptor"; "Adenosine A2A" -> "adenosine type 2A receptor")."""
    rows, seen = [], set()
    for s in subtypes.values():
        m = re.fullmatch(r"[A-Z]{1,3}(\d[AB]?)", s.code)  # "2A", not the P2X family's "2X1"
        if not m:
            continue
        word = s.ligand.lower()
        rows += [row(spelling, s.concept_id, f"the {s.code} subtype of MeSH term '{s.source}' written as a type number")
                 for spelling in (f"{word} type {m.group(1)} receptor", f"type {m.group(1)} {word} receptor")
                 if is_new(spelling, seen, kb)]
    return rows


def serotonin_type_rows(found: list[Receptor], kb) -> list[dict[str, str]]:
    """"serotonin type <n> receptor", "type <n> serotonin receptor" and "serotonin <n> receptor" for a serotonin
    receptor code ("Serotonin 5-HT2 Receptors" -> "type 2 serotonin receptor", as in "type-2 serotonin receptor"),
    of a descriptor or a species-free supplementary record ("serotonin 6 receptor" -> "serotonin type 6 receptor")."""
    rows, seen = [], set()
    for receptor in found:
        if SPECIES.search(receptor.name):
            continue
        for _, term in receptor.terms:
            m = re.fullmatch(r"Serotonin (?:5-HT)?(\d[A-F]?) Receptors?", term, re.IGNORECASE)
            if m:
                n = m.group(1)
                rows += [row(spelling, receptor.id, f"the 5-HT{n} subtype of MeSH term '{term}' ({receptor.ui} "
                                                    f"{receptor.name}) written as a type number")
                         for spelling in (f"serotonin type {n} receptor", f"type {n} serotonin receptor",
                                          f"serotonin {n} receptor") if is_new(spelling, seen, kb)]
    return rows


def numbered_type_rows(found: list[Receptor], kb) -> list[dict[str, str]]:
    """"<name> receptor <n>" for a receptor term "<name> receptor type <n>" of a descriptor or species-free
    supplementary record ("metabotropic glutamate receptor type 1" -> "metabotropic glutamate receptor 1")."""
    rows, seen = [], set()
    for receptor in found:
        if SPECIES.search(receptor.name):
            continue
        for term, _ in receptor.terms:
            m = NUMBERED_TYPE.fullmatch(term)
            if m and is_new(f"{m.group(1)} {m.group(2)}", seen, kb):
                rows.append(row(f"{m.group(1)} {m.group(2)}".lower(), receptor.id,
                                f"MeSH term '{term}' ({receptor.ui} {receptor.name}) without the word 'type'"))
    return rows


def numbered_ligand_rows(found: list[Receptor], descriptors: list[list[str]], kb) -> list[dict[str, str]]:
    """"<ligand> <numeral> receptor" for a receptor family with a term "<ligand> receptor(s)" and a descriptor
    named "<ligand> <numeral>" ("Angiotensin Receptors" + "Angiotensin II" -> "angiotensin II receptor",
    "Netrin Receptors" + "Netrin-1" -> "netrin-1 receptor"), when one family has the ligand's name and the KB
    does not know the spelling."""
    families: dict[str, dict[str, str]] = defaultdict(dict)
    for receptor in found:
        for term, reading in receptor.terms:
            if m := re.fullmatch(r"([A-Z][a-z]+) Receptors?", reading):
                families[m.group(1).lower()].setdefault(receptor.id, f"{term} ({receptor.ui} {receptor.name})")
    rows, seen = [], set()
    for name in sorted({descriptor[1] for descriptor in descriptors}):
        m = re.fullmatch(r"([A-Z][a-z]*[a-rt-z])[ -](?:I{1,3}|IV|\d)", name)  # not a class ("Prostaglandins I")
        family = families.get(m.group(1).lower(), {}) if m else {}
        if len(family) == 1 and is_new(f"{name} receptor", seen, kb):
            (concept_id, source), = family.items()
            rows.append(row(f"{name} receptor", concept_id,
                            f"MeSH term '{source}' with the numbered ligand of MeSH descriptor '{name}'"))
    return rows


# "EGF", "Gn-RH", "TGFbeta": a ligand's short form, with two capitals at least
LIGAND_SHORT_FORM = re.compile(r"[A-Z][A-Za-z0-9-]{1,6}")


def ligand_short_form_rows(found: list[Receptor], kb) -> list[dict[str, str]]:
    """"<short form> receptor" for a receptor named "<ligand> receptor(s)" in the KB, from the MeSH or curated
    short forms of the ligand descriptor ("epidermal growth factor receptor" + Epidermal Growth Factor's "EGF" ->
    "EGF receptor"), when the short form names that ligand first, one receptor claims it and the KB does not
    know the spelling. Gene-symbol aliases of the ligand are not used ("ARMD9" is an HGNC alias of C3)."""
    claims: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for receptor in found:
        concept = kb.get(receptor.id)
        for term in sorted({natural_order(t) for t in (concept.name, *concept.synonyms)}):
            m = re.fullmatch(r"(.+?) [Rr]eceptors?", term)
            ligand_senses = kb.senses(normalize(m.group(1))) if m else []
            if not ligand_senses or ligand_senses[0][1] == "hgnc":
                continue
            ligand = kb.get(ligand_senses[0][0])
            if ligand.kind != "descriptor" or ligand.label == "RECEPTOR":
                continue
            for short in ligand.synonyms:
                if LIGAND_SHORT_FORM.fullmatch(short) and sum(c.isupper() for c in short) >= 2 and \
                        kb.senses(normalize(short))[:1] == [(ligand.id, "synonym")]:
                    claims[f"{short} receptor"].setdefault(receptor.id, (term, ligand.name))
    rows, seen = [], set()
    for spelling, by_receptor in sorted(claims.items()):
        if len(by_receptor) == 1 and is_new(spelling, seen, kb):
            (concept_id, (term, ligand)), = by_receptor.items()
            rows.append(row(spelling, concept_id, f"receptor term '{term}' with a MeSH short form of its ligand "
                                                  f"'{ligand}'"))
    return rows


# a receptor or channel word in a name ("urotensin II receptor", "Piezo-type mechanosensitive ion channel")
RECEPTOR_WORD = re.compile(r"\b(?:receptors?|channels?)\b", re.IGNORECASE)
SPECIES_END = re.compile(rf"{SPECIES.pattern}$", re.IGNORECASE)


def species_free_rows(rows: list[list[str]], kb) -> list[dict[str, str]]:
    """A receptor named only by species-specific supplementary records ("urotensin II receptor, mouse") gets the
    name without the species, linked to the one heading the records are filed under (Receptors, G-Protein-Coupled),
    as the annotation guidelines link it (never to a species' record); a trailing "protein" is left out, and a name
    several headings claim or the KB already knows is not derived."""
    claims: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for ui, name, synonyms, headings, *_ in rows:
        heads = [h for h in headings.split(",") if h]
        if len(heads) != 1 or kb.label(f"MESH:{ui}") != "RECEPTOR" or kb.label(f"MESH:{heads[0]}") != "RECEPTOR":
            continue
        for term in [name, *filter(None, synonyms.split("|"))]:
            base = re.sub(r" proteins?$", "", SPECIES_END.sub("", term))
            if base != term and RECEPTOR_WORD.search(base):
                claims[normalize(base)].setdefault(f"MESH:{heads[0]}", (base, f"{term} ({ui} {name})"))
    out, seen = [], set()
    for key, by_heading in sorted(claims.items()):
        if len(by_heading) != 1:
            continue
        (heading, (spelling, source)), = by_heading.items()
        if is_new(spelling, seen, kb):
            out.append(row(spelling, heading, f"species-specific MeSH term '{source}' without its species, linked to "
                                              f"the heading it is filed under ({heading[5:]} {kb.get(heading).name})"))
    return out


# channel symbols whose subscript papers also write in brackets: "Na(v)1.7", "Ca(v)1.2", "K(ATP) channel", "K(Ca)3.1"
SUBSCRIPTED = {"nav": ("Na", "v"), "cav": ("Ca", "v"), "kv": ("K", "v"), "kir": ("K", "ir"), "katp": ("K", "ATP"),
               "kca": ("K", "Ca"), "bkca": ("BK", "Ca")}
SUBSCRIPTED_KEY = re.compile(rf"^({'|'.join(SUBSCRIPTED)})((?: \d{{1,2}} \d{{1,2}}| \d)?)( channels?)?$")  # "Kv11.1", not "KIR44"


def bracketed_subscript_rows(kb) -> list[dict[str, str]]:
    """"Na(v)1.7" for the channel the KB knows as "Nav1.7" (normalised "nav 1 7"; the bracketed spelling normalises
    to "na v 1 7", so it never matched, and "Ca(v)1.2" was read by fuzzy lookup as the P/Q-type channel). A bare
    symbol needs "channel" after it ("K(ATP) channel"), except K(ATP) itself; "KIR" alone is the killer-cell receptor
    family, and the "KATP1"/"KATP2" aliases of two GIRK genes are left out."""
    rows, seen = [], set()
    for key in kb.completions(""):
        m = SUBSCRIPTED_KEY.match(key)
        if not m or (m.group(1) == "katp" and m.group(2)) or not (m.group(2) or m.group(3) or m.group(1) == "katp"):
            continue
        ids = [cid for cid, _ in kb.senses(key) if kb.label(cid) == "RECEPTOR"]
        if not ids:
            continue
        base, subscript = SUBSCRIPTED[m.group(1)]
        spelling = f"{base}({subscript})" + ".".join(m.group(2).split()) + (m.group(3) or "")
        if is_new(spelling, seen, kb):
            rows.append(row(spelling, ids[0], f"the KB term '{key}' ({ids[0][5:]} {kb.get(ids[0]).name}) with its "
                                              f"subscript in brackets"))
    return rows


def derive(mesh: Path, kb) -> list[dict[str, str]]:
    descriptors = mesh_rows(mesh, "mesh_descriptors.tsv")
    found = receptors(descriptors, kb)
    subtypes = unique_subtypes(found)
    named = subtype_rows(subtypes, kb) + serotonin_code_rows(found, kb)
    supplementary_rows = mesh_rows(mesh, "mesh_supplementary.tsv")
    supplementary = receptors(supplementary_rows, kb)
    return named + r_suffix_rows(found, subtypes, named, kb) + adjective_rows(found, kb) + \
        type_rows(subtypes, kb) + serotonin_type_rows(found + supplementary, kb) + \
        numbered_type_rows(found + supplementary, kb) + \
        numbered_ligand_rows(found, descriptors, kb) + ligand_short_form_rows(found, kb) + \
        species_free_rows(supplementary_rows, kb) + bracketed_subscript_rows(kb)


if __name__ == "__main__":
    derived_table_main(derive, OUTPUT, __doc__)
