"""Mine `models/curation/bc5cdr_kept_modifiers.tsv` from the BC5CDR TRAINING set (the development set is
not read): the words BC5CDR keeps in front of a disease name ("ventricular arrhythmias", "cholestatic
hepatitis") as opposed to the ones it leaves out ("severe hepatitis" is annotated "hepatitis").

For each word: `kept` = gold CONDITION mentions in which it precedes a MeSH disease term that ends the
mention; `stripped` = gold CONDITION mentions it directly precedes without being part of any mention. A
word other than a stop word ("and" in "nausea and vomiting") is listed when kept >= MIN_KEPT and kept / (kept + stripped) >= MIN_SHARE. Under the "bc5cdr"
conventions the model linker keeps an NER mention's modifiers only when all of them are listed
(meshtag.nlp.conventions.keeps_modifiers).

    python scripts/mine_kept_modifiers.py [--corpora ../shared/data/corpora]
"""
from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from meshtag.errors import ErrorLog
from meshtag.fsutil import atomic_open
from meshtag.io import read_documents
from meshtag.kb.store import KnowledgeBase
from meshtag.model import Document
from meshtag.nlp.conventions import BC5CDR_KEPT_MODIFIERS, MODIFIER_COLUMNS, modifier_words
from meshtag.paths import curation_dir

ROOT = Path(__file__).resolve().parents[1]
TRAINING_SET = "bc5cdr/CDR_TrainingSet.PubTator.txt"
MIN_KEPT, MIN_SHARE = 3, 0.8
WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z'-]*)[ -]$")


def is_disease_term(kb: KnowledgeBase, text: str) -> bool:
    """Is `text` exactly a KB term of a CONDITION concept?"""
    return any(c.score == 1.0 and c.label == "CONDITION" for c in kb.lookup(text, fuzzy=False))


def count_modifiers(docs: list[Document], kb: KnowledgeBase) -> tuple[Counter, Counter]:
    """(kept, stripped) counts per lowercased word over the gold CONDITION mentions."""
    kept, stripped = Counter(), Counter()
    for doc in docs:
        spans = [(m.start, m.end) for m in doc.mentions if m.label == "CONDITION"]
        for m in (m for m in doc.mentions if m.label == "CONDITION"):
            words = list(re.finditer(r"\S+", m.text))
            for i in range(1, len(words)):
                if is_disease_term(kb, m.text[words[i].start():]):
                    kept.update(modifier_words(m.text[:words[i].start()]))
                    break
            before = WORD_BEFORE.search(doc.text[max(0, m.start - 40):m.start])
            if before is None or before.group(1).lower() in STOP_WORDS:
                continue
            start = m.start - len(before.group(0))
            if not any(s <= start < e for s, e in spans):
                stripped[before.group(1).lower()] += 1
    return kept, stripped


def rows(kept: Counter, stripped: Counter) -> list[dict[str, str]]:
    """The listed modifiers, most evidence first."""
    listed = [w for w in kept if w not in STOP_WORDS and kept[w] >= MIN_KEPT
              and kept[w] / (kept[w] + stripped[w]) >= MIN_SHARE]
    return [{"modifier": w, "kept": str(kept[w]), "stripped": str(stripped[w]),
             "source": f"BC5CDR training set: kept in {kept[w]}, left out of {stripped[w]} disease mentions"}
            for w in sorted(listed, key=lambda w: (-kept[w], w))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / "../shared/data/corpora")
    parser.add_argument("--out", type=Path, default=curation_dir() / BC5CDR_KEPT_MODIFIERS)
    args = parser.parse_args()
    docs = list(read_documents(args.corpora / TRAINING_SET, format="pubtator", errors=ErrorLog()))
    listed = rows(*count_modifiers(docs, KnowledgeBase.load()))
    with atomic_open(args.out) as fh:
        writer = csv.DictWriter(fh, fieldnames=list(MODIFIER_COLUMNS), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(listed)
    print(f"{len(listed)} modifiers written to {args.out}")


if __name__ == "__main__":
    main()
