"""The reviewer table's layout (shared by export and import) and reading a filled-in table back.

A table is an .xlsx workbook with a `concepts` sheet (one row per concept) and a `surface_forms` sheet
(one row per surface form and concept), or a .csv holding one of those sheets. Rows keep their
spreadsheet row numbers so every problem can point at the cell a reviewer has to fix.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from meshtag.errors import MeshtagError
from meshtag.review.decisions import CONCEPT, SURFACE_FORM, restore_text

CONCEPT_SHEET, SURFACE_SHEET = "concepts", "surface_forms"
SHEET_KIND = {CONCEPT_SHEET: CONCEPT, SURFACE_SHEET: SURFACE_FORM}
DECISION_COLUMNS = ("decision", "correct_id", "correct_label")
REVIEW_COLUMNS = (*DECISION_COLUMNS, "reviewer", "notes")
_FACTS = ("concept_name", "label", "mentions", "documents")
SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    CONCEPT: ("concept_id", *_FACTS, "surface_forms", "example_context", "source", "score", *REVIEW_COLUMNS),
    SURFACE_FORM: ("surface_form", "concept_id", *_FACTS, "example_context", "source", "score", *REVIEW_COLUMNS),
}
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    CONCEPT: ("concept_id", "decision", "correct_id", "correct_label"),
    SURFACE_FORM: ("surface_form", "concept_id", "decision", "correct_id", "correct_label"),
}
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)


@dataclass
class SheetRow:
    """One filled-in row: where it is (sheet name, 1-based spreadsheet row) and its cells by column."""

    sheet: str
    row: int
    kind: str
    cells: dict[str, str]

    @property
    def reviewed(self) -> bool:
        """Rows with no decision, correct_id or correct_label are not decisions (notes alone are skipped)."""
        return any(self.cells.get(c) for c in DECISION_COLUMNS)


def read_review_table(path: str | Path) -> list[SheetRow]:
    """All data rows of a reviewer table; MeshtagError when the file is not a concept table."""
    path = Path(path)
    if not path.is_file():
        raise MeshtagError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        sheets = _xlsx_sheets(path)
    elif suffix in CSV_SUFFIXES:
        sheets = [(None, _csv_rows(path))]
    else:
        raise MeshtagError(f"{path}: not a concept table: expected an .xlsx or .csv file written by "
                           f"`meshtag review export`")
    rows: list[SheetRow] = []
    recognised = 0
    for title, table in sheets:
        parsed = _parse_sheet(path, title, table)
        if parsed is not None:
            recognised += 1
            rows.extend(parsed)
    if not recognised:
        raise MeshtagError(f"{path}: not a concept table: no sheet has the columns "
                           f"{', '.join(REQUIRED_COLUMNS[CONCEPT])} (export one with `meshtag review export`)")
    return rows


def _parse_sheet(path: Path, title: str | None, table: list[list[str]]) -> list[SheetRow] | None:
    """Rows of a recognised sheet; None for a sheet that is not part of the table (e.g. instructions)."""
    header_at = next((i for i, r in enumerate(table) if any(r)), None)
    if header_at is None:
        if title is None or title in SHEET_KIND:
            raise MeshtagError(f"{path}: not a concept table: {_where(title)} is empty")
        return None
    header = [_column_name(c) for c in table[header_at]]
    kind = SHEET_KIND.get(title or "") or (SURFACE_FORM if "surface_form" in header else
                                          CONCEPT if "concept_id" in header else None)
    if kind is None:
        if title is None:
            raise MeshtagError(f"{path}: not a concept table: no concept_id column in the header")
        return None
    missing = [c for c in REQUIRED_COLUMNS[kind] if c not in header]
    if missing:
        raise MeshtagError(f"{path}: not a concept table: {_where(title)} lacks column(s) {', '.join(missing)}")
    name = title or (CONCEPT_SHEET if kind == CONCEPT else SURFACE_SHEET)
    rows = []
    for offset, values in enumerate(table[header_at + 1:], start=header_at + 2):
        cells = {h: restore_text(v) for h, v in zip(header, values) if h}
        if any(cells.values()):
            rows.append(SheetRow(name, offset, kind, cells))
    return rows


def _xlsx_sheets(path: Path) -> list[tuple[str, list[list[str]]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as err:
        raise MeshtagError(f"{path}: not a concept table: not a readable .xlsx workbook ({err})") from err
    try:
        return [(ws.title, [_cells(r) for r in ws.iter_rows(values_only=True)]) for ws in workbook.worksheets]
    finally:
        workbook.close()


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise MeshtagError(f"{path}: not a concept table: not UTF-8 text ({err.reason})") from err
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # spreadsheets in some locales save CSV with ';'
    try:
        return [_cells(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as err:
        raise MeshtagError(f"{path}: not a concept table: unreadable CSV ({err})") from err


def _cells(values: Iterable[object]) -> list[str]:
    return ["" if v is None else _text(v) for v in values]


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _column_name(value: str) -> str:
    return "_".join(value.strip().lower().split())


def _where(title: str | None) -> str:
    return f"sheet {title!r}" if title else "the file"
