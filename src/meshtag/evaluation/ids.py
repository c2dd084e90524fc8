"""Concept-id normalisation for scoring: one canonical form for gold and predicted ids.

The corpora were annotated against MeSH ~2015; some of those ids were since merged or promoted
(C047781 lamotrigine is now D000077213). `id_equivalence_2015.tsv` maps them to the current concept so
a correct prediction made against today's MeSH is not scored as an error.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Mapping

_UNLINKED = {"", "-1", "-", "none", "null", "cui-less"}
_BARE_MESH = re.compile(r"^[CD]\d{6,9}$")
_SEPARATORS = re.compile(r"[|;]")


@lru_cache(maxsize=1)
def equivalence_table() -> dict[str, str]:
    """Old MeSH id -> current id, both prefixed `MESH:`, from the bundled id_equivalence_2015.tsv."""
    table: dict[str, str] = {}
    text = resources.files("meshtag.evaluation").joinpath("id_equivalence_2015.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("old_id"):
            continue
        old, new = line.split("\t")[:2]
        table[canonical_id(old)] = canonical_id(new)
    return table


def canonical_id(raw: str) -> str:
    """One id in prefixed form: bare MeSH ids get `MESH:`, prefixes are upper-cased.

    >>> canonical_id(" D003866")
    'MESH:D003866'
    >>> canonical_id("mesh:C005435")
    'MESH:C005435'
    >>> canonical_id("OMIM:217000")
    'OMIM:217000'
    """
    value = raw.strip()
    if _BARE_MESH.match(value):
        return f"MESH:{value}"
    if ":" in value:
        prefix, local = value.split(":", 1)
        return f"{prefix.strip().upper()}:{local.strip()}"
    return value


def concept_ids(raw: str | None, equivalence: Mapping[str, str] | None = None) -> frozenset[str]:
    """All concepts named by an annotation's id field; empty when the mention is unlinked.

    Composite ids (`D1|D2`) give each concept; old ids are replaced through `equivalence`
    (default: the bundled 2015 table).

    >>> sorted(concept_ids(" D001943|D010051"))
    ['MESH:D001943', 'MESH:D010051']
    >>> sorted(concept_ids("MESH:C047781"))
    ['MESH:D000077213']
    >>> concept_ids("-1")
    frozenset()
    """
    if raw is None:
        return frozenset()
    table = equivalence_table() if equivalence is None else equivalence
    out = set()
    for part in _SEPARATORS.split(raw):
        if part.strip().lower() in _UNLINKED:
            continue
        cid = canonical_id(part)
        out.add(table.get(cid, cid))
    return frozenset(out)
