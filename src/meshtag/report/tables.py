"""Write a report table as CSV, XLSX, Markdown or HTML, keeping text from the corpus inert.

Every text cell of CSV/XLSX goes through `neutralize_formula` (no formula injection); every HTML/Markdown
cell through `escape_html` (no markup injection).
"""
from __future__ import annotations

import base64
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd

from meshtag.errors import MeshtagError
from meshtag.fsutil import atomic_open, atomic_path
from meshtag.safety import escape_html, neutralize_formula

FORMATS = ("csv", "xlsx", "md", "html")
XLSX_MAX_ROWS = 1_048_575
XLSX_MAX_CELL = 32_767
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Figure:
    """A PNG made for a report: its caption, its bytes, and the sibling file name it is saved under."""

    caption: str
    png: bytes
    filename: str


@dataclass
class Table:
    """A report: title, metadata lines (key, value), display columns, figures and extra links."""

    title: str
    frame: pd.DataFrame
    about: list[tuple[str, str]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (caption, relative file name)


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _cell_text(value: Any) -> str:
    """A value as display text (floats to 4 significant digits)."""
    if _is_missing(value):
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _spreadsheet_value(value: Any) -> Any:
    if _is_missing(value):
        return None
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub(" ", value)[:XLSX_MAX_CELL]
    return neutralize_formula(value)


def write_csv(table: Table, fh: IO[str]) -> None:
    """CSV with a header row; text cells neutralised."""
    frame = table.frame.astype(object).map(lambda v: None if _is_missing(v) else neutralize_formula(v))
    frame.to_csv(fh, index=False, lineterminator="\n")


def write_xlsx(table: Table, path: Path) -> None:
    """A workbook: the report sheet (header frozen, filters, readable widths) and an `about` sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    frame = table.frame
    if len(frame) > XLSX_MAX_ROWS:
        raise MeshtagError(f"{len(frame)} rows do not fit in a spreadsheet; narrow the report or use --format csv")
    wb = Workbook()
    ws = wb.active
    ws.title = "report"
    ws.append([str(c) for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        ws.append([_spreadsheet_value(v) for v in row])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(frame.columns)))}{len(frame) + 1}"
    for i, column in enumerate(frame.columns, start=1):
        sample = [len(_cell_text(v)) for v in frame[column].head(200)]
        ws.column_dimensions[get_column_letter(i)].width = min(60, max([len(str(column)), *sample]) + 2)
        if max(sample, default=0) > 60:
            for cell in ws[get_column_letter(i)][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    about = wb.create_sheet("about")
    about.append(["report", _spreadsheet_value(table.title)])
    for key, value in table.about:
        about.append([_spreadsheet_value(key), _spreadsheet_value(value)])
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 100
    wb.save(path)


def _md_cell(value: Any) -> str:
    return escape_html(_cell_text(value)).replace("|", "&#124;").replace("\r", "").replace("\n", "<br>")


def write_markdown(table: Table, fh: IO[str]) -> None:
    """A Markdown page: title, metadata, figures (sibling PNG files), then the table."""
    fh.write(f"# {escape_html(table.title)}\n\n")
    for key, value in table.about:
        fh.write(f"- **{escape_html(key)}**: {_md_cell(value)}\n")
    fh.write("\n")
    for figure in table.figures:
        fh.write(f"![{escape_html(figure.caption)}]({figure.filename})\n\n")
    for caption, target in table.links:
        fh.write(f"[{escape_html(caption)}]({target})\n\n")
    columns = list(table.frame.columns)
    fh.write("| " + " | ".join(_md_cell(c) for c in columns) + " |\n")
    fh.write("|" + "---|" * len(columns) + "\n")
    for row in table.frame.itertuples(index=False):
        fh.write("| " + " | ".join(_md_cell(v) for v in row) + " |\n")


_CSS = """body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}th{background:#f0f0f0;position:sticky;top:0}
td.long{min-width:22em}img{max-width:100%;margin:.5em 0}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}
dt{font-weight:600}"""


def write_html(table: Table, fh: IO[str]) -> None:
    """A self-contained HTML page (figures inlined as data URIs); every value escaped."""
    fh.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
    fh.write(f"<title>{escape_html(table.title)}</title><style>{_CSS}</style></head><body>\n")
    fh.write(f"<h1>{escape_html(table.title)}</h1>\n<dl>")
    for key, value in table.about:
        fh.write(f"<dt>{escape_html(key)}</dt><dd>{escape_html(_cell_text(value))}</dd>")
    fh.write("</dl>\n")
    for figure in table.figures:
        data = base64.b64encode(figure.png).decode("ascii")
        fh.write(f"<figure><img alt=\"{escape_html(figure.caption)}\" src=\"data:image/png;base64,{data}\">"
                 f"<figcaption>{escape_html(figure.caption)}</figcaption></figure>\n")
    for caption, target in table.links:
        fh.write(f"<p><a href=\"{escape_html(target)}\">{escape_html(caption)}</a></p>\n")
    fh.write("<table><thead><tr>")
    fh.write("".join(f"<th>{escape_html(c)}</th>" for c in table.frame.columns))
    fh.write("</tr></thead><tbody>\n")
    for row in table.frame.itertuples(index=False):
        cells = []
        for value in row:
            text = _cell_text(value)
            css = " class=\"long\"" if len(text) > 80 else ""
            cells.append(f"<td{css}>{escape_html(text).replace(chr(10), '<br>')}</td>")
        fh.write("<tr>" + "".join(cells) + "</tr>\n")
    fh.write("</tbody></table>\n</body></html>\n")


def render(table: Table, fmt: str, out: Path | None) -> tuple[list[Path], str | None]:
    """Write `table` as `fmt` to `out` (figures as sibling PNGs, inlined for HTML), or return the text when
    `out` is None (CSV and Markdown only). Returns (files written, text)."""
    if fmt not in FORMATS:
        raise MeshtagError(f"unknown report format {fmt!r} (one of {', '.join(FORMATS)})")
    if out is None:
        if fmt not in ("csv", "md"):
            raise MeshtagError(f"--format {fmt} needs an output file (-o FILE)")
        buffer = io.StringIO()
        if fmt == "csv":
            write_csv(table, buffer)
        else:
            write_markdown(table, buffer)
        return [], buffer.getvalue()
    written = [out]
    if fmt == "xlsx":
        with atomic_path(out) as tmp:
            write_xlsx(table, tmp)
        return written, None
    if fmt != "html":
        for figure in table.figures:
            target = out.with_name(figure.filename)
            with atomic_open(target, "wb") as fh:
                fh.write(figure.png)
            written.append(target)
    writer = {"csv": write_csv, "md": write_markdown, "html": write_html}[fmt]
    with atomic_open(out) as fh:
        writer(table, fh)
    return written, None

