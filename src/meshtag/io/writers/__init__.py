"""Writing documents (tagged or not) in every output format; shared by `read`, `tag` and the rest.

Files are written to a temporary name and renamed when complete (`meshtag.fsutil`); `None`/"-" is stdout.
"""
from __future__ import annotations

import importlib
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from meshtag.errors import MeshtagError
from meshtag.fsutil import atomic_open
from meshtag.model import Document

# format -> module under meshtag.io.writers with `write(docs, stream|path, tagged) -> int`
_WRITERS = {"jsonl": "jsonl", "pubtator": "pubtator", "bioc": "bioc", "csv": "table", "tsv": "table",
            "parquet": "table"}
OUTPUT_FORMATS: tuple[str, ...] = tuple(_WRITERS)
_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "bioc", ".pubtator": "pubtator",
               ".txt": "pubtator", ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".bioc": "bioc"}
_ALIASES = {"bioc_json": "bioc", "ndjson": "jsonl"}
PEEK_DOCUMENTS = 1000


def format_for_path(path: str | Path | None, default: str = "jsonl") -> str:
    """Output format from a file name's extension (`.gz` not supported), else `default`."""
    if path is None or str(path) == "-":
        return default
    return _EXTENSIONS.get(Path(path).suffix.lower(), default)


def write_documents(docs: Iterable[Document], path: str | Path | None, format: str | None = None,
                    tagged: bool | None = None) -> int:
    """Write `docs` to `path` (None or "-" = stdout) in `format` (default: from the extension); returns the count.

    `tagged` chooses, for csv/tsv/parquet, one row per mention (True) or per document (False); None decides
    from the first documents (tagged when any of the first 1000 has mentions).
    """
    fmt = _ALIASES.get((format or format_for_path(path)).lower(), (format or format_for_path(path)).lower())
    if fmt not in _WRITERS:
        raise MeshtagError(f"unknown output format {format!r}; known: {', '.join(OUTPUT_FORMATS)}")
    module = importlib.import_module(f"meshtag.io.writers.{_WRITERS[fmt]}")
    docs = iter(docs)
    if tagged is None:
        peeked, tagged = _peek_tagged(docs)
        docs = _chain(peeked, docs)
    if fmt == "parquet":
        if path is None or str(path) == "-":
            raise MeshtagError("parquet cannot be written to stdout; give an output file")
        return module.write_parquet(docs, Path(path), tagged)
    with _text_output(path) as stream:
        if fmt in ("csv", "tsv"):
            return module.write_csv(docs, stream, tagged, delimiter="\t" if fmt == "tsv" else ",")
        return module.write(docs, stream, tagged)


def _peek_tagged(docs: Iterator[Document]) -> tuple[list[Document], bool]:
    peeked: list[Document] = []
    for doc in docs:
        peeked.append(doc)
        if doc.mentions:
            return peeked, True
        if len(peeked) >= PEEK_DOCUMENTS:
            break
    return peeked, False


def _chain(first: list[Document], rest: Iterator[Document]) -> Iterator[Document]:
    yield from first
    yield from rest


@contextmanager
def _text_output(path: str | Path | None) -> Iterator[IO[str]]:
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_open(path, "w") as fh:
        yield fh
