"""Speed of meshtag against the reference tokenizer and the peer, in ONE process, on the same abstracts.

    python benchmarks/speed.py                      # compare: blank tokenizer, fast, accurate, scispaCy peer
    python benchmarks/speed.py --no-peer            # skip the scispaCy linker (its index takes long to build)
    python benchmarks/speed.py scaling --docs 2000  # --workers scaling: 1 vs 2 processes
    python benchmarks/speed.py ... --results benchmarks/RESULTS.md   # append a dated section

For each system: load time, abstracts/s per core (median of 3 passes after a warm-up pass), peak
resident memory added while loading and running it (RSS sampled every 10 ms), and document-level
concept F1 on the BC5CDR development set. The blank tokenizer runs FIRST, in a fresh Vocab, because a
process that has already tokenised other text tokenises slower (growing StringStore). The peer is
scispaCy's EntityLinker over a KB built from the same MeSH data (see `peer_scispacy.py`).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
import warnings
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import psutil

HERE = Path(__file__).resolve().parent
DEV = Path("/work/shared/data/corpora/bc5cdr/CDR_DevelopmentSet.PubTator.txt")
LABELS = ("DRUG", "CONDITION")
TARGETS = {"fast_vs_tokenizer": 0.5, "accurate_vs_peer": 10.0, "kb_load_s": 1.0, "kb_rss_gb": 0.5}


@dataclass
class Measure:
    """One system's figures."""

    system: str
    load_s: float = 0.0
    rate: float = 0.0                     # abstracts per second on one core (median pass)
    passes_s: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0              # peak RSS above the level before loading
    f1: dict[str, float] = field(default_factory=dict)   # document-level concept F1 per label
    note: str = ""


class RssSampler:
    """Peak resident memory of this process, sampled in a thread (psutil), between `mark()` calls."""

    def __init__(self, interval: float = 0.01):
        self.proc = psutil.Process()
        self.interval = interval
        self.peak = self.proc.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, self.proc.memory_info().rss)

    def mark(self) -> int:
        """Reset the peak to the current RSS and return it."""
        self.peak = self.proc.memory_info().rss
        return self.peak

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def timed() -> Iterator[list[float]]:
    box: list[float] = []
    start = time.perf_counter()
    yield box
    box.append(time.perf_counter() - start)


def run_passes(work: Callable[[], int], passes: int) -> tuple[float, list[float]]:
    """Warm up once, then time `passes` runs of `work` (returns documents done); rate = docs / median time."""
    work()
    times, done = [], 0
    for _ in range(passes):
        with timed() as t:
            done = work()
        times.append(t[0])
    return done / statistics.median(times), times


def doc_f1(gold, predicted) -> dict[str, float]:
    from meshtag.evaluation.scoring import score_documents

    scores = score_documents(gold, predicted, LABELS)
    return {label: round(scores[label]["doc_id"].f1, 4) for label in LABELS}


def blank_copies(docs):
    from meshtag.evaluation.runner import blank_copy

    return [blank_copy(d) for d in docs]


def measure_tokenizer(texts: list[str], sampler: RssSampler, passes: int) -> Measure:
    import spacy

    base = sampler.mark()
    with timed() as t:
        nlp = spacy.blank("en")
    rate, times = run_passes(lambda: sum(1 for text in texts if nlp.make_doc(text) is not None), passes)
    return Measure("spaCy blank('en') tokenizer", t[0], rate, times, (sampler.peak - base) / 2**20)


def measure_kb(texts: list[str], sampler: RssSampler) -> Measure:
    """The default KB on its own: load time, and RSS after loading it and matching every text once."""
    from meshtag.kb import KnowledgeBase

    base = sampler.mark()
    with timed() as t:
        kb = KnowledgeBase.load()
    matches = sum(len(kb.find(text)) for text in texts)
    return Measure("meshtag KB (load + match all texts)", t[0], 0.0, [], (sampler.peak - base) / 2**20,
                   note=f"{len(kb)} concepts, {matches} matches")


def measure_meshtag(mode: str, gold, sampler: RssSampler, passes: int) -> tuple[Measure, list]:
    import meshtag
    from meshtag.tagging import tag_documents

    base = sampler.mark()
    with warnings.catch_warnings(record=True) as caught, timed() as t:
        warnings.simplefilter("always")
        nlp = meshtag.load(mode=mode)
    note = "; ".join(str(w.message) for w in caught)
    tagged: list = []

    def work() -> int:
        tagged[:] = tag_documents(blank_copies(gold), nlp)
        return len(tagged)

    rate, times = run_passes(work, passes)
    m = Measure(f"meshtag {mode}", t[0], rate, times, (sampler.peak - base) / 2**20, doc_f1(gold, tagged), note)
    m.note = (note + "; " if note else "") + f"pipes: {', '.join(nlp.pipe_names)}"
    return m, tagged


