"""The two corpus reports: entities (one row per concept) and co-occurrence (one row per concept pair)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from meshtag.analysis.concepts import ConceptSource, concept_info, load_default_kb
from meshtag.analysis.cooccur import cooccurrence
from meshtag.analysis.entities import entity_stats, unlinked_forms
from meshtag.corpus import CorpusStore
from meshtag.errors import MeshtagError
from meshtag.fsutil import atomic_open
from meshtag.model import LABELS
from meshtag.report import figures
from meshtag.report.tables import FORMATS, Figure, Table, render

UNLINKED_SHOWN = 10  # unlinked names listed in an entity report's header


@dataclass
class ReportResult:
    """The analysis frame behind a report, the files written, and the text when written to no file."""

    frame: pd.DataFrame
    files: list[Path] = field(default_factory=list)
    text: str | None = None


def _open(store: CorpusStore | str | Path) -> CorpusStore:
    store = store if isinstance(store, CorpusStore) else CorpusStore(store)
    if not store.exists():
        raise MeshtagError(f"{store.path}: not a meshtag corpus folder (no corpus.json); build one with "
                           "`meshtag tag … --corpus DIR`")
    return store


def _format(fmt: str | None, out: Path | None) -> str:
    """The requested format, else the output file's extension, else CSV."""
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return {"markdown": "md", "htm": "html"}.get(suffix, suffix) if suffix in (*FORMATS, "markdown", "htm") else "csv"


