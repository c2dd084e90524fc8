"""Confidence intervals for precision, recall and F1 by resampling documents (scipy's bootstrap).

Mentions cluster in documents (one abstract can hold a fifth of a small gold set's receptor mentions), so the
documents, not the mentions, are the independent units: each resample draws documents with replacement and
scores the pooled counts, as `score_documents` does.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy.stats import bootstrap

from meshtag.evaluation.scoring import LEVELS, PRF, Scores

MEASURES = ("precision", "recall", "f1")
Interval = tuple[float, float]


def _pooled(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray, axis: int = -1) -> np.ndarray:
    """Precision, recall and F1 of the summed counts (0 where undefined, as PRF), vectorised over resamples."""
    t, f_p, f_n = tp.sum(axis=axis), fp.sum(axis=axis), fn.sum(axis=axis)
    p = np.divide(t, t + f_p, out=np.zeros(np.shape(t)), where=(t + f_p) > 0)
    r = np.divide(t, t + f_n, out=np.zeros(np.shape(t)), where=(t + f_n) > 0)
    f = np.divide(2 * p * r, p + r, out=np.zeros(np.shape(t)), where=(p + r) > 0)
    return np.stack([p, r, f])


def prf_intervals(per_document: Sequence[PRF], n_resamples: int = 1000, confidence: float = 0.95,
                  seed: int = 0) -> dict[str, Interval]:
    """{"precision"|"recall"|"f1": (low, high)}: percentile intervals over `n_resamples` resamples of the
    documents (fixed `seed`, so a report is reproducible).

    >>> docs = [PRF(4, 1, 0), PRF(2, 0, 2), PRF(5, 1, 1), PRF(0, 2, 0), PRF(3, 0, 1)]
    >>> low, high = prf_intervals(docs, n_resamples=200)["precision"]
    >>> low < sum(d.tp for d in docs) / sum(d.tp + d.fp for d in docs) < high
    True
    """
    if len(per_document) < 2:
        raise ValueError("a bootstrap needs at least two documents")
    counts = np.array([(d.tp, d.fp, d.fn) for d in per_document], dtype=float).T
    if not counts.any(axis=1).any():  # nothing to score: every resample is 0
        return {m: (0.0, 0.0) for m in MEASURES}
    result = bootstrap(tuple(counts), _pooled, paired=True, vectorized=True, n_resamples=n_resamples,
                       confidence_level=confidence, method="percentile", rng=np.random.default_rng(seed))
    ci = result.confidence_interval
    return {m: (float(lo), float(hi)) for m, lo, hi in zip(MEASURES, ci.low, ci.high)}


def score_intervals(per_document: Mapping[str, Scores], n_resamples: int = 1000, confidence: float = 0.95,
                    seed: int = 0) -> dict[str, dict[str, dict[str, Interval]]]:
    """{label: {level: {measure: (low, high)}}} from `meshtag.evaluation.scoring.score_by_document`."""
    docs = list(per_document.values())
    labels = docs[0] if docs else {}
    return {label: {level: prf_intervals([d[label][level] for d in docs], n_resamples, confidence, seed)
                    for level in LEVELS}
            for label in labels}
