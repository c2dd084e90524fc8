"""Mine `models/curation/blocked_terms.tsv` and `bc5cdr_class_terms.tsv` from the TRAINING sets of
BC5CDR and NCBI-disease (development sets are not read).

A dictionary term is blocked for a label when the dictionary-only pipeline matches it at least
MIN_MATCHES times in the training texts and at most MAX_RATE of those matches overlap a gold
annotation of that label ("placebo", "drug", "disease"). Terms of this project's own domain that the
corpora do not annotate (see PROTECTED) are never blocked everywhere, only under the conventions of the corpus
that leaves them unannotated ("opiate" under "bc5cdr").

A term one corpus leaves unannotated by that rule while the pooled evidence does not block it ("death":
BC5CDR annotates 26 of 32, NCBI-disease none of 20) is blocked under that corpus's conventions only
(`convention_blocked_terms.tsv`, read by meshtag.nlp.conventions: BC5CDR -> "bc5cdr", NCBI-disease ->
"pubtator").

Chemical names BC5CDR annotates only through the chemical inside ("reactive oxygen species" -> "oxygen")
are listed in `bc5cdr_ligand_terms.tsv`: under the "bc5cdr" conventions the inner chemical is the mention.

Pharmacological-class terms that BC5CDR does annotate (at least MIN_CLASS_RATE of at least
MIN_CLASS_MATCHES matches: "antidepressant", "oral contraceptives") are listed in
`bc5cdr_class_terms.tsv`, the exceptions of the "bc5cdr" conventions (meshtag.nlp.conventions).

    python scripts/mine_blocked_terms.py --shared ../shared
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from meshtag.fsutil import atomic_open
from meshtag.io import read_documents
from meshtag.kb.normalize import normalize
from meshtag.model import Document
from meshtag.nlp.blocklist import COLUMNS, default_blocked_path
from meshtag.nlp.candidates import get_kb
from meshtag.nlp.conventions import (
    BC5CDR_CLASS_TERMS, BC5CDR_LIGAND_TERMS, CLASS_TERM_COLUMNS, CONVENTION_BLOCKED_COLUMNS, CONVENTION_BLOCKED_TERMS,
    is_class_only,
)
from meshtag.paths import curation_dir
from meshtag.nlp.pipeline import load
from meshtag.tagging import tag_documents

MIN_MATCHES = 3
MAX_RATE = 0.2
MIN_CLASS_MATCHES = 2
MIN_CLASS_RATE = 0.5
MIN_INSIDE_RATE = 0.6
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


@dataclass
class TermStats:
    """How the dictionary's matches of one (term key, label) compare with a training set's gold mentions. A
    match is annotated when a gold mention of its label overlaps it, annotated as itself when one has its exact
    span, annotated inside when one lies strictly within it ("calcium channel blockers" overlaps the annotated
    "calcium" 15 times in BC5CDR training, and is annotated as itself 0 times)."""

    matches: int = 0
    annotated: int = 0
    exact: int = 0
    inside: int = 0
    corpora: set[str] = field(default_factory=set)
    surface: str = ""                 # the first surface form seen
    ids: set[str] = field(default_factory=set)

    def add(self, other: "TermStats") -> None:
        self.matches += other.matches
        self.annotated += other.annotated
        self.exact += other.exact
        self.inside += other.inside
        self.corpora |= other.corpora
        self.surface = self.surface or other.surface
        self.ids |= other.ids


Stats = dict[tuple[str, str], TermStats]


def match_statistics(shared: Path) -> dict[str, Stats]:
    """Corpus -> (term key, label) -> TermStats of the dictionary-only pipeline on its training set."""
    nlp = load(mode="fast", blocked_terms="")
    per_corpus: dict[str, Stats] = {}
    for corpus, (rel, labels) in TRAINING.items():
        stats = per_corpus[corpus] = defaultdict(TermStats)
        gold_docs = list(read_documents([shared / rel], format="pubtator"))
        bare = (Document(id=d.id, title=d.title, abstract=d.abstract) for d in gold_docs)
        for gold, tagged in zip(gold_docs, tag_documents(bare, nlp)):
            for m in tagged.mentions:
                if m.label not in labels or m.source != "dictionary":
                    continue
                same = [g for g in gold.mentions if g.label == m.label and g.start < m.end and m.start < g.end]
                entry = stats[(normalize(m.text), m.label)]
                entry.matches += 1
                entry.annotated += bool(same)
                entry.exact += any((g.start, g.end) == (m.start, m.end) for g in same)
                entry.inside += any(m.start <= g.start and g.end <= m.end and g.end - g.start < m.end - m.start
                                    for g in same)
                entry.corpora.add(corpus)
                entry.surface = entry.surface or m.text
                entry.ids.add(m.id)
    return per_corpus


def pooled(per_corpus: dict[str, Stats]) -> Stats:
    """The statistics of all corpora together (the first corpus's surface form when several have one)."""
    out: Stats = defaultdict(TermStats)
    for stats in per_corpus.values():
        for key, entry in stats.items():
            out[key].add(entry)
    return out


def blocked_rows(stats: Stats, protect: bool = True) -> list[dict[str, str]]:
    """Terms the dictionary skips: rarely annotated in the given statistics (`protect`: except PROTECTED ones)."""
    rows = []
    for (key, label), st in sorted(stats.items()):
        if st.matches >= MIN_MATCHES and st.annotated / st.matches <= MAX_RATE and not (protect and key in PROTECTED):
            rows.append({"term": st.surface.lower(), "label": label,
                         "source": f"{' + '.join(sorted(st.corpora))} training set: "
                                   f"{st.annotated}/{st.matches} matches annotated",
                         "note": f"blocked when <= {MAX_RATE:.0%} of >= {MIN_MATCHES} matches are annotated"})
    return rows


def annotated_somewhere(per_corpus: dict[str, Stats]) -> set[tuple[str, str]]:
    """(term key, label) that some corpus annotates more often than MAX_RATE: blocked under the others'
    conventions only ("carcinogenesis": BC5CDR 1 of 1, NCBI-disease 0 of 4)."""
    return {key for stats in per_corpus.values() for key, st in stats.items()
            if st.matches and st.annotated / st.matches > MAX_RATE}


def convention_blocked_rows(per_corpus: dict[str, Stats], blocked: list[dict[str, str]]) -> list[dict[str, str]]:
    """Terms one corpus alone leaves unannotated, blocked under that corpus's conventions only; so are the
    PROTECTED terms a corpus leaves unannotated ("opiate": BC5CDR 0 of 5), which meshtag's own output keeps."""
    everywhere = {(normalize(r["term"]), r["label"]) for r in blocked}
    rows = []
    for corpus, stats in per_corpus.items():
        for row in blocked_rows(stats, protect=False):
            if (normalize(row["term"]), row["label"]) not in everywhere:
                rows.append({**row, "conventions": CORPUS_CONVENTIONS[corpus]})
    return rows


def class_term_rows(stats: Stats) -> list[dict[str, str]]:
    """Pharmacological-class terms BC5CDR annotates as chemicals, as themselves (a class it annotates only
    through the ligand inside, "calcium channel blockers" -> "calcium", is the entity writer's ligand rule)."""
    kb = get_kb(None)
    rows = []
    for (key, label), st in sorted(stats.items()):
        if label != "DRUG" or "BC5CDR" not in st.corpora or st.matches < MIN_CLASS_MATCHES or \
                st.exact / st.matches < MIN_CLASS_RATE:
            continue
        if all(kb.get(cid) is not None and is_class_only(kb.get(cid).tree_numbers) for cid in st.ids):
            rows.append({"term": st.surface.lower(), "conventions": "bc5cdr",
                         "source": f"BC5CDR training set: {st.exact}/{st.matches} matches annotated as themselves",
                         "note": f"class term kept under the bc5cdr conventions (>= {MIN_CLASS_RATE:.0%} annotated)"})
    return rows


def ligand_term_rows(stats: Stats) -> list[dict[str, str]]:
    """Chemical names BC5CDR annotates only through the chemical inside them ("reactive oxygen species" ->
    "oxygen", "thallium-201" -> "thallium", "nicotine sulfate" -> "nicotine"): at least MIN_CLASS_MATCHES
    matches, at most MAX_RATE annotated as themselves, at least MIN_INSIDE_RATE with a gold chemical inside."""
    rows = []
    for (key, label), st in sorted(stats.items()):
        if label == "DRUG" and st.matches >= MIN_CLASS_MATCHES and st.exact / st.matches <= MAX_RATE and \
                st.inside / st.matches >= MIN_INSIDE_RATE:
            rows.append({"term": st.surface.lower(), "conventions": "bc5cdr",
                         "source": f"BC5CDR training set: {st.inside}/{st.matches} matches annotated inside, "
                                   f"{st.exact} as themselves",
                         "note": "the chemical inside is the mention under the bc5cdr conventions"})
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
    kept = annotated_somewhere(per_corpus)
    rows = [r for r in blocked_rows(stats) if (normalize(r["term"]), r["label"]) not in kept]
    write_tsv(args.output, COLUMNS, rows)
    by_corpus = convention_blocked_rows(per_corpus, rows)
    write_tsv(args.output.parent / CONVENTION_BLOCKED_TERMS, CONVENTION_BLOCKED_COLUMNS, by_corpus)
    classes = class_term_rows(stats)
    write_tsv(args.output.parent / BC5CDR_CLASS_TERMS, CLASS_TERM_COLUMNS, classes)
    ligands = ligand_term_rows(per_corpus["BC5CDR"])
    write_tsv(args.output.parent / BC5CDR_LIGAND_TERMS, CLASS_TERM_COLUMNS, ligands)
    print(f"{len(rows)} blocked terms -> {args.output}; {len(by_corpus)} blocked under one corpus's conventions; "
          f"{len(classes)} BC5CDR class terms; {len(ligands)} BC5CDR ligand terms")


if __name__ == "__main__":
    main()
