"""Annotator's aid: look up MeSH descriptors / supplementary concepts whose name or entry term matches
a regular expression (case-insensitive), printing id, name, tree numbers or mapped descriptors. A pattern
prefixed "^D:" searches the descriptors only ("^D:raphe" looks for "raphe")."""
from __future__ import annotations

import re
import sys
from pathlib import Path

MESH = Path(__file__).resolve().parents[4] / "shared" / "data" / "mesh"


def lookup(pattern: str, supplementary: bool = True, limit: int = 25) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    files = ["mesh_descriptors.tsv"] + (["mesh_supplementary.tsv"] if supplementary else [])
    for name in files:
        shown = 0
        with open(MESH / name, encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                terms = [cols[1]] + cols[2].split("|")
                if any(rx.search(t) for t in terms):
                    hit = [t for t in terms[1:] if rx.search(t)][:3]
                    print(f"{cols[0]}\t{cols[1]}\t{cols[3][:60]}\t{'; '.join(hit)[:100]}")
                    shown += 1
                    if shown >= limit:
                        break


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print("##", arg)
        descriptors_only = arg.startswith("^D:")
        lookup(arg.removeprefix("^D:"), supplementary=not descriptors_only)
