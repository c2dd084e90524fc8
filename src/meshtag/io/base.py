"""What every reader shares: its options, the per-file context that reports problems, and safe opening.

Opening is where hostile input is stopped early: gzip is decompressed through a guard that refuses
decompression bombs, text is decoded as UTF-8 or (with a warning) as what charset-normalizer finds.
"""
from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator

from meshtag.errors import ErrorLog, InputError

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 1 << 16          # what format detection looks at
ENCODING_PROBE_BYTES = 1 << 20


@dataclass
class ReadOptions:
    """Limits and per-format options, shared by all readers (`read_documents(..., **options)`)."""

    max_record_bytes: int = 2 * 1024 * 1024          # one record (line, XML element, CSV row, file for txt)
    max_file_bytes: int = 256 * 1024 * 1024          # formats read whole (BioC JSON, pages, txt)
    max_decompressed_bytes: int = 16 * 1024 ** 3     # gzip output cap
    max_compression_ratio: float = 200.0             # gzip output/input cap (checked past 16 MB)
    gene_as_receptor: bool = False                   # PubTator/BioC `Gene` annotations -> RECEPTOR
    columns: dict[str, str] = field(default_factory=dict)  # CSV/TSV: field -> column name
    delimiter: str | None = None                     # CSV/TSV: force a delimiter
    report_missing_abstract: bool = True             # one warning line per document without abstract

    @classmethod
    def from_kwargs(cls, options: dict[str, Any]) -> "ReadOptions":
        unknown = set(options) - set(cls.__dataclass_fields__)
        if unknown:
            raise TypeError(f"unknown read option(s): {', '.join(sorted(unknown))}")
        return cls(**options)


@dataclass
class ReadStats:
    """Counts from one `read_documents` run, for summaries."""

    files: int = 0
    documents: int = 0
    problems: int = 0
    warnings: int = 0
    deleted_citations: int = 0


@dataclass
class ReadContext:
    """One input file being read: its name, the options, and where problems go."""

    path: Path
    options: ReadOptions
    errors: ErrorLog | None = None
    strict: bool = False
    stats: ReadStats = field(default_factory=ReadStats)

    @property
    def file(self) -> str:
        return str(self.path)

    @property
    def stem(self) -> str:
        name = self.path.name
        for suffix in (".gz", ".gzip"):
            if name.lower().endswith(suffix):
                name = name[: -len(suffix)]
        return Path(name).stem or name

    def problem(self, record: str | int | None, reason: str) -> None:
        """Report one problem (raises instead under `strict`)."""
        reason = one_line(reason)
        self.stats.problems += 1
        if self.strict:
            raise InputError(reason, self.file, record)
        if self.errors is not None:
            self.errors.report(self.file, record, reason)

    def warn(self, record: str | int | None, reason: str) -> None:
        """Report something worth knowing that does not make the input bad (never raises, even strict)."""
        self.stats.warnings += 1
        if self.errors is not None:
            self.errors.report(self.file, record, f"warning: {one_line(reason)}")

    def open_binary(self) -> IO[bytes]:
        return open_binary(self.path, self.options)

    def open_text(self) -> IO[str]:
        return open_text(self.path, self)

    def read_all_text(self) -> str:
        """Whole file as text, for formats that are not streamed; refused beyond `max_file_bytes`."""
        with self.open_binary() as fh:
            data = fh.read(self.options.max_file_bytes + 1)
        if len(data) > self.options.max_file_bytes:
            raise InputError(f"refused: file larger than max_file_bytes ({self.options.max_file_bytes})", self.file)
        return decode_bytes(data, self)

    def check_record_size(self, record: str | int | None, size: int) -> bool:
        """False (and a problem reported) when one record is beyond `max_record_bytes`."""
        if size > self.options.max_record_bytes:
            self.problem(record, f"refused: record larger than max_record_bytes ({self.options.max_record_bytes})")
            return False
        return True


