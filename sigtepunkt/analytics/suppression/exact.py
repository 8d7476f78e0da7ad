"""Free unknowns of one sparse system, by exact elimination modulo a large prime.

The pieces that the batched SVD (`local`) can afford are small; a hidden cell whose protection
runs down the tree and back up (a chain of tree and segment equations) needs a larger piece.
These systems are very sparse (a cell is in at most a handful of equations), so sparse Gaussian
elimination in plain Python handles a few thousand unknowns in well under a second.

A random null vector x (free columns drawn at random, pivots solved) has x_j ≠ 0 for every free
unknown j except with probability 1/p; a zero is read as *determined*, which only hides more.
Arithmetic is exact modulo p = 2⁶¹ − 1; it agrees with rational arithmetic unless p divides every
maximal minor of the ±1 matrix, which the tests check against `fractions` on random systems.
"""

from __future__ import annotations

import random

PRIME = (1 << 61) - 1


def _reduce(row: dict[int, int], pivots: dict[int, dict[int, int]]) -> dict[int, int]:
    """Eliminate every pivot column from `row` (pivot rows are normalised to 1 at their pivot)."""
    pending = [c for c in row if c in pivots]
    while pending:
        col = pending.pop()
        factor = row.pop(col, 0)
        if not factor:
            continue
        for c, v in pivots[col].items():
            if c == col:
                continue
            new = (row.get(c, 0) - factor * v) % PRIME
            if new:
                if c not in row and c in pivots:
                    pending.append(c)
                row[c] = new
            else:
                row.pop(c, None)
    return row


def free_columns(rows: list[dict[int, int]], n: int, seed: int = 0) -> list[bool]:
    """For the system rows · x = 0 over n columns: which columns are free (not determined)."""
    pivots: dict[int, dict[int, int]] = {}
    order: list[int] = []
    count = [0] * n
    for row in rows:
        for c in row:
            count[c] += 1
    for row in sorted(rows, key=len):
        reduced = _reduce({c: v % PRIME for c, v in row.items()}, pivots)
        if not reduced:
            continue
        col = min(reduced, key=lambda c: (count[c], c))
        inverse = pow(reduced[col], PRIME - 2, PRIME)
        pivots[col] = {c: v * inverse % PRIME for c, v in reduced.items()}
        order.append(col)
    draw = random.Random(seed)
    x = [0 if c in pivots else draw.randrange(1, PRIME) for c in range(n)]
    for col in reversed(order):  # a pivot row holds only later pivots and free columns
        x[col] = -sum(v * x[c] for c, v in pivots[col].items() if c != col) % PRIME
    return [v != 0 for v in x]
