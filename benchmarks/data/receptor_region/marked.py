"""Annotator's aid: print documents i..j with gold mentions marked [[text|LABEL]] for re-reading.
Usage: marked.py I J [DIR]"""
import sys
from build_gold import data_dir, read_docs

here = data_dir(sys.argv[3:])
docs = list(read_docs(here / "text.pubtator").items())
ments: dict[str, list[tuple[int, int, str]]] = {}
for line in (here / "gold.pubtator").read_text(encoding="utf-8").splitlines():
    c = line.split("\t")
    if len(c) == 6:
        ments.setdefault(c[0], []).append((int(c[1]), int(c[2]), "R" if c[4] == "RECEPTOR" else "B"))
for k, (doc, (t, a)) in enumerate(docs[int(sys.argv[1]):int(sys.argv[2])], int(sys.argv[1])):
    text = t + " " + a
    for s, e, lab in sorted(ments.get(doc, []), reverse=True):
        text = text[:s] + "[[" + text[s:e] + "|" + lab + "]]" + text[e:]
    print(f"[{k}] {doc}\n{text}\n")
