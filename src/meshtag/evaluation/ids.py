"""Concept-id normalisation for scoring: one canonical form for gold and predicted ids.

The corpora were annotated against MeSH ~2015; some of those ids were since merged or promoted
(C047781 lamotrigine is now D000077213). `id_equivalence_2015.tsv` maps them to the current concept so
a correct prediction made against today's MeSH is not scored as an error; `precoordinated_2015.tsv` maps
a concept added since for what the annotators wrote as two (Cystitis, Hemorrhagic = Hemorrhage|Cystitis);
`omim_mesh_crosswalk.tsv` maps the OMIM ids NCBI-disease used for diseases MeSH then lacked to the MeSH concept
that covers them now (C7 deficiency, OMIM:610102 = C566443), mined from its training set; `retired_ids_2015.tsv`
maps the retired ids the first table lacks (C063008 mycophenolate mofetil, now under Mycophenolic Acid).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

from meshtag.model import Document, Mention

_UNLINKED = {"", "-1", "-", "none", "null", "cui-less"}
_BARE_MESH = re.compile(r"^[CD]\d{6,9}$")
_SEPARATORS = re.compile(r"[|;]")
EQUIVALENCE_FILES = ("id_equivalence_2015.tsv", "precoordinated_2015.tsv", "omim_mesh_crosswalk.tsv",
                     "retired_ids_2015.tsv")
OMIM_CROSSWALK = EQUIVALENCE_FILES[2]
_HEADERS = ("old_id", "current_id", "omim_id")


@lru_cache(maxsize=1)
def equivalence_table() -> dict[str, str]:
    """Id -> the id(s) it is scored as, all prefixed `MESH:` ("|" between two): old MeSH ids to the current
    concept (id_equivalence_2015.tsv, retired_ids_2015.tsv), current concepts to the 2015 pair they replace
    (precoordinated_2015.tsv), OMIM ids to the MeSH concept covering them (omim_mesh_crosswalk.tsv)."""
    table: dict[str, str] = {}
    for name in EQUIVALENCE_FILES:
        text = resources.files("meshtag.evaluation").joinpath(name).read_text("utf-8")
        for line in text.splitlines():
            if line and not line.startswith("#") and not line.startswith(_HEADERS):
                key, value = line.split("\t")[:2]
                table[canonical_id(key)] = "|".join(canonical_id(v) for v in value.split("|"))
    return table


@lru_cache(maxsize=1)
def replaced_2015_ids() -> frozenset[str]:
    """Every id the equivalence tables already relate to a 2015 concept, on either side (Lamotrigine, which replaced
    C047781; Cystitis, Hemorrhagic, scored as its 2015 pair): meshtag.kb.era leaves these to scoring."""
    return frozenset(equivalence_table()) | {i for value in equivalence_table().values() for i in value.split("|")}


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
    >>> sorted(concept_ids("MESH:D000096722"))
    ['MESH:D003556', 'MESH:D006470']
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
        out.update(table.get(cid, cid).split("|"))
    return frozenset(out)


def namespaces(docs: Iterable[Document]) -> frozenset[str]:
    """The id prefixes ("MESH", "OMIM", "HGNC") the mentions of these documents use."""
    return frozenset(cid.split(":", 1)[0] for d in docs for m in d.mentions for cid in concept_ids(m.id))


def mention_ids(mention: Mention, gold_namespaces: frozenset[str] | None = None,
                equivalence: Mapping[str, str] | None = None) -> frozenset[str]:
    """The concepts a predicted mention is scored as: its id's, or, when its id is in a namespace the gold
    never uses (an HGNC gene MeSH has no concept for), the closest MeSH concept it carries alongside.

    >>> m = Mention(0, 6, "CHRNA4", "RECEPTOR", id="HGNC:1958", related_id="MESH:D011978")
    >>> sorted(mention_ids(m, frozenset({"MESH"}))), sorted(mention_ids(m, frozenset({"MESH", "HGNC"})))
    (['MESH:D011978'], ['HGNC:1958'])
    """
    ids = concept_ids(mention.id, equivalence)
    if gold_namespaces is not None and mention.related_id and ids and \
            not any(cid.split(":", 1)[0] in gold_namespaces for cid in ids):
        return concept_ids(mention.related_id, equivalence)
    return ids
