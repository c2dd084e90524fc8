"""PubTator output: `id|t|title`, `id|a|abstract`, one tab-separated line per mention, a blank line.

The type column is the corpus type the mention was read with (`meta["annotation_types"]`) when there
is one, else the meshtag label; the id column drops the `MESH:` prefix and is `-1` when unlinked.
"""
from __future__ import annotations

from typing import IO, Iterable

from meshtag.io.annotations import pubtator_concept_id
from meshtag.model import Document


def _one_line(text: str) -> str:
    """PubTator is line-based: newlines and tabs inside text become spaces (same length, offsets hold)."""
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def write(docs: Iterable[Document], stream: IO[str], tagged: bool) -> int:
    n = 0
    for doc in docs:
        pid = _one_line(doc.id).replace("|", "_")
        stream.write(f"{pid}|t|{_one_line(doc.title)}\n{pid}|a|{_one_line(doc.abstract)}\n")
        types = doc.meta.get("annotation_types") or []
        aligned = len(types) == len(doc.mentions)
        for i, m in enumerate(doc.mentions):
            kind = types[i] if aligned else m.label
            stream.write(f"{pid}\t{m.start}\t{m.end}\t{_one_line(m.text)}\t{kind}\t{pubtator_concept_id(m.id)}\n")
        stream.write("\n")
        n += 1
    return n
