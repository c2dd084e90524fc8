"""Write models/curation/ion_symbol_terms.tsv: ion-channel names written with element symbols.

Papers write "L-type Ca2+ channels", "Ca-channel blockers", "Na+ channel blockers" and "Ca2+-activated K+
channels" where MeSH writes calcium, sodium and potassium in full ("Calcium Channels, L-Type", "Calcium
Channel Blockers", "Calcium-Activated Potassium Channels"). For every term of a RECEPTOR or DRUG descriptor
that names a calcium, sodium, potassium or chloride channel, each spelling with the element's symbols
("Ca", "Ca2+"; "Na"; "K"; "Cl": the normaliser reads "Na+", "Na(+)" as "Na" and "Ca(2+)" as "Ca2+")
becomes a curated term of that descriptor, unless the KB already knows the spelling; so does each such spelling of
the hand-curated channel names ("cardiac sodium channel" -> "cardiac Na+ channel"). Each row names the
MeSH term it was derived from; the script reports how the derived terms agree with the gold annotations
of the TRAINING corpora.

    python scripts/derive_ion_symbol_terms.py --mesh ../shared/data/mesh --corpora ../shared/data/corpora
"""
from __future__ import annotations

import csv
import re
import sys
from itertools import product
from pathlib import Path

from meshtag.paths import curation_dir


sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_site_terms import derived_table_main, is_new  # noqa: E402  (sibling build script)

OUTPUT = "ion_symbol_terms.tsv"
LABELS = ("RECEPTOR", "DRUG")
# element word -> the symbol spellings texts use for it (each normalises to a distinct key)
SYMBOLS = {"calcium": ("Ca", "Ca2+"), "sodium": ("Na",), "potassium": ("K",), "chloride": ("Cl",)}
ELEMENT = re.compile(r"\b(%s)\b" % "|".join(SYMBOLS), re.IGNORECASE)
CHANNEL = re.compile(r"\bchannels?\b", re.IGNORECASE)
CURATED_SOURCES = ("neuro_synonyms.tsv", "synonyms.tsv")  # hand-curated names, read as MeSH terms are


def natural_order(term: str) -> str:
    """MeSH's inverted form in reading order: "Calcium Channels, L-Type" -> "L-Type Calcium Channels"."""
    head, sep, rest = term.partition(", ")
    return f"{rest} {head}" if sep and "," not in rest else term


def symbol_spellings(term: str) -> list[str]:
    """Every spelling of `term` with at least one element word replaced by one of its symbols.

    >>> symbol_spellings("Calcium-Activated Potassium Channels")[:3]
    ['Calcium-Activated K Channels', 'Ca-Activated Potassium Channels', 'Ca-Activated K Channels']
    """
    parts = ELEMENT.split(term)  # even indices: text between, odd: element words
    choices = [(p,) if i % 2 == 0 else (p, *SYMBOLS[p.lower()]) for i, p in enumerate(parts)]
    return ["".join(combo) for combo in product(*choices)][1:]


def source_terms(mesh: Path, kb):
    """(term, concept id, label, where the term comes from) for every channel term with an element word: the
    RECEPTOR and DRUG descriptors' MeSH terms, then the hand-curated names of CURATED_SOURCES ("cardiac sodium
    channel", which MeSH lacks)."""
    with open(mesh / "mesh_descriptors.tsv", encoding="utf-8", newline="") as fh:
        for ui, name, synonyms, *_ in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = kb.label(f"MESH:{ui}")
            if label in LABELS:
                for term in [name, *filter(None, synonyms.split("|"))]:
                    yield natural_order(term), f"MESH:{ui}", label, f"MeSH term '{natural_order(term)}' of {ui} {name}"
    for file in CURATED_SOURCES:
        with open(curation_dir() / file, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row["label"] in LABELS and not row.get("scope"):
                    yield (row["term"], row["concept_id"], row["label"],
                           f"curated term '{row['term']}' ({file}) of {row['concept_id']}")


def derive(mesh: Path, kb) -> list[dict[str, str]]:
    rows, seen = [], set()
    for term, concept_id, label, origin in source_terms(mesh, kb):
        if not (CHANNEL.search(term) and ELEMENT.search(term)):
            continue
        for spelling in symbol_spellings(term):
            if is_new(spelling, seen, kb):
                rows.append({"term": spelling, "concept_id": concept_id, "label": label,
                             "source": f"{origin}, with element symbols", "note": "scripts/derive_ion_symbol_terms.py"})
    return rows


if __name__ == "__main__":
    derived_table_main(derive, OUTPUT, __doc__)
