"""Mine the OMIM -> MeSH crosswalk that scores NCBI-disease gold against MeSH, from the TRAINING set only.

NCBI-disease links a disease MeSH lacked when it was annotated to its OMIM record (C7 deficiency,
OMIM:610102); MeSH has since added most of them as supplementary concepts (Complement Component 7
Deficiency, C566443) or covers them by a descriptor (Pelizaeus-Merzbacher disease, OMIM:312080 = D020371).
A tagger that links to MeSH is right on such a mention and was scored wrong on every one (9% of the
development set's mentions). This script tags the training texts, and for every OMIM id whose mentions
the pipeline found with the gold span, keeps the MeSH concept it gave when it is consistent (at least
MIN_MENTIONS mentions, at least MIN_SHARE of them to that one concept) and names the disease: one of the
annotated spellings is a MeSH term of the concept, so a linking mistake ("X-linked spastic paraplegia" ->
Paraplegia) never becomes an equivalence. Every row says its evidence, and every row was read. Development
sets are never read.

    python scripts/mine_omim_crosswalk.py [--corpora ../shared/data/corpora]
"""
from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

from meshtag.errors import ErrorLog
from meshtag.evaluation.ids import OMIM_CROSSWALK, canonical_id, concept_ids, equivalence_table
from meshtag.evaluation.runner import read_gold, tag_with_pipeline
from meshtag.fsutil import atomic_open
from meshtag.kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
TRAINING_SET = "ncbi-disease/NCBItrainset_corpus.txt"
MIN_MENTIONS, MIN_SHARE = 2, 0.75
HEADER = ("omim_id", "mesh_id", "mesh_name", "evidence")
PREAMBLE = ("# OMIM ids of the NCBI-disease annotations -> the MeSH concept a MeSH tagger gives the same mentions.\n"
            "# Mined from the NCBI-disease TRAINING set by scripts/mine_omim_crosswalk.py (see its docstring); "
            "every row read.\n")


def mesh_for_omim(gold_path: Path, errors: ErrorLog) -> tuple[dict[str, Counter], dict[str, set[str]]]:
    """(OMIM id -> Counter of the MeSH concept the pipeline gave each gold mention of it, OMIM id -> the gold
    spellings of those mentions); same span, one id each side, ids scored without this crosswalk so a rerun
    does not feed on its own output."""
    without = {k: v for k, v in equivalence_table().items() if not k.startswith("OMIM:")}
    gold = read_gold(gold_path, errors)
    pred = {d.id: d for d in tag_with_pipeline(gold, "accurate", "pubtator")}
    found: dict[str, Counter] = defaultdict(Counter)
    spellings: dict[str, set[str]] = defaultdict(set)
    for doc in gold:
        spans = {(m.start, m.end): m for m in pred[doc.id].mentions if m.label == "CONDITION"}
        for m in doc.mentions:
            gids = {canonical_id(part) for part in (m.id or "").split("|")}
            hit = spans.get((m.start, m.end))
            if len(gids) != 1 or not next(iter(gids)).startswith("OMIM:") or hit is None:
                continue
            pids = concept_ids(hit.id, without)
            if len(pids) == 1:
                omim = next(iter(gids))
                found[omim][next(iter(pids))] += 1
                spellings[omim].add(m.text)
    return found, spellings


def crosswalk_rows(found: dict[str, Counter], spellings: dict[str, set[str]]) -> tuple[list[dict[str, str]], Counter]:
    """Rows for the TSV (sorted by OMIM id), and counts of why OMIM ids were left out."""
    kb = KnowledgeBase.load()
    rows, skipped = [], Counter()
    for omim, counts in sorted(found.items()):
        mesh, n = counts.most_common(1)[0]
        total = sum(counts.values())
        if total < MIN_MENTIONS:
            skipped["too rare"] += 1
        elif n / total < MIN_SHARE:
            skipped["inconsistent"] += 1
        elif not any(mesh in {c.id for c in kb.lookup(text, fuzzy=False)} for text in spellings[omim]):
            skipped["no spelling is a term of the concept"] += 1
        else:
            rows.append({"omim_id": omim, "mesh_id": mesh, "mesh_name": kb.get(mesh).name,
                         "evidence": f"NCBI-disease training set: {n}/{total} mentions"})
    return rows, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / "../shared/data/corpora")
    parser.add_argument("--out", type=Path, default=ROOT / "src/meshtag/evaluation" / OMIM_CROSSWALK)
    args = parser.parse_args()
    rows, skipped = crosswalk_rows(*mesh_for_omim(args.corpora / TRAINING_SET, ErrorLog()))
    with atomic_open(args.out) as fh:
        fh.write(PREAMBLE)
        writer = csv.DictWriter(fh, fieldnames=HEADER, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} OMIM ids written to {args.out}; left out: {dict(skipped)}")


if __name__ == "__main__":
    main()
