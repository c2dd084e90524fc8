"""What the analysis needs from the knowledge base, behind a small protocol so tests can inject a fake."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from meshtag.errors import MeshtagError


class ConceptSource(Protocol):
    """The slice of `meshtag.kb.KnowledgeBase` used here: `get`, `ancestors`, `lookup`."""

    def get(self, concept_id: str) -> Any: ...

    def ancestors(self, concept_id: str) -> list[str]: ...

    def lookup(self, text: str, limit: int = 10) -> list[Any]: ...


@dataclass(frozen=True)
class ConceptInfo:
    """Name, label, tree numbers and pharmacological actions of one concept (empty when unknown)."""

    id: str
    name: str | None = None
    label: str | None = None
    tree_numbers: tuple[str, ...] = ()
    pharm_actions: tuple[str, ...] = ()


def load_default_kb(required: bool = False) -> ConceptSource | None:
    """The compiled default KB, or None when it is not available (unless `required`)."""
    try:
        from meshtag.kb import KnowledgeBase  # type: ignore[attr-defined]

        return KnowledgeBase.load()
    except (ImportError, AttributeError, OSError, MeshtagError) as err:
        if required:
            raise MeshtagError(f"the MeSH knowledge base is needed here but could not be loaded: {err}") from err
        return None


def concept_info(kb: ConceptSource | None, concept_id: str) -> ConceptInfo:
    """Look a concept up in the KB; unknown ids (or no KB) give an empty ConceptInfo."""
    if kb is None:
        return ConceptInfo(concept_id)
    try:
        concept = kb.get(concept_id)
    except KeyError:
        concept = None
    if concept is None:
        return ConceptInfo(concept_id)
    return ConceptInfo(
        concept_id, getattr(concept, "name", None), getattr(concept, "label", None),
        tuple(getattr(concept, "tree_numbers", ()) or ()), tuple(getattr(concept, "pharm_actions", ()) or ()),
    )


def _ancestors(kb: ConceptSource, concept_id: str) -> list[str]:
    try:
        return list(kb.ancestors(concept_id) or [])
    except KeyError:
        return []


def rollup_targets(kb: ConceptSource, concept_id: str) -> list[str]:
    """Everything a mention of `concept_id` also counts for under --rollup, nearest first:
    its MeSH ancestors, then its pharmacological actions and their ancestors (no duplicates, not itself)."""
    seen: dict[str, None] = {}
    for target in _ancestors(kb, concept_id):
        seen.setdefault(target, None)
    for action in concept_info(kb, concept_id).pharm_actions:
        seen.setdefault(action, None)
        for target in _ancestors(kb, action):
            seen.setdefault(target, None)
    seen.pop(concept_id, None)
    return list(seen)


def rollup_closure(kb: ConceptSource, concept_ids: Iterable[str]) -> dict[str, list[str]]:
    """`rollup_targets` for the given concepts and for every concept they roll up to."""
    closure: dict[str, list[str]] = {}
    todo = list(dict.fromkeys(concept_ids))
    while todo:
        concept_id = todo.pop()
        if concept_id in closure:
            continue
        closure[concept_id] = rollup_targets(kb, concept_id)
        todo.extend(t for t in closure[concept_id] if t not in closure)
    return closure
