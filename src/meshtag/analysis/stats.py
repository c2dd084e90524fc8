"""Association statistics for concept pairs, vectorised over numpy arrays of counts.

Notation (per pair of concepts a, b over N units — sentences or documents):
``n_ab`` units with both, ``n_a`` / ``n_b`` units with each, ``N`` units in the corpus.
"""
from __future__ import annotations

import numpy as np
from scipy import stats

# Weights of the STRING / Jensen-lab co-mention score (Franceschini et al. 2013, NAR 41:D808; the values of
# cocoscore's `co_occurrence_score_string`, Junge & Jensen 2020): same document, same paragraph, same sentence.
STRING_WEIGHTS = {"document": 1.0, "paragraph": 2.0, "sentence": 0.2}
STRING_ALPHA = 0.6


def _f(x: np.ndarray | float) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def expected(n_a, n_b, n_total) -> np.ndarray:
    """Units expected to hold both concepts if they occurred independently: n_a·n_b/N."""
    return _f(n_a) * _f(n_b) / _f(n_total)


def lift(n_ab, n_a, n_b, n_total) -> np.ndarray:
    """Observed over expected co-occurrence: n_ab·N/(n_a·n_b)."""
    return _f(n_ab) / expected(n_a, n_b, n_total)


def pmi(n_ab, n_a, n_b, n_total) -> np.ndarray:
    """Pointwise mutual information in bits: log2(p(a,b) / (p(a)·p(b)))."""
    with np.errstate(divide="ignore"):
        return np.log2(lift(n_ab, n_a, n_b, n_total))


def npmi(n_ab, n_a, n_b, n_total) -> np.ndarray:
    """PMI normalised to [-1, 1] by -log2 p(a,b) (Bouma 2009); 1 when a and b occur in every unit together."""
    p_ab = _f(n_ab) / _f(n_total)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = pmi(n_ab, n_a, n_b, n_total) / -np.log2(p_ab)
    return np.where(p_ab >= 1.0, 1.0, np.where(_f(n_ab) == 0, -1.0, value))


def fisher_greater(n_ab, n_a, n_b, n_total) -> np.ndarray:
    """One-sided Fisher exact test (alternative: more co-occurrence than chance), vectorised.

    Equals `scipy.stats.fisher_exact([[n_ab, n_a-n_ab], [n_b-n_ab, N-n_a-n_b+n_ab]], 'greater')`:
    P(X ≥ n_ab) for X ~ Hypergeometric(N, n_a, n_b).
    """
    n_ab = np.asarray(n_ab, dtype=np.int64)
    return np.clip(stats.hypergeom.sf(n_ab - 1, np.asarray(n_total, dtype=np.int64),
                                      np.asarray(n_a, dtype=np.int64), np.asarray(n_b, dtype=np.int64)), 0.0, 1.0)


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values) over the given tests."""
    p = _f(p_values)
    if p.size == 0:
        return p
    return stats.false_discovery_control(p, method="bh")


def comention_score(c_ab, c_a, c_b, c_total, alpha: float = STRING_ALPHA) -> np.ndarray:
    """STRING / Jensen-lab co-mention score S = C_ab^α · (C_ab·C_··/(C_a·C_b))^(1−α).

    C are weighted co-mention counts: each document mentioning both adds w_d, plus w_p when they share a
    paragraph (title or abstract) and w_s when they share a sentence (STRING_WEIGHTS); C_a sums C over
    all pairs with a, C_·· over all pairs (Franceschini et al. 2013; Junge & Jensen 2020, eq. 1).
    """
    c_ab = _f(c_ab)
    return c_ab ** alpha * (c_ab * _f(c_total) / (_f(c_a) * _f(c_b))) ** (1.0 - alpha)
