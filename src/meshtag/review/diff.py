"""`meshtag review diff`: what the current curation would change in a tagged corpus, per concept.

The corpus is read, never rewritten: each stored mention goes through `Curation.curate` and the
differences are counted per (concept, change, target) with a few examples.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

from meshtag.errors import MeshtagError
from meshtag.model import Mention
from meshtag.review.curation import Curation
from meshtag.safety import neutralize_formula

MAX_EXAMPLES = 3
DIFF_COLUMNS = ("concept_id", "concept_name", "label", "change", "new_id", "new_name", "new_label",
                "mentions", "documents", "examples")
FORMATS = ("table", "csv", "md")


@dataclass
class Change:
    """Mentions of one concept that the curation changes the same way."""

    concept_id: str
    concept_name: str
    label: str
    change: str                  # dropped | remapped | relabelled
    new_id: str = ""
    new_name: str = ""
    new_label: str = ""
    mentions: int = 0
    doc_ids: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)

    def row(self) -> dict[str, object]:
        return {"concept_id": self.concept_id, "concept_name": self.concept_name, "label": self.label,
                "change": self.change, "new_id": self.new_id, "new_name": self.new_name,
                "new_label": self.new_label, "mentions": self.mentions, "documents": len(self.doc_ids),
                "examples": " | ".join(self.examples)}


@dataclass
class CorpusDiff:
    changes: list[Change]
    mentions: int       # mentions in the corpus
    documents: int      # documents with at least one changed mention

    def summary(self) -> str:
        counts = {kind: sum(c.mentions for c in self.changes if c.change == kind)
                  for kind in ("dropped", "remapped", "relabelled")}
        changed = sum(counts.values())
        return (f"{changed} of {self.mentions} mentions would change in {self.documents} documents "
                f"(dropped {counts['dropped']}, remapped {counts['remapped']}, relabelled {counts['relabelled']})")


def diff_corpus(corpus: str | os.PathLike, curation: Curation, batch_size: int = 50_000) -> CorpusDiff:
    """Compare every stored mention with its curated form."""
    from meshtag.corpus import CorpusStore

    store = CorpusStore(corpus)
    if not store.exists():
        raise MeshtagError(f"{corpus}: not a meshtag corpus (no corpus.json)")
    changes: dict[tuple[str, str, str, str], Change] = {}
    docs: set[str] = set()
    total = 0
    con = store.connect()
    try:
        cursor = con.execute("""SELECT doc_id, start, "end", text, label, concept_id, concept_name, sentence,
                                       source, score, related_id FROM mentions ORDER BY doc_id, start""")
        while batch := cursor.fetchmany(batch_size):
            for doc_id, *values in batch:
                total += 1
                before = Mention(*values)
                after = curation.curate(before)
                if after is not None and (after.id, after.label) == (before.id, before.label):
                    continue
                _record(changes, doc_id, before, after)
                docs.add(doc_id)
    finally:
        con.close()
    ordered = sorted(changes.values(), key=lambda c: (-c.mentions, c.concept_id, c.change, c.new_id))
    return CorpusDiff(ordered, total, len(docs))


def _record(changes: dict, doc_id: str, before: Mention, after: Mention | None) -> None:
    if after is None:
        kind, target = "dropped", ("", "", "")
    else:
        kind = "remapped" if after.id != before.id else "relabelled"
        target = (after.id or "", after.name or "", after.label) if kind == "remapped" else ("", "", after.label)
    key = (before.id or "", before.label, kind, target[0] + "\t" + target[2])
    change = changes.get(key)
    if change is None:
        change = changes[key] = Change(before.id or "", before.name or "", before.label, kind, *target)
    change.mentions += 1
    change.doc_ids.add(doc_id)
    if len(change.examples) < MAX_EXAMPLES:
        change.examples.append(f"{doc_id}: {before.text}")


def render(diff: CorpusDiff, fmt: str) -> str:
    """The diff as an aligned text table, CSV (cells neutralised) or Markdown."""
    rows = [c.row() for c in diff.changes]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(DIFF_COLUMNS)
        writer.writerows([neutralize_formula(r[c]) for c in DIFF_COLUMNS] for r in rows)
        return out.getvalue()
    cells = [[str(r[c]) for c in DIFF_COLUMNS] for r in rows]
    if fmt == "md":
        lines = ["| " + " | ".join(DIFF_COLUMNS) + " |", "|" + "---|" * len(DIFF_COLUMNS)]
        lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in cells]
        return "\n".join(lines) + f"\n\n{diff.summary()}\n"
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(DIFF_COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(DIFF_COLUMNS, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines) + f"\n{diff.summary()}\n"


def _md(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
