"""The two freedom tests (batched SVD, elimination modulo a prime) agree with rational arithmetic."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sigtepunkt.analytics.suppression.exact import free_columns
from sigtepunkt.analytics.suppression.local import free_in_pieces


def free_by_fractions(a: list[list[int]], n: int) -> list[bool]:
    """Reduced row echelon form over the rationals: x_j is determined iff some row equals e_j."""
    rows = [[Fraction(v) for v in r] for r in a]
    pivot_rows: list[list[Fraction]] = []
    for col in range(n):
        pick = next((r for r in rows if r[col] != 0), None)
        if pick is None:
            continue
        rows.remove(pick)
        pick = [v / pick[col] for v in pick]
        rows = [[v - r[col] * p for v, p in zip(r, pick, strict=True)] for r in rows]
        pivot_rows = [[v - r[col] * p for v, p in zip(r, pick, strict=True)] for r in pivot_rows]
        pivot_rows.append(pick)
    determined = {next(j for j, v in enumerate(r) if v) for r in pivot_rows if sum(v != 0 for v in r) == 1}
    return [j not in determined for j in range(n)]


matrices = st.integers(2, 9).flatmap(
    lambda n: st.lists(st.lists(st.sampled_from([-1, 0, 0, 1]), min_size=n, max_size=n), min_size=1, max_size=9)
)


@settings(max_examples=300, deadline=None)
@given(matrices)
def test_elimination_and_svd_agree_with_fractions(a: list[list[int]]) -> None:
    n = len(a[0])
    want = free_by_fractions(a, n)
    rows = [{j: v for j, v in enumerate(r) if v} for r in a]
    assert free_columns([r for r in rows if r], n) == want
    eq = np.array([i for i, r in enumerate(a) for v in r if v], dtype=np.int64)
    var = np.array([j for r in a for j, v in enumerate(r) if v], dtype=np.int64)
    coef = np.array([float(v) for r in a for v in r if v])
    got = free_in_pieces(np.zeros(n, dtype=np.int64), np.arange(n), eq, var, coef, n)
    assert got.tolist() == want
