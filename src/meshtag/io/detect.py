"""Format detection from content: the first bytes of a file (decompressed) decide, never its name."""
from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterator

from meshtag.errors import InputError
from meshtag.model import Document

from .base import ReadContext, ReadOptions, read_head

# Format name -> module under meshtag.io exposing `sniff(head) -> bool` and `read(ctx)`, in sniffing order:
# binary and XML/JSON shapes first, then line formats with strict markers, then tables, pages and plain text.
_MODULES: dict[str, str] = {
    "parquet": "parquet",
    "pubmed_xml": "pubmed_xml",
    "bioc": "bioc",
    "bioc_json": "bioc_json",
    "jsonl": "jsonl",
    "pubtator": "pubtator",
    "medline": "medline",
    "csv": "delimited",
    "page": "page",
    "txt": "txt",
}
ALIASES: dict[str, str] = {
    **{name: name for name in _MODULES},
    "ndjson": "jsonl", "bioc_xml": "bioc", "tsv": "csv", "pubmed": "pubmed_xml", "xml": "pubmed_xml",
    "nbib": "medline", "text": "txt",
}
FORMATS: tuple[str, ...] = tuple(_MODULES)


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"meshtag.io.{_MODULES[name]}")


def canonical_format(name: str) -> str:
    """The reader name for a user-given format or alias (`tsv` -> `csv`); MeshtagError-style InputError if unknown."""
    key = name.strip().lower().replace("-", "_")
    if key not in ALIASES:
        raise InputError(f"unknown format {name!r}; known: {', '.join(sorted(ALIASES))}")
    return ALIASES[key]


def sniff_format(head: bytes) -> str | None:
    """The first format whose sniffer accepts `head`, else None."""
    for name in FORMATS:
        if _module(name).sniff(head):
            return name
    return None


def detect_format(path: str | Path, options: ReadOptions | None = None) -> str:
    """Format name of a file from its content; InputError naming the file when empty or unknown."""
    path = Path(path)
    head = read_head(path, options or ReadOptions())
    if not head.strip():
        raise InputError("empty file", str(path))
    fmt = sniff_format(head)
    if fmt is None:
        raise InputError(f"unknown format (not one of: {', '.join(FORMATS)}); use --format to force one",
                         str(path))
    return fmt


def reader_for(name: str) -> Callable[[ReadContext], Iterator[Document]]:
    """The `read(ctx)` generator of a format."""
    return _module(name).read
