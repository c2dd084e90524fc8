"""Turn a user's --a/--b QUERY into concept ids: an id, an abbreviation defined in the corpus, a concept
name in the corpus, a surface form tagged in the corpus, or a name/synonym known to the KB — in that order.

Corpus evidence comes before the KB so that a query finds the concept the corpus was actually linked to."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from meshtag.analysis.concepts import ConceptSource
from meshtag.errors import MeshtagError

if TYPE_CHECKING:
    import duckdb

_MESH_ID = re.compile(r"^(?:MESH:)?([DC]\d{6,9})$", re.IGNORECASE)
_PREFIXED_ID = re.compile(r"^[A-Za-z]+:\S+$")
MIN_LOOKUP_SCORE = 0.9  # KB lookup: exact (1.0) or reordered (0.95) names; fuzzy matches only as a hint


def _most_frequent(con: "duckdb.DuckDBPyConnection", where: str, value: str) -> list[str]:
    rows = con.execute(f"""
        SELECT concept_id FROM mentions WHERE concept_id IS NOT NULL AND {where}
        GROUP BY concept_id ORDER BY count(*) DESC, concept_id LIMIT 1""", [value]).fetchall()
    return [r[0] for r in rows]


def resolve_query(con: "duckdb.DuckDBPyConnection", query: str, kb: ConceptSource | None = None) -> list[str]:
    """Concept ids meant by `query` ("MESH:D000928", "D000928", "S1R", "amitriptyline", "antidepressants");
    raises MeshtagError when nothing matches."""
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
    found = _most_frequent(con, "lower(text) = lower(?)", text)
    if found:
        return found
    candidates = list(kb.lookup(text, 5) or []) if kb is not None else []
    confident = [c for c in candidates if c.score >= MIN_LOOKUP_SCORE]
    if confident:
        best = max(c.score for c in confident)
        return [c.id for c in confident if c.score == best]
    hint = f"; did you mean {candidates[0].name} ({candidates[0].id})?" if candidates else ""
    raise MeshtagError(f"no concept matches {query!r} (not an id, a corpus abbreviation, a name or a synonym){hint}")
