"""Write models/curation/corpus_synonyms.tsv: surface forms the annotated TRAINING corpora link to a concept
whose MeSH terms (as exported) lack them — mostly narrower-concept terms ("cardiotoxicity",
"hepatic necrosis", "nephrotic syndrome" variants).

A form is kept when its key is no term of any concept yet, it is not an abbreviation or ambiguous
(acronym casing, <= 3 letters, common word), it occurs at least twice, at least 90% of its gold ids
agree, and that concept has the label its annotation type expects (Chemical -> DRUG, Disease -> CONDITION).
Only the training sets are read; development sets stay for tuning, test sets stay held out.

    python scripts/derive_corpus_synonyms.py --mesh ../shared/data/mesh --corpora ../shared/data/corpora
"""
from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

from meshtag.kb import KnowledgeBase
from meshtag.kb.normalize import normalize
from meshtag.kb.terms import cased_form, is_ambiguous
from meshtag.paths import curation_dir

CORPORA = {
    "BC5CDR training": ("bc5cdr/CDR_TrainingSet.PubTator.txt", {"Chemical": "DRUG", "Disease": "CONDITION"}),
    "NCBI-disease training": ("ncbi-disease/NCBItrainset_corpus.txt",
                              dict.fromkeys(("SpecificDisease", "DiseaseClass", "Modifier"), "CONDITION")),
}
MIN_COUNT, MIN_AGREEMENT = 2, 0.9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mesh", type=Path, required=True)
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("-o", "--output", type=Path, default=curation_dir() / "corpus_synonyms.tsv")
    args = ap.parse_args()
    kb = KnowledgeBase.load(curation=False)
    for other in sorted(curation_dir().glob("*.tsv")):  # other curated terms count as existing terms
        if other.resolve() != args.output.resolve() and other.name != "label_overrides.tsv":
            with open(other, encoding="utf-8", newline="") as fh:
                kb.add_terms(csv.DictReader(fh, delimiter="\t"))
    equiv = {}
    for line in open(args.mesh / "id_equivalence_2015.tsv", encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 2 and not line.startswith(("#", "old_id")):
            equiv[cols[0]] = cols[1]

    ids: dict[str, Counter] = defaultdict(Counter)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    where: dict[str, Counter] = defaultdict(Counter)
    for corpus, (rel, expected) in CORPORA.items():
        for line in open(args.corpora / rel, encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 6 or not cols[1].isdigit() or cols[4] not in expected:
                continue
            key = normalize(cols[3])
            gold = [equiv.get(i, i) for i in cols[5].removeprefix("MESH:").split("|")]
            ids[key][(gold[0] if len(gold) == 1 else "", expected[cols[4]])] += 1
            surfaces[key][cols[3]] += 1
            where[key][corpus] += 1

    rows = []
    for key, counts in sorted(ids.items()):
        (cid, label), n = counts.most_common(1)[0]
        total = sum(counts.values())
        if (not cid or n < MIN_COUNT or n < MIN_AGREEMENT * total or kb.has_key(key) or is_ambiguous(key)
                or any(cased_form(s) != "*" for s in surfaces[key])):
            continue
        concept = kb.get(cid)
        if concept is None or concept.label != label:
            continue
        sources = ", ".join(f"{c}" for c in where[key])
        rows.append({"term": surfaces[key].most_common(1)[0][0].lower(), "concept_id": concept.id, "label": label,
                     "source": f"{sources}: {n}/{total} mentions annotated {concept.id} ({concept.name})",
                     "note": "scripts/derive_corpus_synonyms.py"})
    with open(args.output, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["term", "concept_id", "label", "source", "note"], delimiter="\t",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} terms written to {args.output}")


if __name__ == "__main__":
    main()
