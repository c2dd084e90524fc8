"""Co-occurrence of concepts at sentence or document level, with association statistics and evidence."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from meshtag.analysis import stats
from meshtag.analysis.concepts import ConceptSource
from meshtag.analysis.pairs import LEVELS, PairTables, build_pair_tables
from meshtag.analysis.query import resolve_query
from meshtag.errors import MeshtagError

if TYPE_CHECKING:
    import duckdb

COLUMNS = ["a_id", "a_name", "a_label", "b_id", "b_name", "b_label", "n_ab", "n_a", "n_b", "n_total",
           "expected", "pmi", "npmi", "lift", "p_value", "q_value", "score", "doc_ids", "evidence"]


@dataclass(frozen=True)
class Evidence:
    """One sentence showing a co-mention (two sentences joined by " … " when only the document is shared)."""

    doc_id: str
    pmid: str | None
    doi: str | None
    text: str


def _set_table(con: "duckdb.DuckDBPyConnection", name: str, cids: Sequence[int]) -> None:
    con.register(f"{name}_arrow", pa.table({"cid": pa.array(sorted(set(cids)), pa.int32())}))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
    con.unregister(f"{name}_arrow")


def _query_cids(con: "duckdb.DuckDBPyConnection", tables: PairTables, query: str,
                kb: ConceptSource | None) -> list[int]:
    """Keys of the concepts a query means; an error when none of them is counted in this corpus."""
    ids = resolve_query(con, query, kb)
    cids = tables.cids(ids)
    if not cids:
        hint = "" if tables.rollup else " (with --rollup, mentions of narrower concepts count for it)"
        raise MeshtagError(f"{query!r} ({', '.join(ids)}) is not mentioned in this corpus{hint}")
    return cids


def _selection(tables: PairTables, has_a: bool, has_b: bool) -> tuple[str, str]:
    """WHERE clause and swap condition that put the --a concepts on the a side (and --b on the b side)."""
    def member(side: str, table: str) -> str:
        return f"{side} IN (SELECT cid FROM {table})"

    if has_a and has_b:
        where = (f"({member('ca', '_qa')} AND {member('cb', '_qb')}) OR "
                 f"({member('ca', '_qb')} AND {member('cb', '_qa')})")
        swap = f"NOT ({member('ca', '_qa')} AND {member('cb', '_qb')})"
    elif has_a or has_b:
        table = "_qa" if has_a else "_qb"
        where = f"{member('ca', table)} OR {member('cb', table)}"
        swap = f"NOT {member('ca', table)}" if has_a else f"NOT {member('cb', table)}"
    else:
        where, swap = "TRUE", "FALSE"
    oriented = tables.labels is not None and len(tables.labels) == 2 and tables.labels[0] != tables.labels[1]
    return where, "FALSE" if oriented else swap


def cooccurrence(con: "duckdb.DuckDBPyConnection", *, a: str | None = None, b: str | None = None,
                 labels: Sequence[str] | None = None, level: str = "sentence", rollup: bool = False,
                 min_count: int = 1, top: int | None = None, kb: ConceptSource | None = None,
                 evidence: int = 5, max_doc_ids: int = 100) -> pd.DataFrame:
    """One row per co-mentioned concept pair (columns `COLUMNS`), most significant (Fisher p) first,
    ties broken by the STRING score.

    `a`/`b` are queries (see `resolve_query`); `labels` restricts both sides (two labels: a has the first,
    b the second); `min_count` is the least n_ab kept. q-values are Benjamini–Hochberg over every pair that
    passes the filters (before `top` cuts the list), so they never understate the multiple testing.
    """
    if level not in LEVELS:
        raise MeshtagError(f"unknown co-occurrence level {level!r} (sentence or document)")
    tables = build_pair_tables(con, kb=kb, rollup=rollup, labels=labels)
    for name, query in (("_qa", a), ("_qb", b)):
        _set_table(con, name, _query_cids(con, tables, query, kb) if query else [])
    where, swap = _selection(tables, a is not None, b is not None)
    n_col = "n_doc" if level == "document" else "n_sent"
    frame = con.execute(f"""
        WITH sel AS (
            SELECT CASE WHEN {swap} THEN cb ELSE ca END AS ca, CASE WHEN {swap} THEN ca ELSE cb END AS cb,
                   {n_col} AS n_ab, c_ab
            FROM _pairs WHERE {n_col} >= greatest(?, 1) AND ({where}))
        SELECT sel.ca, sel.cb, ca_.concept_id AS a_id, ca_.name AS a_name, ca_.label AS a_label,
               cb_.concept_id AS b_id, cb_.name AS b_name, cb_.label AS b_label,
               sel.n_ab, ma.{n_col} AS n_a, mb.{n_col} AS n_b, sel.c_ab, ma.c_a, mb.c_a AS c_b
        FROM sel JOIN _concepts ca_ ON ca_.cid = sel.ca JOIN _concepts cb_ ON cb_.cid = sel.cb
        JOIN _marg ma ON ma.cid = sel.ca JOIN _marg mb ON mb.cid = sel.cb""", [int(min_count)]).df()
    frame = _with_statistics(frame, tables.n_total(level), tables.c_total)
    frame = frame.sort_values(["p_value", "score", "n_ab", "a_id", "b_id"],
                              ascending=[True, False, False, True, True], kind="stable").reset_index(drop=True)
    if top is not None:
        frame = frame.head(top)
    frame = _with_evidence(con, frame, level, evidence, max_doc_ids)
    return frame[COLUMNS]


def _with_statistics(frame: pd.DataFrame, n_total: int, c_total: float) -> pd.DataFrame:
    n_ab, n_a, n_b = (frame[c].to_numpy(np.int64) for c in ("n_ab", "n_a", "n_b"))
    frame["n_total"] = n_total
    frame["expected"] = stats.expected(n_a, n_b, n_total)
    frame["pmi"] = stats.pmi(n_ab, n_a, n_b, n_total)
    frame["npmi"] = stats.npmi(n_ab, n_a, n_b, n_total)
    frame["lift"] = stats.lift(n_ab, n_a, n_b, n_total)
    frame["p_value"] = stats.fisher_greater(n_ab, n_a, n_b, n_total)
    frame["q_value"] = stats.benjamini_hochberg(frame["p_value"].to_numpy())
    frame["score"] = stats.comention_score(frame["c_ab"], frame["c_a"], frame["c_b"], c_total)
    return frame


def _with_evidence(con: "duckdb.DuckDBPyConnection", frame: pd.DataFrame, level: str, evidence: int,
                   max_doc_ids: int) -> pd.DataFrame:
    """Add `doc_ids` (documents with the co-mention, first `max_doc_ids`) and `evidence` sentences."""
    con.register("_rp_arrow", pa.table({"ca": pa.array(frame["ca"], pa.int32()),
                                        "cb": pa.array(frame["cb"], pa.int32())}))
    shared_only = "WHERE len(list_intersect(a.sents, b.sents)) > 0" if level == "sentence" else ""
    # Start from documents holding both (bounded by n_ab), never from all documents of a frequent concept.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _hits AS
        SELECT a.cid AS ca, b.cid AS cb, a.did, list_sort(list_intersect(a.sents, b.sents)) AS shared,
               a.sents[1] AS sa, b.sents[1] AS sb
        FROM (SELECT * FROM _dc WHERE cid IN (SELECT ca FROM _rp_arrow)) a
        JOIN (SELECT * FROM _dc WHERE cid IN (SELECT cb FROM _rp_arrow)) b ON b.did = a.did AND b.cid <> a.cid
        SEMI JOIN _rp_arrow rp ON rp.ca = a.cid AND rp.cb = b.cid
        {shared_only}""")
    con.unregister("_rp_arrow")
    hits = con.execute(f"""
        WITH ids AS (
            SELECT ca, cb, list(d.doc_id ORDER BY h.did) AS doc_ids
            FROM (SELECT ca, cb, did FROM _hits
                  QUALIFY row_number() OVER (PARTITION BY ca, cb ORDER BY did) <= {int(max_doc_ids)}) h
            JOIN _docs d ON d.did = h.did GROUP BY ca, cb),
        per_sentence AS (
            SELECT ca, cb, did, sa, sb,
                   unnest(CASE WHEN len(shared) > 0 THEN shared ELSE [NULL::INTEGER] END) AS s
            FROM _hits
            QUALIFY row_number() OVER (PARTITION BY ca, cb ORDER BY len(shared) = 0, did) <= {int(evidence)}),
        ranked AS (
            SELECT *, row_number() OVER (PARTITION BY ca, cb ORDER BY s IS NULL, k, did) AS rank
            FROM (SELECT *, row_number() OVER (PARTITION BY ca, cb, did ORDER BY s) AS k FROM per_sentence)
            QUALIFY rank <= {int(evidence)}),
        ev AS (
            SELECT ranked.ca, ranked.cb, ranked.rank, d.doc_id, d.pmid, d.doi,
                   CASE WHEN s IS NOT NULL THEN s1.text ELSE s1.text || ' … ' || s2.text END AS text
            FROM ranked JOIN _docs d ON d.did = ranked.did
            JOIN sentences s1 ON s1.doc_id = d.doc_id AND s1.sentence = coalesce(ranked.s, ranked.sa)
            LEFT JOIN sentences s2 ON s2.doc_id = d.doc_id AND s2.sentence = ranked.sb),
        evl AS (
            SELECT ca, cb, list(struct_pack(doc_id := doc_id, pmid := pmid, doi := doi, text := text)
                                ORDER BY rank) AS evidence
            FROM ev GROUP BY ca, cb)
        SELECT ids.ca, ids.cb, ids.doc_ids, evl.evidence
        FROM ids LEFT JOIN evl USING (ca, cb)""").df()
    merged = frame.merge(hits, on=["ca", "cb"], how="left")
    merged["doc_ids"] = [list(v) if isinstance(v, (list, np.ndarray)) else [] for v in merged["doc_ids"]]
    merged["evidence"] = [[Evidence(**e) for e in v] if isinstance(v, (list, np.ndarray)) else []
                          for v in merged["evidence"]]
    return merged
