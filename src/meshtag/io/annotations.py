"""Turning gold annotations from PubTator and BioC into Mentions: type -> label, identifier -> concept id.

The original annotation type is kept beside each mention (`meta["annotation_types"]`, aligned with
`Document.mentions`) so evaluation can score by the corpus's own types.
"""
from __future__ import annotations

import re

from meshtag.model import LABELS, Document, Mention

from .base import ReadContext

# Corpus annotation types -> meshtag labels (BC5CDR, NCBI-disease; our own labels map to themselves).
TYPE_LABELS: dict[str, str] = {
    "chemical": "DRUG", "drug": "DRUG",
    "disease": "CONDITION", "specificdisease": "CONDITION", "diseaseclass": "CONDITION",
    "modifier": "CONDITION", "compositemention": "CONDITION",
    **{label.lower(): label for label in LABELS},
}
GENE_TYPES = {"gene", "geneorgeneproduct", "protein"}

_MESH_UI = re.compile(r"^[DC]\d{6,9}$")
_ID_SPLIT = re.compile(r"[|+,;]")


def label_for(annotation_type: str, gene_as_receptor: bool = False) -> str | None:
    """The meshtag label for a corpus annotation type, or None when meshtag does not tag that type."""
    key = annotation_type.strip().lower()
    if key in GENE_TYPES:
        return "RECEPTOR" if gene_as_receptor else None
    return TYPE_LABELS.get(key)


def normalize_concept_id(raw: str | None) -> str | None:
    """`D014262` -> `MESH:D014262`; `OMIM:…` kept; composite `D1|D2`/`D1+D2` -> `MESH:D1|MESH:D2`; `-1`/empty -> None."""
    if raw is None:
        return None
    raw = raw.strip()
    if raw in ("", "-1", "-", "None", "null"):
        return None
    parts = [p.strip() for p in _ID_SPLIT.split(raw) if p.strip() and p.strip() != "-1"]
    out = []
    for part in parts:
        if part.upper().startswith("MESH:"):
            part = "MESH:" + part[5:]
        elif _MESH_UI.match(part):
            part = "MESH:" + part
        out.append(part)
    return "|".join(out) or None


def pubtator_concept_id(concept_id: str | None) -> str:
    """The PubTator id column for a concept id: `MESH:` prefix dropped (BC5CDR style), `-1` for none."""
    if not concept_id:
        return "-1"
    return "|".join(p[5:] if p.startswith("MESH:") else p for p in concept_id.split("|"))


def add_annotation(doc: Document, ctx: ReadContext, record: str, start: int, end: int, text: str,
                   annotation_type: str, raw_id: str | None) -> None:
    """Append one gold annotation as a Mention, after checking its offsets against `doc.text`.

    A span that does not match the text is reported and dropped; a type meshtag does not tag is counted.
    """
    full = doc.text
    found = full[start:end] if 0 <= start < end <= len(full) else None
    if found != text:
        if found is not None and found == text.strip():
            ctx.warn(record, f"annotation {start}-{end} {text!r} has surrounding spaces the text lacks; trimmed")
            text = found
        else:
            ctx.problem(record, f"annotation {start}-{end} {text!r} does not match the text there "
                                f"({'out of range' if found is None else repr(found)}); dropped")
            return
    label = label_for(annotation_type, ctx.options.gene_as_receptor)
    if label is None:
        skipped = doc.meta.setdefault("skipped_annotation_types", {})
        skipped[annotation_type] = skipped.get(annotation_type, 0) + 1
        return
    doc.mentions.append(Mention(start=start, end=end, text=text, label=label,
                                id=normalize_concept_id(raw_id), source="curation"))
    doc.meta.setdefault("annotation_types", []).append(annotation_type)
