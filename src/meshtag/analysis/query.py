"""Turn a user's --a/--b QUERY into concept ids: an id, an abbreviation defined in the corpus, a name,
a synonym known to the KB, or a surface form seen in the corpus — tried in that order."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from meshtag.analysis.concepts import ConceptSource
from meshtag.errors import MeshtagError

if TYPE_CHECKING:
    import duckdb

_MESH_ID = re.compile(r"^(?:MESH:)?([DC]\d{6,9})$", re.IGNORECASE)
_PREFIXED_ID = re.compile(r"^[A-Za-z]+:\S+$")


def _most_frequent(con: "duckdb.DuckDBPyConnection", where: str, value: str) -> list[str]:
    rows = con.execute(f"""
        SELECT concept_id FROM mentions WHERE concept_id IS NOT NULL AND {where}
        GROUP BY concept_id ORDER BY count(*) DESC, concept_id LIMIT 1""", [value]).fetchall()
    return [r[0] for r in rows]


def resolve_query(con: "duckdb.DuckDBPyConnection", query: str, kb: ConceptSource | None = None) -> list[str]:
    """Concept ids meant by `query`; raises MeshtagError when nothing matches.

    >>> # "MESH:D000928", "D000928", "S1R" (defined as an abbreviation in the corpus), "amitriptyline"
    """
    text = query.strip()
    if not text:
        raise MeshtagError("empty concept query")
    mesh = _MESH_ID.match(text)
    if mesh:
        return ["MESH:" + mesh.group(1).upper()]
    if _PREFIXED_ID.match(text):
        return [text]
    found = _most_frequent(con, "source = 'abbreviation' AND text = ?", text)
    if found:
        return found
    rows = con.execute("""SELECT DISTINCT concept_id FROM mentions
                          WHERE concept_id IS NOT NULL AND lower(concept_name) = lower(?)
                          ORDER BY concept_id""", [text]).fetchall()
    if rows:
        return [r[0] for r in rows]
    if kb is not None:
        candidates = list(kb.lookup(text, 5) or [])
        if candidates:
            best = max(c.score for c in candidates)
            return [c.id for c in candidates if c.score == best]
    found = _most_frequent(con, "lower(text) = lower(?)", text)
    if found:
        return found
    raise MeshtagError(f"no concept matches {query!r} (not an id, a corpus abbreviation, a name or a synonym)")
