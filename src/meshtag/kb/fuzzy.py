"""Fuzzy candidates for `KnowledgeBase.lookup`, straight from the term trie (no extra index to ship).

Candidate keys come from three cheap generators — spelling variants at edit distance 1 of each token
("neuropatic" -> "neuropathic"), completions of the query ("opioid receptor" -> "opioid receptor mu"),
and the query with one token left out ("painful diabetic neuropathy" -> "diabetic neuropathy") — and
are scored by character similarity (difflib ratio, scaled below the 0.95 of a reordered exact match).
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Callable, Iterable, Iterator

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_MAX_COMPLETIONS = 40
FUZZY_CEILING = 0.9


def edits1(token: str) -> set[str]:
    """Every string at edit distance 1 (deletion, transposition, substitution, insertion).

    >>> sorted(edits1("ab"))[:5], len(edits1("ab"))
    (['a', 'aa', 'aab', 'ab', 'aba'], 130)
    """
    splits = [(token[:i], token[i:]) for i in range(len(token) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | transposes | replaces | inserts


def candidate_keys(key: str, has_key: Callable[[str], bool], completions: Callable[[str], Iterable[str]]
                   ) -> Iterator[str]:
    """Term keys near `key` (never `key` itself)."""
    tokens = key.split(" ")
    for i, tok in enumerate(tokens):
        if len(tok) >= 4 and tok.isalpha():
            for variant in edits1(tok):
                cand = " ".join(tokens[:i] + [variant] + tokens[i + 1:])
                if cand != key and has_key(cand):
                    yield cand
    for n, cand in enumerate(completions(key)):
        if n >= _MAX_COMPLETIONS:
            break
        if cand != key:
            yield cand
    if len(tokens) >= 2:
        for i in range(len(tokens)):
            cand = " ".join(tokens[:i] + tokens[i + 1:])
            if has_key(cand):
                yield cand


def score(key: str, cand: str) -> float:
    """Similarity of two keys, below FUZZY_CEILING.

    >>> score("neuropatic pain", "neuropathic pain") > score("neuropatic pain", "pain")
    True
    """
    return FUZZY_CEILING * SequenceMatcher(None, key, cand, autojunk=False).ratio()


def fuzzy_candidates(kb, key: str, limit: int) -> list[tuple[int, float]]:
    """(row, score) of concepts whose terms are near `key`, best first."""
    best: dict[int, float] = {}
    for cand in set(candidate_keys(key, kb.has_key, kb.completions)):
        s = score(key, cand)
        for row, _flags in kb.entries(cand):
            if s > best.get(row, 0.0):
                best[row] = s
    return sorted(best.items(), key=lambda rs: -rs[1])[:limit]
