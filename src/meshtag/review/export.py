"""`meshtag review export`: the concept table a curator marks up, built from a corpus.

Sheet `concepts` has one row per concept, sheet `surface_forms` one row per (surface form, concept), and
after them one row per surface form the tagger kept unlinked (empty concept_id: a name the KB does not know,
such as a research compound's code), which a reviewer can remap to a concept or reject; both sheets end with
the reviewer columns. Decisions already in the curation folder are pre-filled, so a
table can be exported, partly reviewed, imported and exported again without losing work.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meshtag.errors import MeshtagError
from meshtag.model import LABELS, Document
from meshtag.review.curation import Curation
from meshtag.review.decisions import CONCEPT, UNLINKED, Decision, form_key
from meshtag.review.sheets import CSV_SUFFIXES, SHEET_COLUMNS, XLSX_SUFFIXES

_BY_CONCEPT, _BY_FORM = ("concept_id",), ("concept_id", "form")
CONTEXT_CHARS = 100   # characters kept on each side of the marked mention in example_context
MAX_FORMS_LISTED = 10  # surface forms named in a concept row


@dataclass
class ReviewTables:
    """The rows of both sheets, as dicts keyed by the sheet's columns."""

    concepts: list[dict[str, Any]]
    surface_forms: list[dict[str, Any]]


def export_review(corpus: str | os.PathLike, output: str | os.PathLike, *, label: str | None = None,
                  min_docs: int = 1, curation: Curation | None = None) -> ReviewTables:
    """Build the tables for `corpus` and write them to `output` (.xlsx: both sheets; .csv: concepts)."""
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in XLSX_SUFFIXES + CSV_SUFFIXES:
        raise MeshtagError(f"{output}: the review table must be .xlsx or .csv")
    tables = build_tables(corpus, label=label, min_docs=min_docs, curation=curation)
    from meshtag.review import workbook

    if suffix in XLSX_SUFFIXES:
        workbook.write_xlsx(tables, output)
    else:
        workbook.write_csv(tables.concepts, SHEET_COLUMNS[CONCEPT], output)
    return tables


def build_tables(corpus: str | os.PathLike, *, label: str | None = None, min_docs: int = 1,
                 curation: Curation | None = None) -> ReviewTables:
    """Aggregate the corpus's mentions per concept and per (surface form, concept), unlinked forms last."""
    from meshtag.corpus import CorpusStore

    if label is not None and label not in LABELS:
        raise MeshtagError(f"unknown label {label!r} (expected {', '.join(LABELS)})")
    store = CorpusStore(corpus)
    if not store.exists():
        raise MeshtagError(f"{corpus}: not a meshtag corpus (no corpus.json); build one with `meshtag tag --corpus`")
    con = store.connect()
    try:
        _prepare(con, label, min_docs)
        concepts, concept_examples = _aggregate(con, _BY_CONCEPT), _examples(con, _BY_CONCEPT)
        forms, form_examples = _aggregate(con, _BY_FORM), _examples(con, _BY_FORM)
    finally:
        con.close()
    curation = curation or Curation()
    spellings: dict[str, Counter] = {}
    for (concept_id, _form), group in forms.items():
        spellings.setdefault(concept_id, Counter())[_top(group["text"])] += group["mentions"]
    concept_rows = []
    for (concept_id,), group in concepts.items():
        if concept_id == UNLINKED:
            continue  # unlinked mentions have surface-form rows only
        concept_rows.append({
            "concept_id": concept_id, **_facts(group),
            "surface_forms": _tally(spellings[concept_id], MAX_FORMS_LISTED),
            "example_context": concept_examples[(concept_id,)],
            **_review_cells(curation.concepts.get(concept_id)),
        })
    concept_rows.sort(key=lambda r: (_label_rank(r["label"]), -r["documents"], -r["mentions"], r["concept_id"]))
    order = {row["concept_id"]: i for i, row in enumerate(concept_rows)}
    form_rows = []
    for (concept_id, form), group in forms.items():
        form_rows.append({
            "surface_form": _top(group["text"]), "concept_id": concept_id, **_facts(group),
            "example_context": form_examples[(concept_id, form)],
            **_review_cells(curation.surface_forms.get((form, concept_id))),
        })
    form_rows.sort(key=lambda r: (order.get(r["concept_id"], len(order)), -r["mentions"],
                                  r["surface_form"].casefold()))
    return ReviewTables(concept_rows, form_rows)


def _label_rank(label: str) -> int:
    return LABELS.index(label) if label in LABELS else len(LABELS)