def measure_peer(gold, meshtag_docs, sampler: RssSampler, passes: int) -> list[Measure]:
    """The peer on gold spans (speed + F1) and on meshtag accurate's mentions (F1 with the same NER)."""
    import peer_scispacy as peer

    base = sampler.mark()
    with timed() as t:
        pipeline = peer.load_peer()
    gold_spans = lambda d: [(m.start, m.end, m.label) for m in d.mentions if m.label in LABELS]  # noqa: E731
    out: list = []

    def work() -> int:
        out[:] = peer.predicted_documents(pipeline.pipe(gold, gold_spans))
        return len(out)

    rate, times = run_passes(work, passes)
    on_gold = Measure("scispaCy EntityLinker (gold mention spans)", t[0], rate, times,
                      (sampler.peak - base) / 2**20, doc_f1(gold, out),
                      "scispaCy tokenizer + sentencizer + AbbreviationDetector + EntityLinker, local TF-IDF index")
    by_id = {d.id: d for d in meshtag_docs}
    ours = lambda d: [(m.start, m.end, m.label) for m in by_id[d.id].mentions if m.label in LABELS]  # noqa: E731
    with timed() as t2:
        linked = peer.predicted_documents(pipeline.pipe(gold, ours))
    n_mentions = sum(len(d.mentions) for d in linked)
    on_ours = Measure("scispaCy EntityLinker (meshtag accurate's mentions)", 0.0, len(gold) / t2[0], [t2[0]],
                      0.0, doc_f1(gold, linked), f"{n_mentions} mentions linked, one pass")
    return [on_gold, on_ours]


def compare(args) -> dict:
    from meshtag.io import read_documents

    sampler = RssSampler()
    gold = list(read_documents([args.dev], format="pubtator"))
    texts = [d.text for d in gold]
    results = [measure_tokenizer(texts, sampler, args.passes)]
    results.append(measure_kb(texts, sampler))
    fast, _ = measure_meshtag("fast", gold, sampler, args.passes)
    accurate, accurate_docs = measure_meshtag("accurate", gold, sampler, args.passes)
    results += [fast, accurate]
    if not args.no_peer:
        results += measure_peer(gold, accurate_docs, sampler, args.passes)
    sampler.stop()
    return {"documents": len(gold), "results": [asdict(r) for r in results], "checks": checks(results),
            "environment": environment()}


def checks(results: list[Measure]) -> list[dict]:
    by = {r.system: r for r in results}
    tok, kb = by["spaCy blank('en') tokenizer"], by["meshtag KB (load + match all texts)"]
    fast, acc = by["meshtag fast"], by["meshtag accurate"]
    out = [
        {"target": f"fast >= {TARGETS['fast_vs_tokenizer']}x blank tokenizer", "value": fast.rate / tok.rate,
         "pass": fast.rate / tok.rate >= TARGETS["fast_vs_tokenizer"]},
        {"target": f"KB load <= {TARGETS['kb_load_s']} s", "value": kb.load_s, "pass": kb.load_s <= TARGETS["kb_load_s"]},
        {"target": f"KB RSS <= {TARGETS['kb_rss_gb']} GB", "value": kb.peak_rss_mb / 1024,
         "pass": kb.peak_rss_mb / 1024 <= TARGETS["kb_rss_gb"]},
    ]
    peer = by.get("scispaCy EntityLinker (gold mention spans)")
    same_ner = by.get("scispaCy EntityLinker (meshtag accurate's mentions)")
    if peer is not None:
        ratio = acc.rate / peer.rate
        f1_ok = all(acc.f1[label] >= same_ner.f1[label] for label in LABELS)
        out.append({"target": f"accurate >= {TARGETS['accurate_vs_peer']}x scispaCy linker pipeline", "value": ratio,
                    "pass": ratio >= TARGETS["accurate_vs_peer"]})
        out.append({"target": "accurate doc-level F1 >= peer's with the same mentions (per label)",
                    "value": min(acc.f1[label] - same_ner.f1[label] for label in LABELS), "pass": f1_ok})
    return out


