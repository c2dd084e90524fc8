"""Annotator's aid: print documents i..j of text.pubtator (title + abstract, numbered). Usage: show.py I J [DIR]"""
import sys
from build_gold import data_dir, read_docs

docs = list(read_docs(data_dir(sys.argv[3:]) / "text.pubtator").items())
i, j = int(sys.argv[1]), int(sys.argv[2])
for k, (doc, (t, a)) in enumerate(docs[i:j], i):
    print(f"[{k}] {doc}\n{t} {a}\n")
