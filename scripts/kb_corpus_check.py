"""Check the knowledge base against gold annotations of the TRAINING corpora (never the test sets).

1. Label coverage: gold Chemical ids should be DRUG, Disease ids CONDITION (ids retired since 2015 are
   mapped with ../shared/data/mesh/id_equivalence_2015.tsv). Prints the % per corpus and what the
   mislabelled ids are, by tree-number branch, so the rules in src/meshtag/kb/label_rules.tsv can be refined.
2. Term coverage: how often the annotated mention text is a term of its gold concept, and the most
   frequent misses (candidates for models/curation/synonyms.tsv).

    python scripts/kb_corpus_check.py --corpora ../shared/data/corpora --mesh ../shared/data/mesh [--kb DIR]
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from meshtag.kb.normalize import normalize
from meshtag.kb.store import KnowledgeBase

CORPORA = {
    "BC5CDR train": ("bc5cdr/CDR_TrainingSet.PubTator.txt", {"Chemical": "DRUG", "Disease": "CONDITION"}),
    "NCBI-disease train": ("ncbi-disease/NCBItrainset_corpus.txt",
                           {t: "CONDITION" for t in ("SpecificDisease", "DiseaseClass", "Modifier", "CompositeMention")}),
}


def annotations(path: Path):
    """(mention text, type, [ids]) of every annotation line of a PubTator file."""
    for line in open(path, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 6 and cols[1].isdigit():
            ids = [i.strip() for i in cols[5].replace(",", "|").replace("+", "|").split("|")]
            yield cols[3], cols[4], [i for i in ids if i and i != "-1"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("--mesh", type=Path, required=True)
    ap.add_argument("--kb", type=Path, default=None)
    ap.add_argument("--misses", type=int, default=40)
    args = ap.parse_args()
    kb = KnowledgeBase.load(args.kb)
    equiv = {}
    for line in open(args.mesh / "id_equivalence_2015.tsv", encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 2 and not line.startswith(("#", "old_id")):
            equiv[cols[0]] = cols[1]
    for corpus, (rel, expected) in CORPORA.items():
        ok = total = named = unknown = 0
        wrong, misses = Counter(), Counter()
        for text, kind, ids in annotations(args.corpora / rel):
            want = expected.get(kind)
            for cid in ids:
                cid = cid.removeprefix("MESH:")
                if want is None or not cid[:1] in "CD" or not cid[1:].isdigit():
                    continue
                cid = equiv.get(cid, cid)
                concept = kb.get(cid)
                total += 1
                if concept is None:
                    unknown += 1
                    continue
                ok += concept.label == want
                if concept.label != want:
                    branches = sorted({t.split(".")[0] for t in concept.tree_numbers}) or ["supp->" + ",".join(
                        sorted({t.split(".")[0] for m in concept.mapped_to for t in (kb.get(m).tree_numbers if kb.get(m) else ())}))]
                    wrong[(concept.id, concept.name, concept.label, "/".join(branches))] += 1
                keys = {normalize(concept.name), *(normalize(s) for s in concept.synonyms)}
                if normalize(text) in keys or any(concept.id in m.concept_ids for m in kb.find_all(text)
                                                  if m.start == 0 and m.end == len(text)):
                    named += 1
                else:
                    misses[(normalize(text), concept.id, concept.name)] += 1
        print(f"## {corpus}: {total} gold id occurrences, label {ok / total:.1%} as expected, "
              f"{unknown} ids unknown to the KB, mention text is a term of its concept {named / total:.1%}")
        for (cid, name, label, branch), n in wrong.most_common(25):
            print(f"   mislabelled {n:4d}  {cid} {name} -> {label} [{branch}]")
        for (key, cid, name), n in misses.most_common(args.misses):
            print(f"   miss {n:4d}  {key!r} -> {cid} {name}")


if __name__ == "__main__":
    main()
