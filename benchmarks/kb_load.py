"""Measure the knowledge base: warm load time, resident memory, get() and find() speed.

    python benchmarks/kb_load.py [--kb DIR] [--texts ../shared/data/corpora/bc5cdr/CDR_DevelopmentSet.PubTator.txt]

Warm = the files are in the OS page cache (one load is done first and discarded). Speeds are CPU time
of one process on one core (time.process_time), median of 3 passes, so other jobs on the machine
disturb them less than wall-clock figures.
"""
from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

_LOAD_SNIPPET = """
import resource, time
t0 = time.perf_counter()
from meshtag.kb import KnowledgeBase
kb = KnowledgeBase.load({path!r})
t1 = time.perf_counter()
kb.find("Duloxetine reduced mechanical allodynia.")  # the first find() reads the scanner's filters
t2 = time.perf_counter()
print(t1 - t0, t2 - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def pubtator_texts(path: Path) -> list[str]:
    """title + " " + abstract of every document in a PubTator file."""
    texts, title = [], ""
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("|", 2)
        if len(parts) == 3 and parts[1] == "t":
            title = parts[2]
        elif len(parts) == 3 and parts[1] == "a":
            texts.append(title + " " + parts[2])
    return texts


def load_in_fresh_process(path: str | None) -> tuple[float, float, float]:
    """(seconds to import meshtag.kb and load, seconds until the first find() is done, peak RSS in MB)."""
    out = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET.format(path=path)], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def rate(fn, items, passes: int = 3) -> float:
    """Items per CPU-second, median of `passes`."""
    rates = []
    for _ in range(passes):
        gc.collect()
        t0 = time.process_time()
        for it in items:
            fn(it)
        rates.append(len(items) / max(time.process_time() - t0, 1e-9))
    return statistics.median(rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", default=None)
    ap.add_argument("--texts", type=Path,
                    default=Path(__file__).resolve().parents[2] / "shared/data/corpora/bc5cdr/CDR_DevelopmentSet.PubTator.txt")
    args = ap.parse_args()

    load_in_fresh_process(args.kb)  # warm the page cache
    loads = [load_in_fresh_process(args.kb) for _ in range(3)]
    print(f"warm load (import + load, fresh process): median {statistics.median(s for s, _, _ in loads):.3f} s; "
          f"with the first find(): {statistics.median(f for _, f, _ in loads):.3f} s; "
          f"peak RSS {max(m for _, _, m in loads):.0f} MB")

    from meshtag.kb import KnowledgeBase

    kb = KnowledgeBase.load(args.kb)
    ids = ["D009437", "MESH:D017450", "C473350", "D006930", "D000097605"] * 200
    kb.get(ids[0])
    print(f"get() cached: {1e6 / rate(kb.get, ids):.2f} µs per call")
    if args.texts.exists():
        texts = pubtator_texts(args.texts)
        kb.find(texts[0])
        print(f"find(): {rate(kb.find, texts):,.0f} abstracts per CPU-second over {len(texts)} abstracts of {args.texts.name}")
        print(f"find_all(): {rate(kb.find_all, texts):,.0f} abstracts per CPU-second")
        import spacy

        tokenizer = spacy.blank("en").tokenizer
        ref = rate(tokenizer, texts, passes=1)
        print(f"reference: spacy.blank('en') tokenizer {ref:,.0f} abstracts per CPU-second in this run "
              f"(~3,100 on an idle machine per PERFORMANCE-NOTES): find() is {rate(kb.find, texts) / ref:.1f}x the tokenizer")


if __name__ == "__main__":
    main()
