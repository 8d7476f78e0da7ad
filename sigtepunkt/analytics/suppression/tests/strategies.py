"""Random worlds for property tests (hypothesis) and one larger seeded world."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from sigtepunkt.analytics.suppression.tests.world import DIMENSION_POOL, World, period, persons_draw, world_build

PERIODS = (period(2024), period(2025))


def tree_reparent(tree: dict[str, str | None], rng: np.random.Generator) -> dict[str, str | None]:
    """Move one non-root unit under another inner unit outside its own subtree (a reorganisation)."""
    moved = dict(tree)
    inner = sorted({p for p in tree.values() if p is not None})
    movable = sorted(u for u, p in tree.items() if p is not None)
    if not movable or len(inner) < 2:
        return moved
    unit = str(rng.choice(movable))
    below = {unit}
    changed = True
    while changed:
        grown = below | {u for u, p in tree.items() if p in below}
        changed, below = grown != below, grown
    targets = [u for u in inner if u not in below and u != tree[unit]]
    if targets:
        moved[unit] = str(rng.choice(targets))
    return moved


@st.composite
def worlds(draw: st.DrawFn, max_units: int = 40) -> World:
    """Draw a tree (depth up to 4, fan-out up to 6), dimensions, and small disjoint populations."""
    depth = draw(st.integers(1, 4))
    tree: dict[str, str | None] = {"K": None}
    frontier = ["K"]
    for level in range(depth):
        nxt = []
        for unit in frontier:
            for i in range(draw(st.integers(0 if level else 1, 6))):
                if len(tree) < max_units:
                    child = f"{unit}.{i}"
                    tree[child] = unit
                    nxt.append(child)
        frontier = nxt
    dim_names = draw(st.lists(st.sampled_from(sorted(DIMENSION_POOL)), min_size=1, max_size=3, unique=True))
    dims = {d: DIMENSION_POOL[d][: draw(st.integers(2, len(DIMENSION_POOL[d])))] for d in dim_names}
    own_staff = draw(st.booleans())
    inner = {p for p in tree.values() if p is not None}
    staffed = sorted(tree) if own_staff else sorted(u for u in tree if u not in inner)
    sizes = {u: draw(st.integers(0, 14)) for u in staffed}
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    trees = {PERIODS[0]: tree, PERIODS[1]: tree_reparent(tree, rng) if draw(st.booleans()) else tree}
    return world_build(trees, dims, persons_draw(rng, trees, dims, sizes), zero_rows=draw(st.booleans()))


def world_large(seed: int = 20260101) -> World:
    """About 2,100 units in four levels with realistic workplace sizes, two periods."""
    rng = np.random.default_rng(seed)
    tree: dict[str, str | None] = {"K": None}
    for c in range(10):
        tree[f"C{c}"] = "K"
        for a in range(8):
            tree[f"C{c}A{a}"] = f"C{c}"
            for w in range(int(rng.integers(18, 34))):
                tree[f"C{c}A{a}W{w}"] = f"C{c}A{a}"
    inner = {p for p in tree.values() if p is not None}
    sizes = {u: int(min(80, rng.lognormal(2.7, 0.8))) for u in tree if u not in inner}
    sizes |= {u: int(rng.integers(0, 8)) for u in inner}  # centre and area staff of their own
    dims = {d: DIMENSION_POOL[d] for d in ("gender", "age_band", "job_group")}
    trees = {PERIODS[0]: tree, PERIODS[1]: tree_reparent(tree, rng)}
    return world_build(trees, dims, persons_draw(rng, trees, dims, sizes))
