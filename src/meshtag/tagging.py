"""Tag Documents with a meshtag pipeline: the library function behind `meshtag tag`."""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.heap import frozen_heap
from meshtag.model import Document
from meshtag.nlp.candidates import TEXT_KEY
from meshtag.nlp.mentions import mentions_of, sentences_of
from meshtag.nlp.sentences import TITLE_END_KEY

DEFAULT_BATCH_SIZE = 64


def to_spacy(nlp: Language, document: Document) -> Doc:
    """An unprocessed spaCy Doc for a Document, knowing where the title ends."""
    text = document.text
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    if document.title and document.abstract:
        doc.user_data[TITLE_END_KEY] = document.abstract_offset
    return doc


def fill_document(document: Document, doc: Doc) -> Document:
    """Copy sentences and entities of a processed Doc into the Document (offsets over Document.text)."""
    document.sentences = sentences_of(doc, len(document.text))
    starts = [s for s, _ in document.sentences]
    document.mentions = mentions_of(doc)
    for m in document.mentions:
        m.sentence = max(0, bisect_right(starts, m.start) - 1)
    return document


def tag_documents(documents: Iterable[Document], nlp: Language | None = None,
                  batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Document]:
    """Yield each Document with `mentions` and `sentences` filled, streaming (constant memory)."""
    if nlp is None:
        from meshtag.nlp.pipeline import load

        nlp = load()
    pairs = ((to_spacy(nlp, d), d) for d in documents)
    with frozen_heap():
        for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield fill_document(document, doc)


def tag_text(text: str, nlp: Language | None = None, doc_id: str = "text") -> Document:
    """Tag one piece of text; mention offsets are over `text` itself."""
    return next(tag_documents([Document(id=doc_id, title=text)], nlp))
