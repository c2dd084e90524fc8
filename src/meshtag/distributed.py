"""Beyond one machine: the same per-partition tagging function run on a Dask cluster.

A partition is a slice of one input file (`chunk_size` documents). Each task reads its slice, tags it
and commits it as its own Parquet part of the corpus folder, named from the file and slice, so a
rerun skips every finished partition and does only what is missing (a lost worker loses nothing
that was committed). Dask schedules, retries and balances; meshtag only defines the partitions.
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


def tag_partition(partition: Partition, corpus: str, spec: PipelineSpec, format: str | None = None,
                  **read_options) -> dict:
    """Read, tag and commit one partition (runs on a worker). A committed partition is left untouched."""
    from meshtag.corpus.store import CorpusStore
    from meshtag.io import read_documents
    from meshtag.nlp.candidates import get_kb
    from meshtag.tag_job import pipeline_version
    from meshtag.tagging import tag_documents

    store = CorpusStore(corpus)
    if store.has_part(partition.name):
        return {"part": partition.name, "documents": 0, "mentions": 0, "skipped": True}
    nlp = worker_pipeline(spec)
    error_file = Path(corpus) / "errors" / f"{partition.name}.txt"
    error_file.unlink(missing_ok=True)  # a retried partition reports its problems once
    docs = read_documents([partition.file], format=format, errors=ErrorLog(stream=None, path=error_file),
                          **read_options)
    start = partition.index * partition.size
    tagged = list(tag_documents(islice(docs, start, start + partition.size), nlp))
    store.add(tagged, kb_version=dict(get_kb(spec.kb_path).version), pipeline_version=pipeline_version(nlp),
              part=partition.name)
    return {"part": partition.name, "documents": len(tagged), "mentions": sum(len(d.mentions) for d in tagged),
            "skipped": False}


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
        futures = [client.submit(tag_partition, p, corpus, spec, format, key=f"meshtag-{p.name}", pure=False,
                                 **read_options) for p in todo]
        with tqdm(total=len(futures), unit="part", desc="partitions", file=sys.stderr, disable=not progress) as bar:
            for future in as_completed(futures):
                result = future.result()
                summary.documents += result["documents"]
                summary.mentions += result["mentions"]
                bar.update(1)
    finally:
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary
