"""Each association statistic against an independent computation (scipy, or by hand)."""
from __future__ import annotations

import math
from itertools import product

import numpy as np
import pytest
from scipy.stats import fisher_exact

from meshtag.analysis import stats


def test_fisher_greater_equals_scipy_fisher_exact_on_many_tables():
    cases = [(n_ab, n_a, n_b, n) for n, n_a, n_b, n_ab in product([10, 37, 200], [1, 5, 9], [1, 4, 9], range(0, 6))
             if n_ab <= min(n_a, n_b) and n_a + n_b - n_ab <= n]
    n_ab, n_a, n_b, n = map(np.array, zip(*cases))
    ours = stats.fisher_greater(n_ab, n_a, n_b, n)
    for (x, a, b, total), p in zip(cases, ours):
        table = [[x, a - x], [b - x, total - a - b + x]]
        assert p == pytest.approx(fisher_exact(table, alternative="greater").pvalue, rel=1e-9, abs=1e-15)


def test_expected_lift_pmi_npmi_by_hand():
    # 3 of 19 sentences hold both; a is in 6, b in 5
    assert stats.expected(6, 5, 19) == pytest.approx(30 / 19)
    assert stats.lift(3, 6, 5, 19) == pytest.approx(3 * 19 / 30)
    assert stats.pmi(3, 6, 5, 19) == pytest.approx(math.log2((3 / 19) / ((6 / 19) * (5 / 19))))
    assert stats.npmi(3, 6, 5, 19) == pytest.approx(math.log2(57 / 30) / -math.log2(3 / 19))


def test_npmi_bounds():
    assert stats.npmi(4, 4, 4, 4) == 1.0          # together in every unit
    assert stats.npmi(2, 2, 2, 10) == pytest.approx(1.0)  # always together
    assert stats.npmi(0, 3, 3, 10) == -1.0        # never together


def _bh_by_hand(p: list[float]) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return q


def test_benjamini_hochberg_by_hand():
    p = [0.01, 0.04, 0.03, 0.20, 0.005, 0.5]
    assert stats.benjamini_hochberg(p) == pytest.approx(_bh_by_hand(p))
    # literal: sorted p 0.005 0.01 0.03 0.04 0.2 0.5 -> q 0.03 0.03 0.06 0.06 0.24 0.5
    assert stats.benjamini_hochberg(p) == pytest.approx([0.03, 0.06, 0.06, 0.24, 0.03, 0.5])
    assert stats.benjamini_hochberg([]).size == 0


def test_comention_score_formula():
    # S = C^0.6 * (C*N/(Ca*Cb))^0.4
    assert stats.comention_score(3.2, 10.0, 8.0, 40.0) == pytest.approx(3.2 ** 0.6 * (3.2 * 40 / 80) ** 0.4)
    assert stats.STRING_WEIGHTS == {"document": 1.0, "paragraph": 2.0, "sentence": 0.2}
    assert stats.STRING_ALPHA == 0.6
