"""Streaming XML parsing that cannot be turned against the reader.

External entities, external DTDs and network access are off; any document that declares entities
in an internal DTD subset is refused before parsing (that is how entity-expansion bombs and XXE are
built, and no PubMed, BioC or MeSH file needs it).
"""
from __future__ import annotations

import re
from typing import IO, Iterator

from lxml import etree

from meshtag.errors import InputError

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_PROLOG_BYTES = 1 << 16  # entity declarations must appear in the DOCTYPE, at the top of the file
_FEED_BYTES = 1 << 16    # what the pull parser is fed at a time


def check_prolog(head: bytes, file: str | None = None) -> None:
    """Refuse a document whose prolog declares entities (XXE, billion laughs)."""
    doctype_end = head.find(b"]>")
    scope = head if doctype_end < 0 else head[: doctype_end + 2]
    if b"<!DOCTYPE" in scope.upper() and _ENTITY_DECL.search(scope):
        raise InputError("refused: the XML declares entities in its DOCTYPE (possible XXE or entity bomb)", file)


class _PrologCheckingReader:
    """Wraps a binary stream, checking the prolog on first read; lxml reads through it."""

    def __init__(self, stream: IO[bytes], file: str | None):
        self._stream, self._file, self._checked = stream, file, False

    def read(self, size: int = -1) -> bytes:
        if not self._checked:
            head = self._stream.read(max(size, _PROLOG_BYTES) if size and size > 0 else -1)
            check_prolog(head, self._file)
            self._checked = True
            return head
        return self._stream.read(size)


def iterparse(stream: IO[bytes], tag: str | tuple[str, ...], file: str | None = None,
              huge_tree: bool = False) -> Iterator[etree._Element]:
    """Yield each complete element named `tag`, freeing it (and its finished siblings) afterwards.

    Memory stays bounded by one record. Malformed XML raises InputError naming the file and line, after
    every record completed before the error has been yielded (lxml 6's `iterparse` drops the records
    parsed in the same read as the error, so the stream is fed to a pull parser and its events are
    collected even when a feed fails). A file that ends inside a record fails at `close()`; the events
    left then are of elements the parser closed because the data ran out, so they are not yielded.
    """
    reader = _PrologCheckingReader(stream, file)
    parser = etree.XMLPullParser(
        events=("end",), tag=tag, resolve_entities=False, no_network=True,
        load_dtd=False, dtd_validation=False, huge_tree=huge_tree, remove_comments=True,
    )
    while True:
        chunk = reader.read(_FEED_BYTES)
        error = None
        try:
            if chunk:
                parser.feed(chunk)
            else:
                parser.close()
        except etree.XMLSyntaxError as err:
            error = err
        if chunk or error is None:
            for _event, elem in parser.read_events():
                yield elem
                _free(elem)
        if error is not None:
            raise InputError(f"malformed XML: {error.msg} (line {error.lineno})", file) from None
        if not chunk:
            return


def _free(elem: etree._Element) -> None:
    """Drop a yielded record and the finished siblings before it, so the tree never grows."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def parse_bytes(data: bytes, file: str | None = None) -> etree._Element:
    """Parse a whole (small) XML document safely and return its root element."""
    check_prolog(data[:_PROLOG_BYTES], file)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as err:
        raise InputError(f"malformed XML: {err.msg} (line {err.lineno})", file) from None
