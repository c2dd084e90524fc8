"""Write models/curation/cancer_synonyms.tsv: "<site> cancer/carcinoma/tumor/tumour" for MeSH "<site> Neoplasms".

MeSH files "Breast Cancer", "Breast Carcinoma", "Lung Cancer"... as terms of narrower concepts of the
"... Neoplasms" descriptors, and indexes a site's carcinoma under them; the TSV export keeps only the
preferred concept's terms ("Breast Tumor"). For every C04 descriptor named "X Neoplasms" that has an entry
term "Y Tumor", the terms "Y cancer", "Y carcinoma", "Y tumor" and the British "Y tumour" are added to that
descriptor (likewise from its name and "Y Neoplasm" entry terms) unless the key is already a term of some
concept (so "hepatocellular carcinoma" keeps its own descriptor). Each row names the entry term it was derived
from, and the script reports how the derived terms agree with the gold annotations of the TRAINING corpora
(both annotate e.g. "breast carcinoma" and "ovarian tumor" with the site's Neoplasms descriptor).

    python scripts/derive_cancer_synonyms.py --mesh ../shared/data/mesh --corpora ../shared/data/corpora
"""
from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

from meshtag.kb import KnowledgeBase
from meshtag.kb.normalize import normalize
from meshtag.paths import curation_dir

_SITE = re.compile(r"^(?P<site>[A-Za-z][A-Za-z '-]*?) (?:Neoplasms?|Tumors?)$")
SITE_NOUNS = ("cancer", "carcinoma", "tumor", "tumour")
TRAINING = ("bc5cdr/CDR_TrainingSet.PubTator.txt", "ncbi-disease/NCBItrainset_corpus.txt")


def derive(descriptors: Path, kb: KnowledgeBase) -> list[dict[str, str]]:
    rows, seen = [], set()
    with open(descriptors, encoding="utf-8", newline="") as fh:
        for ui, name, terms, trees, *_ in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not name.endswith(" Neoplasms") or not any(t.startswith("C04") for t in trees.split("|")):
                continue
            for term in [name, *terms.split("|")]:
                m = _SITE.match(term)
                if not m:
                    continue
                for noun in SITE_NOUNS:
                    derived = f"{m.group('site')} {noun}"
                    key = normalize(derived)
                    if key in seen or kb.has_key(key):
                        continue
                    seen.add(key)
                    rows.append({"term": derived.lower(), "concept_id": f"MESH:{ui}", "label": "CONDITION",
                                 "source": f"derived from the entry term \"{term}\" of {ui} {name} (MeSH files "
                                           f"the \"... {noun.title()}\" form under the same descriptor)",
                                 "note": "scripts/derive_cancer_synonyms.py"})
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mesh", type=Path, required=True)
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("-o", "--output", type=Path, default=curation_dir() / "cancer_synonyms.tsv")
    args = ap.parse_args()
    kb = KnowledgeBase.load(curation=False)
    for other in sorted(curation_dir().glob("*.tsv")):  # the other curated terms count as existing terms
        if other.resolve() != args.output.resolve() and other.name != "label_overrides.tsv":
            with open(other, encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh, delimiter="\t")
                if {"term", "concept_id"} <= set(reader.fieldnames or ()):  # term tables, not blocklists
                    kb.add_terms(reader)
    rows = derive(args.mesh / "mesh_descriptors.tsv", kb)
    with open(args.output, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["term", "concept_id", "label", "source", "note"], delimiter="\t",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    same, total, other = agreement(rows, args.corpora)
    print(f"{len(rows)} terms written to {args.output}; training mentions of them: {total}, "
          f"same gold id {same}")
    for (text, ours, gold), n in other.most_common(15):
        print(f"  {n:3d} {text!r}: ours {ours}, gold {gold}")


if __name__ == "__main__":
    main()
