"""Write the site-derived disease terms MeSH files under narrower concepts (models/curation/*.tsv).

Three families, each a table of its own:

- cancer_synonyms.tsv: "<site> cancer/carcinoma/tumor/tumour" for every C04 descriptor "<site> Neoplasms",
  MeSH's inverted names included ("Colorectal Neoplasms, Hereditary Nonpolyposis": its entry term
  "Hereditary Nonpolyposis Colorectal Neoplasms" gives "hereditary nonpolyposis colorectal cancer").
  MeSH files "Breast Cancer", "Breast Carcinoma", "Lung Cancer"... as terms of narrower concepts of the
  "... Neoplasms" descriptors and indexes a site's carcinoma under them; the TSV export keeps only the
  preferred concept's terms ("Breast Tumor").
- organ_disease_terms.tsv: "<site> toxicity/injury/damage/dysfunction" for every C descriptor "<site>
  Diseases" ("renal toxicity" -> Kidney Diseases, "retinal damage" -> Retinal Diseases), the way both
  training corpora link these phrases.
- infection_disease_terms.tsv: "<organism> disease" for every C01 descriptor "<organism> Infections"
  ("adenovirus disease" -> Adenoviridae Infections, "HIV disease" -> HIV Infections), the clinical name of
  the infection; the site must be a MeSH organism (a B tree term), so "Breakthrough Infections" gives none.

Sites come from the descriptor's name and its entry terms of the same shape ("Renal Diseases",
"Y Tumor"). A term is not added when its key already names some concept (so "hepatocellular carcinoma" and
"liver injury" keep their own descriptors). Each row names the entry term it was derived from, and the
script reports how the derived terms agree with the gold annotations of the TRAINING corpora.

    python scripts/derive_site_terms.py --mesh ../shared/data/mesh --corpora ../shared/data/corpora
"""
from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from meshtag.fsutil import atomic_open
from meshtag.kb import KnowledgeBase
from meshtag.kb.normalize import normalize
from meshtag.paths import curation_dir

TRAINING = ("bc5cdr/CDR_TrainingSet.PubTator.txt", "ncbi-disease/NCBItrainset_corpus.txt")
COLUMNS = ("term", "concept_id", "label", "source", "note")


@dataclass(frozen=True)
class Family:
    """Descriptors named "<site> <head>" under a tree, and the nouns that make "<site> <noun>" terms."""

    output: str
    name_suffix: str          # the descriptor's name ends with it
    inverted: bool            # ... or its inverted name does ("<site> Neoplasms, <qualifier>")
    tree: str                 # and one of its tree numbers starts with it
    site: re.Pattern          # the site in the name or an entry term
    nouns: tuple[str, ...]
    site_tree: str = ""       # when set, the site must be a term of a concept under this tree ("B": organisms)


FAMILIES = (
    Family("cancer_synonyms.tsv", " Neoplasms", True, "C04",
           re.compile(r"^(?P<site>[A-Za-z][A-Za-z '-]*?) (?:Neoplasms?|Tumors?)$"),
           ("cancer", "carcinoma", "tumor", "tumour")),
    Family("organ_disease_terms.tsv", " Diseases", False, "C",
           re.compile(r"^(?P<site>[A-Za-z][A-Za-z'-]*) (?:Diseases?|Disorders?)$"),
           ("toxicity", "injury", "damage", "dysfunction", "impairment", "involvement", "lesions", "abnormality",
            "abnormalities", "disorders")),
    Family("infection_disease_terms.tsv", " Infections", False, "C01",
           re.compile(r"^(?P<site>[A-Za-z][A-Za-z0-9 '-]*?) Infections?$"), ("disease",), site_tree="B"),
)


def site_in_tree(site: str, tree: str, kb: KnowledgeBase) -> bool:
    """Is `site` a term of a concept under `tree` ("Adenovirus" of Adenoviridae, B04)?"""
    return any(hit.score >= 1.0 and any(t.startswith(tree) for t in (kb.get(hit.id).tree_numbers or ()))
               for hit in kb.lookup(site, limit=3, fuzzy=False))


