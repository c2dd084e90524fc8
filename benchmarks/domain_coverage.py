"""Coverage of pain and psychiatry pharmacology names outside the corpora: receptors, drugs (new ones included),
conditions and brain regions as this field writes them.

Each name of `benchmarks/data/domain_names/<label>.txt` (written by hand from the field's literature, IUPHAR/BPS
receptor names and drugs approved after the MeSH release among them; see the README there) is put in a plain
sentence of its label and tagged. Reported per label: names found as one mention with that label and exactly that
span, names overlapped by a mention of the label (found in part: "migraine" of "chronic migraine"), and how many of
the exact finds carry a concept id. The misses are listed. It complements the annotated sets: it measures recall
over the names users search for, not over running text, and it has no precision.

    python benchmarks/domain_coverage.py [--modes fast accurate] [--misses] [--held-out]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import meshtag
from meshtag.model import LABELS
from meshtag.tagging import tag_text

NAMES_DIR = Path(__file__).resolve().parent / "data" / "domain_names"
HELD_OUT_DIR = NAMES_DIR / "held_out"  # written after the first lists' fixes, measured blind, never tuned on
SENTENCES = {  # a plain sentence of each label, "{}" the name
    "RECEPTOR": "We studied the {} in rats.",
    "DRUG": "Patients received {} for pain.",
    "CONDITION": "Patients with {} were enrolled.",
    "BRAIN_REGION": "Neurons in the {} were recorded.",
}


def read_names(label: str, folder: Path = NAMES_DIR) -> list[str]:
    """The names of one label, one per line."""
    return [line.strip() for line in (folder / f"{label.lower()}.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def coverage(nlp, label: str, names: list[str]) -> dict:
    """Exact, overlapping and linked counts for the names of `label`, and the names not found exactly."""
    exact = overlapping = linked = 0
    misses = []
    for name in names:
        sentence = SENTENCES[label].format(name)
        start = sentence.index(name)
        end = start + len(name)
        found = tag_text(sentence, nlp).mentions
        mentions = [m for m in found if m.label == label]
        hit = next((m for m in mentions if (m.start, m.end) == (start, end)), None)
        if hit is not None:
            exact += 1
            linked += hit.id is not None
        else:
            misses.append((name, [(m.text, m.label, m.id) for m in found]))
        overlapping += any(m.start < end and start < m.end for m in mentions)
    return {"names": len(names), "exact": exact, "overlapping": overlapping, "linked": linked, "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", nargs="+", default=["fast", "accurate"])
    parser.add_argument("--misses", action="store_true", help="list the names not found exactly")
    parser.add_argument("--held-out", action="store_true",
                        help=f"the lists of {HELD_OUT_DIR.relative_to(NAMES_DIR.parent)}, kept out of tuning")
    args = parser.parse_args()
    print("| mode | label | names | exact span and label | overlapped | exact finds linked |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    missed = []
    for mode in args.modes:
        nlp = meshtag.load(mode=mode)
        for label in LABELS:
            c = coverage(nlp, label, read_names(label, HELD_OUT_DIR if args.held_out else NAMES_DIR))
            print(f"| {mode} | {label} | {c['names']} | {c['exact']} ({c['exact'] / c['names']:.1%}) | "
                  f"{c['overlapping']} ({c['overlapping'] / c['names']:.1%}) | {c['linked']} / {c['exact']} |")
            missed += [(mode, label, name, found) for name, found in c["misses"]]
    if args.misses:
        for mode, label, name, found in missed:
            print(f"- {mode} {label} {name!r}: {found}")


if __name__ == "__main__":
    main()
