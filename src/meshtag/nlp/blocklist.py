"""Terms that are names of a concept but, in running text, almost never denote it ("placebo", "drug",
"disease", "syndrome", "brain"), each with the evidence that blocked it, skipped by the dictionary
matcher for that label. Two files with columns term, label, source, note in `models/curation/`:
`blocked_terms.tsv` (mined from the training sets by scripts/mine_blocked_terms.py) and
`blocked_generic.tsv` (generic words excluded by the annotation guidelines, by hand)."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from meshtag.kb.normalize import normalize
from meshtag.paths import curation_dir

BLOCKED_FILE = "blocked_terms.tsv"
GENERIC_FILE = "blocked_generic.tsv"
COLUMNS = ("term", "label", "source", "note")


def default_blocked_path() -> Path:
    """The mined list (what scripts/mine_blocked_terms.py writes)."""
    return curation_dir() / BLOCKED_FILE


def default_blocked() -> frozenset[tuple[str, str]]:
    """Both committed lists."""
    return load_blocked(str(default_blocked_path())) | load_blocked(str(curation_dir() / GENERIC_FILE))


@lru_cache(maxsize=4)
def load_blocked(path: str) -> frozenset[tuple[str, str]]:
    """(normalised term, label) pairs from a blocked-terms TSV; an empty set when the file is absent."""
    file = Path(path)
    if not file.is_file():
        return frozenset()
    with open(file, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return frozenset((normalize(r["term"]), r["label"]) for r in rows if r.get("term") and r.get("source"))


def blocked_pairs(blocked_terms: str | None) -> frozenset[tuple[str, str]]:
    """The (normalised term, label) pairs a component configured with `blocked_terms` skips: None, the committed
    lists; "", none; else that TSV."""
    if blocked_terms is None:
        return default_blocked()
    return load_blocked(blocked_terms) if blocked_terms else frozenset()
