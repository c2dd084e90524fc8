"""Calibrate the model linker's scores on the DEVELOPMENT sets: isotonic regression from the KB lookup
score of a model mention's best candidate to the probability that this candidate is the gold concept.

    python scripts/calibrate_model_linker.py [--shared ../shared] [-o models/calibration/model_linker.json]

Pairs: every mention the NER finds in the BC5CDR and NCBI-disease development texts that overlaps a gold
mention of its label (mentions that overlap none are NER errors, not linking errors); correct when the
best label-compatible candidate is one of the gold ids (2015 ids mapped to current MeSH).
"""
from __future__ import annotations

import argparse
import json
import warnings
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sklearn.isotonic import IsotonicRegression

from meshtag.evaluation.ids import concept_ids, equivalence_table
from meshtag.evaluation.runner import CORPUS_LABELS, blank_copy, read_gold
from meshtag.fsutil import atomic_open
from meshtag.nlp.model_linker import DEFAULT_CALIBRATION, LOOKUP_CANDIDATES
from meshtag.nlp.pipeline import load

DEV = {"bc5cdr": "data/corpora/bc5cdr/CDR_DevelopmentSet.PubTator.txt",
       "ncbi": "data/corpora/ncbi-disease/NCBIdevelopset_corpus.txt"}


def score_pairs(shared: Path) -> tuple[list[float], list[int]]:
    """(raw best-candidate score, 1 if that candidate is a gold id) for each NER mention on a gold mention."""
    nlp = load(mode="accurate")
    kb = nlp.get_pipe("meshtag_model_linker").kb
    equivalence = equivalence_table()
    scores, correct = [], []
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for corpus, rel in DEV.items():
            labels = CORPUS_LABELS[corpus]
            for gold in read_gold(shared / rel):
                doc = nlp(blank_copy(gold).text)
                for ent in doc.ents:
                    if ent.label_ not in labels:
                        continue
                    gold_ids = set()
                    for m in gold.mentions:
                        if m.label == ent.label_ and m.start < ent.end_char and ent.start_char < m.end:
                            gold_ids |= concept_ids(m.id, equivalence)
                    if not gold_ids:
                        continue
                    hits = [h for h in kb.lookup(ent.text, limit=LOOKUP_CANDIDATES) if h.label == ent.label_]
                    scores.append(hits[0].score if hits else 0.0)
                    correct.append(int(bool(hits) and bool(concept_ids(hits[0].id, equivalence) & gold_ids)))
    return scores, correct


def main() -> None:
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_CALIBRATION)
    args = parser.parse_args()
    scores, correct = score_pairs(args.shared)
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(scores, correct)
    result = {
        "x": [round(float(v), 4) for v in iso.X_thresholds_], "y": [round(float(v), 4) for v in iso.y_thresholds_],
        "pairs": len(scores), "correct": int(np.sum(correct)),
        "source": "BC5CDR + NCBI-disease development sets, scripts/calibrate_model_linker.py",
        "built": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    with atomic_open(args.output) as fh:
        json.dump(result, fh, indent=1)
    print(f"{len(scores)} pairs, {result['correct']} correct -> {args.output}")
    for x, y in zip(result["x"], result["y"]):
        print(f"  raw {x:.3f} -> p {y:.3f}")


if __name__ == "__main__":
    main()
