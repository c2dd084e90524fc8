"""Scale figure for the corpus store and reports: a synthetic corpus of 1M documents / ~20M mentions.

    python benchmarks/scale_reports.py generate --docs 1000000 --out /tmp/meshtag-scale
    python benchmarks/scale_reports.py time --out /tmp/meshtag-scale --results benchmarks/RESULTS.md

`generate` writes Parquet parts straight through `CorpusStore.add_tables` (no tagging): Zipf-distributed
concepts with realistic label shares, ~8 distinct concepts and ~20 mentions per abstract, 6–10 sentences.
`time` builds each report in its own child process and records wall time and that child's peak RSS
(os.wait4), then appends a dated section to RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa

LABEL_SHARES = {"DRUG": 0.40, "CONDITION": 0.32, "RECEPTOR": 0.14, "BRAIN_REGION": 0.14}
WORDS = ("receptor pain mice rats expression inhibition neurons spinal dorsal model chronic treatment dose "
         "analgesic response signalling increased reduced patients trial significant channel binding").split()


def _pool(rng: np.random.Generator, n: int, words: int) -> list[str]:
    """Sentence-like strings built from a small vocabulary."""
    return [" ".join(rng.choice(WORDS, size=words)).capitalize() + "." for _ in range(n)]


def _strings(values: list[str], indices: np.ndarray) -> pa.Array:
    """values[indices] as an Arrow string array, without a Python loop over the rows."""
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(values)).dictionary_decode()


def generate(out: Path, n_docs: int, part_docs: int, n_concepts: int, seed: int) -> None:
    from meshtag.corpus import CorpusStore

    rng = np.random.default_rng(seed)
    labels = list(LABEL_SHARES)
    concept_label = rng.choice(len(labels), size=n_concepts, p=list(LABEL_SHARES.values()))
    concept_ids = [f"MESH:D{100000 + i:06d}" for i in range(n_concepts)]
    concept_names = [f"{labels[l].title()} concept {i}" for i, l in enumerate(concept_label)]
    forms = [f"{name.split()[0].lower()}-{i}" for i, name in enumerate(concept_names)]
    zipf = 1.0 / np.arange(1, n_concepts + 1) ** 1.05
    zipf /= zipf.sum()
    sentence_pool = _pool(rng, 2000, 16)
    title_pool = _pool(rng, 500, 10)
    store = CorpusStore(out)
    for part_no, first in enumerate(range(0, n_docs, part_docs)):
        name = f"synthetic-{part_no:05d}"
        if store.has_part(name):
            continue
        n = min(part_docs, n_docs - first)
        doc_ids = np.array([str(30_000_000 + first + i) for i in range(n)], dtype=object)
        # sentences: a title plus 6-10 abstract sentences drawn from the pool
        n_abs = rng.integers(6, 11, size=n)
        title_idx = rng.integers(0, len(title_pool), size=n)
        sent_idx = rng.integers(0, len(sentence_pool), size=int(n_abs.sum()))
        bounds = np.concatenate([[0], np.cumsum(n_abs)])
        titles = [title_pool[i] for i in title_idx]
        abstracts = [" ".join(sentence_pool[j] for j in sent_idx[bounds[i]:bounds[i + 1]]) for i in range(n)]
        pool_len = np.array([len(s) for s in sentence_pool])
        title_len = np.array([len(t) for t in titles])
        sent_doc = np.repeat(np.arange(n), n_abs + 1)
        sent_no = np.concatenate([np.arange(k + 1) for k in n_abs])
        lengths = np.empty(len(sent_doc), dtype=np.int64)
        is_title = sent_no == 0
        lengths[is_title] = title_len
        lengths[~is_title] = pool_len[sent_idx]
        starts = np.empty_like(lengths)
        doc_first = np.concatenate([[0], np.cumsum(n_abs + 1)[:-1]])
        for k in range(int(n_abs.max()) + 1):  # offsets: title, then each sentence after a space
            rows = doc_first[n_abs + 1 > k] + k
            starts[rows] = 0 if k == 0 else starts[rows - 1] + lengths[rows - 1] + 1
        text_idx = np.empty(len(sent_doc), dtype=np.int64)
        text_idx[is_title] = title_idx
        text_idx[~is_title] = len(title_pool) + sent_idx
        sentence_text = _strings(title_pool + sentence_pool, text_idx)
        # mentions: ~8 distinct Zipf concepts per document, ~20 mentions spread over them and the sentences
        distinct = np.clip(rng.poisson(7, size=n) + 1, 1, 30)
        mentions_per_doc = np.maximum(distinct, rng.poisson(20, size=n))
        m_doc = np.repeat(np.arange(n), mentions_per_doc)
        doc_concepts = rng.choice(n_concepts, size=int(distinct.sum()), p=zipf)
        c_first = np.concatenate([[0], np.cumsum(distinct)[:-1]])
        pick = (rng.random(len(m_doc)) * distinct[m_doc]).astype(np.int64)
        within = np.arange(len(m_doc)) - np.repeat(np.concatenate([[0], np.cumsum(mentions_per_doc)[:-1]]),
                                                   mentions_per_doc)
        pick = np.where(within < distinct[m_doc], within, pick)  # every chosen concept is mentioned
        m_concept = doc_concepts[c_first[m_doc] + pick]
        m_sentence = (rng.random(len(m_doc)) * (n_abs[m_doc] + 1)).astype(np.int64)
        s_row = doc_first[m_doc] + m_sentence
        m_start = starts[s_row] + (rng.random(len(m_doc)) * np.maximum(lengths[s_row] - 12, 1)).astype(np.int64)
        m_end = m_start + 10
        tables = {
            "documents": pa.table({
                "doc_id": doc_ids, "pmid": doc_ids, "doi": [f"10.9999/syn.{d}" if int(d) % 2 else None for d in doc_ids],
                "title": titles, "abstract": abstracts, "journal": _strings(["Pain", "Neuron", "J Neurosci"], rng.integers(0, 3, n)),
                "year": pa.array(rng.integers(1990, 2025, n), pa.int32()), "source_file": [f"{name}.xml"] * n,
                "meta_json": ["{}"] * n}),
            "sentences": pa.table({
                "doc_id": pa.array(doc_ids[sent_doc]), "sentence": pa.array(sent_no, pa.int32()),
                "start": pa.array(starts, pa.int32()), "end": pa.array(starts + lengths, pa.int32()),
                "text": sentence_text}),
            "mentions": pa.table({
                "doc_id": pa.array(doc_ids[m_doc]), "start": pa.array(m_start, pa.int32()),
                "end": pa.array(m_end, pa.int32()), "text": _strings(forms, m_concept),
                "label": _strings(labels, concept_label[m_concept]), "concept_id": _strings(concept_ids, m_concept),
                "concept_name": _strings(concept_names, m_concept), "sentence": pa.array(m_sentence, pa.int32()),
                "source": _strings(["dictionary"], np.zeros(len(m_doc), dtype=np.int64)),
                "score": pa.array(np.ones(len(m_doc))), "related_id": pa.nulls(len(m_doc), pa.string())}),
        }
        store.add_tables(name, tables, kb_version={"mesh": "synthetic"}, pipeline_version="scale-benchmark")
        print(f"{name}: {n} documents, {len(m_doc)} mentions", flush=True)


def _reports() -> dict:
    """Report name -> function(store, out_dir) building it."""
    from meshtag.report import cooccurrence_report, entity_report

    return {
        "entities": lambda store, out: entity_report(store, format="csv", out=out / "entities.csv"),
        "cooccur-document": lambda store, out: cooccurrence_report(
            store, level="document", min_count=20, format="csv", out=out / "cooccur_document.csv"),
        "cooccur-sentence-a": lambda store, out: cooccurrence_report(
            store, a="MESH:D100000", level="sentence", format="csv", out=out / "cooccur_a.csv"),
    }


REPORT_NAMES = ("entities", "cooccur-document", "cooccur-sentence-a")


def run_report(name: str, corpus: Path) -> None:
    """Child process body: build one report."""
    from meshtag.corpus import CorpusStore

    out = corpus.parent / "reports"
    out.mkdir(exist_ok=True)
    _reports()[name](CorpusStore(corpus), out)


def time_reports(corpus: Path, results: Path | None) -> None:
    import duckdb

    con = duckdb.connect()
    counts = {t: con.execute(f"SELECT count(*) FROM read_parquet('{corpus}/{t}/*.parquet')").fetchall()[0][0]
              for t in ("documents", "sentences", "mentions")}
    lines = []
    for name in REPORT_NAMES:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, __file__, "child", name, "--out", str(corpus)])
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        if status:
            raise SystemExit(f"report {name} failed (status {status})")
        line = f"| {name} | {seconds:.1f} s | {usage.ru_maxrss / 1024:.0f} MB |"
        print(line, flush=True)
        lines.append(line)
    section = "\n".join([
        f"\n## Corpus reports at scale ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)\n",
        f"`benchmarks/scale_reports.py`: synthetic corpus of {counts['documents']:,} documents, "
        f"{counts['sentences']:,} sentences, {counts['mentions']:,} mentions (Zipf concepts, 4 labels); "
        f"{platform.machine()}, {os.cpu_count()} cores, DuckDB over the Parquet parts. Each report runs in "
        "its own process; peak RSS is that process's maximum resident memory.\n",
        "| report | wall time | peak RSS |", "|---|---|---|", *lines,
        "\nReports: `entities` = every concept (name, label, counts, surface forms, top co-mentioned, example "
        "sentence) as CSV; `cooccur-document` = all document-level pairs with n_ab ≥ 20, statistics, doc ids "
        "and 5 evidence sentences each; `cooccur-sentence-a` = sentence-level pairs of the most frequent "
        "concept (`--a`).\n",
    ])
    if results is not None:
        with open(results, "a", encoding="utf-8") as fh:  # append only: other benchmarks share this file
            fh.write(section)
    print(section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["generate", "time", "child"])
    parser.add_argument("report", nargs="?")
    parser.add_argument("--out", type=Path, default=Path("/tmp/meshtag-scale/corpus"))
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--part-docs", type=int, default=50_000)
    parser.add_argument("--concepts", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--results", type=Path, default=None)
    args = parser.parse_args()
    if args.action == "generate":
        generate(args.out, args.docs, args.part_docs, args.concepts, args.seed)
    elif args.action == "time":
        time_reports(args.out, args.results)
    else:
        run_report(args.report, args.out)


if __name__ == "__main__":
    main()