def one_line(reason: str, limit: int = 400) -> str:
    """A problem as one readable line: whitespace runs collapsed, overly long messages shortened."""
    text = " ".join(str(reason).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _GuardedGzip(io.RawIOBase):
    """Decompresses gzip while refusing output beyond a size cap or an absurd compression ratio."""

    def __init__(self, path: Path, options: ReadOptions):
        self._raw = open(path, "rb")
        self._gz = gzip.GzipFile(fileobj=self._raw, mode="rb")
        self._opts, self._out, self._path = options, 0, path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._gz.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._out += n
        if self._out > self._opts.max_decompressed_bytes:
            raise InputError(f"refused: gzip expands beyond max_decompressed_bytes "
                             f"({self._opts.max_decompressed_bytes}); possible decompression bomb", str(self._path))
        compressed = max(self._raw.tell(), 1)
        if self._out > (16 << 20) and self._out / compressed > self._opts.max_compression_ratio:
            raise InputError(f"refused: gzip compression ratio above {self._opts.max_compression_ratio:g}; "
                             f"possible decompression bomb", str(self._path))
        return n

    def close(self) -> None:
        self._gz.close()
        self._raw.close()
        super().close()


def open_binary(path: Path, options: ReadOptions) -> IO[bytes]:
    """Open a file for reading bytes; gzip (detected by magic bytes, not name) is decompressed safely."""
    with open(path, "rb") as fh:
        magic = fh.read(2)
    if magic == GZIP_MAGIC:
        return io.BufferedReader(_GuardedGzip(path, options), buffer_size=1 << 16)
    return open(path, "rb")


def read_head(path: Path, options: ReadOptions, size: int = HEAD_BYTES) -> bytes:
    """The first `size` (decompressed) bytes of a file."""
    with open_binary(path, options) as fh:
        return fh.read(size)


def choose_encoding(head: bytes, ctx: ReadContext | None = None, complete: bool = False) -> str:
    """utf-8 when the bytes are UTF-8; else charset-normalizer's guess (with a warning), else InputError."""
    try:
        head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as err:
        if not complete and err.reason == "unexpected end of data" and err.start >= len(head) - 3:
            return "utf-8-sig"
    from charset_normalizer import from_bytes

    best = from_bytes(head).best() if b"\x00" not in head else None
    file = ctx.file if ctx else None
    if best is None:
        raise InputError("undecodable bytes: not UTF-8 and no other text encoding fits", file)
    if ctx is not None:
        ctx.warn(None, f"not UTF-8; decoded as {best.encoding} (charset-normalizer guess)")
    return best.encoding


def decode_bytes(data: bytes, ctx: ReadContext) -> str:
    """Decode a whole file's bytes (see `choose_encoding`)."""
    return data.decode(choose_encoding(data, ctx, complete=True))


def open_text(path: Path, ctx: ReadContext) -> IO[str]:
    """Open a file as text with the encoding chosen from its first megabyte; universal newlines."""
    head = read_head(path, ctx.options, ENCODING_PROBE_BYTES)
    encoding = choose_encoding(head, ctx, complete=len(head) < ENCODING_PROBE_BYTES)
    return io.TextIOWrapper(open_binary(path, ctx.options), encoding=encoding, errors="strict", newline=None)


def iter_lines(ctx: ReadContext) -> Iterator[tuple[int, str | None]]:
    """(line number, line without its newline) for line-based formats.

    A line beyond `max_record_bytes` or with undecodable bytes is reported and given as None, so the
    reader can drop the record it belongs to; reading goes on with the next line.
    """
    head = read_head(ctx.path, ctx.options, ENCODING_PROBE_BYTES)
    encoding = choose_encoding(head, ctx, complete=len(head) < ENCODING_PROBE_BYTES)
    if b"\n" not in "\n".encode(encoding):  # not ASCII-compatible (UTF-16/32): no byte-level line split
        yield from _iter_decoded_lines(ctx, encoding)
        return
    limit = ctx.options.max_record_bytes
    with ctx.open_binary() as raw:
        number = 0
        while True:
            line = raw.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                ctx.problem(f"line {number}", f"refused: line larger than max_record_bytes ({limit})")
                while line and not line.endswith(b"\n"):
                    line = raw.readline(limit + 1)
                yield number, None
                continue
            try:
                text = line.decode(encoding)
            except UnicodeDecodeError as err:
                ctx.problem(f"line {number}", f"undecodable bytes ({encoding}: {err.reason}); line skipped")
                yield number, None
                continue
            yield number, text.rstrip("\r\n")


def _iter_decoded_lines(ctx: ReadContext, encoding: str) -> Iterator[tuple[int, str | None]]:
    limit = ctx.options.max_record_bytes
    with io.TextIOWrapper(ctx.open_binary(), encoding=encoding, errors="strict", newline=None) as stream:
        for number, line in enumerate(stream, start=1):
            if len(line) > limit:
                ctx.problem(f"line {number}", f"refused: line larger than max_record_bytes ({limit})")
                yield number, None
                continue
            yield number, line.rstrip("\r\n")


class RecordGuard:
    """A binary stream wrapper for streamed XML: refuses to read more than `max_record_bytes` between
    two completed records (`mark()`), so one oversized record cannot exhaust memory."""

    SLACK = 1 << 17  # the parser reads ahead in chunks

    def __init__(self, stream: IO[bytes], ctx: ReadContext):
        self._stream, self._ctx, self._since = stream, ctx, 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._since += len(data)
        limit = self._ctx.options.max_record_bytes
        if self._since > limit + self.SLACK:
            raise InputError(f"refused: a record larger than max_record_bytes ({limit}); rest of file skipped",
                             self._ctx.file)
        return data

    def mark(self) -> None:
        self._since = 0


def uses_external_entities(elem: Any, ctx: ReadContext, record: str | int) -> bool:
    """True (and reported) when a streamed XML record references entities that only an external DTD
    could define; meshtag never loads external DTDs, so such a record is refused rather than half-read."""
    from lxml import etree

    names = sorted({node.name for node in elem.iter(etree.Entity)})
    if names:
        ctx.problem(record, f"refused: uses entities defined outside the document ({', '.join('&' + n + ';' for n in names)}); "
                            f"external DTDs are never loaded")
    return bool(names)
