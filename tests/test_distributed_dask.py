"""The Dask executor on a 2-worker LocalCluster: same corpus as a local run; a rerun after an interrupted
run completes only the partitions that were not committed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.parallel.support import ABSTRACTS, build_tiny_kb
from meshtag.corpus.store import CorpusStore
from meshtag.distributed import Partition, plan_partitions, run_dask, tag_partitions, tasks_of
from meshtag.io import read_documents
from meshtag.nlp.candidates import get_kb
from meshtag.parallel import PipelineSpec, tag_parallel
from meshtag.tag_job import pipeline_version

CHUNK = 4  # 12 abstracts -> 3 partitions


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory) -> Path:
    return build_tiny_kb(tmp_path_factory.mktemp("models") / "kb")


@pytest.fixture(scope="module")
def spec(kb_dir) -> PipelineSpec:
    return PipelineSpec(mode="fast", kb_path=str(kb_dir))


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


def rows(corpus: Path) -> tuple[list, list]:
    """(documents, mentions) rows of a corpus, in a stable order."""
    con = CorpusStore(corpus).connect()
    return (con.execute("SELECT doc_id, title, abstract FROM documents ORDER BY doc_id").fetchall(),
            con.execute("SELECT * FROM mentions ORDER BY ALL").fetchall())


def test_dask_corpus_equals_local_run(tmp_path, spec, client):
    local = tmp_path / "local"
    nlp = spec.load()
    CorpusStore(local).add(tag_parallel(read_documents([ABSTRACTS]), spec, workers=1, nlp=nlp),
                           kb_version=dict(get_kb(spec.kb_path).version), pipeline_version=pipeline_version(nlp))
    summary = run_dask([str(ABSTRACTS)], corpus=tmp_path / "dask", spec=spec, chunk_size=CHUNK, client=client,
                       progress=False)
    assert (summary.documents, summary.skipped_existing) == (12, 0)
    assert len(CorpusStore(tmp_path / "dask").parts()) == 3
    local_rows, dask_rows = rows(local), rows(tmp_path / "dask")
    assert len(local_rows[0]) == 12 and len(local_rows[1]) >= 24
    assert dask_rows == local_rows


def test_rerun_after_interruption_does_only_what_is_missing(tmp_path, spec, client):
    from dask.distributed import Client, LocalCluster

    corpus = tmp_path / "corpus"
    first, second, _ = plan_partitions([str(ABSTRACTS)], CHUNK)
    # an interrupted run: its cluster commits the first partition and is then shut down with its workers
    with LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster, Client(cluster) as c:
        assert c.submit(tag_partitions, [first], str(corpus), spec, pure=False).result()["documents"] == CHUNK
    store = CorpusStore(corpus)
    committed = sorted(corpus.rglob(f"*{first.name}*"))
    stamps = [p.stat().st_mtime_ns for p in committed]
    assert len(committed) >= 4  # three Parquet tables and the manifest
    # a crash mid-commit leaves a table file of the second partition but no manifest: not committed
    store.part_file("documents", second.name).parent.mkdir(parents=True, exist_ok=True)
    store.part_file("documents", second.name).write_bytes(b"torn write")

    summary = run_dask([str(ABSTRACTS)], corpus=corpus, spec=spec, chunk_size=CHUNK, client=client,
                       progress=False)
    assert (summary.documents, summary.skipped_existing) == (8, CHUNK)
    assert [p.stat().st_mtime_ns for p in committed] == stamps  # the finished partition was not rewritten
    assert sorted(p.name for p in store.parts()) == sorted(p.name for p in plan_partitions([str(ABSTRACTS)], CHUNK))
    assert len(rows(corpus)[0]) == 12

    again = run_dask([str(ABSTRACTS)], corpus=corpus, spec=spec, chunk_size=CHUNK, client=client, progress=False)
    assert (again.documents, again.skipped_existing) == (0, 12)


def test_cli_dask_executor_writes_the_corpus(tmp_path, kb_dir):
    corpus = tmp_path / "corpus"
    env = dict(os.environ, MESHTAG_MODELS=str(kb_dir.parent))
    done = subprocess.run([sys.executable, "-c", "from meshtag.cli import main; main()", "tag", str(ABSTRACTS), "--mode", "fast",
                           "--executor", "dask", "--corpus", str(corpus), "--no-progress"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "12 documents" in done.stderr
    assert len(rows(corpus)[0]) == 12


def test_many_files_are_tagged_one_task_per_file_with_the_same_parts(tmp_path, spec):
    files = [Partition(f"/data/f{i}.xml", j, 10) for i in range(4) for j in range(3)]
    assert [len(t) for t in tasks_of(files, workers=2)] == [3, 3, 3, 3]      # 4 files >= 2 x 2 workers
    assert [len(t) for t in tasks_of(files, workers=3)] == [1] * 12          # too few files: slices
    # one task over a whole file writes exactly the parts that per-slice tasks write
    whole = plan_partitions([str(ABSTRACTS)], CHUNK)
    done = tag_partitions(whole, str(tmp_path / "by_file"), spec)
    assert (done["parts"], done["documents"]) == (3, 12)
    for part in whole:
        tag_partitions([part], str(tmp_path / "by_slice"), spec)
    assert rows(tmp_path / "by_file") == rows(tmp_path / "by_slice")
    assert tag_partitions(whole, str(tmp_path / "by_file"), spec)["parts"] == 0  # rerun: nothing missing
