"""Tagging quality on the development sets: strict NER, mention NER+ID and document concept-ID P/R/F1 per type.

Runs the fast (dictionary) and accurate (dictionary + statistical NER) pipelines on the BC5CDR and
NCBI-disease development sets and on the hand-annotated RECEPTOR/BRAIN_REGION sets (main and two held-out sets),
plus a naive lowercase MeSH dictionary as a floor (DRUG/CONDITION only), prints a Markdown table and
(with --append) adds a dated section to benchmarks/RESULTS.md. Only development sets are read; the test
sets are held out.

    python benchmarks/quality.py [--modes fast accurate] [--no-naive] [--append]
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from ablation import RECEPTOR_LABELS, RECEPTOR_SETS
from meshtag.errors import ErrorLog
from meshtag.evaluation.runner import CORPUS_LABELS, conventions_for, mesh_year_of, read_gold, tag_with_pipeline
from meshtag.evaluation.bootstrap import score_intervals
from meshtag.evaluation.scoring import LEVELS, PRF, score_by_document, summed
from meshtag.model import Document, Mention

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = {
    "BC5CDR dev": ("bc5cdr", "bc5cdr/CDR_DevelopmentSet.PubTator.txt"),
    "NCBI-disease dev": ("ncbi", "ncbi-disease/NCBIdevelopset_corpus.txt"),
}
_WORD = re.compile(r"\w+|[^\w\s]")
NAIVE_MAX_TOKENS = 8
UNLINKED_SYSTEMS = {"ner model alone"}  # systems that give no ids: only their strict NER is shown
RESAMPLES = 1000  # bootstrap resamples of the documents for the 95% intervals


class NaiveDictionary:
    """Every MeSH name and entry term, lower-cased, matched longest-first at token boundaries.

    Label from the tree: C (diseases) and F03 (mental disorders) -> CONDITION, D (chemicals) -> DRUG;
    supplementary concepts take the label of the descriptor they map to. The floor the issue quotes.
    """

    def __init__(self, mesh_dir: Path):
        self.terms: dict[str, tuple[str, str]] = {}
        labels: dict[str, str] = {}
        with open(mesh_dir / "mesh_descriptors.tsv", encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                trees = row[3].split("|") if len(row) > 3 else []
                label = ("CONDITION" if any(t.startswith(("C", "F03")) for t in trees)
                         else "DRUG" if any(t.startswith("D") for t in trees) else None)
                if label:
                    labels[row[0]] = label
                    self._add(row, label)
        with open(mesh_dir / "mesh_supplementary.tsv", encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                mapped = [labels.get(d.strip().lstrip("*")) for d in (row[3].split("|") if len(row) > 3 else [])]
                label = next((lbl for lbl in mapped if lbl), None)
                if label:
                    self._add(row, label)

    def _add(self, row: list[str], label: str) -> None:
        for term in [row[1], *(row[2].split("|") if len(row) > 2 else [])]:
            key = term.strip().lower()
            if len(key) >= 3:
                self.terms.setdefault(key, (f"MESH:{row[0]}", label))

    def tag(self, doc: Document) -> Document:
        text = doc.text
        lower = text.lower()
        tokens = [m.span() for m in _WORD.finditer(text)]
        mentions, i = [], 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + NAIVE_MAX_TOKENS), i, -1):
                start, end = tokens[i][0], tokens[j - 1][1]
                hit = self.terms.get(lower[start:end])
                if hit:
                    mentions.append(Mention(start, end, text[start:end], hit[1], id=hit[0]))
                    i = j
                    break
            else:
                i += 1
        return Document(id=doc.id, title=doc.title, abstract=doc.abstract, mentions=mentions)


def ner_model_tagger():
    """The committed statistical NER alone (no linking): its strict NER row shows what the model adds."""
    import spacy

    import meshtag.nlp.dict_features  # noqa: F401  registers the model's embedding layer
    import meshtag.nlp.tokenizer  # noqa: F401  registers the tokenizer the model was trained with
    from meshtag.paths import models_dir

    nlp = spacy.load(models_dir() / "ner")

    def tag(docs: list[Document]) -> list[Document]:
        return [Document(id=d.id, title=d.title, abstract=d.abstract,
                         mentions=[Mention(e.start_char, e.end_char, e.text, e.label_, source="model") for e in doc.ents])
                for d, doc in zip(docs, nlp.pipe(d.text for d in docs))]

    return tag


def markdown(rows: list[tuple[str, str, str, dict[str, PRF], float]]) -> str:
    """| corpus | type | system | strict NER P/R/F1 | mention NER+ID P/R/F1 | document concept P/R/F1 | s |"""
    head = ("| corpus | type | system | strict NER P / R / **F1** | mention NER+ID P / R / **F1** "
            "| document concept ID P / R / **F1** | seconds |\n| --- | --- | --- | --- | --- | --- | --- |")
    lines = [head]
    for corpus, label, system, levels, seconds in rows:
        cells = " | ".join("—" if system in UNLINKED_SYSTEMS and lv != "ner" else
                           f"{levels[lv].precision:.3f} / {levels[lv].recall:.3f} / **{levels[lv].f1:.3f}**"
                           for lv in LEVELS)
        lines.append(f"| {corpus} | {label} | {system} | {cells} | {seconds:.0f} |")
    return "\n".join(lines)


def pipeline_tagger(mode: str, conventions: str, mesh_year: int | None):
    """Tag documents with `meshtag.load(mode, conventions, mesh_year)` (see evaluation.runner.tag_with_pipeline)."""
    return lambda docs: tag_with_pipeline(docs, mode, conventions, mesh_year)


def markdown_intervals(rows: list[tuple[str, str, str, dict]]) -> str:
    """| corpus | type | system | strict NER P, R, F1 | mention F1 | document F1 |, each a 95% interval."""
    head = ("| corpus | type | system | strict NER P | strict NER R | strict NER F1 | mention NER+ID F1 "
            "| document concept ID F1 |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
    lines = [head]
    for corpus, label, system, levels in rows:
        cells = [levels["ner"]["precision"], levels["ner"]["recall"], levels["ner"]["f1"],
                 levels["ner_id"]["f1"], levels["doc_id"]["f1"]]
        lines.append(f"| {corpus} | {label} | {system} | " + " | ".join(f"{lo:.3f}–{hi:.3f}" for lo, hi in cells)
                     + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / "../shared/data/corpora")
    parser.add_argument("--mesh", type=Path, default=ROOT / "../shared/data/mesh",
                        help="MeSH TSVs for the naive dictionary floor")
    parser.add_argument("--modes", nargs="*", default=["fast", "accurate"], choices=["fast", "accurate"])
    parser.add_argument("--no-naive", action="store_true", help="skip the naive lowercase dictionary floor")
    parser.add_argument("--ner-only", action="store_true", help="also score the NER model alone (strict NER only)")
    parser.add_argument("--append", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()

    errors = ErrorLog()
    gold = {name: (corpus, read_gold(args.corpora / rel, errors)) for name, (corpus, rel) in DEV_SETS.items()}
    gold.update({name: (None, read_gold(path, errors)) for name, path in RECEPTOR_SETS.items()})
    systems = [] if args.no_naive else ["naive"]
    systems += (["ner model alone"] if args.ner_only else []) + args.modes
    rows, interval_rows = [], []
    for system in systems:
        if system == "naive":
            naive = NaiveDictionary(args.mesh)
            tagger, system = (lambda docs: [naive.tag(d) for d in docs]), "naive lowercase MeSH"
        elif system == "ner model alone":
            tagger = ner_model_tagger()
        else:
            tagger = None
        for name, (corpus, docs) in gold.items():
            if corpus is None and system == "naive lowercase MeSH":
                continue  # the floor tags no receptors or brain regions
            # a pipeline mode is scored with the corpus's conventions, and on BC5CDR also with meshtag's own
            runs = [(system, tagger)] if tagger is not None else [
                (f"{system} ({conv} conventions)", pipeline_tagger(system, conv, mesh_year_of(corpus)))
                for conv in dict.fromkeys([conventions_for(corpus), "meshtag"])]
            for i, (shown, run) in enumerate(runs):
                start = time.perf_counter()
                pred = run(docs)
                seconds = time.perf_counter() - start
                per_doc = score_by_document(docs, pred, CORPUS_LABELS.get(corpus, RECEPTOR_LABELS))
                for label, levels in summed(per_doc).items():
                    rows.append((name, label, shown, levels, seconds))
                if i == 0 and tagger is None:  # a pipeline with the corpus's conventions
                    for label, levels in score_intervals(per_doc, RESAMPLES).items():
                        interval_rows.append((name, label, shown, levels))
                print(f"{shown} on {name}: {seconds:.0f} s", file=sys.stderr)
    table = markdown(rows)
    if interval_rows:
        table += (f"\n\n95% intervals ({RESAMPLES:,} bootstrap resamples of the documents, fixed seed; "
                  "meshtag.evaluation.bootstrap):\n\n" + markdown_intervals(interval_rows))
    print(table)
    if args.append:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        section = (f"\n## Quality on the development sets ({stamp})\n\n"
                   f"`python benchmarks/quality.py` — BC5CDR Chemical ↔ DRUG, Disease ↔ CONDITION; NCBI-disease all "
                   "types ↔ CONDITION; receptor/region sets: hand-annotated RECEPTOR and BRAIN_REGION (main and held-out sets 1-4 used for tuning; set 4 was measured blind until session 12: RECEPTOR P / R 0.851 / 0.698, BRAIN_REGION 0.759 / 0.880). Ids normalised through the 2015 equivalence table; see docs/evaluation.md. "
                   "Seconds: wall time to tag the set, pipeline load included.\n\n" + table + "\n")
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write(section)


if __name__ == "__main__":
    main()
