"""Reviewer curation inside the pipeline: accepted surface forms become KB terms, and rejections,
remaps and relabels decided in `meshtag review import` are applied to every document's entities."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.model import Document, Mention
from meshtag.nlp.candidates import StatelessComponent, text_of
from meshtag.nlp.mentions import entries_for, mentions_of, write_mentions


def set_entities(doc: Doc, mentions: list[Mention]) -> None:
    """Replace the doc's entities and their records by the given mentions (see `mentions.entries_for`)."""
    write_mentions(doc, entries_for(doc, mentions))


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
        curated = self.curation.apply(Document(id="", title=text_of(doc), mentions=mentions_of(doc)))
        set_entities(doc, curated.mentions)
        return doc
