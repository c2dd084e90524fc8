"""JSON Lines: one `Document.to_dict()` object per line (mentions kept); a bare `text` field is the abstract."""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

from meshtag.model import Document, Mention

from .base import ReadContext, iter_lines

FORMAT = "jsonl"
_FIRST_LINE = re.compile(rb"^\s*(\{[^\r\n]*\})\s*(\r?\n|$)")


def sniff(head: bytes) -> bool:
    """The first line is a complete JSON object."""
    m = _FIRST_LINE.match(head)
    if not m:
        return False
    try:
        return isinstance(json.loads(m.group(1)), dict)
    except ValueError:
        return False


def read(ctx: ReadContext) -> Iterator[Document]:
    for number, line in iter_lines(ctx):
        if line is None or not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as err:
            ctx.problem(f"line {number}", f"invalid JSON: {err}")
            continue
        if not isinstance(obj, dict):
            ctx.problem(f"line {number}", "not a JSON object; skipped")
            continue
        doc = document_from_object(obj, ctx, f"line {number}")
        if doc is not None:
            doc.meta.setdefault("record", number)
            yield doc


def document_from_object(obj: dict[str, Any], ctx: ReadContext, record: str) -> Document | None:
    """A Document from a `to_dict()`-shaped object (or `{"text": …}`); None (reported) when unusable."""
    try:
        meta = obj.get("meta") or {}
        if not isinstance(meta, dict):
            raise TypeError("`meta` is not an object")
        fields = {k: _text(obj.get(k)) for k in ("title", "abstract", "pmid", "doi")}
        abstract = fields["abstract"] or _text(obj.get("text")) or ""
        mentions = [Mention.from_dict(m) for m in obj.get("mentions") or []]
        for m in mentions:
            if not isinstance(m.start, int) or not isinstance(m.end, int):
                raise TypeError("mention offsets are not integers")
    except (TypeError, AttributeError, KeyError) as err:
        ctx.problem(record, f"unusable object: {err}")
        return None
    return Document(id=_text(obj.get("id")) or "", title=fields["title"] or "", abstract=abstract,
                    pmid=fields["pmid"], doi=fields["doi"], meta=dict(meta), mentions=mentions)


def _text(value: Any) -> str | None:
    """Strings as they are, numbers as text (a PMID given as a number), anything else refused."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"expected text, got {type(value).__name__}")
