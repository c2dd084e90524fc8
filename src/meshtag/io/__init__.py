"""Reading documents from any supported format, and writing them: the one entry point every command uses.

    for doc in read_documents(["abstracts/", "more.xml.gz"], errors=ErrorLog()):
        ...
    write_documents(docs, "out.jsonl", "jsonl")
"""
from __future__ import annotations

import csv
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator

from meshtag.errors import ErrorLog, InputError
from meshtag.model import Document

from .base import ReadContext, ReadOptions, ReadStats
from .detect import FORMATS, canonical_format, detect_format, reader_for
from .writers import OUTPUT_FORMATS, format_for_path, write_documents

__all__ = [
    "read_documents", "detect_format", "write_documents", "format_for_path", "iter_input_files",
    "ReadOptions", "ReadStats", "FORMATS", "OUTPUT_FORMATS",
]


def iter_input_files(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under folders named (recursive, sorted, hidden files skipped)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    yield child
        else:
            yield path


def read_documents(inputs: str | Path | Iterable[str | Path], format: str | None = None,
                   errors: ErrorLog | None = None, strict: bool = False,
                   stats: ReadStats | None = None, **options: Any) -> Iterator[Document]:
    """Yield every Document from files and folders; bad input is reported to `errors` and skipped.

    `format` forces a reader (else detected from each file's content). With `strict`, the first
    problem raises InputError. Options: see `ReadOptions` (limits, CSV columns, gene_as_receptor).
    Ids are the source's id, else PMID, else DOI, else `stem`/`stem#n`, made unique within the run.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    opts = ReadOptions.from_kwargs(options)
    if format and format.strip().lower() == "tsv" and opts.delimiter is None:
        opts.delimiter = "\t"
    forced = canonical_format(format) if format else None
    stats = stats if stats is not None else ReadStats()
    seen: dict[str, int] = {}  # id -> last suffix used for it
    for path in iter_input_files(inputs):
        ctx = ReadContext(path=path, options=opts, errors=errors, strict=strict, stats=stats)
        stats.files += 1
        yield from _read_file(ctx, forced, seen)


def _read_file(ctx: ReadContext, forced: str | None, seen: dict[str, int]) -> Iterator[Document]:
    """One file's documents; a file-level failure is one reported line, documents before it are kept."""
    n = 0
    if not ctx.path.is_file():
        ctx.problem(None, "no such file" if not ctx.path.exists() else "not a regular file")
        return
    try:
        fmt = forced or detect_format(ctx.path, ctx.options)
        for doc in reader_for(fmt)(ctx):
            n += 1
            if _finish(doc, ctx, n, fmt, seen):
                ctx.stats.documents += 1
                yield doc
    except InputError as err:
        _report(ctx, err.record, err.reason, n)
    except UnicodeDecodeError as err:
        _report(ctx, None, f"undecodable bytes ({err.encoding}: {err.reason})", n)
    except (OSError, EOFError, zlib.error) as err:
        _report(ctx, None, f"cannot read: {err or type(err).__name__}", n)
    except csv.Error as err:
        _report(ctx, None, f"malformed CSV: {err}", n)


def _report(ctx: ReadContext, record: str | int | None, reason: str, read_so_far: int) -> None:
    if read_so_far:
        reason += f" (after {read_so_far} record(s) read)"
    ctx.problem(record, reason)


def _finish(doc: Document, ctx: ReadContext, n: int, fmt: str, seen: dict[str, int]) -> bool:
    """Give the document its id, provenance and notes; False (reported) when it has no text at all."""
    record = doc.meta.get("record", n)
    if not doc.title.strip() and not doc.abstract.strip():
        ctx.problem(record, "no title and no abstract; skipped")
        return False
    base = doc.id or doc.pmid or doc.doi or (ctx.stem if n == 1 else f"{ctx.stem}#{n}")
    doc_id = base
    while doc_id in seen:  # a repeated id gets the next free `#k` suffix
        seen[base] += 1
        doc_id = f"{base}#{seen[base]}"
    seen[doc_id] = 1
    doc.id = doc_id
    doc.meta.setdefault("source_file", ctx.file)
    doc.meta.setdefault("record", record)
    doc.meta.setdefault("format", fmt)
    if not doc.abstract.strip() and "relation" not in doc.meta:
        doc.meta.setdefault("notes", []).append("no abstract")
        if ctx.options.report_missing_abstract:
            ctx.warn(record, f"{doc_id} has no abstract; kept with its title only")
    return True
