"""Parquet tables of documents (as `write_documents(..., "parquet")` writes them), read in batches."""
from __future__ import annotations

from typing import Iterator

from meshtag.errors import InputError
from meshtag.model import Document

from .base import ReadContext
from .table_rows import document_from_row, resolve_columns

FORMAT = "parquet"
BATCH = 2000


def sniff(head: bytes) -> bool:
    return head.startswith(b"PAR1")


def read(ctx: ReadContext) -> Iterator[Document]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(ctx.path)
        mapping = resolve_columns(table.schema_arrow.names, ctx.options.columns, ctx.file)
        n = 0
        for batch in table.iter_batches(batch_size=BATCH, columns=sorted(set(mapping.values()))):
            for row in batch.to_pylist():
                n += 1
                yield document_from_row(row, mapping, ctx, n)
    except (pa.ArrowException, ValueError) as err:
        raise InputError(f"unreadable Parquet: {err}", ctx.file) from None
