"""Rows of a table (CSV/TSV/Parquet) -> Documents: column names resolved through aliases or options."""
from __future__ import annotations

import json
import re
from typing import Any, Mapping, Sequence

from meshtag.errors import InputError
from meshtag.model import Document

from .base import ReadContext

# field -> accepted column names (compared lower-cased, spaces/underscores/hyphens removed)
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "docid", "documentid", "identifier", "uid"),
    "title": ("title", "ti", "articletitle", "documenttitle"),
    "abstract": ("abstract", "ab", "abstracttext", "text", "body"),
    "pmid": ("pmid", "pubmedid", "pubmed"),
    "doi": ("doi", "articledoi"),
    "journal": ("journal", "journaltitle", "jt", "sourcetitle", "source"),
    "year": ("year", "publicationyear", "pubyear", "py"),
    "keywords": ("keywords", "authorkeywords", "ot"),
    "meta": ("meta",),
}
TEXT_FIELDS = ("title", "abstract")
_MENTION_TABLE = {"docid", "start", "end", "label"}


def _key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower().lstrip("\ufeff"))


def resolve_columns(header: Sequence[str], overrides: Mapping[str, str], file: str) -> dict[str, str]:
    """field -> column name in `header`; `overrides` (field -> column) win. InputError if no text column."""
    by_key = {_key(h): h for h in header}
    if _MENTION_TABLE <= set(by_key) and not ({"title", "abstract"} & set(by_key)):
        raise InputError("this table has one row per mention (doc_id, start, end, label), not documents", file)
    mapping: dict[str, str] = {}
    for field, column in overrides.items():
        if column not in header:
            raise InputError(f"column {column!r} (for {field}) not in the header", file)
        mapping[field] = column
    for field, names in ALIASES.items():
        if field not in mapping:
            found = next((by_key[n] for n in names if n in by_key and by_key[n] not in mapping.values()), None)
            if found is not None:
                mapping[field] = found
    if not any(f in mapping for f in TEXT_FIELDS):
        raise InputError(f"no title or abstract column among {list(header)[:12]}; "
                         f"name them with columns={{'title': …, 'abstract': …}}", file)
    return mapping


def looks_like_header(header: Sequence[str]) -> bool:
    """At least two columns, one of them a known title/abstract name."""
    keys = {_key(h) for h in header}
    return len(header) >= 2 and any(n in keys for f in TEXT_FIELDS for n in ALIASES[f])


def document_from_row(row: Mapping[str, Any], mapping: Mapping[str, str], ctx: ReadContext, record: int) -> Document:
    """A Document from one row; `meta` (JSON) restored when present, journal/year/keywords from their columns."""
    def get(field: str) -> str | None:
        value = row.get(mapping[field]) if field in mapping else None
        if value is None:
            return None
        value = str(value).strip()
        return value or None

    meta: dict[str, Any] = {}
    if get("meta"):
        try:
            loaded = json.loads(get("meta"))
            meta = loaded if isinstance(loaded, dict) else {}
        except ValueError:
            ctx.problem(record, "the meta column is not JSON; ignored")
    for field in ("journal", "year"):
        if get(field):
            meta[field] = get(field)
    if get("keywords"):
        meta["keywords"] = [k.strip() for k in re.split(r"[;|]", get("keywords")) if k.strip()]
    pmid = get("pmid")
    return Document(id=get("id") or "", title=get("title") or "", abstract=get("abstract") or "",
                    pmid=pmid, doi=get("doi"), meta={**meta, "record": record})
