"""Beyond one machine: the same per-partition tagging function run on a Dask cluster.

A partition is a slice of one input file (`chunk_size` documents), committed as its own Parquet part of
the corpus folder and named from the file and slice, so a rerun skips every finished partition and does
only what is missing (a lost worker loses nothing that was committed). A task is one file (all its
slices, the file read once) when there are at least twice as many files as workers, as with the PubMed
baseline; otherwise one slice, so that even a single large file spreads over every worker. Dask schedules, retries and balances; meshtag only defines the partitions.
The corpus folder must be on a filesystem every worker and the client can reach.
"""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from meshtag.errors import ErrorLog
from meshtag.parallel import PipelineSpec

DEFAULT_CHUNK = 2000


@dataclass(frozen=True)
class Partition:
    file: str
    index: int
    size: int

    @property
    def name(self) -> str:
        """A part name stable across runs: hash of the absolute path, then the slice number."""
        digest = hashlib.sha1(str(Path(self.file).resolve()).encode()).hexdigest()[:12]
        return f"f{digest}-{self.index:06d}"


def count_file(path: str, format: str | None = None, **read_options) -> int:
    """Documents in one file (a silent reading pass; runs on a worker so files are counted in parallel)."""
    from meshtag.tag_job import count_documents

    return count_documents([path], format, **read_options)


def partitions_of(path: str, documents: int, chunk_size: int) -> list[Partition]:
    return [Partition(path, i, chunk_size) for i in range((documents + chunk_size - 1) // chunk_size)]


def plan_partitions(inputs: list[str], chunk_size: int = DEFAULT_CHUNK, format: str | None = None,
                    client=None, **read_options) -> list[Partition]:
    """Cut every input file into slices of `chunk_size` documents (files counted on the cluster if given)."""
    from meshtag.io import iter_input_files

    files = [str(p.resolve()) for p in iter_input_files(inputs)]
    if client is not None:
        counts = client.gather(client.map(count_file, files, format=format, pure=False, **read_options))
    else:
        counts = [count_file(f, format, **read_options) for f in files]
    return [p for f, n in zip(files, counts) for p in partitions_of(f, n, chunk_size)]


_NLP_BY_SPEC: dict[PipelineSpec, object] = {}


def worker_pipeline(spec: PipelineSpec):
    """The pipeline for `spec`, loaded once per worker process."""
    if spec not in _NLP_BY_SPEC:
        _NLP_BY_SPEC[spec] = spec.load()
    return _NLP_BY_SPEC[spec]


def tasks_of(partitions: list[Partition], workers: int) -> list[list[Partition]]:
    """Group partitions into tasks: one task per file when there are enough files to keep every worker
    busy (the file is then read once), else one task per partition (a slice re-reads its file's start)."""
    files: dict[str, list[Partition]] = {}
    for p in partitions:
        files.setdefault(p.file, []).append(p)
    if len(files) >= 2 * max(1, workers):
        return list(files.values())
    return [[p] for p in partitions]


def tag_partitions(partitions: list[Partition], corpus: str, spec: PipelineSpec, format: str | None = None,
                   **read_options) -> dict:
    """Read one file once, and tag and commit each of its given slices (ascending) as its own part; runs
    on a worker. Committed parts are left untouched, so a retried or rerun task does only what is missing."""
    from meshtag.corpus.store import CorpusStore
    from meshtag.io import read_documents
    from meshtag.nlp.candidates import get_kb
    from meshtag.tag_job import pipeline_version
    from meshtag.tagging import tag_documents

    store = CorpusStore(corpus)
    todo = [p for p in partitions if not store.has_part(p.name)]
    result = {"parts": 0, "documents": 0, "mentions": 0}
    if not todo:
        return result
    nlp = worker_pipeline(spec)
    error_file = Path(corpus) / "errors" / f"{todo[0].name}.txt"
    error_file.unlink(missing_ok=True)  # a retried task reports its problems once
    docs = read_documents([todo[0].file], format=format, errors=ErrorLog(stream=None, path=error_file),
                          **read_options)
    position = 0
    for part in todo:
        start = part.index * part.size
        consume(docs, start - position)
        tagged = list(tag_documents(islice(docs, part.size), nlp))
        position = start + part.size
        store.add(tagged, kb_version=dict(get_kb(spec.kb_path).version), pipeline_version=pipeline_version(nlp),
                  part=part.name)
        result["parts"] += 1
        result["documents"] += len(tagged)
        result["mentions"] += sum(len(d.mentions) for d in tagged)
    return result


def consume(iterator, n: int) -> None:
    """Advance `iterator` by `n` items."""
    next(islice(iterator, n, n), None)


def run_dask(inputs: list[str], *, corpus: str | Path, spec: PipelineSpec, scheduler: str | None = None,
             format: str | None = None, chunk_size: int = DEFAULT_CHUNK, n_workers: int | None = None,
             progress: bool = True, client=None, **read_options):
    """Tag `inputs` into `corpus` on a Dask cluster: `client` if given, else one connected to `scheduler`,
    else a LocalCluster with one single-threaded worker process per core."""
    import time

    from dask.distributed import Client, LocalCluster, as_completed
    from tqdm import tqdm

    from meshtag.corpus.store import CorpusStore
    from meshtag.tag_job import TagSummary

    started = time.perf_counter()
    corpus = str(Path(corpus).resolve())
    Path(corpus).mkdir(parents=True, exist_ok=True)
    summary = TagSummary(destination=corpus)
    cluster = own_client = None
    if client is None:
        if scheduler is None:
            from meshtag.parallel import default_workers

            cluster = LocalCluster(n_workers=n_workers or default_workers(), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        client = own_client = Client(scheduler or cluster)
    try:
        partitions = plan_partitions(inputs, chunk_size, format, client=client, **read_options)
        store = CorpusStore(corpus)
        done = {p.name: p for p in store.parts()}
        todo = [p for p in partitions if p.name not in done]
        summary.skipped_existing = sum(done[p.name].documents for p in partitions if p.name in done)
        tasks = tasks_of(todo, len(client.scheduler_info()["workers"]))
        futures = [client.submit(tag_partitions, task, corpus, spec, format, key=f"meshtag-{task[0].name}",
                                 pure=False, **read_options) for task in tasks]
        with tqdm(total=len(todo), unit="part", desc="partitions", file=sys.stderr, disable=not progress) as bar:
            for future in as_completed(futures):
                result = future.result()
                summary.documents += result["documents"]
                summary.mentions += result["mentions"]
                bar.update(result["parts"])
    finally:
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary
