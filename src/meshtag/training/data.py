"""Gold Documents -> spaCy DocBin for NER training, tokenised with the meshtag tokenizer.

An entity whose edges fall inside a token cannot be an NER label. Rather than shrink or grow it (which
teaches the model wrong boundaries) its tokens are marked *missing*: the model is neither rewarded nor
penalised there. Overlapping gold spans keep the longest (spaCy's `filter_spans`). A corpus that does not
annotate a label (NCBI-disease: no chemicals) passes `unknown` character spans (e.g. dictionary DRUG
matches): their tokens are marked missing too instead of being taught as "outside".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from meshtag.model import Document

NER_LABELS: tuple[str, ...] = ("DRUG", "CONDITION")


@dataclass
class CompileStats:
    """What happened to the gold entities of one compiled file."""

    documents: int = 0
    entities: int = 0             # gold mentions with a trained label
    aligned: int = 0              # kept as entities
    misaligned: int = 0           # edge inside a token: tokens marked missing
    overlapping: int = 0          # dropped in favour of a longer overlapping span
    unknown_spans: int = 0        # unannotated-label spans (no gold overlap): tokens marked missing
    missing_tokens: int = 0       # tokens left missing (misaligned + unknown), neither entity nor O
    tokens: int = 0
    by_label: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        share = self.misaligned / self.entities if self.entities else 0.0
        return (f"{self.documents} documents, {self.entities} entities: {self.aligned} aligned, "
                f"{self.misaligned} misaligned ({share:.1%}, marked missing), "
                f"{self.overlapping} overlapping dropped; {self.unknown_spans} unannotated-label spans "
                f"marked missing; {self.missing_tokens}/{self.tokens} tokens missing; by label {self.by_label}")


def doc_to_spacy(nlp, document: Document, stats: CompileStats, labels: Iterable[str] = NER_LABELS,
                 unknown: Iterable[tuple[int, int]] = ()):
    """One gold Document as a spaCy Doc with `ents` set: misaligned entities and the `unknown` character
    spans (mentions of a label this corpus does not annotate) marked missing; an unknown span that
    overlaps a gold entity is ignored (the gold annotation decides there)."""
    from spacy.util import filter_spans

    wanted = set(labels)
    doc = nlp.make_doc(document.text)
    spans, missing = [], []
    for m in document.mentions:
        if m.label not in wanted:
            continue
        stats.entities += 1
        span = doc.char_span(m.start, m.end, label=m.label)
        if span is None:
            stats.misaligned += 1
            wide = doc.char_span(m.start, m.end, alignment_mode="expand")
            if wide is not None:
                missing.append(wide)
            continue
        spans.append(span)
    kept = filter_spans(spans)
    stats.overlapping += len(spans) - len(kept)
    kept_tokens = {i for s in kept for i in range(s.start, s.end)}
    missing = [s for s in missing if not kept_tokens & set(range(s.start, s.end))]
    gold_chars = [(m.start, m.end) for m in document.mentions]
    for start, end in unknown:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(s < end and start < e for s, e in gold_chars) \
                or kept_tokens & set(range(span.start, span.end)):
            continue
        stats.unknown_spans += 1
        missing.append(span)
    doc.set_ents(kept, missing=filter_spans(missing))
    stats.tokens += len(doc)
    stats.missing_tokens += sum(1 for t in doc if t.ent_iob_ == "")
    stats.aligned += len(kept)
    for s in kept:
        stats.by_label[s.label_] = stats.by_label.get(s.label_, 0) + 1
    stats.documents += 1
    return doc


def compile_docbin(documents: Iterable[Document], output: str | Path,
                   labels: Iterable[str] = NER_LABELS,
                   unknown: Callable[[Document], Iterable[tuple[int, int]]] | None = None) -> CompileStats:
    """Write `documents` as a spaCy DocBin at `output` (atomically); return the alignment counts.
    `unknown(document)` gives the character spans to mark missing in that document (see `doc_to_spacy`)."""
    from spacy.tokens import DocBin

    from meshtag.fsutil import atomic_path
    from meshtag.nlp.tokenizer import blank_biomedical

    nlp = blank_biomedical()
    stats = CompileStats()
    docbin = DocBin(store_user_data=False)
    for document in documents:
        docbin.add(doc_to_spacy(nlp, document, stats, labels, unknown(document) if unknown else ()))
    with atomic_path(output) as tmp:
        docbin.to_disk(tmp)
    return stats
