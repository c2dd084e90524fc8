"""Turn the hand-written annotation list (annotations.tsv) into gold.pubtator with computed offsets.

annotations.tsv columns: doc id, exact mention text, label, concept id (composite mentions:
ids joined by "|"), occurrences. Occurrences is
"all" (every whole-word, case-sensitive occurrence in title + " " + abstract) or a comma list of
0-based occurrence indices. Overlapping matches are resolved longest-first. Every written
annotation is verified (text[start:end] == mention, id present in the MeSH/HGNC tables) and the
used ids are listed in ids_checked.txt. Offsets are never typed by hand.
Usage: build_gold.py [DIR] — DIR holds text.pubtator and annotations.tsv (default: this folder; the
held-out set is ../receptor_region_heldout).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from meshtag.fsutil import atomic_open

HERE = Path(__file__).resolve().parent
MESH = HERE.parents[3] / "shared" / "data" / "mesh"
LABELS = {"RECEPTOR", "BRAIN_REGION"}
ID_RX = re.compile(r"^(D\d+|C\d+|HGNC:\d+)$")


@dataclass(frozen=True)
class Ann:
    doc: str
    start: int
    end: int
    text: str
    label: str
    cid: str


def read_docs(path: Path) -> dict[str, tuple[str, str]]:
    docs: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        for tag in ("|t|", "|a|"):
            if tag in line[:25]:
                doc, _, text = line.split("|", 2)
                docs.setdefault(doc, []).append(text)
    return {d: (v[0], v[1]) for d, v in docs.items()}


def known_ids() -> dict[str, str]:
    ids: dict[str, str] = {}
    for name in ("mesh_descriptors.tsv", "mesh_supplementary.tsv"):
        with open(MESH / name, encoding="utf-8") as fh:
            for line in fh:
                cols = line.split("\t", 2)
                ids[cols[0]] = cols[1]
    with open(MESH / "hgnc_entries.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            cols = line.split("\t", 3)
            ids[cols[0]] = cols[1]
    return ids


def occurrences(text: str, mention: str) -> list[int]:
    rx = re.compile(r"(?<![A-Za-z0-9])" + re.escape(mention) + r"(?![A-Za-z0-9])")
    return [m.start() for m in rx.finditer(text)]


def build(docs: dict[str, tuple[str, str]], rows: list[list[str]]) -> tuple[list[Ann], list[str]]:
    errors: list[str] = []
    cands: dict[str, list[Ann]] = {}
    for n, row in enumerate(rows, 1):
        if len(row) < 4:
            errors.append(f"line {n}: too few columns {row}")
            continue
        doc, mention, label, cid = row[:4]
        occ = row[4] if len(row) > 4 and row[4] else "all"
        if doc not in docs:
            errors.append(f"line {n}: unknown doc {doc}")
            continue
        text = docs[doc][0] + " " + docs[doc][1]
        starts = occurrences(text, mention)
        if not starts:
            errors.append(f"line {n}: {doc}: '{mention}' not found")
            continue
        if occ != "all":
            idx = [int(i) for i in occ.split(",")]
            if max(idx) >= len(starts):
                errors.append(f"line {n}: {doc}: '{mention}' has only {len(starts)} occurrences")
                continue
            starts = [starts[i] for i in idx]
        for s in starts:
            cands.setdefault(doc, []).append(Ann(doc, s, s + len(mention), mention, label, cid))
    out: list[Ann] = []
    for doc, anns in cands.items():
        taken: list[Ann] = []
        for a in sorted(anns, key=lambda a: (-(a.end - a.start), a.start)):
            if all(a.end <= b.start or a.start >= b.end for b in taken):
                taken.append(a)
        out.extend(taken)
    return out, errors


def verify(docs: dict[str, tuple[str, str]], anns: list[Ann], ids: dict[str, str]) -> list[str]:
    errors = []
    for a in anns:
        text = docs[a.doc][0] + " " + docs[a.doc][1]
        if text[a.start:a.end] != a.text:
            errors.append(f"{a.doc} {a.start}-{a.end}: offsets do not match '{a.text}'")
        if a.label not in LABELS:
            errors.append(f"{a.doc} '{a.text}': bad label {a.label}")
        for cid in a.cid.split("|"):
            if not ID_RX.match(cid) or cid not in ids:
                errors.append(f"{a.doc} '{a.text}': unknown id {cid}")
    return errors


def data_dir(args: list[str]) -> Path:
    """The gold set's folder: the first argument, else this script's folder."""
    return Path(args[0]).resolve() if args else HERE


def main() -> int:
    here = data_dir(sys.argv[1:])
    docs = read_docs(here / "text.pubtator")
    rows = [ln.rstrip("\n").split("\t") for ln in (here / "annotations.tsv").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    anns, errors = build(docs, rows)
    ids = known_ids()
    errors += verify(docs, anns, ids)
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    by_doc: dict[str, list[Ann]] = {}
    for a in anns:
        by_doc.setdefault(a.doc, []).append(a)
    with atomic_open(here / "gold.pubtator") as fh:
        for doc, (title, abstract) in docs.items():
            fh.write(f"{doc}|t|{title}\n{doc}|a|{abstract}\n")
            for a in sorted(by_doc.get(doc, []), key=lambda a: a.start):
                fh.write(f"{doc}\t{a.start}\t{a.end}\t{a.text}\t{a.label}\t{a.cid}\n")
            fh.write("\n")
    used = sorted({cid for a in anns for cid in a.cid.split("|")})
    with atomic_open(here / "ids_checked.txt") as fh:
        fh.write("# concept ids used in gold.pubtator, checked against ../shared/data/mesh (id<TAB>name)\n")
        for cid in used:
            fh.write(f"{cid}\t{ids.get(cid, '?')}\n")
    labels = [a.label for a in anns]
    print(f"{len(docs)} docs, {len(anns)} mentions: RECEPTOR {labels.count('RECEPTOR')}, "
          f"BRAIN_REGION {labels.count('BRAIN_REGION')}; {len(used)} concepts; {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
