"""Where tagging time goes: per-component times and a cProfile summary for fast and accurate mode.

    python benchmarks/profiles/run_profiles.py            # writes benchmarks/profiles/{fast,accurate}.txt

Each summary starts with the time of every pipeline step over the BC5CDR development abstracts (after a
warm-up pass), then cProfile's top functions by own time and by cumulative time. py-spy flame data, when
recorded, sits beside them (see benchmarks/profiles/README.md).
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from speed import DEV, blank_copies, environment  # noqa: E402

TOP = 35


def component_times(nlp, documents) -> list[tuple[str, float]]:
    """Seconds per step when the pipeline runs step by step over all documents (same work as nlp.pipe)."""
    from meshtag.tagging import fill_document, to_spacy

    steps = []
    start = time.perf_counter()
    docs = [to_spacy(nlp, d) for d in documents]
    steps.append(("tokenizer (make_doc)", time.perf_counter() - start))
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(doc) for doc in docs]
        steps.append((name, time.perf_counter() - start))
    start = time.perf_counter()
    for document, doc in zip(documents, docs):
        fill_document(document, doc)
    steps.append(("fill_document (Doc -> mentions)", time.perf_counter() - start))
    return steps


def profile(mode: str, gold) -> str:
    import meshtag
    from meshtag.tagging import tag_documents

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = meshtag.load(mode=mode)
    list(tag_documents(blank_copies(gold), nlp))  # warm-up: KB pages and caches
    # step by step keeps every Doc alive at once: the first such pass also pays for growing the heap (page
    # faults land on whichever step allocates most), so time the second
    component_times(nlp, blank_copies(gold))
    steps = component_times(nlp, blank_copies(gold))
    total = sum(s for _, s in steps)
    out = [f"meshtag {mode} mode, {len(gold)} BC5CDR development abstracts, one core, after a warm-up pass",
           f"({environment()['when']}, load average {environment()['load_avg_1m']}); pipes: {', '.join(nlp.pipe_names)}",
           "", f"Per step (step by step over all documents): total {total:.2f} s = {len(gold) / total:,.0f} abstracts/s", ""]
    out += [f"  {name:<36} {sec:7.3f} s  {100 * sec / total:5.1f}%" for name, sec in steps]
    gc.collect()  # the step-by-step passes leave garbage whose collection would land on one profiled function
    profiler = cProfile.Profile()
    profiler.enable()
    list(tag_documents(blank_copies(gold), nlp))
    profiler.disable()
    for key, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).strip_dirs().sort_stats(key).print_stats(TOP)
        body = buf.getvalue()
        out += ["", f"cProfile, top {TOP} by {title} (profiling overhead inflates Python-heavy functions):",
                body[body.index("ncalls") if "ncalls" in body else 0:]]
    return "\n".join(out)


def main() -> None:
    from meshtag.io import read_documents
    from meshtag.nlp.blas import limit_blas_threads

    limit_blas_threads(1)  # one core, as benchmarks/speed.py measures
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--modes", nargs="+", default=["fast", "accurate"])
    args = parser.parse_args()
    gold = list(read_documents([args.dev], format="pubtator"))
    for mode in args.modes:
        text = profile(mode, gold)
        (HERE / f"{mode}.txt").write_text(text + "\n", encoding="utf-8")
        print(text[: text.index("cProfile")])


if __name__ == "__main__":
    main()
