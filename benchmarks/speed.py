"""Speed of meshtag against the reference tokenizer and the peer, in ONE process, on the same abstracts.

    python benchmarks/speed.py                      # compare: blank tokenizer, fast, accurate, scispaCy peer
    python benchmarks/speed.py --no-peer            # skip the scispaCy linker (its index takes long to build)
    python benchmarks/speed.py scaling --docs 2000  # --workers scaling: 1 vs 2 processes
    python benchmarks/speed.py projection --docs 5000   # PubMed XML reading rate + full-baseline projection
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
    from meshtag.nlp.blas import limit_blas_threads

    limit_blas_threads(1)   # per core: numpy's BLAS would otherwise multiply on every core
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


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by this process and by its reaped child processes."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_speedup(n: int = 10_000_000) -> float:
    """Control: wall-clock speed-up of 2 processes over 1 on a pure-Python loop, i.e. what the cores
    left free by other jobs allow right now."""
    import multiprocessing as mp

    with timed() as serial:
        _burn(n), _burn(n)
    with mp.get_context("fork").Pool(2) as pool, timed() as parallel:
        pool.map(_burn, [n, n])
    return serial[0] / parallel[0]


def scaling(args) -> dict:
    """Wall-clock rate of 1 vs 2 workers, and the CPU each spent: on a shared machine the wall-clock
    speed-up is capped by the cores other jobs leave free; the CPU accounting shows the overhead."""
    from meshtag.io import read_documents
    from meshtag.nlp.blas import limit_blas_threads
    from meshtag.parallel import PipelineSpec, tag_parallel

    limit_blas_threads(1)   # 1 worker = one core, like each of the 2 workers
    docs = list(read_documents([args.dev], format="pubtator"))
    spec = PipelineSpec(mode=args.mode)
    nlp = spec.load()
    list(tag_parallel(replicated(docs, 200), spec, workers=1, nlp=nlp))  # warm caches before forking
    runs = {}
    for workers in (1, 2):
        times, cpu = [], []
        for _ in range(args.passes):
            batch = replicated(docs, args.docs)
            before = cpu_seconds()
            with timed() as t:
                n = sum(1 for _ in tag_parallel(batch, spec, workers=workers, nlp=nlp))
            after = cpu_seconds()
            times.append(t[0])
            cpu.append((after[0] - before[0], after[1] - before[1]))
        parent, children = (statistics.median(c[i] for c in cpu) for i in (0, 1))
        runs[workers] = {"seconds": times, "rate": n / statistics.median(times), "cpu_parent_s": parent,
                         "cpu_workers_s": children}
    one, two = runs[1], runs[2]
    idle_estimate = one["cpu_parent_s"] / max(two["cpu_workers_s"] / 2, two["cpu_parent_s"])
    return {"mode": args.mode, "documents": args.docs, "runs": runs, "speedup": two["rate"] / one["rate"],
            "idle_estimate": idle_estimate, "control": machine_speedup(), "environment": environment()}


def format_scaling(report: dict) -> str:
    r = report["runs"]
    ok = report["speedup"] >= 1.8
    return (f"`--workers` scaling, {report['mode']} mode, {report['documents']} abstracts (BC5CDR dev replicated, new ids), "
            f"median of passes ({report['environment']['when']}, load average {report['environment']['load_avg_1m']}):\n\n"
            "| workers | abstracts/s (wall) | seconds (passes) | CPU s parent | CPU s workers |\n"
            "| ---: | ---: | --- | ---: | ---: |\n"
            + "".join(f"| {w} | {r[w]['rate']:,.0f} | {', '.join(f'{s:.1f}' for s in r[w]['seconds'])} | "
                      f"{r[w]['cpu_parent_s']:.1f} | {r[w]['cpu_workers_s']:.1f} |\n" for w in r)
            + f"\n- {'PASS' if ok else 'FAIL'}: 2 workers >= 1.8x 1 worker, wall clock (measured {report['speedup']:.2f}x)\n"
            f"- speed-up on 2 idle cores estimated from the CPU used (1-worker CPU / max(2-worker workers' CPU / 2, "
            f"parent CPU)): {report['idle_estimate']:.2f}x\n"
            f"- control, same run: 2 processes of a pure-Python loop ran {report['control']:.2f}x faster than 1 "
            "(the ceiling the machine allowed)")


# --------------------------------------------------------------------------------------- projection
PUBMED_ABSTRACTS = 36_000_000
ARTICLE = """<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID>
<Article PubModel="Print"><Journal><ISSN IssnType="Print">0304-3959</ISSN><JournalIssue CitedMedium="Print">
<Volume>{vol}</Volume><Issue>3</Issue><PubDate><Year>2019</Year><Month>Mar</Month></PubDate></JournalIssue>
<Title>Pain</Title><ISOAbbreviation>Pain</ISOAbbreviation></Journal><ArticleTitle>{title}</ArticleTitle>
<Pagination><MedlinePgn>401-12</MedlinePgn></Pagination><Abstract><AbstractText>{abstract}</AbstractText></Abstract>
<AuthorList CompleteYN="Y">{authors}</AuthorList><Language>eng</Language>
<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList></Article>
<MedlineJournalInfo><Country>United States</Country><MedlineTA>Pain</MedlineTA><NlmUniqueID>7508686</NlmUniqueID>
</MedlineJournalInfo><MeshHeadingList>{mesh}</MeshHeadingList></MedlineCitation><PubmedData><ArticleIdList>
<ArticleId IdType="pubmed">{pmid}</ArticleId><ArticleId IdType="doi">10.1000/x{pmid}</ArticleId></ArticleIdList>
</PubmedData></PubmedArticle>
"""
AUTHOR = ('<Author ValidYN="Y"><LastName>Author{i}</LastName><ForeName>Given</ForeName><Initials>G</Initials>'
          '<AffiliationInfo><Affiliation>Department of Anesthesiology, University Hospital, City, Country.</Affiliation>'
          '</AffiliationInfo></Author>')
MESH = '<MeshHeading><DescriptorName UI="D00{i:04d}" MajorTopicYN="N">Heading {i}</DescriptorName></MeshHeading>'


def synthetic_baseline(docs, path: Path, n: int) -> int:
    """A gzipped PubMed baseline-style file of `n` articles (dev texts, 6 authors, 10 MeSH headings);
    returns its uncompressed size in bytes."""
    import gzip
    from xml.sax.saxutils import escape

    size = 0
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>\n')
        for i in range(n):
            d = docs[i % len(docs)]
            article = ARTICLE.format(pmid=40_000_000 + i, vol=i % 90, title=escape(d.title),
                                     abstract=escape(d.abstract), authors="".join(AUTHOR.format(i=a) for a in range(6)),
                                     mesh="".join(MESH.format(i=(i + m) % 9000) for m in range(10)))
            size += len(article.encode())
            out.write(article)
        out.write("</PubmedArticleSet>\n")
    return size


def projection(args) -> dict:
    """Reading rate of baseline-style XML (measured) combined with measured tagging rates."""
    from meshtag.io import read_documents

    docs = list(read_documents([args.dev], format="pubtator"))
    path = HERE / "work" / "baseline_like.xml.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    size = synthetic_baseline(docs, path, args.docs)
    times = []
    for _ in range(args.passes):
        with timed() as t:
            n = sum(1 for _ in read_documents([path]))
        times.append(t[0])
    read_rate = n / statistics.median(times)
    measured = json.loads(args.rates.read_text()) if args.rates and args.rates.exists() else {}
    rates = {r["system"]: r["rate"] for r in measured.get("results", []) if r["rate"]}
    out = {"read_rate": read_rate, "bytes_per_article": size / n, "documents": n, "environment": environment(),
           "efficiency": args.efficiency, "rows": []}
    for mode in ("fast", "accurate"):
        tag_rate = rates.get(f"meshtag {mode}")
        if not tag_rate:
            continue
        per_doc = 1 / read_rate + 1 / tag_rate          # read + tag on one core, seconds per abstract
        for where, cores, efficiency in (("one 2-core machine", 2, args.efficiency), ("32-worker Dask cluster", 32,
                                                                                     args.efficiency)):
            hours = PUBMED_ABSTRACTS * per_doc / (cores * efficiency) / 3600
            out["rows"].append({"mode": mode, "where": where, "cores": cores, "tag_rate": tag_rate, "hours": hours})
    return out


def format_projection(report: dict) -> str:
    lines = [f"Reading baseline-style PubMed XML (gzipped, {report['bytes_per_article']:,.0f} bytes per article, "
             f"{report['documents']} articles): {report['read_rate']:,.0f} articles/s on one core "
             f"({report['environment']['when']}, load average {report['environment']['load_avg_1m']}).", "",
             f"Full PubMed baseline, {PUBMED_ABSTRACTS / 1e6:.0f}M abstracts, read + tag, from the per-core rates "
             f"measured by `speed.py` and a parallel efficiency of {report['efficiency']:.0%} per core (`speed.py "
             "scaling`); reading once per file (one Dask task per baseline file).", "",
             "| mode | where | tag rate / core | hours | days |", "| --- | --- | ---: | ---: | ---: |"]
    for r in report["rows"]:
        lines.append(f"| {r['mode']} | {r['where']} | {r['tag_rate']:,.0f}/s | {r['hours']:,.1f} | {r['hours'] / 24:,.1f} |")
    return "\n".join(lines)


def append_results(path: Path, title: str, body: str) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\n## {title} ({datetime.now(timezone.utc).strftime('%Y-%m-%d')})\n\n{body}\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", default="compare", choices=["compare", "scaling", "projection"])
    parser.add_argument("--dev", type=Path, default=DEV, help="PubTator file of abstracts (BC5CDR development)")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="skip the scispaCy EntityLinker peer")
    parser.add_argument("--docs", type=int, default=2000, help="scaling: documents to tag")
    parser.add_argument("--mode", default="accurate", choices=["fast", "accurate"], help="scaling: pipeline mode")
    parser.add_argument("--rates", type=Path, default=HERE / "work" / "speed.json",
                        help="projection: JSON written by `speed.py --json` (per-core tagging rates)")
    parser.add_argument("--efficiency", type=float, default=0.9, help="projection: parallel efficiency per core")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--results", type=Path, help="append a dated section to this Markdown file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    if args.command == "compare":
        report = compare(args)
        text, title = format_compare(report), "Speed: meshtag vs spaCy tokenizer vs scispaCy linker (benchmarks/speed.py)"
    elif args.command == "scaling":
        report = scaling(args)
        text, title = format_scaling(report), "Scaling: --workers (benchmarks/speed.py scaling)"
    else:
        report = projection(args)
        text, title = format_projection(report), "Projection: full PubMed baseline (benchmarks/speed.py projection)"
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    if args.results:
        append_results(args.results, title, text)


if __name__ == "__main__":
    main()
