"""Concepts from the MeSH TSV exports (descriptors, supplementary concepts) described in docs/kb.md."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from meshtag.errors import ErrorLog
from meshtag.kb.concept import ConceptDraft

DESCRIPTORS = "mesh_descriptors.tsv"
SUPPLEMENTARY = "mesh_supplementary.tsv"
XREFS = "mesh_xrefs.tsv"
HGNC = "hgnc_entries.tsv"


def _rows(path: Path, width: int, errors: ErrorLog | None) -> Iterator[list[str]]:
    """Tab-separated rows padded to `width`; rows without an id are reported and skipped."""
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or not row[0].strip():
                if errors is not None:
                    errors.report(str(path), f"line {lineno}", "row without an id")
                continue
            yield row + [""] * (width - len(row))


def _split(value: str, sep: str) -> list[str]:
    return [v.strip() for v in value.split(sep) if v.strip()]


def read_descriptors(path: Path, errors: ErrorLog | None = None) -> Iterator[ConceptDraft]:
    """UI, name, entry terms (|), tree numbers (|), taxonomy ids — one descriptor per row."""
    for row in _rows(path, 5, errors):
        ui, name, terms, trees = row[:4]
        draft = ConceptDraft(key=ui.strip(), name=name.strip(), kind="descriptor", tree_numbers=_split(trees, "|"))
        draft.add_term(draft.name, "name")
        for term in _split(terms, "|"):
            draft.add_term(term, "synonym")
        yield draft


def read_supplementary(path: Path, errors: ErrorLog | None = None) -> Iterator[ConceptDraft]:
    """UI, name, synonyms (|), headings mapped to (comma-separated) — one supplementary concept per row."""
    for row in _rows(path, 4, errors):
        ui, name, terms, mapped = row[:4]
        draft = ConceptDraft(key=ui.strip(), name=name.strip(), kind="supplementary",
                             mapped_to=[m.lstrip("*") for m in _split(mapped, ",")])
        draft.add_term(draft.name, "name")
        for term in _split(terms, "|"):
            draft.add_term(term, "synonym")
        yield draft


def read_hgnc_xrefs(path: Path, errors: ErrorLog | None = None) -> dict[str, str]:
    """HGNC symbol -> MeSH UI from the xrefs file's HGNC rows (MESH, ui, name, HGNC, number, symbol)."""
    links: dict[str, str] = {}
    for row in _rows(path, 6, errors):
        if row[0] == "MESH" and row[3] == "HGNC" and row[5]:
            links.setdefault(row[5].strip(), row[1].strip())
    return links
