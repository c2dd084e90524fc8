"""Concept-by-unit and concept-pair counts, computed in DuckDB over the corpus views (no Python loops).

Temp tables made on the connection (one set at a time):

- ``_concepts(cid, concept_id, name, label)``: every concept counted (with --rollup, also ancestors and
  pharmacological actions), ``cid`` a dense integer key;
- ``_docs(did, doc_id, pmid, doi)``;
- ``_dc(did, cid, label, sents, in_title, in_abstract)``: one row per document and concept, with the
  sentence indices it occurs in and the paragraphs (title / abstract) it occurs in;
- ``_pairs(ca, cb, n_doc, n_sent, c_ab)``: documents and sentences mentioning both, and the weighted
  co-mention count of the STRING score; ``ca < cb`` unless two distinct labels fix the orientation;
- ``_marg(cid, n_doc, n_sent, c_a)``: units mentioning each concept and its summed weighted count.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa

from meshtag.analysis.concepts import ConceptSource, concept_info, rollup_closure
from meshtag.analysis.stats import STRING_WEIGHTS
from meshtag.errors import MeshtagError

if TYPE_CHECKING:
    import duckdb

LEVELS = ("sentence", "document")


def sql_str(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


@dataclass
class PairTables:
    """Handles to the temp tables built by `build_pair_tables` and the corpus-wide totals."""

    con: "duckdb.DuckDBPyConnection"
    labels: tuple[str, ...] | None
    rollup: bool
    n_documents: int
    n_sentences: int
    c_total: float

    def n_total(self, level: str) -> int:
        return self.n_documents if level == "document" else self.n_sentences

    def cids(self, concept_ids: Sequence[str]) -> list[int]:
        """Integer keys of the given concept ids (ids absent from the corpus are dropped)."""
        if not concept_ids:
            return []
        wanted = ", ".join(sql_str(c) for c in concept_ids)
        rows = self.con.execute(f"SELECT cid FROM _concepts WHERE concept_id IN ({wanted})").fetchall()
        return [r[0] for r in rows]


def _concept_tables(con: "duckdb.DuckDBPyConnection", kb: ConceptSource | None, rollup: bool) -> None:
    """Create `_concepts` (and `_expand`, `_related` for rollup) from the mentions and the KB."""
    corpus = con.execute("""
        SELECT concept_id, mode(concept_name) AS name, mode(label) AS label
        FROM mentions WHERE concept_id IS NOT NULL GROUP BY concept_id""").df()
    names = dict(zip(corpus.concept_id, corpus.name))
    labels = dict(zip(corpus.concept_id, corpus.label))
    edges: list[tuple[str, str]] = []
    related: list[tuple[str, str]] = []
    if rollup:
        if kb is None:
            raise MeshtagError("--rollup needs the MeSH knowledge base (ancestors and pharmacological actions)")
        closure = rollup_closure(kb, corpus.concept_id)
        for source in corpus.concept_id:
            edges.extend((source, target) for target in closure[source])
        for concept_id, targets in closure.items():
            related.extend((concept_id, t) for t in targets)
            related.extend((t, concept_id) for t in targets)
            if concept_id not in names:
                info = concept_info(kb, concept_id)
                names[concept_id] = info.name or concept_id
                labels[concept_id] = info.label
        for source, target in edges:  # a rolled-up concept without a KB label takes its first source's
            if labels.get(target) is None:
                labels[target] = labels[source]
    ids = sorted(names)
    cid = {c: i for i, c in enumerate(ids)}
    con.register("_concepts_arrow", pa.table({
        "cid": pa.array(range(len(ids)), pa.int32()), "concept_id": ids,
        "name": [names[c] for c in ids], "label": [labels[c] for c in ids],
    }))
    con.execute("CREATE OR REPLACE TEMP TABLE _concepts AS SELECT * FROM _concepts_arrow")
    con.unregister("_concepts_arrow")
    pairs = {"_expand": [(c, c) for c in corpus.concept_id] + edges, "_related": related}
    for table, rows in pairs.items():
        con.register("_edges_arrow", pa.table({
            "x": pa.array([cid[a] for a, _ in rows], pa.int32()), "y": pa.array([cid[b] for _, b in rows], pa.int32()),
        }))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT DISTINCT x, y FROM _edges_arrow")
        con.unregister("_edges_arrow")


def build_pair_tables(con: "duckdb.DuckDBPyConnection", *, kb: ConceptSource | None = None,
                      rollup: bool = False, labels: Sequence[str] | None = None) -> PairTables:
    """Count concepts per document/sentence and every co-mentioned pair, restricted to `labels`.

    With two distinct labels, pairs are oriented (a has the first label, b the second); otherwise
    unordered. With `rollup`, each mention also counts for its concept's ancestors and pharmacological
    actions, and pairs of a concept with one of its own roll-up targets are dropped.
    """
    labels = tuple(labels) if labels else None
    _concept_tables(con, kb, rollup)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _docs AS
        SELECT (row_number() OVER (ORDER BY doc_id) - 1)::INTEGER AS did, doc_id, pmid, doi,
               length(coalesce(title, '')) + 1 AS abstract_offset
        FROM documents""")
    concept_of = "JOIN _expand x ON x.x = c.cid JOIN _concepts t ON t.cid = x.y" if rollup else \
        "JOIN _concepts t ON t.cid = c.cid"
    label_filter = f"WHERE t.label IN ({', '.join(sql_str(l) for l in labels)})" if labels else ""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _dc AS
        SELECT d.did, t.cid, any_value(t.label) AS label,
               list_sort(list_distinct(list(m.sentence))) AS sents,
               bool_or(m.start < d.abstract_offset) AS in_title,
               bool_or(m.start >= d.abstract_offset) AS in_abstract
        FROM mentions m JOIN _docs d ON d.doc_id = m.doc_id
        JOIN _concepts c ON c.concept_id = m.concept_id {concept_of}
        {label_filter}
        GROUP BY d.did, t.cid""")
    if labels and len(labels) == 2 and labels[0] != labels[1]:
        orient = f"a.label = {sql_str(labels[0])} AND b.label = {sql_str(labels[1])}"
    else:
        orient = "a.cid < b.cid"
    w = STRING_WEIGHTS
    not_related = "ANTI JOIN _related r ON r.x = p.ca AND r.y = p.cb" if rollup else ""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _pairs AS
        SELECT p.* FROM (
            SELECT ca, cb, count(*) AS n_doc, sum(shared)::BIGINT AS n_sent,
                   sum({w['document']} + {w['paragraph']} * ((a_t AND b_t) OR (a_ab AND b_ab))::INT
                       + {w['sentence']} * (shared > 0)::INT) AS c_ab
            FROM (SELECT a.cid AS ca, b.cid AS cb, len(list_intersect(a.sents, b.sents)) AS shared,
                         a.in_title AS a_t, a.in_abstract AS a_ab, b.in_title AS b_t, b.in_abstract AS b_ab
                  FROM _dc a JOIN _dc b ON a.did = b.did AND {orient})
            GROUP BY ca, cb) p {not_related}""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _marg AS
        SELECT u.cid, u.n_doc, u.n_sent, coalesce(w.c_a, 0) AS c_a
        FROM (SELECT cid, count(*) AS n_doc, sum(len(sents))::BIGINT AS n_sent FROM _dc GROUP BY cid) u
        LEFT JOIN (SELECT cid, sum(c) AS c_a FROM (
                       SELECT ca AS cid, c_ab AS c FROM _pairs UNION ALL SELECT cb, c_ab FROM _pairs)
                   GROUP BY cid) w USING (cid)""")
    n_documents = con.execute("SELECT count(*) FROM _docs").fetchall()[0][0]
    n_sentences = con.execute("SELECT count(*) FROM sentences").fetchall()[0][0]
    c_total = con.execute("SELECT coalesce(sum(c_ab), 0) FROM _pairs").fetchall()[0][0]
    return PairTables(con, labels, rollup, int(n_documents), int(n_sentences), float(c_total))

