"""Candidate mentions passed between pipeline components before they become `doc.ents`.

Components append to and filter one list kept in `doc.user_data`, so each stays small and the
final component alone decides overlaps and writes entities.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc
from spacy.util import minibatch

CANDIDATES_KEY = "meshtag_candidates"
TEXT_KEY = "meshtag_text"
UNLABELLED_NAMES_KEY = "meshtag_unlabelled_names"
PIPE_BATCH = 64  # docs each component takes at a time in nlp.pipe
# Among overlapping candidates of equal length, a definition in the text beats the dictionary beats the model
# beats a pattern (meshtag_drug_codes).
SOURCE_PRIORITY = {"curation": 0, "abbreviation": 1, "dictionary": 2, "model": 3, "pattern": 4}


@dataclass
class Candidate:
    """A span (character offsets over doc.text) with the concepts it may denote, best first."""

    start: int
    end: int
    concept_ids: tuple[str, ...]
    source: str                      # dictionary | abbreviation | model | curation | pattern
    score: float = 1.0
    ambiguous: bool = False          # short or common-word alias: needs a definition or context
    case_ok: bool = True             # surface casing agrees with the term's casing (MOR vs mor)
    label: str | None = None         # set when the model proposes a label before linking
    notes: list[str] = field(default_factory=list)
    related_id: str | None = None    # closest MeSH concept of an unlinked candidate (a new drug's INN stem class)

    def overlaps(self, other: "Candidate") -> bool:
        return self.start < other.end and other.start < self.end


def displaced_by(candidates: list[Candidate], new: list[Candidate]) -> list[Candidate]:
    """The candidates that overlap none of `new`, then `new`: readings a component makes replace what they cover.

    >>> old = [Candidate(0, 2, ("A",), "dictionary"), Candidate(4, 9, ("B",), "dictionary")]
    >>> [c.concept_ids for c in displaced_by(old, [Candidate(5, 12, ("C",), "pattern")])]
    [('A',), ('C',)]
    """
    return [c for c in candidates if not any(c.overlaps(n) for n in new)] + new


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidate where spans overlap (ties: source priority, then leftmost).

    >>> a = Candidate(0, 16, ("MESH:D009437",), "dictionary")   # "neuropathic pain"
    >>> b = Candidate(12, 16, ("MESH:D010146",), "dictionary")  # "pain"
    >>> [(c.start, c.end) for c in resolve_overlaps([b, a])]
    [(0, 16)]
    """
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), SOURCE_PRIORITY.get(c.source, 9), c.start))
    taken = bytearray(max((c.end for c in candidates), default=0))  # 1 where a chosen candidate lies
    chosen: list[Candidate] = []
    for cand in ranked:
        if taken.find(1, cand.start, cand.end) < 0:
            chosen.append(cand)
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    return sorted(chosen, key=lambda c: c.start)


def earliest_start_by_end(candidates: Iterable[Candidate]) -> dict[int, int]:
    """End offset -> the earliest start of the candidates that end there (the longest name ending at a place).

    >>> earliest_start_by_end([Candidate(4, 9, (), "dictionary"), Candidate(0, 9, (), "dictionary")])
    {9: 0}
    """
    starts: dict[int, int] = {}
    for c in candidates:
        starts[c.end] = min(c.start, starts.get(c.end, c.start))
    return starts


def without_crossed_drugs(candidates: list[Candidate], label_of: Callable[[Candidate], str | None]) -> list[Candidate]:
    """Drop each drug that starts inside a receptor name and runs past it: in "beta-adrenergic receptor
    antagonist" the class "adrenergic receptor antagonist" (Adrenergic Antagonists) would win overlap resolution
    as the longer span and lose the receptor's subtype; a class MeSH names whole is one longer match instead
    (annotation guidelines 1.4).

    >>> rec, drug = Candidate(0, 24, ("R",), "dictionary"), Candidate(5, 35, ("D",), "dictionary")
    >>> labels = {"R": "RECEPTOR", "D": "DRUG"}
    >>> [c.concept_ids for c in without_crossed_drugs([rec, drug], lambda c: labels[c.concept_ids[0]])]
    [('R',)]
    """
    receptors = [c for c in candidates if label_of(c) == "RECEPTOR"]
    if not receptors:
        return candidates
    return [c for c in candidates
            if not any(r.start < c.start < r.end < c.end for r in receptors) or label_of(c) != "DRUG"]


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once per Doc (spaCy rebuilds it from every token on each access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class StatelessComponent:
    """A pipeline component whose whole state is its config: the KB and curated files it reads are
    external resources named there, so serialising the pipeline writes nothing for it."""

    def pipe(self, docs: Iterable[Doc], batch_size: int = PIPE_BATCH) -> Iterator[Doc]:
        """Run over `batch_size` docs before passing them on (spaCy's default for a plain callable passes
        each doc through every step in turn): one step at a time keeps its code and data in the CPU caches,
        ~10% faster. An exception propagates as with spaCy's default error handler."""
        for batch in minibatch(docs, batch_size):
            yield from [self(doc) for doc in batch]

    def to_disk(self, path, exclude=()) -> None:
        pass

    def from_disk(self, path, exclude=()):
        return self


class KBComponent(StatelessComponent):
    """A component that reads the knowledge base named by its `kb_path` config (None: the default)."""

    def __init__(self, kb_path: str | None = None):
        self.kb = get_kb(kb_path)


def unlabelled_names(doc: Doc) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, concept ids) of the longest KB terms with no labelled concept that the dictionary found around
    labelled ones ("tumor necrosis factor-alpha"): under meshtag's conventions a disease or chemical word inside a
    gene product's name is no mention (meshtag.nlp.entities)."""
    return doc.user_data.setdefault(UNLABELLED_NAMES_KEY, [])


def get_candidates(doc: Doc) -> list[Candidate]:
    """The doc's candidate list (created empty on first use)."""
    return doc.user_data.setdefault(CANDIDATES_KEY, [])


def set_candidates(doc: Doc, candidates: list[Candidate]) -> None:
    doc.user_data[CANDIDATES_KEY] = candidates


@lru_cache(maxsize=4)
def get_kb(path: str | None = None, curation_dir: str | None = None, curation_fingerprint: str = ""):
    """The knowledge base for `path` (None: the committed default), loaded once per process.

    With `curation_dir`, a separate instance that also knows the reviewers' accepted surface forms, so
    one pipeline's curation never leaks into another pipeline of the same process; the fingerprint of
    the folder's decisions is part of the cache key, so an import followed by a new load is seen.
    """
    from meshtag.kb import KnowledgeBase

    kb = KnowledgeBase.load(Path(path) if path else None)
    if curation_dir:
        from meshtag.review.curation import Curation

        kb.add_terms(Curation.load(curation_dir).synonym_rows())
    return kb
