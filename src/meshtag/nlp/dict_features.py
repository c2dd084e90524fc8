"""Dictionary features for the statistical NER: each token's BIO tag of the MeSH dictionary match over it.

The NER learns where the corpora's annotators put boundaries; the dictionary knows 750k names it has
never seen in training. Embedding the dictionary's tag beside the hashed word features lets the model
use both (a classic gain for biomedical NER). The tags come from the compiled KB *without* the curated
overlay, so the training set's own mined conventions never leak into its features, and training and
tagging compute them with the same function.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

import numpy as np
from spacy.ml.featureextractor import FeatureExtractor
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Embed, HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

from meshtag.nlp.dictionary import inside_word

TAGGED_LABELS = ("DRUG", "CONDITION", "RECEPTOR", "BRAIN_REGION")
N_TAGS = 1 + 2 * len(TAGGED_LABELS)   # O, then B-/I- per label
_TAG_BASE = {label: 1 + 2 * i for i, label in enumerate(TAGGED_LABELS)}


@lru_cache(maxsize=1)
def feature_kb():
    """The compiled default KB without curated terms (loaded once per process)."""
    from meshtag.kb import KnowledgeBase

    return KnowledgeBase.load(curation=False)


def match_label(kb, concept_ids: tuple[str, ...]) -> str | None:
    """The label of the first labelled concept a term names, if any."""
    for cid in concept_ids:
        label = kb.label(cid)
        if label in _TAG_BASE:
            return label
    return None


def dictionary_tags(doc: Doc, kb=None) -> np.ndarray:
    """Per-token tag ids (0 = outside) of the longest-leftmost labelled dictionary matches in `doc`."""
    kb = kb or feature_kb()
    text = doc.text
    tags = np.zeros(len(doc), dtype="uint64")
    if not len(doc):
        return tags
    token_starts = np.fromiter((t.idx for t in doc), dtype="int64", count=len(doc))
    free_from = 0
    for match in kb.find_all(text):              # by start, longest first
        if match.start < free_from or inside_word(text, match.start, match.end):
            continue
        label = match_label(kb, match.concept_ids)
        if label is None:
            continue
        first = int(np.searchsorted(token_starts, match.start, side="right")) - 1
        last = int(np.searchsorted(token_starts, match.end, side="left"))
        base = _TAG_BASE[label]
        tags[first] = base
        tags[first + 1:last] = base + 1
        free_from = match.end
    return tags


def dictionary_tagger(kb_getter: Callable = feature_kb) -> Model[list[Doc], list[Ints2d]]:
    """A thinc layer: docs -> one column of dictionary tag ids per doc (no parameters, no gradient)."""

    def forward(model: Model, docs: list[Doc], is_train: bool):
        kb = kb_getter()
        tags = [model.ops.asarray2i(dictionary_tags(doc, kb).reshape(-1, 1), dtype="uint64") for doc in docs]
        return tags, lambda d_tags: []

    return Model("meshtag_dictionary_tags", forward)


@registry.architectures("meshtag.DictionaryHashEmbed.v1")
def dictionary_hash_embed(width: int, attrs: list[str], rows: list[int],
                          dictionary_width: int = 32) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed (hashed NORM/PREFIX/SUFFIX/SHAPE tables) plus an embedded dictionary tag,
    mixed by one Maxout layer to `width`."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows vs {len(attrs)} attrs")
    hashed = [HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0) for i, n_rows in enumerate(rows)]
    lexical = chain(FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*hashed)))
    dictionary = chain(dictionary_tagger(), list2ragged(), with_array(Embed(dictionary_width, N_TAGS, column=0)))
    mix = with_array(Maxout(width, width * len(attrs) + dictionary_width, nP=3, dropout=0.0, normalize=True))
    return chain(concatenate(lexical, dictionary), mix, ragged2list())
