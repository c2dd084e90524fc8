"""BioC XML (`collection/document/passage`), streamed one `document` at a time with `meshtag.xmlsafe`."""
from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from meshtag.model import Document
from meshtag.xmlsafe import iterparse

from .base import ReadContext, RecordGuard, uses_external_entities
from .bioc_common import build_document

FORMAT = "bioc"
_SNIFF = re.compile(rb"<collection[\s>]|<!DOCTYPE\s+collection", re.IGNORECASE)


def sniff(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and bool(_SNIFF.search(head))


def read(ctx: ReadContext) -> Iterator[Document]:
    with ctx.open_binary() as raw:
        guard = RecordGuard(raw, ctx)
        for n, elem in enumerate(iterparse(guard, "document", ctx.file), start=1):
            guard.mark()
            if uses_external_entities(elem, ctx, n):
                continue
            try:
                doc = build_document(_to_dict(elem), ctx, n)
            except (ValueError, KeyError, TypeError) as err:
                ctx.problem(elem.findtext("id") or n, f"malformed BioC document: {err}")
                continue
            yield doc


def _to_dict(elem: etree._Element) -> dict:
    """The BioC JSON shape of one XML `document` element."""
    return {
        "id": (elem.findtext("id") or "").strip(),
        "infons": _infons(elem),
        "passages": [{
            "infons": _infons(p),
            "offset": p.findtext("offset") or 0,
            "text": p.findtext("text") or "",
            "annotations": [{
                "infons": _infons(a),
                "text": a.findtext("text") or "",
                "locations": [{"offset": loc.get("offset"), "length": loc.get("length")}
                              for loc in a.findall("location")],
            } for a in p.findall("annotation")],
        } for p in elem.findall("passage")],
    }


def _infons(elem: etree._Element) -> dict[str, str]:
    return {i.get("key") or "": i.text or "" for i in elem.findall("infon")}