def environment() -> dict:
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
            "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def format_compare(report: dict) -> str:
    rows = report["results"]
    tok = rows[0]["rate"]
    lines = [f"{report['documents']} BC5CDR development abstracts, one core, median of passes after a warm-up "
             f"({report['environment']['when']}, load average {report['environment']['load_avg_1m']})", "",
             "| system | load s | abstracts/s | × tokenizer | peak RSS MB | doc F1 DRUG | doc F1 CONDITION |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        rate = f"{r['rate']:,.0f}" if r["rate"] else "—"
        ratio = f"{r['rate'] / tok:.2f}" if r["rate"] else "—"
        f1 = [f"{r['f1'][k]:.3f}" if k in r["f1"] else "—" for k in LABELS]
        lines.append(f"| {r['system']} | {r['load_s']:.2f} | {rate} | {ratio} | {r['peak_rss_mb']:,.0f} | "
                     f"{f1[0]} | {f1[1]} |")
    lines.append("")
    for r in rows:
        if r["note"]:
            lines.append(f"- {r['system']}: {r['note']}")
    lines.append("")
    for c in report["checks"]:
        lines.append(f"- {'PASS' if c['pass'] else 'FAIL'}: {c['target']} (measured {c['value']:.3g})")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ scaling
def replicated(docs, n: int):
    """`n` documents cycling through `docs`, each with a new id."""
    from meshtag.model import Document

    return [Document(id=f"{docs[i % len(docs)].id}-r{i // len(docs)}", title=docs[i % len(docs)].title,
                     abstract=docs[i % len(docs)].abstract) for i in range(n)]


def scaling(args) -> dict:
    from meshtag.io import read_documents
    from meshtag.parallel import PipelineSpec, tag_parallel

    docs = list(read_documents([args.dev], format="pubtator"))
    spec = PipelineSpec(mode=args.mode)
    nlp = spec.load()
    list(tag_parallel(replicated(docs, 200), spec, workers=1, nlp=nlp))  # warm caches before forking
    runs = {}
    for workers in (1, 2):
        times = []
        for _ in range(args.passes):
            batch = replicated(docs, args.docs)
            with timed() as t:
                n = sum(1 for _ in tag_parallel(batch, spec, workers=workers, nlp=nlp))
            times.append(t[0])
        runs[workers] = {"seconds": times, "rate": n / statistics.median(times)}
    return {"mode": args.mode, "documents": args.docs, "runs": runs, "speedup": runs[2]["rate"] / runs[1]["rate"],
            "environment": environment()}


def format_scaling(report: dict) -> str:
    r = report["runs"]
    ok = report["speedup"] >= 1.8
    return (f"`--workers` scaling, {report['mode']} mode, {report['documents']} abstracts (BC5CDR dev replicated, new ids), "
            f"median of passes ({report['environment']['when']}, load average {report['environment']['load_avg_1m']}):\n\n"
            f"| workers | abstracts/s | seconds (passes) |\n| ---: | ---: | --- |\n"
            + "".join(f"| {w} | {r[w]['rate']:,.0f} | {', '.join(f'{s:.1f}' for s in r[w]['seconds'])} |\n" for w in r)
            + f"\n- {'PASS' if ok else 'FAIL'}: 2 workers >= 1.8x 1 worker (measured {report['speedup']:.2f}x)")


def append_results(path: Path, title: str, body: str) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\n## {title} ({datetime.now(timezone.utc).strftime('%Y-%m-%d')})\n\n{body}\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", default="compare", choices=["compare", "scaling"])
    parser.add_argument("--dev", type=Path, default=DEV, help="PubTator file of abstracts (BC5CDR development)")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="skip the scispaCy EntityLinker peer")
    parser.add_argument("--docs", type=int, default=2000, help="scaling: documents to tag")
    parser.add_argument("--mode", default="accurate", choices=["fast", "accurate"], help="scaling: pipeline mode")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--results", type=Path, help="append a dated section to this Markdown file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    if args.command == "compare":
        report = compare(args)
        text, title = format_compare(report), "Speed: meshtag vs spaCy tokenizer vs scispaCy linker (benchmarks/speed.py)"
    else:
        report = scaling(args)
        text, title = format_scaling(report), "Scaling: --workers (benchmarks/speed.py scaling)"
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    if args.results:
        append_results(args.results, title, text)


if __name__ == "__main__":
    main()
