"""Compile the NER training files `training/train.spacy` and `training/dev.spacy` from the gold corpora.

train: BC5CDR training set (Chemical -> DRUG, Disease -> CONDITION) + NCBI-disease training set
(all disease types -> CONDITION). dev: the two development sets, used only for spaCy's model selection.
Tokenised with the meshtag tokenizer; the alignment report says how many entities were misaligned.

    python scripts/compile_training_data.py [--corpora ../shared/data/corpora] [--out training]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from meshtag.errors import ErrorLog
from meshtag.io import read_documents
from meshtag.training.data import compile_docbin

SETS = {
    "train": ["bc5cdr/CDR_TrainingSet.PubTator.txt", "ncbi-disease/NCBItrainset_corpus.txt"],
    "dev": ["bc5cdr/CDR_DevelopmentSet.PubTator.txt", "ncbi-disease/NCBIdevelopset_corpus.txt"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[1] / "../shared/data/corpora")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "training")
    args = parser.parse_args()
    errors = ErrorLog()
    for name, files in SETS.items():
        docs = read_documents([args.corpora / f for f in files], format="pubtator", errors=errors)
        stats = compile_docbin(docs, args.out / f"{name}.spacy")
        print(f"{name}.spacy: {stats.summary()}")
    if errors.count:
        print(f"{errors.count} input problems (see above)")


if __name__ == "__main__":
    main()
