"""MEDLINE text (.nbib / .medline): `TAG - value` lines, continuations indented six spaces, records
separated by blank lines. Streamed record by record."""
from __future__ import annotations

import re
from typing import Any, Iterator

from meshtag.model import Document

from .base import ReadContext, iter_lines

FORMAT = "medline"
_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$")
_SNIFF_FIRST = re.compile(rb"^\s*PMID- ?\d")
_SNIFF_TAGS = re.compile(rb"^(TI|AB)  - ", re.MULTILINE)
_SNIFF_ANY = re.compile(rb"^\s*[A-Z][A-Z0-9]{1,3} {0,2}- ")
_ID_SUFFIX = re.compile(r"^(\S+)\s+\[(\w+)\]\s*$")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


def sniff(head: bytes) -> bool:
    return bool(_SNIFF_FIRST.match(head)) or (bool(_SNIFF_ANY.match(head)) and bool(_SNIFF_TAGS.search(head)))


def read(ctx: ReadContext) -> Iterator[Document]:
    fields: list[list[str]] = []   # [tag, value] in order
    start, size, refused = 0, 0, False
    for number, line in iter_lines(ctx):
        if line is None:  # refused line (reported): the record it belongs to is dropped
            refused = True
            continue
        if not line.strip():
            if fields and not refused:
                yield from _emit(fields, start, size, ctx)
            fields, size, refused = [], 0, False
            continue
        m = _TAG.match(line)
        if m and not line.startswith(" "):
            tag, value = m.group(1), m.group(2)
            if tag == "PMID" and any(f[0] == "PMID" for f in fields):
                if not refused:
                    yield from _emit(fields, start, size, ctx)
                fields, size, refused = [], 0, False
            if not fields:
                start = number
            fields.append([tag, value.strip()])
        elif fields and line[:1].isspace():
            fields[-1][1] += " " + line.strip()
        else:
            ctx.problem(f"line {number}", "not a MEDLINE `TAG - value` or continuation line; skipped")
            continue
        size += len(line)
    if fields and not refused:
        yield from _emit(fields, start, size, ctx)


def _emit(fields: list[list[str]], line: int, size: int, ctx: ReadContext) -> Iterator[Document]:
    pmid = next((v for t, v in fields if t == "PMID"), None)
    if ctx.check_record_size(pmid or f"line {line}", size):
        yield build(fields, line)


def build(fields: list[list[str]], line: int) -> Document:
    """A Document from one record's (tag, value) pairs."""
    values: dict[str, list[str]] = {}
    for tag, value in fields:
        values.setdefault(tag, []).append(value)

    def one(tag: str) -> str:
        return (values.get(tag) or [""])[0]

    meta: dict[str, Any] = {"record": line}
    journal = one("JT") or one("TA")
    if journal:
        meta["journal"] = journal
    year = _YEAR.search(one("DP"))
    if year:
        meta["year"] = year.group(1)
    if values.get("MH"):
        meta["mesh_headings"] = [_heading(v) for v in values["MH"]]
    keywords = [k for k in values.get("OT", []) if k]
    if keywords:
        meta["keywords"] = keywords
    return Document(id="", title=one("TI"), abstract=one("AB"), pmid=one("PMID") or None,
                    doi=_doi(values.get("AID", []) + values.get("LID", [])), meta=meta)


def _heading(value: str) -> dict[str, Any]:
    """`Analgesics/*pharmacology` -> {id: None, name: Analgesics, major: True, qualifiers: [pharmacology]}."""
    parts = [p.strip() for p in value.split("/")]
    return {"id": None, "name": parts[0].lstrip("*"), "major": "*" in value,
            "qualifiers": [q.lstrip("*") for q in parts[1:]]}


def _doi(ids: list[str]) -> str | None:
    for value in ids:
        m = _ID_SUFFIX.match(value)
        if m and m.group(2).lower() == "doi":
            return m.group(1)
    return None
