"""Tag on every core: batches of documents go to worker processes that each hold the pipeline once.

Output order equals input order, so `--workers N` writes exactly what `--workers 1` writes. Only what
the pipeline reads crosses the process boundary (id, title, abstract out; sentences and mention field
tuples back), never a Document's metadata, so pickling stays a small share of the work.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from dataclasses import dataclass, fields
from itertools import islice
from typing import Iterable, Iterator

from meshtag.heap import frozen_heap
from meshtag.model import Document, Mention
from meshtag.nlp.blas import limit_blas_threads

BATCH_DOCS = 64
MAX_IN_FLIGHT_PER_WORKER = 3
MENTION_FIELDS = tuple(f.name for f in fields(Mention))

Payload = tuple[str, str, str]                                     # id, title, abstract
Result = tuple[list[tuple[int, int]], list[tuple]]                 # sentences, mention field tuples


@dataclass(frozen=True)
class PipelineSpec:
    """Everything a worker needs to build the same pipeline as the parent (picklable)."""

    mode: str = "accurate"
    kb_path: str | None = None
    ner_path: str | None = None
    curation: str | None = None

    def load(self):
        from meshtag.nlp.pipeline import load

        return load(mode=self.mode, kb_path=self.kb_path, ner_path=self.ner_path, curation=self.curation)


_WORKER_NLP = None


def _init_worker(spec: PipelineSpec) -> None:
    """Load the pipeline once per worker (a forked worker already has the parent's, copy-on-write)."""
    global _WORKER_NLP
    limit_blas_threads()
    if _WORKER_NLP is None:
        _WORKER_NLP = spec.load()


def to_payload(doc: Document) -> Payload:
    return doc.id, doc.title, doc.abstract


def _tag_payloads(batch: list[Payload]) -> list[Result]:
    """Worker side: tag a batch and return only what tagging added."""
    from meshtag.tagging import tag_documents

    docs = (Document(id=i, title=t, abstract=a) for i, t, a in batch)
    return [(d.sentences, [tuple(getattr(m, f) for f in MENTION_FIELDS) for m in d.mentions])
            for d in tag_documents(docs, _WORKER_NLP)]


def apply_result(doc: Document, result: Result) -> Document:
    """Parent side: put a worker's sentences and mentions into the original Document."""
    sentences, mentions = result
    doc.sentences = list(sentences)
    doc.mentions = [Mention(*m) for m in mentions]
    return doc


def batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def default_workers() -> int:
    """All cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def tag_parallel(documents: Iterable[Document], spec: PipelineSpec, workers: int | None = None,
                 batch_size: int = BATCH_DOCS, nlp=None) -> Iterator[Document]:
    """Tag documents with `workers` processes (1: in this process, reusing `nlp` if given)."""
    workers = workers or default_workers()
    if workers <= 1:
        from meshtag.tagging import tag_documents

        yield from tag_documents(documents, nlp or spec.load())
        return
    global _WORKER_NLP
    forking = "fork" in mp.get_all_start_methods()
    ctx = mp.get_context("fork") if forking else mp.get_context()
    if forking:  # load before forking: the workers share the parent's pipeline and mapped KB pages
        _WORKER_NLP = nlp or spec.load()
    in_flight: deque = deque()
    # frozen heap: the workers' collectors leave the pages they share with us alone
    with frozen_heap(), ctx.Pool(workers, initializer=_init_worker, initargs=(spec,)) as pool:
        # Pool.imap would read the whole input ahead; a bounded queue of batches keeps memory constant
        for batch in batched(documents, batch_size):
            in_flight.append((batch, pool.apply_async(_tag_payloads, ([to_payload(d) for d in batch],))))
            if len(in_flight) >= MAX_IN_FLIGHT_PER_WORKER * workers:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())


def _collect(batch: list[Document], pending) -> Iterator[Document]:
    for doc, result in zip(batch, pending.get()):
        yield apply_result(doc, result)
