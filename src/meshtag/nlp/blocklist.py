"""Terms that are names of a concept but, in running text, almost never denote it ("placebo", "drug",
"disease", "syndrome"): kept in `models/curation/blocked_terms.tsv` (term, label, source, note), each
with the evidence that blocked it, and skipped by the dictionary matcher for that label."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from meshtag.kb.normalize import normalize
from meshtag.paths import curation_dir

BLOCKED_FILE = "blocked_terms.tsv"
COLUMNS = ("term", "label", "source", "note")


def default_blocked_path() -> Path:
    return curation_dir() / BLOCKED_FILE


@lru_cache(maxsize=4)
def load_blocked(path: str) -> frozenset[tuple[str, str]]:
    """(normalised term, label) pairs from a blocked-terms TSV; an empty set when the file is absent."""
    file = Path(path)
    if not file.is_file():
        return frozenset()
    with open(file, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return frozenset((normalize(r["term"]), r["label"]) for r in rows if r.get("term") and r.get("source"))
