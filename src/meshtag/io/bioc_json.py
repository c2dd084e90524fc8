"""BioC JSON (`{"documents": [{"id", "infons", "passages": […]}]}`), read whole (bounded by max_file_bytes)."""
from __future__ import annotations

import json
import re
from typing import Iterator

from meshtag.errors import InputError
from meshtag.model import Document

from .base import ReadContext
from .bioc_common import build_document

FORMAT = "bioc_json"
_SNIFF = re.compile(rb'"documents"\s*:\s*\[')


def sniff(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and bool(_SNIFF.search(head))


def read(ctx: ReadContext) -> Iterator[Document]:
    try:
        data = json.loads(ctx.read_all_text())
    except ValueError as err:
        raise InputError(f"invalid JSON: {err}", ctx.file) from None
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list):
        raise InputError("not BioC JSON: no `documents` list", ctx.file)
    for n, raw in enumerate(documents, start=1):
        if not isinstance(raw, dict):
            ctx.problem(n, "BioC document is not an object; skipped")
            continue
        if not ctx.check_record_size(raw.get("id") or n, len(json.dumps(raw))):
            continue
        try:
            yield build_document(raw, ctx, n)
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            ctx.problem(raw.get("id") or n, f"malformed BioC document: {err}")
