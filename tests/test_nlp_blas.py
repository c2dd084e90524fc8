"""The statistical NER multiplies through numpy's BLAS, and that changes no entity."""
from __future__ import annotations

import multiprocessing

import spacy
from threadpoolctl import threadpool_info

import meshtag
from meshtag import parallel
from meshtag.io import read_documents
from meshtag.nlp.blas import numpy_blas
from meshtag.nlp.pipeline import default_ner_dir
from meshtag.parallel import PipelineSpec


def test_accurate_pipeline_builds_its_ner_on_numpy_blas():
    nlp = meshtag.load(mode="accurate")
    for name in ("tok2vec", "ner"):
        ops = nlp.get_pipe(name).model.ops
        assert type(ops).__name__ == "NumpyOps" and ops.use_blis is False, name


def test_numpy_blas_and_blis_find_the_same_entities(seeds_dir):
    texts = [d.text for d in read_documents([seeds_dir])]
    with_blis = spacy.load(default_ner_dir())
    with numpy_blas():
        with_numpy = spacy.load(default_ner_dir())
    assert with_blis.get_pipe("tok2vec").model.ops.use_blis is True
    ents = lambda nlp: [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts)]  # noqa: E731
    found = ents(with_numpy)
    assert sum(map(len, found)) > 20 and found == ents(with_blis)


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_worker_processes_use_one_blas_thread_each():
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1, initializer=parallel._init_worker, initargs=(PipelineSpec(mode="fast"),)) as pool:
        threads = pool.apply(_blas_threads)
    assert threads and set(threads) == {1}
