"""Compile the NER training files `training/train.spacy` and `training/dev.spacy` from the gold corpora.

train: BC5CDR training set (Chemical -> DRUG, Disease -> CONDITION) + NCBI-disease training set
(all disease types -> CONDITION). dev: the two development sets, used only for spaCy's model selection.
Tokenised with the meshtag tokenizer; the alignment report says how many entities were misaligned.
NCBI-disease annotates no chemicals; `--ncbi-drugs missing` marks the dictionary's (fast pipeline's) DRUG
matches in its abstracts missing instead of "outside" (an ablation that did not help: benchmarks/RESULTS.md,
2026-11-25). The default, `outside`, reproduces the files the committed model was trained on.

    python scripts/compile_training_data.py [--corpora ../shared/data/corpora] [--out training]
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from meshtag.errors import ErrorLog
from meshtag.io import read_documents
from meshtag.model import Document
from meshtag.training.data import compile_docbin

SETS = {
    "train": ["bc5cdr/CDR_TrainingSet.PubTator.txt", "ncbi-disease/NCBItrainset_corpus.txt"],
    "dev": ["bc5cdr/CDR_DevelopmentSet.PubTator.txt", "ncbi-disease/NCBIdevelopset_corpus.txt"],
}
DISEASE_ONLY = "ncbi-disease/"  # corpora whose abstracts leave chemicals unannotated


def dictionary_drugs(nlp) -> Callable[[Document], list[tuple[int, int]]]:
    """Character spans of the dictionary pipeline's DRUG mentions in a (disease-only) gold document."""
    from meshtag.tagging import tag_text

    def spans(document: Document) -> list[tuple[int, int]]:
        tagged = tag_text(document.text, nlp)
        return [(m.start, m.end) for m in tagged.mentions if m.label == "DRUG"]
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[1] / "../shared/data/corpora")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "training")
    parser.add_argument("--ncbi-drugs", choices=["outside", "missing"], default="outside",
                        help="dictionary DRUG matches in NCBI-disease abstracts: outside (default) or missing")
    args = parser.parse_args()
    errors = ErrorLog()
    drugs = None
    if args.ncbi_drugs == "missing":
        import meshtag

        drugs = dictionary_drugs(meshtag.load(mode="fast"))
    for name, files in SETS.items():
        docs, unknown = [], {}
        for f in files:
            for d in read_documents([args.corpora / f], format="pubtator", errors=errors):
                docs.append(d)
                if drugs and f.startswith(DISEASE_ONLY):
                    unknown[id(d)] = drugs(d)
        stats = compile_docbin(docs, args.out / f"{name}.spacy", unknown=lambda d: unknown.get(id(d), ()))
        print(f"{name}.spacy: {stats.summary()}")
    if errors.count:
        print(f"{errors.count} input problems (see above)")


if __name__ == "__main__":
    main()
