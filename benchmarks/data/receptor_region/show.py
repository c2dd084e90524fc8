"""Annotator's aid: print documents i..j of text.pubtator (title + abstract, numbered)."""
import sys
from build_gold import HERE, read_docs

docs = list(read_docs(HERE / "text.pubtator").items())
i, j = int(sys.argv[1]), int(sys.argv[2])
for k, (doc, (t, a)) in enumerate(docs[i:j], i):
    print(f"[{k}] {doc}\n{t} {a}\n")
