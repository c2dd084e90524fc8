"""PubTator text: `id|t|title`, `id|a|abstract`, then tab-separated `id start end text type [ids [parts]]`.

Relation lines (`id<TAB>CID<TAB>…`) are skipped. Every annotation is checked against the text; a
mismatch is reported and the annotation dropped. Streamed line by line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from meshtag.model import Document

from .annotations import add_annotation
from .base import ReadContext, iter_lines

FORMAT = "pubtator"
_TEXT_LINE = re.compile(r"^([^|\t]+)\|([ta])\|(.*)$", re.DOTALL)
SNIFF = re.compile(rb"^\s*[^|\t\r\n]{1,64}\|[ta]\|", re.MULTILINE)


def sniff(head: bytes) -> bool:
    """A first non-blank line like `12345|t|…` or `12345|a|…`."""
    return bool(SNIFF.match(head))


@dataclass
class _Record:
    pid: str | None  # None: a record whose title line was refused (its lines are dropped)
    line: int
    title: str = ""
    abstract: str = ""
    size: int = 0
    refused: bool = False
    annotations: list[tuple[int, list[str]]] = field(default_factory=list)


def read(ctx: ReadContext) -> Iterator[Document]:
    record: _Record | None = None
    for number, line in iter_lines(ctx):
        if line is None:  # refused line (reported): drop the record it belongs to
            if record is None:
                record = _Record(None, number)
            record.refused = True
            continue
        if not line.strip():
            if record is not None:
                yield from _finish(record, ctx)
            record = None
            continue
        m = _TEXT_LINE.match(line)
        if m:
            pid, kind, text = m.group(1).strip(), m.group(2), m.group(3)
            if record is not None and record.pid is None and kind == "a":
                record.pid = pid  # the abstract of a record whose title was refused
            if record is not None and (record.pid != pid or kind == "t"):
                yield from _finish(record, ctx)
                record = None
            if record is None:
                record = _Record(pid, number)
            if kind == "t":
                record.title = text
            else:
                record.abstract = text
            record.size += len(line)
            continue
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1].strip().upper() in ("CID", "CIR"):
            continue  # relation line
        if record is not None and record.refused:
            continue
        if record is None or cols[0].strip() != record.pid or len(cols) < 5:
            ctx.problem(f"line {number}", "not a PubTator title, abstract or annotation line; skipped")
            continue
        record.size += len(line)
        record.annotations.append((number, cols))
    if record is not None:
        yield from _finish(record, ctx)


def _finish(record: _Record, ctx: ReadContext) -> Iterator[Document]:
    """Build the Document (annotations checked against its text), unless refused or too large."""
    if record.refused or record.pid is None or not ctx.check_record_size(record.pid, record.size):
        return
    doc = Document(id=record.pid, title=record.title, abstract=record.abstract,
                   pmid=record.pid if record.pid.isdigit() else None,
                   meta={"record": record.line})
    for number, cols in record.annotations:
        try:
            start, end = int(cols[1]), int(cols[2])
        except ValueError:
            ctx.problem(record.pid, f"line {number}: annotation offsets are not numbers; skipped")
            continue
        raw_id = cols[5] if len(cols) > 5 else None
        add_annotation(doc, ctx, record.pid, start, end, cols[3], cols[4].strip(), raw_id)
    yield doc
