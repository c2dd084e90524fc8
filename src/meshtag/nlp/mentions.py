"""A Doc's final mentions, written once by the pipeline and read by `tag_documents`.

The entities are `doc.ents` with `span._.concept_id` etc. for spaCy users; the same records are kept as
`Mention`s in `doc.user_data`, because reading five `Span._` attributes per entity back costs more than
the rest of the pipeline's bookkeeping together.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from meshtag.model import Mention

MENTIONS_KEY = "meshtag_mentions"
SENTENCES_KEY = "meshtag_sentences"  # [(start_char, end_char)] set by meshtag_sentences
SPAN_EXTENSIONS = ("concept_id", "concept_name", "source", "score", "related_id")

for _name in SPAN_EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def mention_from_span(ent: Span, sentence: int = 0) -> Mention:
    """The Mention record of an entity (for Docs not written by `write_mentions`)."""
    return Mention(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_,
                   id=ent._.concept_id, name=ent._.concept_name, sentence=sentence,
                   source=ent._.source or "model", score=ent._.score if ent._.score is not None else 1.0,
                   related_id=ent._.related_id)


def write_mentions(doc: Doc, entries: list[tuple[Span, Mention]]) -> None:
    """Make `entries` the doc's entities: `doc.ents`, their span extensions, and the Mention records."""
    doc.ents = [span for span, _ in entries]
    for span, m in entries:
        ext = span._  # one Underscore per span (each `span._` access builds a new one)
        ext.concept_id, ext.concept_name, ext.source, ext.score, ext.related_id = \
            m.id, m.name, m.source, m.score, m.related_id
    doc.user_data[MENTIONS_KEY] = [m for _, m in entries]


def mentions_of(doc: Doc) -> list[Mention]:
    """The doc's Mention records (built from `doc.ents` when the pipeline did not keep them)."""
    kept = doc.user_data.get(MENTIONS_KEY)
    return list(kept) if kept is not None else [mention_from_span(e) for e in doc.ents]


def sentences_of(doc: Doc, text_length: int) -> list[tuple[int, int]]:
    """Sentence character spans: those `meshtag_sentences` recorded, else spaCy's, else the whole text."""
    kept = doc.user_data.get(SENTENCES_KEY)
    if kept is not None:
        return list(kept)
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [(0, text_length)]
