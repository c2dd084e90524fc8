"""Score predicted mentions against gold at three levels, per entity type.

* strict NER: exact span + type;
* mention-level NER+ID: exact span + type + concept id (any of a composite/alternative gold id set
  matches; gold mentions without an id, and predictions on exactly those spans, are left out; an
  unlinked prediction makes no id claim and is not counted);
* document-level concept id (the BC5CDR DNER measure): the set of (document, id) per type, every
  concept of a composite id counted, unlinked mentions ignored.

Ids on both sides go through `meshtag.evaluation.ids.concept_ids` (MESH: prefix, 2015 equivalences, NCBI's
OMIM ids); a predicted id in a namespace the gold never uses (HGNC) is scored as the closest MeSH concept the
mention carries alongside (`mention_ids`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from meshtag.evaluation.ids import mention_ids, namespaces
from meshtag.model import Document

LEVELS: tuple[str, ...] = ("ner", "ner_id", "doc_id")
LEVEL_NAMES: dict[str, str] = {
    "ner": "strict NER",
    "ner_id": "mention NER+ID",
    "doc_id": "document concept ID",
}


@dataclass(frozen=True)
class PRF:
    """Counts of true positives, false positives and false negatives, with P/R/F1 derived from them.

    >>> s = PRF(tp=3, fp=1, fn=2)
    >>> round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)
    (0.75, 0.6, 0.667)
    >>> PRF(0, 0, 0).f1
    0.0
    """

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


Span = tuple[str, int, int, str]  # (document id, start, end, label)


def _spans(docs: Iterable[Document], labels: frozenset[str], equivalence: Mapping[str, str] | None,
           gold_namespaces: frozenset[str] | None = None) -> dict[Span, frozenset[str]]:
    """(doc, start, end, label) -> concept ids of the mention(s) on that span (union if repeated);
    `gold_namespaces` for predictions (see `mention_ids`)."""
    out: dict[Span, frozenset[str]] = {}
    for doc in docs:
        for m in doc.mentions:
            if m.label not in labels:
                continue
            key = (doc.id, m.start, m.end, m.label)
            out[key] = out.get(key, frozenset()) | mention_ids(m, gold_namespaces, equivalence)
    return out


def _counts(gold: set, pred: set) -> PRF:
    tp = len(gold & pred)
    return PRF(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)


def score_ner(gold: Mapping[Span, frozenset[str]], pred: Mapping[Span, frozenset[str]], label: str) -> PRF:
    """Strict NER for one label: exact span and type."""
    return _counts({k for k in gold if k[3] == label}, {k for k in pred if k[3] == label})


def score_ner_id(gold: Mapping[Span, frozenset[str]], pred: Mapping[Span, frozenset[str]], label: str) -> PRF:
    """Mention-level NER+ID for one label: exact span and type and a shared concept id."""
    gold_linked = {k: ids for k, ids in gold.items() if k[3] == label and ids}
    unlinked_gold = {k for k, ids in gold.items() if k[3] == label and not ids}
    pred_linked = {k: ids for k, ids in pred.items() if k[3] == label and ids and k not in unlinked_gold}
    tp = sum(1 for k, ids in pred_linked.items() if ids & gold_linked.get(k, frozenset()))
    return PRF(tp=tp, fp=len(pred_linked) - tp, fn=len(gold_linked) - tp)


def score_doc_id(gold: Mapping[Span, frozenset[str]], pred: Mapping[Span, frozenset[str]], label: str) -> PRF:
    """Document-level concept id for one label: sets of (document, id)."""
    def pairs(spans: Mapping[Span, frozenset[str]]) -> set[tuple[str, str]]:
        return {(k[0], cid) for k, ids in spans.items() if k[3] == label for cid in ids}

    return _counts(pairs(gold), pairs(pred))


Scores = dict[str, dict[str, PRF]]  # {label: {"ner"|"ner_id"|"doc_id": PRF}}


def _levels(gold: Mapping[Span, frozenset[str]], pred: Mapping[Span, frozenset[str]],
            labels: Iterable[str]) -> Scores:
    return {label: {"ner": score_ner(gold, pred, label),
                    "ner_id": score_ner_id(gold, pred, label),
                    "doc_id": score_doc_id(gold, pred, label)}
            for label in labels}


def score_by_document(gold_docs: Iterable[Document], pred_docs: Iterable[Document],
                      labels: Iterable[str] | None = None,
                      equivalence: Mapping[str, str] | None = None) -> dict[str, Scores]:
    """{document id: {label: {level: PRF}}} for every gold document, as `score_documents` counts them (their
    sum); the unit a bootstrap resamples (meshtag.evaluation.bootstrap).

    `labels` defaults to the labels present in gold; predicted mentions of other labels are ignored
    (BC5CDR does not annotate receptors, so tagging them is not an error). Predicted documents that
    are not in gold are ignored too, so a prediction file may cover a superset of the gold set.
    """
    gold_docs = list(gold_docs)
    gold_ids = {d.id for d in gold_docs}
    pred_docs = [d for d in pred_docs if d.id in gold_ids]
    wanted = frozenset(labels) if labels is not None else frozenset(m.label for d in gold_docs for m in d.mentions)
    by_doc: dict[str, tuple[dict, dict]] = {d.id: ({}, {}) for d in gold_docs}
    for side, spans in enumerate((_spans(gold_docs, wanted, equivalence),
                                  _spans(pred_docs, wanted, equivalence, namespaces(gold_docs)))):
        for key, ids in spans.items():
            by_doc[key[0]][side][key] = ids
    ordered = sorted(wanted)
    return {doc_id: _levels(gold, pred, ordered) for doc_id, (gold, pred) in by_doc.items()}


def score_documents(gold_docs: Iterable[Document], pred_docs: Iterable[Document],
                    labels: Iterable[str] | None = None,
                    equivalence: Mapping[str, str] | None = None) -> Scores:
    """{label: {"ner"|"ner_id"|"doc_id": PRF}} for predicted vs gold documents (matched by `id`): the sum of
    `score_by_document` (same arguments)."""
    return summed(score_by_document(gold_docs, pred_docs, labels, equivalence), labels or ())


def summed(per_document: Mapping[str, Scores], labels: Iterable[str] = ()) -> Scores:
    """The scores of all documents together (`labels`: what to report when there are no documents)."""
    docs = list(per_document.values())
    wanted = list(docs[0]) if docs else sorted(labels)
    return {label: {level: sum((d[label][level] for d in docs), PRF(0, 0, 0)) for level in LEVELS}
            for label in wanted}
