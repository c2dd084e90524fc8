"""Mine corpus annotation conventions from the TRAINING sets into models/curation/corpus_conventions.tsv.

A convention is a surface form the annotators linked consistently (>= MIN_MENTIONS mentions in >=
MIN_DOCS documents — for a form MeSH has for no concept, one document, and one mention when it has at most
NEW_FORM_MAX_WORDS words, no receptor word and a word stem of the concept's names: a narrower concept's name
the TSV export lacks, "angina" —,
>= MIN_SHARE of them to one concept) whose normalised form is not already a term of that concept in MeSH —
e.g. BC5CDR's "depression" -> Depressive Disorder. Development sets are never
read (learning from them would inflate the measured figures). Every row says where it comes from, and its
`scope` column says "corpus": where a row gives a term another concept than the KB's own ("hepatitis" ->
Chemical and Drug Induced Liver Injury), meshtag's own conventions may keep the KB's (see
meshtag.nlp.senses), while the corpus conventions ("bc5cdr", "pubtator") apply the row.

    python scripts/mine_corpus_conventions.py [--corpora ../shared/data/corpora] [--mesh ../shared/data/mesh]
"""
from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from meshtag.errors import ErrorLog
from meshtag.evaluation.ids import concept_ids
from meshtag.fsutil import atomic_open
from meshtag.io import read_documents
from meshtag.kb import KnowledgeBase
from meshtag.kb.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
TRAINING_SETS = {
    "BC5CDR training set": "bc5cdr/CDR_TrainingSet.PubTator.txt",
    "NCBI-disease training set": "ncbi-disease/NCBItrainset_corpus.txt",
}
MIN_MENTIONS, MIN_DOCS, MIN_SHARE = 2, 2, 0.9
# A form that is no MeSH term of any concept ("respiratory failure", a narrower concept the TSV export lacks)
# is otherwise never found by the dictionary: the consistent annotations of one abstract are enough.
NEW_FORM_MIN_DOCS = 1
NEW_FORM_MIN_MENTIONS = 1
NEW_FORM_MAX_WORDS = 5  # a single mention is evidence for a name ("angina"), not for a descriptive phrase
# ... nor for a receptor + drug-noun phrase ("neurotensin type-1 receptor antagonist"), the receptor rules' business
RECEPTOR_WORD = re.compile(r"\b(?:receptor|adrenoceptor|channel)\b")
# Short forms ("PAN", "DA", "5-FU") are defined per abstract; abbreviation handling links them, not a global rule.
WORD = re.compile(r"[a-z]{3}")  # a surface form without three lowercase letters in a row is a short form
CODE = re.compile(r"[A-Za-z]{2,}[- ]?\d{2,}[A-Za-z]?")  # ... unless it is a research code ("FK506", "MK-801")


@dataclass
class Evidence:
    """All training mentions of one (normalised form, label)."""

    ids: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)
    per_corpus: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # corpus -> id counts
    docs: set[str] = field(default_factory=set)


