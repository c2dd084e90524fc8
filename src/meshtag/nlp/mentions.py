"""A Doc's final mentions, written once by the pipeline and read by `tag_documents`.

The entities are `doc.ents`; their `Mention` records are kept in `doc.user_data`, and the span
extensions `span._.concept_id`, `concept_name`, `source`, `score`, `related_id` are getters that read
those records (writing five extension values per entity cost more than the rest of the bookkeeping).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from meshtag.model import Mention

MENTIONS_KEY = "meshtag_mentions"
SENTENCES_KEY = "meshtag_sentences"  # [(start_char, end_char)] set by meshtag_sentences
# span extension -> Mention field
SPAN_EXTENSIONS = {"concept_id": "id", "concept_name": "name", "source": "source", "score": "score",
                   "related_id": "related_id"}


def record_of(span: Span) -> Mention | None:
    """The Mention record written for this entity span (None for spans the pipeline did not write)."""
    by_offsets = span.doc.user_data.get(MENTIONS_KEY)
    return by_offsets.get((span.start_char, span.end_char)) if by_offsets else None


def _getter(field: str):
    def get(span: Span):
        record = record_of(span)
        return getattr(record, field) if record is not None else None
    return get


for _name, _field in SPAN_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter(_field))


def mention_from_span(ent: Span, sentence: int = 0) -> Mention:
    """A Mention for an entity span (extension values come from its record, when there is one)."""
    return Mention(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_,
                   id=ent._.concept_id, name=ent._.concept_name, sentence=sentence,
                   source=ent._.source or "model", score=ent._.score if ent._.score is not None else 1.0,
                   related_id=ent._.related_id)


class TokenBounds:
    """Character offsets of a Doc's tokens, to find the tokens of a character span without building Token
    objects (`doc.char_span` creates several per call, the entity writer's main cost)."""

    def __init__(self, doc: Doc):
        offsets = doc.to_array([IDX, LENGTH]).reshape(-1, 2)
        self.starts, self.ends = offsets[:, 0].tolist(), (offsets[:, 0] + offsets[:, 1]).tolist()

    def tokens(self, start: int, end: int) -> tuple[int, int] | None:
        """(first, last + 1) of the tokens overlapping [start, end), like `char_span(alignment_mode="expand")`
        for a span that starts and ends inside tokens; None outside the text.

        >>> import spacy
        >>> bounds = TokenBounds(spacy.blank("en")("neuropathic pain relief"))
        >>> bounds.tokens(0, 16), bounds.tokens(3, 14), bounds.chars(0, 2)
        ((0, 2), (0, 2), (0, 16))
        """
        first = bisect_right(self.starts, start) - 1
        last = bisect_left(self.ends, end)
        return (first, last + 1) if first >= 0 and last < len(self.ends) and first <= last else None

    def chars(self, first: int, stop: int) -> tuple[int, int]:
        """(start_char, end_char) of the tokens first .. stop - 1."""
        return self.starts[first], self.ends[stop - 1]


Entry = tuple[Span | None, tuple[int, int], Mention]  # entity (None: a record only), record key, record


def entries_for(doc: Doc, mentions: Iterable[Mention]) -> list[Entry]:
    """Each mention (in text order, not overlapping) with the smallest run of tokens that holds it as its entity,
    keyed by those tokens' characters. A mention inside a token an earlier one holds ("Cl" of the token
    "K(+)-2Cl(-" after "K") keeps its record, keyed by its own characters, but has no spaCy entity: entities are
    whole tokens and may not share one."""
    bounds = TokenBounds(doc)
    taken: set[int] = set()  # token indices already inside an entity
    entries: list[Entry] = []
    for m in mentions:
        tokens = bounds.tokens(m.start, m.end)
        if tokens is None:
            continue
        if taken.isdisjoint(range(*tokens)):
            taken.update(range(*tokens))
            entries.append((Span(doc, *tokens, label=m.label), bounds.chars(*tokens), m))
        else:
            entries.append((None, (m.start, m.end), m))
    return entries


def write_mentions(doc: Doc, entries: list[Entry]) -> None:
    """Make `entries` the doc's entities: `doc.ents` and their Mention records, keyed by the spans' character
    offsets (given: reading `span.start_char` builds Tokens)."""
    # = `doc.ents = …` without copying each Span
    doc.set_ents([span for span, _, _ in entries if span is not None], default="outside")
    doc.user_data[MENTIONS_KEY] = {key: m for _, key, m in entries}


def mentions_of(doc: Doc) -> list[Mention]:
    """The doc's Mention records in text order (built from `doc.ents` when the pipeline kept none)."""
    kept = doc.user_data.get(MENTIONS_KEY)
    if kept is None:
        return [mention_from_span(e) for e in doc.ents]
    return [kept[key] for key in sorted(kept)]


def sentences_of(doc: Doc, text_length: int) -> list[tuple[int, int]]:
    """Sentence character spans: those `meshtag_sentences` recorded, else spaCy's, else the whole text."""
    kept = doc.user_data.get(SENTENCES_KEY)
    if kept is not None:
        return list(kept)
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [(0, text_length)]
