"""Which unknowns of many small linear systems are left free? One batched SVD per size class.

An attacker who knows every visible cell and solves all equations at once determines an unknown
x_j exactly when e_j lies in the row space of the equations restricted to the unknowns. With
A = U Σ Vᵀ and r = rank(A), the orthogonal projection onto that row space is V_r V_rᵀ, so x_j is
determined iff Σ_{i<r} V[i, j]² = 1. Everything else is *free*: some perturbation of the hidden
values changes x_j and keeps every published number.

The systems here are pieces of the whole: a set S of unknowns with every equation that touches S,
restricted to S (the unknowns outside S treated as known). Knowing more can only determine more,
so an unknown free in a piece is free in the whole system: a sound certificate of protection.

The matrices have entries in {−1, 0, 1} and at most a few hundred columns, so singular values are
either 0 (to rounding) or well away from it; the tolerances are relative and far apart (a rank
cut-off of 1e-9 and a freedom margin of 1e-6), and any doubt counts as *determined*, which can only
lead to more suppression, never less.
"""

from __future__ import annotations

import numpy as np

from sigtepunkt.analytics.suppression.pieces import expand

MAX_UNKNOWNS = 64
RANK_TOL = 1e-9
FREE_MARGIN = 1e-6
CHUNK_ENTRIES = 1 << 22


def _pow2(x: np.ndarray) -> np.ndarray:
    return np.maximum(2, 1 << np.ceil(np.log2(np.maximum(x, 1))).astype(np.int64))


def _free_in_stack(a: np.ndarray) -> np.ndarray:
    """For a stack of matrices (B, r, m): which columns are free (not in the row space)."""
    _, s, vt = np.linalg.svd(a, full_matrices=False)
    rank = (s > RANK_TOL * np.maximum(s[:, :1], 1.0)).sum(axis=1)
    keep = np.arange(s.shape[1])[None, :] < rank[:, None]
    projected = np.einsum("bij,bi->bj", vt * vt, keep.astype(float))
    return projected < 1.0 - FREE_MARGIN


def free_in_pieces(
    piece: np.ndarray, piece_var: np.ndarray, eq: np.ndarray, var: np.ndarray, coef: np.ndarray, size: int
) -> np.ndarray:
    """Return a mask over the `size` vars: free in at least one of the pieces.

    A piece is the set of vars listed with its id in (`piece`, `piece_var`); a var may be in
    several. (eq, var, coef) are the memberships of all unknowns in equations. Pieces with more
    than MAX_UNKNOWNS vars are not tested.
    """
    free = np.zeros(size, dtype=bool)
    if piece.size == 0:
        return free
    pair_order = np.lexsort((piece_var, piece))
    piece, piece_var = piece[pair_order], piece_var[pair_order]
    ids, dense = np.unique(piece, return_inverse=True)
    m = np.bincount(dense, minlength=ids.size)
    local_var = np.arange(piece.size) - np.repeat(np.cumsum(m) - m, m)
    # Every membership of every listed var, then the equations of each piece numbered within it.
    by_var = np.argsort(var, kind="stable")
    var_starts = np.searchsorted(var[by_var], np.arange(size + 1))
    pair, row = expand(var_starts, by_var, piece_var)
    p, lv, k = dense[pair], local_var[pair], coef[row]
    span = int(eq.max(initial=0)) + 1
    pe_keys, pe = np.unique(p * span + eq[row], return_inverse=True)
    r = np.bincount(pe_keys // span, minlength=ids.size)
    local_eq = pe - (np.cumsum(r) - r)[p]
    m_class, r_class = _pow2(m), _pow2(r)
    testable = m <= MAX_UNKNOWNS
    for cls in np.unique(m_class[testable] * (1 << 32) + r_class[testable]):
        mc, rc = int(cls >> 32), int(cls & 0xFFFFFFFF)
        in_class = np.flatnonzero(testable & (m_class == mc) & (r_class == rc))
        step = max(1, CHUNK_ENTRIES // (mc * rc))
        for lo in range(0, in_class.size, step):
            chunk = in_class[lo : lo + step]
            slot = np.full(ids.size, -1, dtype=np.int64)
            slot[chunk] = np.arange(chunk.size)
            sel = slot[p] >= 0
            a = np.zeros((chunk.size, rc, mc))
            a[slot[p[sel]], local_eq[sel], lv[sel]] = k[sel]
            got = _free_in_stack(a)
            mine = np.flatnonzero(slot[dense] >= 0)
            free[piece_var[mine][got[slot[dense[mine]], local_var[mine]]]] = True
    return free
