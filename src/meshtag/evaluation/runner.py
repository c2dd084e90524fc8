"""Evaluate a gold PubTator file: tag its texts with the meshtag pipeline, or read a prediction file,
and score at the three levels per type."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from meshtag.errors import ErrorLog, MeshtagError
from meshtag.evaluation.errors import mention_errors, write_errors
from meshtag.evaluation.report import scores_to_dict
from meshtag.evaluation.bootstrap import Interval, score_intervals
from meshtag.evaluation.scoring import PRF, score_by_document, summed
from meshtag.model import Document

# corpus -> the meshtag labels it annotates (BC5CDR Chemical <-> DRUG, Disease <-> CONDITION)
CORPUS_LABELS: dict[str, tuple[str, ...]] = {
    "bc5cdr": ("DRUG", "CONDITION"),
    "ncbi": ("CONDITION",),
}


@dataclass
class Evaluation:
    """Scores of one run, with what produced them."""

    gold: str
    corpus: str | None
    system: str                       # "fast", "accurate" or the prediction file
    documents: int
    seconds: float
    scores: dict[str, dict[str, PRF]] = field(default_factory=dict)
    intervals: dict[str, dict[str, dict[str, Interval]]] | None = None  # {label: {level: {measure: (lo, hi)}}}

    def to_dict(self) -> dict:
        out = {"gold": self.gold, "corpus": self.corpus, "system": self.system,
               "documents": self.documents, "seconds": round(self.seconds, 2),
               "scores": scores_to_dict(self.scores)}
        if self.intervals is not None:
            out["intervals_95"] = {label: {level: {m: [round(lo, 4), round(hi, 4)] for m, (lo, hi) in ci.items()}
                                           for level, ci in levels.items()}
                                   for label, levels in self.intervals.items()}
        return out


def read_gold(path: str | Path, errors: ErrorLog | None = None) -> list[Document]:
    """Gold documents from a PubTator file (problems reported to `errors`)."""
    from meshtag.io import read_documents

    docs = list(read_documents(path, format="pubtator", errors=errors))
    if not docs:
        raise MeshtagError(f"{path}: no documents read")
    return docs


def labels_for(corpus: str | None, gold: Iterable[Document]) -> tuple[str, ...]:
    """The labels to score: the corpus's, else those present in gold."""
    if corpus is None:
        return tuple(sorted({m.label for d in gold for m in d.mentions}))
    if corpus not in CORPUS_LABELS:
        raise MeshtagError(f"unknown corpus {corpus!r} (one of: {', '.join(CORPUS_LABELS)})")
    return CORPUS_LABELS[corpus]


def blank_copy(doc: Document) -> Document:
    """The document's text and ids without its gold mentions, for tagging."""
    return Document(id=doc.id, title=doc.title, abstract=doc.abstract, pmid=doc.pmid, doi=doc.doi)


def conventions_for(corpus: str | None) -> str:
    """The annotation conventions a PubTator gold file is scored with (see meshtag.nlp.conventions):
    BC5CDR's own, else the PubTator style (composite mentions as one span)."""
    return "bc5cdr" if corpus == "bc5cdr" else "pubtator"


CORPUS_MESH_YEARS = {"bc5cdr": 2015, "ncbi": 2012}


def mesh_year_of(corpus: str | None) -> int | None:
    """The MeSH a bundled corpus was annotated against (None for other gold files): the pipeline then writes the
    concepts MeSH had then (see meshtag.kb.era)."""
    return CORPUS_MESH_YEARS.get(corpus or "")


def tag_with_pipeline(gold: list[Document], mode: str, conventions: str = "meshtag",
                      mesh_year: int | None = None) -> list[Document]:
    """Tag the gold texts with `meshtag.load(mode=mode, conventions=conventions, mesh_year=mesh_year)`."""
    import meshtag
    from meshtag.tagging import tag_documents

    nlp = meshtag.load(mode=mode, conventions=conventions, mesh_year=mesh_year)
    return list(tag_documents((blank_copy(d) for d in gold), nlp))


def evaluate(gold_path: str | Path, corpus: str | None = None, mode: str = "accurate",
             pred_path: str | Path | None = None, errors: ErrorLog | None = None,
             errors_path: str | Path | None = None, conventions: str | None = None,
             mesh_year: int | None | str = "corpus", bootstrap: int = 0) -> Evaluation:
    """Score the pipeline (`mode`) or a prediction file (`pred_path`, any readable format) on `gold_path`.

    `conventions` (default: "bc5cdr" for BC5CDR, else "pubtator") is passed to the pipeline, which writes the
    concepts of `mesh_year`'s MeSH (default "corpus": the year the bundled corpus was annotated, `mesh_year_of`;
    None: today's MeSH).
    With `errors_path`, every mention-level error is also written there as TSV (see `evaluation.errors`).
    With `bootstrap` > 0, also 95% intervals from that many resamples of the documents (`evaluation.bootstrap`).
    """
    from meshtag.io import read_documents

    gold = read_gold(gold_path, errors)
    labels = labels_for(corpus, gold)
    start = time.perf_counter()
    if pred_path is not None:
        pred = list(read_documents(pred_path, errors=errors))
        system = str(pred_path)
    else:
        conventions = conventions or conventions_for(corpus)
        pred = tag_with_pipeline(gold, mode, conventions, mesh_year_of(corpus) if mesh_year == "corpus" else mesh_year)
        system = f"{mode} ({conventions} conventions)"
    seconds = time.perf_counter() - start
    if errors_path is not None:
        write_errors(mention_errors(gold, pred, labels), errors_path)
    per_document = score_by_document(gold, pred, labels)
    return Evaluation(gold=str(gold_path), corpus=corpus, system=system, documents=len(gold), seconds=seconds,
                      scores=summed(per_document, labels),
                      intervals=score_intervals(per_document, bootstrap) if bootstrap else None)