def derive(family: Family, descriptors: Path, kb: KnowledgeBase) -> list[dict[str, str]]:
    rows, seen = [], set()
    with open(descriptors, encoding="utf-8", newline="") as fh:
        for ui, name, terms, trees, *_ in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            head = name.split(", ")[0] if family.inverted else name
            if not head.endswith(family.name_suffix) or not any(t.startswith(family.tree) for t in trees.split("|")) \
                    or kb.label(f"MESH:{ui}") != "CONDITION":  # e.g. "Noncommunicable Diseases" has no label
                continue
            for term in [name, *terms.split("|")]:
                m = family.site.match(term)
                if not m or (family.site_tree and not site_in_tree(m.group("site"), family.site_tree, kb)):
                    continue
                for noun in family.nouns:
                    derived = f"{m.group('site')} {noun}"
                    if not is_new(derived, seen, kb):
                        continue
                    rows.append({"term": derived.lower(), "concept_id": f"MESH:{ui}", "label": "CONDITION",
                                 "source": f"derived from the entry term \"{term}\" of {ui} {name} (MeSH files "
                                           f"the \"... {noun.title()}\" form under the same descriptor)",
                                 "note": "scripts/derive_site_terms.py"})
    return rows


def agreement(rows: list[dict[str, str]], corpora: Path) -> tuple[int, int, Counter]:
    """How many training mentions of the derived terms carry the same gold id (and the disagreements)."""
    ours = {normalize(r["term"]): r["concept_id"].removeprefix("MESH:") for r in rows}
    same = total = 0
    other: Counter = Counter()
    for rel in TRAINING:
        for line in open(corpora / rel, encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 6 and cols[1].isdigit() and normalize(cols[3]) in ours:
                total += 1
                if ours[normalize(cols[3])] in cols[5].split("|"):
                    same += 1
                else:
                    other[(cols[3].lower(), ours[normalize(cols[3])], cols[5])] += 1
    return same, total, other


def existing_terms_kb(outputs: set[Path]) -> KnowledgeBase:
    """The KB with every other curated term table loaded: their terms count as existing terms."""
    kb = KnowledgeBase.load(curation=False)
    for other in sorted(curation_dir().glob("*.tsv")):
        if other.resolve() not in outputs and other.name != "label_overrides.tsv":
            with open(other, encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh, delimiter="\t")
                if {"term", "concept_id"} <= set(reader.fieldnames or ()):  # term tables, not blocklists
                    kb.add_terms(reader)
    return kb


def is_new(spelling: str, seen: set[str], kb: KnowledgeBase) -> bool:
    """Whether a derived spelling is neither derived already (`seen`, which it joins) nor a term of the KB."""
    key = normalize(spelling)
    if key in seen or kb.has_key(key):
        return False
    seen.add(key)
    return True


def write_and_report(rows: list[dict[str, str]], output: Path, corpora: Path) -> None:
    """Write a curated term table atomically and print how its terms agree with the training gold."""
    with atomic_open(output) as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    same, total, other = agreement(rows, corpora)
    print(f"{len(rows)} terms written to {output}; training mentions of them: {total}, same gold id {same}")
    for (text, ours, gold), n in other.most_common(15):
        print(f"  {n:3d} {text!r}: ours {ours}, gold {gold}")


def derived_table_main(derive, output: str, doc: str) -> None:
    """The command line of a script that derives one curated term table from the MeSH descriptors:
    `derive(mesh_dir, kb_with_the_other_tables)` gives the rows, written to models/curation/`output`."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--mesh", type=Path, required=True)
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("-o", "--output", type=Path, default=curation_dir() / output)
    args = ap.parse_args()
    write_and_report(derive(args.mesh, existing_terms_kb({args.output.resolve()})), args.output, args.corpora)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mesh", type=Path, required=True)
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("-o", "--output-dir", type=Path, default=curation_dir())
    args = ap.parse_args()
    kb = existing_terms_kb({(args.output_dir / f.output).resolve() for f in FAMILIES})
    for family in FAMILIES:
        rows = derive(family, args.mesh / "mesh_descriptors.tsv", kb)
        write_and_report(rows, args.output_dir / family.output, args.corpora)


if __name__ == "__main__":
    main()
