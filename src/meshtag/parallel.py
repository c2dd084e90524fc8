"""Tag on every core: batches of Documents go to worker processes that each load the pipeline once.

Output order equals input order, so `--workers N` writes exactly what `--workers 1` writes.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Iterator

from meshtag.model import Document

BATCH_DOCS = 64
MAX_IN_FLIGHT_PER_WORKER = 3


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
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per worker: no oversubscription
    if _WORKER_NLP is None:
        _WORKER_NLP = spec.load()


def _tag_batch(batch: list[Document]) -> list[Document]:
    from meshtag.tagging import tag_documents

    return list(tag_documents(batch, _WORKER_NLP))


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
    if forking:
        _WORKER_NLP = nlp or spec.load()
    in_flight: deque = deque()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(spec,)) as pool:
        # Pool.imap would read the whole input ahead; a bounded queue of batches keeps memory constant
        for batch in batched(documents, batch_size):
            in_flight.append(pool.apply_async(_tag_batch, (batch,)))
            if len(in_flight) >= MAX_IN_FLIGHT_PER_WORKER * workers:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()
