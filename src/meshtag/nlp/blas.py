"""Matrix products of the statistical NER through numpy's BLAS (OpenBLAS) instead of thinc's default, blis.

thinc's `NumpyOps` multiplies with blis by default. On this project's machines blis 1.3 ran 25–30 GFLOPS
per core where numpy's OpenBLAS ran ~90 on the same products, and the tok2vec's products are most of
accurate mode's time: with numpy's BLAS the same model gives the same entities ~2× faster
(benchmarks/RESULTS.md, "BLAS"). thinc gives a model the ops current when it is built, so the model must
be loaded (or trained) inside `numpy_blas()`.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from thinc.api import use_ops

BLAS_THREADS_PER_WORKER = 1


@contextmanager
def numpy_blas() -> Iterator[None]:
    """Models built in this block multiply with numpy's BLAS (thinc `NumpyOps(use_blis=False)`)."""
    with use_ops("numpy", use_blis=False):
        yield


def limit_blas_threads(threads: int = BLAS_THREADS_PER_WORKER) -> None:
    """Cap this process's BLAS threads: worker processes each own one core, so threads would only contend."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(threads)