def _about(store: CorpusStore, con, parameters: str) -> list[tuple[str, str]]:
    meta = store.metadata()
    documents, mentions = con.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions)").fetchall()[0]
    kb_version = meta.get("kb_version") or {}
    return [
        ("corpus", str(store.path)), ("documents", f"{documents:,}"), ("mentions", f"{mentions:,}"),
        ("KB version", described(kb_version)),
        ("pipeline version", str(meta.get("pipeline_version", ""))), ("parameters", parameters),
        ("generated", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
    ]


def described(value: Any, nested: bool = False) -> str:
    """A metadata value as a reader would write it: nested mappings (counts) as "key value" pairs with thousands
    separators; a top-level number (a year) as it is.

    >>> described({"mesh_year": 2025, "counts": {"concepts": 354592, "label:RECEPTOR": 6302}})
    'mesh_year 2025, counts (concepts 354,592, label:RECEPTOR 6,302)'
    """
    if isinstance(value, dict):
        return ", ".join(f"{k} ({described(v, True)})" if isinstance(v, dict) else f"{k} {described(v, nested)}"
                         for k, v in value.items())
    if nested and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _check_labels(labels: Sequence[str]) -> None:
    unknown = [l for l in labels if l not in LABELS]
    if unknown:
        raise MeshtagError(f"unknown label {unknown[0]!r} (one of {', '.join(LABELS)})")


def _sibling(out: Path | None, suffix: str) -> str:
    return f"{out.stem if out else 'report'}_{suffix}"


def entity_report(store: CorpusStore | str | Path, *, label: str | None = None, top: int | None = None,
                  format: str | None = None, out: str | Path | None = None,
                  kb: ConceptSource | None = None) -> ReportResult:
    """Concepts with id, name, label, tree numbers, mention and document counts, surface forms, most
    co-mentioned concepts and an example sentence; HTML/Markdown add a bar chart per label.

    `top` keeps the N most mentioned concepts per label. `kb` defaults to the compiled KB (tree numbers
    are left empty when it is not available).
    """
    store = _open(store)
    out = Path(out) if out is not None else None
    fmt = _format(format, out)
    _check_labels([label] if label else [])
    kb = kb if kb is not None else load_default_kb()
    con = store.connect()
    try:
        frame = entity_stats(con, kb=kb, label=label, top=top)
        about = _about(store, con, f"label={label or 'all'}, top={top or 'all'} per label")
        unlinked = unlinked_forms(con, label=label)
        if not unlinked.empty:
            about.append(("unlinked mentions", _unlinked_text(unlinked, kb)))
        if kb is None:
            about.append(("tree numbers", "left empty: the MeSH knowledge base could not be loaded"))
    finally:
        con.close()
    display = pd.DataFrame({
        "concept_id": frame["concept_id"], "name": frame["name"], "label": frame["label"],
        "tree_numbers": ["; ".join(t) for t in frame["tree_numbers"]],
        "mentions": frame["mentions"], "documents": frame["documents"],
        "surface_forms": ["; ".join(f"{f} ({n})" for f, n in forms) for forms in frame["surface_forms"]],
        "cooccurring": ["; ".join(f"{name or cid} [{cid}] ({n})" for cid, name, n in partners)
                        for partners in frame["cooccurring"]],
        "example_sentence": frame["example_sentence"], "example_pmid": frame["example_pmid"],
        "example_doi": frame["example_doi"], "example_doc_id": frame["example_doc_id"],
    })
    table = Table("meshtag entity report", display, about)
    if out is not None and fmt in ("md", "html") and not frame.empty:
        table.figures.append(Figure("Top concepts per label (mentions)", figures.top_concepts_chart(frame),
                                    _sibling(out, "top_concepts.png")))
    files, text = render(table, fmt, out)
    return ReportResult(frame, files, text)


def _unlinked_text(unlinked: pd.DataFrame, kb: ConceptSource | None, shown: int = UNLINKED_SHOWN) -> str:
    """How many mentions have no concept, and the commonest of their names (they are not in the table), each with
    its closest MeSH concept where it has one."""
    names = "; ".join(f"{r.text} [{r.label}] ({r.mentions}{_closest(r.related_id, kb)})"
                      for r in unlinked.head(shown).itertuples())
    more = f"; … {len(unlinked) - shown} more" if len(unlinked) > shown else ""
    return (f"{int(unlinked['mentions'].sum()):,} (no concept, so not in the table; link them with `meshtag review "
            f"export`): {names}{more}")


def _closest(related_id: str | None, kb: ConceptSource | None) -> str:
    """", closest: <name> [<id>]" for a related concept id, "" for none."""
    if not isinstance(related_id, str) or not related_id:
        return ""
    name = concept_info(kb, related_id).name
    return f", closest: {name} [{related_id}]" if name else f", closest: {related_id}"


def _evidence_text(items) -> str:
    return "\n".join(f"[{e.doc_id}] {e.text}" for e in items)


def cooccurrence_report(store: CorpusStore | str | Path, *, a: str | None = None, b: str | None = None,
                        labels: Sequence[str] | str | None = None, level: str = "sentence",
                        rollup: bool = False, min_count: int = 1, top: int | None = None,
                        format: str | None = None, out: str | Path | None = None,
                        kb: ConceptSource | None = None, figures_for_tables: bool = False) -> ReportResult:
    """Concept pairs with counts, expected count, PMI, NPMI, lift, Fisher p, BH q, STRING score, doc ids
    and evidence. HTML/Markdown (and CSV/XLSX with `figures_for_tables`) add a network graph (PNG and an
    interactive `<name>_network.html` beside the report) and a label-by-label heatmap.
    """
    store = _open(store)
    out = Path(out) if out is not None else None
    fmt = _format(format, out)
    if isinstance(labels, str):
        labels = [l.strip().upper() for l in labels.split(",") if l.strip()]
    _check_labels(labels or [])
    kb = kb if kb is not None else load_default_kb(required=rollup)
    con = store.connect()
    try:
        frame = cooccurrence(con, a=a, b=b, labels=labels, level=level, rollup=rollup,
                             min_count=min_count, top=top, kb=kb)
        parameters = (f"a={a or 'any'}, b={b or 'any'}, labels={','.join(labels) if labels else 'all'}, "
                      f"level={level}, rollup={'yes' if rollup else 'no'}, min_count={min_count}, "
                      f"top={top or 'all'}")
        about = _about(store, con, parameters)
    finally:
        con.close()
    about.append(("statistics", "n_ab: units with both; expected = n_a·n_b/n_total; pmi = log2(n_ab/expected); "
                  "npmi = pmi/−log2(n_ab/n_total); lift = n_ab/expected; p_value: one-sided Fisher exact; "
                  "q_value: Benjamini–Hochberg over all pairs passing the filters; score: STRING co-mention "
                  "score (Franceschini et al. 2013), weights document 1, paragraph 2, sentence 0.2, α = 0.6"))
    display = frame.drop(columns=["doc_ids", "evidence"]).assign(
        doc_ids=["; ".join(ids) for ids in frame["doc_ids"]],
        evidence=[_evidence_text(items) for items in frame["evidence"]])
    table = Table(f"meshtag co-occurrence report ({level} level)", display, about)
    files: list[Path] = []
    if out is not None and not frame.empty and (fmt in ("md", "html") or figures_for_tables):
        nodes, edges = figures.network_layout(frame)
        table.figures.append(Figure("Co-occurrence network (strongest pairs)", figures.network_png(nodes, edges),
                                    _sibling(out, "network.png")))
        table.figures.append(Figure("Co-occurrences by label pair", figures.label_heatmap(frame),
                                    _sibling(out, "heatmap.png")))
        page = out.with_name(_sibling(out, "network.html"))
        with atomic_open(page) as fh:
            fh.write(figures.network_html(nodes, edges, table.title))
        files.append(page)
        table.links.append(("Interactive network", page.name))
    written, text = render(table, fmt, out)
    return ReportResult(frame, written + files, text)