def mesh_terms(mesh_dir: Path) -> tuple[dict[str, set[str]], dict[str, str], dict[str, set[str]]]:
    """(MESH id -> normalised terms, MESH id -> name, normalised term -> MESH ids) from the MeSH TSVs."""
    terms: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    for file in ("mesh_descriptors.tsv", "mesh_supplementary.tsv"):
        with open(mesh_dir / file, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 2 or not row[0].strip():
                    continue
                cid = f"MESH:{row[0].strip()}"
                names[cid] = row[1].strip()
                keys = {normalize(t) for t in [row[1], *(row[2].split("|") if len(row) > 2 else [])] if t.strip()}
                terms[cid] = keys
                for key in keys:
                    owners[key].add(cid)
    return terms, names, owners


def collect(corpora: Path, errors: ErrorLog) -> dict[tuple[str, str], Evidence]:
    """(normalised form, label) -> Evidence over the training sets (unlinked mentions skipped). A composite
    annotation counts as its own id ("MESH:A|MESH:B"): NCBI-disease writes "breast and ovarian cancer" as the
    pair 11 times and as Hereditary Breast and Ovarian Cancer Syndrome 19 times, no consistent convention."""
    evidence: dict[tuple[str, str], Evidence] = defaultdict(Evidence)
    for corpus, rel in TRAINING_SETS.items():
        for doc in read_documents(corpora / rel, format="pubtator", errors=errors):
            for m in doc.mentions:
                ids = concept_ids(m.id)
                if not ids:
                    continue
                cid = "|".join(sorted(ids))
                ev = evidence[(normalize(m.text), m.label)]
                ev.ids[cid] += 1
                ev.surfaces[m.text] += 1
                ev.per_corpus[corpus][cid] += 1
                ev.docs.add(f"{corpus}:{doc.id}")
    return evidence


def shares_a_stem(key: str, names: set[str]) -> bool:
    """Does a form share a word stem (its first five letters) with one of the concept's names? A single
    mention links "bipolar I disorder" to Bipolar Disorder, but "axonal injury" to Basal Ganglia Diseases only
    in its own abstract's context.

    >>> shares_a_stem("bipolar i disorder", {"bipolar disorder"})
    True
    >>> shares_a_stem("axonal injury", {"basal ganglion disease"})
    False
    """
    stems = {word[:5] for word in key.split() if len(word) >= 4}
    return any(word[:5] in stems for name in names for word in name.split() if len(word) >= 4)


ADJECTIVE = re.compile(r"[a-z-]+(?:ic|al)")  # "hemorrhagic", "colorectal"
GENERIC_NAME_WORDS = frozenset({"disorder", "disorders", "disease", "diseases", "syndrome", "infection", "infections"})


def names_nothing_more(word: str, name: str) -> bool:
    """Does the concept's name say no more than one word of the text (besides a generic head)? One mention of the
    adjective "thrombocytopenic" is Thrombocytopenia, but one of "hemorrhagic" as Gastrointestinal Hemorrhage says
    what its abstract knew, not what the word means.

    >>> names_nothing_more("thrombocytopenic", "Thrombocytopenia"), names_nothing_more("autistic", "Autistic Disorder")
    (True, True)
    >>> names_nothing_more("hemorrhagic", "Gastrointestinal Hemorrhage")
    False
    """
    content = [w for w in re.findall(r"[a-z0-9-]+", name.lower()) if w not in GENERIC_NAME_WORDS and len(w) >= 4]
    return all(w[:5] == word[:5] for w in content)


def conventions(evidence: dict[tuple[str, str], Evidence], mesh_dir: Path,
                label_of: Callable[[str], str | None] | None = None) -> tuple[list[dict[str, str]], Counter]:
    """Rows for the TSV, and counts of why candidates were left out. `label_of` (the compiled KB's labels)
    leaves out forms whose concept has another label than the corpus type ("serotonin 5-HT2", annotated as a
    chemical with the id of the receptor)."""
    terms, names, owners = mesh_terms(mesh_dir)
    rows, skipped = [], Counter()
    for (key, label), ev in sorted(evidence.items()):
        cid, n = ev.ids.most_common(1)[0]
        surface = ev.surfaces.most_common(1)[0][0]
        total = sum(ev.ids.values())
        single_ok = key not in owners and len(key.split()) <= NEW_FORM_MAX_WORDS and not RECEPTOR_WORD.search(key)
        if not key or total < (NEW_FORM_MIN_MENTIONS if single_ok else MIN_MENTIONS) or \
                len(ev.docs) < (MIN_DOCS if key in owners else NEW_FORM_MIN_DOCS):
            skipped["too rare"] += 1
        elif n / total < MIN_SHARE:
            skipped["inconsistent"] += 1
        elif not cid.startswith("MESH:") or cid not in terms:
            skipped["not a current MeSH id"] += 1
        elif key in terms[cid]:
            skipped["already a MeSH term of the concept"] += 1
        elif total < MIN_MENTIONS and not shares_a_stem(key, terms[cid]):
            skipped["one mention, no word of the concept's names"] += 1
        elif total < MIN_MENTIONS and ADJECTIVE.fullmatch(key) and not names_nothing_more(key, names[cid]):
            skipped["one mention of an adjective, a narrower concept"] += 1
        elif label_of is not None and label_of(cid) != label:
            skipped["concept of another label"] += 1
        elif not WORD.search(surface) and not CODE.fullmatch(surface):
            skipped["abbreviation"] += 1
        else:
            source = "; ".join(f"{corpus}: {counts[cid]}/{sum(counts.values())} mentions"
                               for corpus, counts in sorted(ev.per_corpus.items()))
            others = sorted(owners.get(key, set()) - {cid})
            note = f"{names[cid]}; {len(ev.docs)} documents"
            if others:
                note += "; overrides MeSH term of " + ", ".join(f"{o} ({names[o]})" for o in others)
            rows.append({"term": surface, "concept_id": cid, "label": label,
                         "source": source, "note": note, "scope": "corpus"})
    return rows, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / "../shared/data/corpora")
    parser.add_argument("--mesh", type=Path, default=ROOT / "../shared/data/mesh")
    parser.add_argument("--out", type=Path, default=ROOT / "models/curation/corpus_conventions.tsv")
    args = parser.parse_args()
    rows, skipped = conventions(collect(args.corpora, ErrorLog()), args.mesh, KnowledgeBase.load(curation=False).label)
    with atomic_open(args.out) as fh:
        writer = csv.DictWriter(fh, fieldnames=["term", "concept_id", "label", "source", "note", "scope"],
                                delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} conventions written to {args.out}; left out: {dict(skipped)}")


if __name__ == "__main__":
    main()
