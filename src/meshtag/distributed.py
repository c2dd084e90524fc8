"""Beyond one machine: the same per-partition tagging function run on a Dask cluster.

A partition is a slice of one input file (`chunk_size` documents). Each task reads its slice, tags it
and commits it as its own Parquet part of the corpus folder, named from the file and slice, so a
rerun skips every finished partition and does only what is missing (a lost worker loses nothing
that was committed). Dask schedules; meshtag only defines the partitions.
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


def plan_partitions(inputs: list[str], chunk_size: int = DEFAULT_CHUNK, format: str | None = None,
                    **read_options) -> list[Partition]:
    """Count each file's documents (a fast reading pass) and cut them into slices."""
    from meshtag.io import iter_input_files
    from meshtag.tag_job import count_documents

    parts = []
    for path in iter_input_files(inputs):
        n = count_documents([str(path)], format, **read_options)
        parts.extend(Partition(str(path), i, chunk_size) for i in range((n + chunk_size - 1) // chunk_size))
    return parts


_NLP_BY_SPEC: dict[PipelineSpec, object] = {}


def tag_partition(partition: Partition, corpus: str, spec: PipelineSpec, format: str | None = None,
                  **read_options) -> dict:
    """Read, tag and commit one partition (runs on a worker; the pipeline is loaded once per worker)."""
    from meshtag.corpus.store import CorpusStore
    from meshtag.io import read_documents
    from meshtag.tag_job import _kb_version, pipeline_version
    from meshtag.tagging import tag_documents

    store = CorpusStore(corpus)
    if store.has_part(partition.name):
        return {"part": partition.name, "documents": 0, "skipped": True}
    nlp = _NLP_BY_SPEC.get(spec) or _NLP_BY_SPEC.setdefault(spec, spec.load())
    errors = ErrorLog(path=Path(corpus) / "errors" / f"{partition.name}.txt")
    docs = read_documents([partition.file], format=format, errors=errors, **read_options)
    start = partition.index * partition.size
    tagged = list(tag_documents(islice(docs, start, start + partition.size), nlp))
    store.add(tagged, kb_version=_kb_version(), pipeline_version=pipeline_version(nlp), part=partition.name)
    return {"part": partition.name, "documents": len(tagged), "mentions": sum(len(d.mentions) for d in tagged),
            "skipped": False}


def run_dask(inputs: list[str], *, corpus: str | Path, spec: PipelineSpec, scheduler: str | None = None,
             format: str | None = None, chunk_size: int = DEFAULT_CHUNK, n_workers: int | None = None,
             progress: bool = True, **read_options):
    """Tag `inputs` into `corpus` on a Dask cluster (`scheduler` address, else a LocalCluster)."""
    from dask.distributed import Client, LocalCluster, as_completed
    from tqdm import tqdm

    from meshtag.tag_job import TagSummary

    corpus = str(Path(corpus).resolve())
    Path(corpus).mkdir(parents=True, exist_ok=True)
    partitions = plan_partitions(inputs, chunk_size, format, **read_options)
    summary = TagSummary(destination=corpus)
    cluster = None
    if scheduler is None:
        from meshtag.parallel import default_workers

        cluster = LocalCluster(n_workers=n_workers or default_workers(), threads_per_worker=1, processes=True,
                               dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        futures = [client.submit(tag_partition, p, corpus, spec, format, key=f"meshtag-{p.name}", pure=False,
                                 **read_options) for p in partitions]
        with tqdm(total=len(futures), unit="part", desc="partitions", file=sys.stderr, disable=not progress) as bar:
            for future in as_completed(futures):
                result = future.result()
                summary.documents += result["documents"]
                summary.mentions += result.get("mentions", 0)
                summary.skipped_existing += result["documents"] if result["skipped"] else 0
                bar.update(1)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return summary
