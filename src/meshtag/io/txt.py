"""Plain text: one document per file. The first line is the title when a blank line follows it;
otherwise the whole file is the abstract. Whitespace is collapsed to single spaces."""
from __future__ import annotations

import re
from typing import Iterator

from meshtag.model import Document

from .base import ReadContext

FORMAT = "txt"
_SPACES = re.compile(r"\s+")


_MARKUP = re.compile(rb"^(\xef\xbb\xbf)?\s*<[?!A-Za-z]")


def sniff(head: bytes) -> bool:
    """Any text without NUL bytes that is not XML/HTML markup (the fallback after every other format)."""
    return b"\x00" not in head and bool(head.strip()) and not _MARKUP.match(head)


def read(ctx: ReadContext) -> Iterator[Document]:
    text = ctx.read_all_text().lstrip("\ufeff")
    if not ctx.check_record_size(1, len(text)):
        return
    yield split_title(text)


def split_title(text: str) -> Document:
    lines = text.strip().splitlines()
    if len(lines) >= 2 and lines[0].strip() and not lines[1].strip():
        title, body = lines[0], "\n".join(lines[2:])
    else:
        title, body = "", text
    return Document(id="", title=_SPACES.sub(" ", title).strip(), abstract=_SPACES.sub(" ", body).strip(),
                    meta={"record": 1})
