"""CSV/TSV (format `csv`) with a header row; delimiter sniffed from the header (tab, comma or semicolon) unless given."""
from __future__ import annotations

import csv as _csv
from typing import Iterator

from meshtag.model import Document

from .base import ReadContext
from .table_rows import document_from_row, looks_like_header, resolve_columns

FORMAT = "csv"
DELIMITERS = ("\t", ",", ";")


def _header_line(head: bytes) -> str:
    return head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")


def guess_delimiter(line: str) -> str:
    return max(DELIMITERS, key=line.count)


def sniff(head: bytes) -> bool:
    line = _header_line(head)
    delimiter = guess_delimiter(line)
    return delimiter in line and looks_like_header(next(_csv.reader([line], delimiter=delimiter)))


def read(ctx: ReadContext) -> Iterator[Document]:
    _csv.field_size_limit(ctx.options.max_record_bytes)
    with ctx.open_text() as stream:
        first = stream.readline(ctx.options.max_record_bytes)
        delimiter = ctx.options.delimiter or guess_delimiter(first)
        header = next(_csv.reader([first], delimiter=delimiter), [])
        mapping = resolve_columns(header, ctx.options.columns, ctx.file)
        reader = _csv.DictReader(stream, fieldnames=header, delimiter=delimiter)
        for n, row in enumerate(reader, start=1):
            if None in row:
                ctx.problem(f"row {n}", f"{len(row[None])} more cells than the header has columns; extra ignored")
            yield document_from_row(row, mapping, ctx, n)
