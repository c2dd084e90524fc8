"""Per-concept statistics: how often and where each concept is mentioned, how, and with what."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from meshtag.analysis.concepts import ConceptSource, concept_info
from meshtag.analysis.pairs import build_pair_tables, sql_str
from meshtag.model import LABELS

if TYPE_CHECKING:
    import duckdb

COLUMNS = ["concept_id", "name", "label", "tree_numbers", "mentions", "documents", "surface_forms",
           "cooccurring", "example_sentence", "example_doc_id", "example_pmid", "example_doi"]


def entity_stats(con: "duckdb.DuckDBPyConnection", *, kb: ConceptSource | None = None, label: str | None = None,
                 top: int | None = None, forms: int = 10, partners: int = 5) -> pd.DataFrame:
    """One row per linked concept (columns `COLUMNS`), by label then mentions; `top` keeps N per label.

    `surface_forms` is a list of (text, count), `cooccurring` a list of (id, name, documents) for the
    concepts sharing most documents with it, and the example is the concept's first mention in doc-id order.
    """
    label_filter = f"AND label = {sql_str(label)}" if label else ""
    top_filter = f"QUALIFY row_number() OVER (PARTITION BY label ORDER BY mentions DESC, concept_id) <= {int(top)}" \
        if top is not None else ""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _entities AS
        SELECT * FROM (
            SELECT concept_id, mode(concept_name) AS name, mode(label) AS label,
                   count(*) AS mentions, count(DISTINCT doc_id) AS documents, min(doc_id) AS example_doc_id
            FROM mentions WHERE concept_id IS NOT NULL GROUP BY concept_id)
        WHERE TRUE {label_filter} {top_filter}""")
    frame = con.execute(f"""
        WITH forms AS (
            SELECT concept_id, list(struct_pack(form := text, n := n) ORDER BY n DESC, text)[1:{int(forms)}] AS f
            FROM (SELECT m.concept_id, m.text, count(*) AS n FROM mentions m
                  SEMI JOIN _entities e ON e.concept_id = m.concept_id GROUP BY m.concept_id, m.text)
            GROUP BY concept_id),
        example AS (
            SELECT m.concept_id, min(m.sentence) AS sentence
            FROM mentions m JOIN _entities e ON e.concept_id = m.concept_id AND e.example_doc_id = m.doc_id
            GROUP BY m.concept_id)
        SELECT e.*, forms.f AS surface_forms, s.text AS example_sentence, d.pmid AS example_pmid,
               d.doi AS example_doi
        FROM _entities e JOIN forms USING (concept_id) JOIN example x USING (concept_id)
        LEFT JOIN sentences s ON s.doc_id = e.example_doc_id AND s.sentence = x.sentence
        LEFT JOIN documents d ON d.doc_id = e.example_doc_id""").df()
    frame["surface_forms"] = [[(f["form"], int(f["n"])) for f in v] for v in frame["surface_forms"]]
    frame["cooccurring"] = _partners(con, frame, partners)
    frame["tree_numbers"] = [list(concept_info(kb, c).tree_numbers) for c in frame["concept_id"]]
    order = {name: i for i, name in enumerate(LABELS)}
    frame["_label_order"] = [order.get(lbl, len(order)) for lbl in frame["label"]]
    frame = frame.sort_values(["_label_order", "label", "mentions", "concept_id"],
                              ascending=[True, True, False, True], kind="stable")
    return frame[COLUMNS].reset_index(drop=True)


def _partners(con: "duckdb.DuckDBPyConnection", frame: pd.DataFrame, limit: int) -> list[list[tuple]]:
    """For each concept of `frame`, the `limit` concepts co-mentioned in most documents."""
    if frame.empty or limit <= 0:
        return [[] for _ in range(len(frame))]
    build_pair_tables(con)
    rows = con.execute(f"""
        WITH both_sides AS (SELECT ca AS cid, cb AS other, n_doc FROM _pairs
                            UNION ALL SELECT cb, ca, n_doc FROM _pairs),
        top AS (
            SELECT cid, unnest(max_by(struct_pack(other := other, n := n_doc),
                                      n_doc::BIGINT * 16777216 - other, {int(limit)})) AS p
            FROM both_sides
            WHERE cid IN (SELECT cid FROM _concepts SEMI JOIN _entities USING (concept_id))
            GROUP BY cid)
        SELECT c.concept_id, o.concept_id AS other_id, o.name AS other_name, top.p.n AS n
        FROM top JOIN _concepts c ON c.cid = top.cid JOIN _concepts o ON o.cid = top.p.other""").fetchall()
    found: dict[str, list[tuple]] = {}
    for concept_id, other_id, other_name, n in rows:
        found.setdefault(concept_id, []).append((other_id, other_name, int(n)))
    for partners in found.values():
        partners.sort(key=lambda p: (-p[2], p[0]))
    return [found.get(c, []) for c in frame["concept_id"]]


def unlinked_forms(con: "duckdb.DuckDBPyConnection", *, label: str | None = None) -> pd.DataFrame:
    """The surface forms of mentions kept without a concept (a research compound's code, a model mention below
    the linking threshold, a drug newer than MeSH), most mentioned first: text, label, mentions, documents, and
    related_id, the closest MeSH concept some of them carry (a new drug's INN stem class), else None."""
    label_filter = f"AND label = {sql_str(label)}" if label else ""
    return con.execute(f"""
        SELECT text, label, count(*) AS mentions, count(DISTINCT doc_id) AS documents,
               max(related_id) AS related_id FROM mentions
        WHERE coalesce(concept_id, '') = '' {label_filter}
        GROUP BY text, label ORDER BY mentions DESC, documents DESC, text""").df()
