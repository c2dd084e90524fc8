"""Mine `models/curation/blocked_terms.tsv` and `bc5cdr_class_terms.tsv` from the TRAINING sets of
BC5CDR and NCBI-disease (development sets are not read).

A dictionary term is blocked for a label when the dictionary-only pipeline matches it at least
MIN_MATCHES times in the training texts and at most MAX_RATE of those matches overlap a gold
annotation of that label ("placebo", "drug", "disease"). Terms of this project's own domain that the
corpora do not annotate (see PROTECTED) are never blocked.

A term one corpus leaves unannotated by that rule while the pooled evidence does not block it ("death":
BC5CDR annotates 26 of 32, NCBI-disease none of 20) is blocked under that corpus's conventions only
(`convention_blocked_terms.tsv`, read by meshtag.nlp.conventions: BC5CDR -> "bc5cdr", NCBI-disease ->
"pubtator").

Pharmacological-class terms that BC5CDR does annotate (at least MIN_CLASS_RATE of at least
MIN_CLASS_MATCHES matches: "antidepressant", "oral contraceptives") are listed in
`bc5cdr_class_terms.tsv`, the exceptions of the "bc5cdr" conventions (meshtag.nlp.conventions).

    python scripts/mine_blocked_terms.py --shared ../shared
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from meshtag.fsutil import atomic_open
from meshtag.io import read_documents
from meshtag.kb.normalize import normalize
from meshtag.model import Document
from meshtag.nlp.blocklist import COLUMNS, default_blocked_path
from meshtag.nlp.candidates import get_kb
from meshtag.nlp.conventions import (
    BC5CDR_CLASS_TERMS, CLASS_TERM_COLUMNS, CONVENTION_BLOCKED_COLUMNS, CONVENTION_BLOCKED_TERMS, is_class_only,
)
from meshtag.paths import curation_dir
from meshtag.nlp.pipeline import load
from meshtag.tagging import tag_documents

MIN_MATCHES = 3
MAX_RATE = 0.2
MIN_CLASS_MATCHES = 2
MIN_CLASS_RATE = 0.5
# Pain/psychiatry concepts and drug classes users need in their reports even where a corpus leaves
# them unannotated ("antidepressants with neuropathic pain" is the kind of question meshtag answers).
PROTECTED = frozenset(normalize(t) for t in (
    "pain", "chronic pain", "depression", "anxiety", "hyperalgesia", "allodynia", "analgesia",
    "neuropathic pain", "inflammation", "stress", "analgesic", "opioid", "opiate", "antidepressant",
    "antipsychotic", "neuroleptic", "anticonvulsant", "antiepileptic drug", "anesthetic", "local anesthetic",
    "cannabinoid", "cox-2 inhibitor", "cox-2 inhibitors",
))
TRAINING = {
    "BC5CDR": ("data/corpora/bc5cdr/CDR_TrainingSet.PubTator.txt", ("DRUG", "CONDITION")),
    "NCBI-disease": ("data/corpora/ncbi-disease/NCBItrainset_corpus.txt", ("CONDITION",)),
}
CORPUS_CONVENTIONS = {"BC5CDR": "bc5cdr", "NCBI-disease": "pubtator"}  # the conventions that follow each corpus


Stats = dict[tuple[str, str], list]


def match_statistics(shared: Path) -> dict[str, Stats]:
    """Corpus -> (term key, label) -> [matches, annotated matches, corpus names, an example surface form,
    concept ids, matches annotated as themselves]. A match is annotated when a gold mention of its label
    overlaps it, annotated as itself when one has its exact span ("calcium channel blockers" overlaps the
    annotated "calcium" 15 times in BC5CDR training, and is annotated as itself 0 times)."""
    nlp = load(mode="fast", blocked_terms="")
    per_corpus: dict[str, Stats] = {}
    for corpus, (rel, labels) in TRAINING.items():
        stats = per_corpus[corpus] = defaultdict(lambda: [0, 0, set(), "", set(), 0])
        gold_docs = list(read_documents([shared / rel], format="pubtator"))
        bare = (Document(id=d.id, title=d.title, abstract=d.abstract) for d in gold_docs)
        for gold, tagged in zip(gold_docs, tag_documents(bare, nlp)):
            for m in tagged.mentions:
                if m.label not in labels or m.source != "dictionary":
                    continue
                entry = stats[(normalize(m.text), m.label)]
                entry[0] += 1
                entry[1] += any(g.label == m.label and g.start < m.end and m.start < g.end for g in gold.mentions)
                entry[5] += any(g.label == m.label and (g.start, g.end) == (m.start, m.end) for g in gold.mentions)
                entry[2].add(corpus)
                entry[3] = entry[3] or m.text
                entry[4].add(m.id)
    return per_corpus


def pooled(per_corpus: dict[str, Stats]) -> Stats:
    """The statistics of all corpora together (the first corpus's surface form when several have one)."""
    out: Stats = defaultdict(lambda: [0, 0, set(), "", set(), 0])
    for stats in per_corpus.values():
        for key, (n, hits, corpora, surface, ids, exact) in stats.items():
            entry = out[key]
            entry[0] += n
            entry[1] += hits
            entry[2] |= corpora
            entry[3] = entry[3] or surface
            entry[4] |= ids
            entry[5] += exact
    return out


def blocked_rows(stats: Stats) -> list[dict[str, str]]:
    """Terms the dictionary skips: rarely annotated in the given statistics."""
    rows = []
    for (key, label), (n, hits, corpora, surface, _ids, _exact) in sorted(stats.items()):
        if n >= MIN_MATCHES and hits / n <= MAX_RATE and key not in PROTECTED:
            rows.append({"term": surface.lower(), "label": label,
                         "source": f"{' + '.join(sorted(corpora))} training set: {hits}/{n} matches annotated",
                         "note": f"blocked when <= {MAX_RATE:.0%} of >= {MIN_MATCHES} matches are annotated"})
    return rows


def convention_blocked_rows(per_corpus: dict[str, Stats], blocked: list[dict[str, str]]) -> list[dict[str, str]]:
    """Terms one corpus alone leaves unannotated, blocked under that corpus's conventions only."""
    everywhere = {(normalize(r["term"]), r["label"]) for r in blocked}
    rows = []
    for corpus, stats in per_corpus.items():
        for row in blocked_rows(stats):
            if (normalize(row["term"]), row["label"]) not in everywhere:
                rows.append({**row, "conventions": CORPUS_CONVENTIONS[corpus]})
    return rows


def class_term_rows(stats: Stats) -> list[dict[str, str]]:
    """Pharmacological-class terms BC5CDR annotates as chemicals, as themselves (a class it annotates only
    through the ligand inside, "calcium channel blockers" -> "calcium", is the entity writer's ligand rule)."""
    kb = get_kb(None)
    rows = []
    for (key, label), (n, _hits, corpora, surface, ids, exact) in sorted(stats.items()):
        if label != "DRUG" or "BC5CDR" not in corpora or n < MIN_CLASS_MATCHES or exact / n < MIN_CLASS_RATE:
            continue
        if all(kb.get(cid) is not None and is_class_only(kb.get(cid).tree_numbers) for cid in ids):
            rows.append({"term": surface.lower(), "conventions": "bc5cdr",
                         "source": f"BC5CDR training set: {exact}/{n} matches annotated as themselves",
                         "note": f"class term kept under the bc5cdr conventions (>= {MIN_CLASS_RATE:.0%} annotated)"})
    return rows


def write_tsv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with atomic_open(path) as fh:
        fh.write("\t".join(columns) + "\n")
        for r in rows:
            fh.write("\t".join(r[c] for c in columns) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("-o", "--output", type=Path, default=default_blocked_path())
    args = parser.parse_args()
    per_corpus = match_statistics(args.shared)
    stats = pooled(per_corpus)
    rows = blocked_rows(stats)
    write_tsv(args.output, COLUMNS, rows)
    by_corpus = convention_blocked_rows(per_corpus, rows)
    write_tsv(args.output.parent / CONVENTION_BLOCKED_TERMS, CONVENTION_BLOCKED_COLUMNS, by_corpus)
    classes = class_term_rows(stats)
    write_tsv(args.output.parent / BC5CDR_CLASS_TERMS, CLASS_TERM_COLUMNS, classes)
    print(f"{len(rows)} blocked terms -> {args.output}; {len(by_corpus)} blocked under one corpus's conventions; "
          f"{len(classes)} BC5CDR class terms")


if __name__ == "__main__":
    main()
