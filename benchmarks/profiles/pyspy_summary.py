"""Summarise a py-spy `--format raw` recording: samples per pipeline step and the top leaf functions.

    py-spy record -r 100 -f raw -o /tmp/fast.raw -- python benchmarks/profiles/run_profiles.py --modes fast
    python benchmarks/profiles/pyspy_summary.py /tmp/fast.raw > benchmarks/profiles/py-spy-fast.txt

Only samples taken while documents were being tagged (a stack through `tag_documents` or
`component_times`) are counted, so imports and loading do not dilute the shares.
"""
from __future__ import annotations

import re
import sys
from collections import Counter

FRAME = re.compile(r"^(?P<func>.+) \((?P<file>[^():]+(?:\.py|\.pyx)?):?(?P<line>\d*)\)$")
STEPS = re.compile(r"meshtag/(nlp/\w+|tagging)\.py|spacy/(pipeline/\w+|tokenizer)\.pyx?|(make_doc) ")
TOP = 25
PASS_THROUGH = ("StatelessComponent.pipe ",)


def parse(line: str) -> tuple[list[str], int]:
    stack, _, count = line.rstrip("\n").rpartition(" ")
    return stack.split(";"), int(count)


def summarise(lines) -> str:
    steps: Counter = Counter()
    leaves: Counter = Counter()
    total = 0
    for line in lines:
        if not line.strip():
            continue
        frames, count = parse(line)
        if not any("tag_documents" in f or "component_times" in f for f in frames):
            continue
        total += count
        leaf = FRAME.match(frames[-1])
        leaves[f"{leaf['func']} ({leaf['file']})" if leaf else frames[-1]] += count
        # a component's batching `pipe` wraps the components upstream of it: it owns no time itself
        owners = [next(g for g in m.groups() if g) for f in frames
                  if not f.startswith(PASS_THROUGH) and (m := STEPS.search(f))]
        if frames[-1].startswith(("_pipe (spacy/util.py", "component_times (")):
            owners.append("compiled spaCy component (ner)")  # Cython: no Python frame below the caller
        steps[owners[-1] if owners else "other"] += count
    out = [f"{total} samples while tagging", "", "Innermost meshtag module or spaCy component on the stack (inclusive of what it calls):"]
    out += [f"  {name:<45} {n:6d}  {100 * n / total:5.1f}%" for name, n in steps.most_common()]
    out += ["", f"Top {TOP} leaf functions (own time):"]
    out += [f"  {name[:90]:<90} {n:6d}  {100 * n / total:5.1f}%" for name, n in leaves.most_common(TOP)]
    return "\n".join(out)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        print(summarise(fh))
