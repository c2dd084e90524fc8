"""The records that flow through meshtag: a Document read from any format and the Mentions found in it."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LABELS: tuple[str, ...] = ("RECEPTOR", "DRUG", "CONDITION", "BRAIN_REGION")
SOURCES: tuple[str, ...] = ("dictionary", "abbreviation", "model", "curation", "pattern")


@dataclass
class Mention:
    """One tagged span. Offsets are character offsets over `Document.text` (title + " " + abstract)."""

    start: int
    end: int
    text: str
    label: str
    id: str | None = None          # MESH:D…/MESH:C…, or HGNC:… only where MeSH has no concept
    name: str | None = None        # preferred name of `id`
    sentence: int = 0              # index into Document.sentences
    source: str = "dictionary"     # one of SOURCES
    score: float = 1.0
    related_id: str | None = None  # closest MeSH concept when `id` is HGNC (or other non-MeSH) id

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if d["related_id"] is None:
            del d["related_id"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Mention":
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@dataclass
class Document:
    """A title + abstract with its identifiers and source metadata.

    `meta` holds what the source gives: journal, year, mesh_headings (list), keywords (list),
    sections (list of {label, text} for structured abstracts), source_file, record (position in file).
    """

    id: str
    title: str = ""
    abstract: str = ""
    pmid: str | None = None
    doi: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # char spans over `text`

    @property
    def text(self) -> str:
        """title + " " + abstract: the PubTator offset convention (just the title when there is no abstract)."""
        if not self.abstract:
            return self.title
        if not self.title:
            return " " + self.abstract
        return f"{self.title} {self.abstract}"

    @property
    def abstract_offset(self) -> int:
        """Offset of the abstract's first character in `text`."""
        return len(self.title) + 1

    def to_dict(self, with_mentions: bool | None = None) -> dict[str, Any]:
        """JSON form: id, title, abstract, pmid, doi, meta (+ mentions when tagged or asked for)."""
        d: dict[str, Any] = {
            "id": self.id, "title": self.title, "abstract": self.abstract,
            "pmid": self.pmid, "doi": self.doi, "meta": self.meta,
        }
        if with_mentions or (with_mentions is None and self.mentions):
            d["mentions"] = [m.to_dict() for m in self.mentions]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        return cls(
            id=str(d["id"]), title=d.get("title") or "", abstract=d.get("abstract") or "",
            pmid=d.get("pmid"), doi=d.get("doi"), meta=dict(d.get("meta") or {}),
            mentions=[Mention.from_dict(m) for m in d.get("mentions") or []],
        )
