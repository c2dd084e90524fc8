"""A corpus folder: Parquet parts for documents, sentences and mentions, queried through DuckDB views.

Layout::

    DIR/corpus.json                         summary: KB + pipeline version, created/updated, part names
    DIR/parts/<part>.json                   one manifest per committed part (its commit record)
    DIR/documents/part-<part>.parquet       one file per table per part
    DIR/sentences/part-<part>.parquet
    DIR/mentions/part-<part>.parquet

A part is committed when its manifest exists; the manifest is written (atomically) only after its three
Parquet files are in place, so a run killed at any point leaves only committed parts visible. Each
manifest carries a sequence number; when a document id occurs in several parts the views keep the rows
of the part with the highest sequence (last write wins). See docs/corpus.md.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from meshtag.corpus.schema import SCHEMAS, TABLES, documents_to_tables
from meshtag.errors import MeshtagError
from meshtag.fsutil import atomic_open, atomic_path
from meshtag.model import Document

if TYPE_CHECKING:
    import duckdb

FORMAT_VERSION = 1
_PART_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")


@dataclass
class AddResult:
    """What one `CorpusStore.add` call committed."""

    parts: list[str] = field(default_factory=list)
    documents: int = 0
    sentences: int = 0
    mentions: int = 0


@dataclass
class PartInfo:
    """A committed part, read from its manifest."""

    name: str
    seq: int
    documents: int
    sentences: int
    mentions: int
    kb_version: dict[str, Any]
    pipeline_version: str
    written: str


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class CorpusStore:
    """Read and extend one corpus folder. Safe for several writers when each writes its own part names."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._last_seq = 0

    # ---- locations -------------------------------------------------------------------------------
    @property
    def metadata_path(self) -> Path:
        return self.path / "corpus.json"

    def part_file(self, table: str, part: str) -> Path:
        return self.path / table / f"part-{part}.parquet"

    def _manifest_path(self, part: str) -> Path:
        return self.path / "parts" / f"{part}.json"

    # ---- reading metadata --------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.metadata_path.is_file() or (self.path / "parts").is_dir()

    def metadata(self) -> dict[str, Any]:
        """corpus.json as a dict (empty when the corpus has never been written)."""
        if not self.metadata_path.is_file():
            return {}
        return json.loads(self.metadata_path.read_text(encoding="utf-8"))

    def parts(self) -> list[PartInfo]:
        """Committed parts, oldest first (by sequence number)."""
        folder = self.path / "parts"
        if not folder.is_dir():
            return []
        infos = []
        for manifest in folder.glob("*.json"):
            data = json.loads(manifest.read_text(encoding="utf-8"))
            infos.append(PartInfo(**{k: data[k] for k in PartInfo.__dataclass_fields__}))
        return sorted(infos, key=lambda p: (p.seq, p.name))

    def part_names(self) -> list[str]:
        """Names of the committed parts, sorted (a directory listing: cheap even with thousands of parts)."""
        folder = self.path / "parts"
        return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []

    def has_part(self, name: str) -> bool:
        """True when part `name` is committed (all its files written and its manifest in place)."""
        return self._manifest_path(name).is_file()

    # ---- writing -----------------------------------------------------------------------------------
    def add(self, docs: Iterable[Document], *, kb_version: dict[str, Any], pipeline_version: str,
            part: str | None = None, batch_size: int = 20_000) -> AddResult:
        """Store tagged documents. With `part`, all go into that one part (re-adding it replaces it);
        without, they are cut into parts of `batch_size` documents named `<run>-<n>`."""
        result = AddResult()
        self._ensure_metadata(kb_version, pipeline_version)
        try:
            if part is not None:
                self._commit(part, documents_to_tables(docs), kb_version, pipeline_version, result)
            else:
                run = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
                for n, batch in enumerate(_batches(docs, batch_size)):
                    self._commit(f"{run}-{n:05d}", documents_to_tables(batch), kb_version, pipeline_version, result)
        finally:  # parts committed before an error stay, and corpus.json lists them
            if result.parts:
                self._update_metadata(kb_version, pipeline_version)
        return result

    def add_tables(self, part: str, tables: dict[str, pa.Table], *, kb_version: dict[str, Any],
                   pipeline_version: str) -> AddResult:
        """Commit ready-made Arrow tables (schemas of `meshtag.corpus.schema`) as part `part`."""
        result = AddResult()
        self._ensure_metadata(kb_version, pipeline_version)
        self._commit(part, tables, kb_version, pipeline_version, result)
        self._update_metadata(kb_version, pipeline_version)
        return result

    def _commit(self, part: str, tables: dict[str, pa.Table], kb_version: dict[str, Any],
                pipeline_version: str, result: AddResult) -> None:
        """Write the part's three files, then its manifest: the manifest is the commit."""
        if not _PART_NAME.match(part):
            raise MeshtagError(f"invalid corpus part name {part!r} (letters, digits, '.', '_', '-')")
        for table in TABLES:
            data = tables[table].cast(SCHEMAS[table]) if tables[table].schema != SCHEMAS[table] else tables[table]
            with atomic_path(self.part_file(table, part)) as tmp:
                pq.write_table(data, tmp, compression="zstd")
        counts = {table: tables[table].num_rows for table in TABLES}
        manifest = {
            "name": part, "seq": self._next_seq(), **counts, "kb_version": kb_version,
            "pipeline_version": pipeline_version, "written": _now(),
        }
        with atomic_open(self._manifest_path(part)) as fh:
            json.dump(manifest, fh, indent=1, sort_keys=True)
        result.parts.append(part)
        result.documents += counts["documents"]
        result.sentences += counts["sentences"]
        result.mentions += counts["mentions"]

    def _next_seq(self) -> int:
        """A sequence number above every committed part's: the nanosecond clock, kept strictly increasing
        through the `.seq` file (O(1) per commit, under the lock, whichever process commits)."""
        seq_file = self.path / ".seq"
        with self._locked():
            last = int(seq_file.read_text() or 0) if seq_file.is_file() else \
                max((p.seq for p in self.parts()), default=0)  # a corpus written before .seq existed
            self._last_seq = max(time.time_ns(), last + 1, self._last_seq + 1)
            with atomic_open(seq_file) as fh:
                fh.write(str(self._last_seq))
        return self._last_seq

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise corpus.json updates between processes on this machine."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _ensure_metadata(self, kb_version: dict[str, Any], pipeline_version: str) -> None:
        if not self.metadata_path.is_file():
            self._update_metadata(kb_version, pipeline_version)

    def _update_metadata(self, kb_version: dict[str, Any], pipeline_version: str) -> None:
        """Rewrite corpus.json from the committed manifests (last step of every add)."""
        with self._locked():
            meta = self.metadata()
            now = _now()
            meta.update({
                "format": FORMAT_VERSION, "created": meta.get("created", now), "updated": now,
                "kb_version": kb_version, "pipeline_version": pipeline_version,
                "parts": self.part_names(),
            })
            with atomic_open(self.metadata_path) as fh:
                json.dump(meta, fh, indent=1, sort_keys=True)

    # ---- querying ----------------------------------------------------------------------------------
    def connect(self, threads: int | None = None, memory_limit: str | None = None) -> "duckdb.DuckDBPyConnection":
        """An in-memory DuckDB connection with views `documents`, `sentences`, `mentions` (current rows).

        DuckDB may use `memory_limit` (default $MESHTAG_DUCKDB_MEMORY, else a quarter of physical memory)
        and spills larger joins and sorts to a temporary folder.
        """
        import duckdb

        con = duckdb.connect(config={
            "memory_limit": memory_limit or os.environ.get("MESHTAG_DUCKDB_MEMORY") or _quarter_of_memory(),
            "temp_directory": str(Path(tempfile.gettempdir()) / f"meshtag-duckdb-{os.getpid()}"),
        })
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        parts = self.parts()
        if not parts:
            for table, schema in SCHEMAS.items():
                con.register(f"_empty_{table}", schema.empty_table())
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM _empty_{table}")
            return con
        for table in TABLES:
            files = ", ".join(_sql_str(str(self.part_file(table, p.name))) for p in parts)
            con.execute(f"CREATE VIEW _raw_{table} AS SELECT * FROM read_parquet([{files}], filename = true)")
        duplicates = con.execute("SELECT count(*) - count(DISTINCT doc_id) FROM _raw_documents").fetchall()[0][0]
        columns = {t: ", ".join(f'"{f.name}"' for f in SCHEMAS[t]) for t in TABLES}
        if not duplicates:
            for table in TABLES:
                con.execute(f"CREATE VIEW {table} AS SELECT {columns[table]} FROM _raw_{table}")
            return con
        con.register("_part_seq", pa.table({"part": [f"part-{p.name}" for p in parts],
                                            "seq": [p.seq for p in parts]}))
        con.execute("""
            CREATE TEMP TABLE _current AS
            SELECT doc_id, arg_max(part, seq) AS part
            FROM (SELECT doc_id, parse_filename(filename, true) AS part FROM _raw_documents)
            JOIN _part_seq USING (part) GROUP BY doc_id""")
        for table in TABLES:
            con.execute(f"""
                CREATE VIEW {table} AS SELECT {columns[table]} FROM _raw_{table} r
                SEMI JOIN _current c ON r.doc_id = c.doc_id AND parse_filename(r.filename, true) = c.part""")
        return con

    def doc_ids(self) -> set[str]:
        """Ids of the documents currently in the corpus."""
        con = self.connect()
        try:
            return {row[0] for row in con.execute("SELECT doc_id FROM documents").fetchall()}
        finally:
            con.close()


def _quarter_of_memory() -> str:
    """A quarter of this machine's physical memory, as a DuckDB size ("6GB")."""
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return "4GB"
    return f"{max(1, total // 4 // 2**30)}GB"


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
