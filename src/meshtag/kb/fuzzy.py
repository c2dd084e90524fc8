"""Fuzzy candidates for `KnowledgeBase.lookup` (placeholder until the token index lands)."""
from __future__ import annotations


def fuzzy_candidates(kb, key: str, limit: int) -> list[tuple[int, float]]:
    return []
