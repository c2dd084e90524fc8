"""Reviewer curation inside the pipeline: accepted surface forms become KB terms, and rejections,
remaps and relabels decided in `meshtag review import` are applied to every document's entities."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from meshtag.nlp.candidates import StatelessComponent

from meshtag.model import Document, Mention


def mention_from_span(ent: Span, sentence: int = 0) -> Mention:
    """The Mention record of an entity written by `meshtag_entities`."""
    return Mention(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_,
                   id=ent._.concept_id, name=ent._.concept_name, sentence=sentence,
                   source=ent._.source or "model", score=ent._.score if ent._.score is not None else 1.0,
                   related_id=ent._.related_id)


def set_entities(doc: Doc, mentions: list[Mention]) -> None:
    """Replace `doc.ents` by the given mentions (char offsets must align with tokens)."""
    spans = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, label=m.label)
        if span is None:
            continue
        spans.append((span, m))
    doc.ents = [s for s, _ in spans]
    for span, m in spans:
        span._.concept_id, span._.concept_name, span._.source = m.id, m.name, m.source
        span._.score, span._.related_id = m.score, m.related_id


@Language.factory("meshtag_curation", default_config={"curation_dir": None})
def make_curation(nlp: Language, name: str, curation_dir: str | None) -> "CurationApplier":
    return CurationApplier(curation_dir)


class CurationApplier(StatelessComponent):
    """Applies a `meshtag.review.curation.Curation` to doc.ents; a no-op when there is no curation.
    (Its accepted surface forms are matched by `meshtag_dictionary`, given the same folder.)"""

    def __init__(self, curation_dir: str | None = None):
        from meshtag.review.curation import Curation

        self.curation = Curation.load(curation_dir)

    @property
    def fingerprint(self) -> str:
        return self.curation.fingerprint

    def __call__(self, doc: Doc) -> Doc:
        if self.curation.is_empty or not doc.ents:
            return doc
        curated = self.curation.apply(Document(id="", title=doc.text,
                                               mentions=[mention_from_span(e) for e in doc.ents]))
        set_entities(doc, curated.mentions)
        return doc
