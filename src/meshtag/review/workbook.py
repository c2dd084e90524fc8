"""Writing the review table: an .xlsx a curator can work in (drop-downs, frozen header, filters) or a CSV.

Every cell that comes from input passes through `neutralize_formula`, so a surface form such as
`=HYPERLINK(...)` is shown as text and never evaluated.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable

from meshtag.fsutil import atomic_open, atomic_path
from meshtag.model import LABELS
from meshtag.review.decisions import CONCEPT, DECISIONS, SURFACE_FORM
from meshtag.review.export import ReviewTables
from meshtag.review.sheets import CONCEPT_SHEET, REVIEW_COLUMNS, SHEET_COLUMNS, SURFACE_SHEET
from meshtag.safety import neutralize_formula

MAX_WIDTH, MIN_WIDTH = 60, 8
WRAPPED = ("example_context", "surface_forms", "notes")
INSTRUCTIONS = (
    ("How to review", ""),
    ("decision", "accept: correct as tagged; reject: drop these mentions; relabel: keep the concept, "
                 "change the label (fill correct_label); remap: wrong concept (fill correct_id, e.g. MESH:D000001)"),
    ("concepts sheet", "a decision applies to every mention of the concept"),
    ("surface_forms sheet", "a decision applies to one surface form of one concept and overrides the concept's"),
    ("unlinked forms", "surface_forms rows with an empty concept_id (last) are names the KB does not know: "
                       "remap one to its concept (fill correct_id) to link it from now on, or reject it"),
    ("empty decision", "rows without decision, correct_id or correct_label are not imported"),
    ("import", "meshtag review import THIS_FILE --curation DIR   (checks every row before recording anything)"),
)


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], path: Path) -> None:
    """One sheet as UTF-8 CSV (with a BOM so spreadsheets detect the encoding), cells neutralised."""
    with atomic_open(path, "w", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralize_formula(_clean(row.get(c))) for c in columns])


def write_xlsx(tables: ReviewTables, path: Path) -> None:
    """Both sheets plus a short instructions sheet, written atomically."""
    from openpyxl import Workbook

    wb = Workbook()
    concepts = wb.active
    concepts.title = CONCEPT_SHEET
    _fill_sheet(concepts, SHEET_COLUMNS[CONCEPT], tables.concepts)
    _fill_sheet(wb.create_sheet(SURFACE_SHEET), SHEET_COLUMNS[SURFACE_FORM], tables.surface_forms)
    help_sheet = wb.create_sheet("instructions")
    for row in INSTRUCTIONS:
        help_sheet.append(row)
    help_sheet.column_dimensions["A"].width, help_sheet.column_dimensions["B"].width = 22, 110
    with atomic_path(path) as tmp:
        wb.save(tmp)


def _fill_sheet(ws, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(list(columns))
    for row in rows:
        ws.append([neutralize_formula(_clean(row.get(c))) for c in columns])
    review_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, name in enumerate(columns, start=1):
        header = ws.cell(row=1, column=index)
        header.font = Font(bold=True)
        if name in REVIEW_COLUMNS:
            header.fill = review_fill
        letter = get_column_letter(index)
        longest = max((len(str(row.get(name) or "")) for row in rows), default=0)
        ws.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, max(longest, len(name)) + 2))
        if name in WRAPPED:
            for cell in ws[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    last = max(len(rows) + 1, 2)
    _drop_down(ws, columns, "decision", DECISIONS, last)
    _drop_down(ws, columns, "correct_label", LABELS, last)


def _drop_down(ws, columns: tuple[str, ...], name: str, choices: tuple[str, ...], last_row: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(columns.index(name) + 1)
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle=f"Unknown {name}",
                                error=f"{name} must be one of: {', '.join(choices)}")
    validation.add(f"{letter}2:{letter}{last_row}")
    ws.add_data_validation(validation)


def _clean(value: Any) -> Any:
    """Cell-safe value: None -> "", control characters (illegal in XLSX) removed from text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return ""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