def _prepare(con, label: str | None, min_docs: int) -> None:
    """Temp table `m`: the mentions of the kept concepts, and the unlinked mentions (concept_id UNLINKED) of the
    kept surface forms, each with its surface-form key `form`."""
    texts = [t for (t,) in con.execute("SELECT DISTINCT text FROM mentions").fetchall()]
    import pyarrow as pa

    con.register("_forms", pa.table({"text": texts, "form": [form_key(t or "") for t in texts]}))
    con.execute("""
        CREATE TEMP TABLE m AS
        SELECT * REPLACE (coalesce(concept_id, '') AS concept_id) FROM (
            SELECT mentions.*, _forms.form FROM mentions JOIN _forms USING (text)
            WHERE ($label IS NULL OR label = $label))
        WHERE concept_id IN (SELECT concept_id FROM mentions WHERE concept_id <> ''
                               AND ($label IS NULL OR label = $label)
                             GROUP BY concept_id HAVING count(DISTINCT doc_id) >= $min_docs)
           OR coalesce(concept_id, '') = '' AND form IN (
                SELECT _forms.form FROM mentions JOIN _forms USING (text)
                WHERE coalesce(concept_id, '') = '' AND ($label IS NULL OR label = $label)
                GROUP BY _forms.form HAVING count(DISTINCT doc_id) >= $min_docs)""",
                {"label": label, "min_docs": min_docs})


def _aggregate(con, keys: tuple[str, ...]) -> dict[tuple[str, ...], dict[str, Any]]:
    """Per group of `keys`: counts, mean score, and tallies of names, labels, spellings and sources."""
    cols = ", ".join(keys)
    groups: dict[tuple[str, ...], dict[str, Any]] = {}
    for *key, mentions, documents, score in con.execute(
            f"SELECT {cols}, count(*), count(DISTINCT doc_id), avg(score) FROM m GROUP BY {cols}").fetchall():
        groups[tuple(key)] = {"mentions": mentions, "documents": documents, "score": round(score, 3),
                              "concept_name": Counter(), "label": Counter(), "text": Counter(), "source": Counter()}
    for *key, name, label, text, source, n in con.execute(
            f"SELECT {cols}, concept_name, label, text, source, count(*) FROM m GROUP BY ALL").fetchall():
        group = groups[tuple(key)]
        for column, value in (("concept_name", name), ("label", label), ("text", text), ("source", source)):
            group[column][value or ""] += n
    return groups


def _examples(con, keys: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """Per group: the sentence of its best-scored mention (ties: first document, first offset), marked."""
    cols = ", ".join(keys)
    rows = con.execute(f"""
        SELECT {cols}, e.start, e."end", d.title, d.abstract, s.start, s."end"
        FROM (SELECT *, row_number() OVER (PARTITION BY {cols} ORDER BY score DESC, doc_id, start) AS rank
              FROM m) e
        JOIN documents d USING (doc_id)
        LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.sentence = e.sentence
        WHERE rank = 1""").fetchall()
    examples = {}
    for row in rows:
        key, (start, end, title, abstract, s_start, s_end) = tuple(row[:len(keys)]), row[len(keys):]
        text = Document(id="", title=title or "", abstract=abstract or "").text
        examples[key] = mark_context(text, start, end, s_start, s_end)
    return examples


def mark_context(text: str, start: int, end: int, s_start: int | None = None, s_end: int | None = None) -> str:
    """The sentence around text[start:end] with the mention marked `[[…]]`, cut to CONTEXT_CHARS a side.

    >>> mark_context("Pain. S1R binds TRPA1 in mice.", 16, 21, 6, 30)
    'S1R binds [[TRPA1]] in mice.'
    """
    lo = s_start if s_start is not None and s_start <= start else 0
    hi = s_end if s_end is not None and s_end >= end else len(text)
    left, right = max(lo, start - CONTEXT_CHARS), min(hi, end + CONTEXT_CHARS)
    before = ("…" if left > lo else "") + text[left:start].lstrip()
    after = text[end:right].rstrip() + ("…" if right < hi else "")
    return f"{before}[[{text[start:end]}]]{after}"


def _top(counter: Counter) -> str:
    """Most frequent value (ties: alphabetical)."""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counter else ""


def _tally(counter: Counter, limit: int | None = None) -> str:
    """`a (3); b (1)`: values by frequency."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = "; ".join(f"{v} ({n})" for v, n in items[:limit])
    return shown + (f"; … {len(items) - limit} more" if limit and len(items) > limit else "")


def _review_cells(decision: Decision | None) -> dict[str, str]:
    """The reviewer columns, pre-filled from a recorded decision."""
    if decision is None:
        return {"decision": "", "correct_id": "", "correct_label": "", "reviewer": "", "notes": ""}
    shows_target = decision.decision in ("remap", "relabel")
    return {"decision": decision.decision, "correct_id": decision.correct_id if shows_target else "",
            "correct_label": decision.correct_label if shows_target else "",
            "reviewer": decision.reviewer, "notes": decision.notes}


def _facts(group: dict[str, Any]) -> dict[str, Any]:
    return {"concept_name": _top(group["concept_name"]), "label": _top(group["label"]),
            "mentions": group["mentions"], "documents": group["documents"],
            "source": _tally(group["source"]), "score": group["score"]}
