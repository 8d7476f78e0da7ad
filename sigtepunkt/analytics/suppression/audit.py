"""Audit the suppression against an attacker who solves all equations at once, and repair it.

Complementary suppression (`complements`) leaves no equation with a single hidden term, which
stops subtraction one equation at a time. Combining equations can still pin a hidden cell down
(e.g. a chain of segment and tree equations that closes on itself). The audit finds every small
group that the visible cells still determine and hides more cells until none is.

The unknowns are the suppressed cells and the small remainders (see `complements`); large
remainders and visible cells are known. A small group is safe when it is *free*: some change of
the hidden values moves it and keeps every published number. Freedom is proven on pieces (see
`local`), from small to large, each tested only where something is still unproven:

1. the cells of one dimension among the children of one unit (a two-way table with its margins);
2. all cells of the children of one unit;
3. a whole connected component of unknowns, when it has at most `local.MAX_UNKNOWNS` of them.

A small group proven free in none of them is *at risk*: for a small component (level 3) this is
the exact answer, for a larger one it may be over-cautious. Each at-risk group gets one more
hidden cell: the visible cell with the smallest n in one of its equations (not a total, not a root,
then by content codes so that ties break the same way for any row order), complementary
suppression restores its invariant, and the audit runs again on what is still unproven. Hiding
more never makes a free unknown determined, so what was proven stays proven; every round hides at
least one more cell, so the loop ends.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from sigtepunkt.analytics.suppression.complements import complements_find, remainders, remainders_sensitive
from sigtepunkt.analytics.suppression.equations import Cells, Equations
from sigtepunkt.analytics.suppression.exact import free_columns
from sigtepunkt.analytics.suppression.local import free_in_pieces
from sigtepunkt.analytics.suppression.pieces import (
    System,
    ball_pairs,
    expand,
    family_keys,
    index_of,
    partition_pairs,
    system_of,
    var_facts,
)

logger = logging.getLogger(__name__)


BALL_CAPS = (200, 1500)


@dataclass(frozen=True)
class Layout:
    """What stays fixed across rounds: var facts, content order of vars, members by equation."""

    facts: tuple[np.ndarray, np.ndarray, np.ndarray]
    rank: np.ndarray
    order: np.ndarray
    starts: np.ndarray


def layout_of(cells: Cells, eqs: Equations) -> Layout:
    n_units = int(cells.unit.max(initial=0)) + 1
    n_keys = int(cells.segkey.max(initial=0)) + 1
    cell_rank = np.empty(cells.n.size, dtype=np.int64)
    cell_rank[np.argsort((cells.table * n_units + cells.unit) * n_keys + cells.segkey)] = np.arange(cells.n.size)
    order = np.argsort(eqs.eq, kind="stable")
    return Layout(
        facts=var_facts(cells, eqs),
        rank=np.concatenate([cell_rank, cells.n.size + np.arange(eqs.count)]),
        order=order,
        starts=np.searchsorted(eqs.eq[order], np.arange(eqs.count + 1)),
    )


def _prove_by_balls(system: System, layout: Layout, open_: np.ndarray, cap: int) -> np.ndarray:
    """Exact elimination on a ball around each open var (nearest vars first), one ball at a time.

    A ball proves free every var it finds free, so most open vars never need a ball of their own.
    """
    proven = np.zeros(system.size, dtype=bool)
    seeds = np.flatnonzero(open_)
    seeds = seeds[np.argsort(layout.rank[seeds])]
    tried = np.zeros(system.size, dtype=bool)
    index = index_of(system)
    for seed in seeds:
        if proven[seed] or tried[seed]:
            continue
        _, ball = ball_pairs(system, index, np.array([seed]), layout.rank, cap)
        ball = np.sort(ball)
        _, rows_of = expand(index.var_starts, index.by_var, ball)
        e, v, k = system.eq[rows_of], np.searchsorted(ball, system.var[rows_of]), system.coef[rows_of]
        order = np.argsort(e, kind="stable")
        rows: dict[int, dict[int, int]] = {}
        for eq_id, col, coef in zip(e[order].tolist(), v[order].tolist(), k[order].tolist(), strict=True):
            rows.setdefault(eq_id, {})[col] = int(coef)
        free = np.array(free_columns(list(rows.values()), ball.size, seed=int(layout.rank[seed])))
        proven[ball[free]] = True
        tried[ball] = True
    return proven & open_


def prove_free(
    cells: Cells, eqs: Equations, layout: Layout, suppressed: np.ndarray, unknown_rem: np.ndarray, todo: np.ndarray
) -> np.ndarray:
    """Return the vars of `todo` (a mask over cells and remainders) proven free.

    First the cheap pieces (one dimension among the children of one unit, batched SVD), then exact
    elimination on balls of up to BALL_CAPS unknowns around whatever is still open.
    """
    system = system_of(cells, eqs, suppressed, unknown_rem)
    in_system = np.zeros(system.size, dtype=bool)
    in_system[system.var] = True
    todo_all, todo = todo, todo & in_system  # a hidden cell in no equation is free: nothing constrains it
    piece, member = partition_pairs(family_keys(layout.facts, by_dimension=True), system, todo)
    proven = free_in_pieces(piece, member, system.eq, system.var, system.coef, system.size) & todo
    proven |= todo_all & ~in_system
    logger.debug("audit, family pieces: %d of %d proven free", int(proven.sum()), int(todo.sum()))
    for cap in BALL_CAPS:
        if (todo & ~proven).any():
            proven |= _prove_by_balls(system, layout, todo & ~proven, cap)
            logger.debug("audit, exact balls of %d: %d of %d proven free", cap, int(proven.sum()), int(todo.sum()))
    return proven


def _candidates(
    cells: Cells, eqs: Equations, layout: Layout, at_risk: np.ndarray, suppressed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (at-risk var, visible non-empty cell sharing an equation with it)."""
    n_cells = cells.n.size
    risk_cells = at_risk[:n_cells]
    in_risk = risk_cells[eqs.cell]
    risk_var = np.concatenate([eqs.cell[in_risk], n_cells + np.flatnonzero(at_risk[n_cells:])])
    risk_eq = np.concatenate([eqs.eq[in_risk], np.flatnonzero(at_risk[n_cells:])])
    width = layout.starts[risk_eq + 1] - layout.starts[risk_eq]
    offsets = np.arange(int(width.sum())) - np.repeat(np.cumsum(width) - width, width)
    rows = layout.order[np.repeat(layout.starts[risk_eq], width) + offsets]
    owner = np.repeat(risk_var, width)
    cand = eqs.cell[rows]
    ok = ~suppressed[cand] & (cells.n[cand] > 0)
    return owner[ok], rows[ok]


def _choose(cells: Cells, eqs: Equations, owner: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One cell per at-risk var: not a total or root if possible, smallest n, then content codes."""
    cand = eqs.cell[rows]
    penalty = eqs.is_total[rows].astype(np.int64) + cells.is_root[cand]
    order = np.lexsort((cells.segkey[cand], cells.unit[cand], cells.table[cand], cells.n[cand], penalty, owner))
    first = np.ones(order.size, dtype=bool)
    first[1:] = owner[order][1:] != owner[order][:-1]
    return np.unique(cand[order][first])


def _one_further(
    cells: Cells, eqs: Equations, layout: Layout, stuck: np.ndarray, suppressed: np.ndarray
) -> np.ndarray:
    """Candidates for vars whose own equations have no visible cell: one per hidden neighbour."""
    n_cells = cells.n.size
    in_stuck = stuck[:n_cells][eqs.cell]
    stuck_eqs = np.union1d(eqs.eq[in_stuck], np.flatnonzero(stuck[n_cells:]))
    neighbours = np.zeros(stuck.size, dtype=bool)
    _, rows = expand(layout.starts, layout.order, stuck_eqs)
    neighbours[eqs.cell[rows]] = True
    neighbours[:n_cells] &= suppressed
    owner, rows = _candidates(cells, eqs, layout, neighbours, suppressed)
    return _choose(cells, eqs, owner, rows)


def audit_repair(cells: Cells, eqs: Equations, suppressed: np.ndarray, *, threshold: int) -> np.ndarray:
    """Return the suppression mask with extra cells hidden until no small group is determined."""
    sensitive = remainders_sensitive(cells, eqs, threshold=threshold)
    unknown_rem = remainders(cells, eqs) != 0
    layout = layout_of(cells, eqs)
    n_cells = cells.n.size
    small = np.concatenate([(cells.n > 0) & (cells.n < threshold), sensitive])
    proven = np.zeros(small.size, dtype=bool)
    given_up = np.zeros(small.size, dtype=bool)
    suppressed = suppressed.copy()
    added = 0
    for round_no in range(1, n_cells + 2):
        todo = small & ~proven & ~given_up
        proven |= prove_free(cells, eqs, layout, suppressed, unknown_rem, todo)
        at_risk = todo & ~proven
        if not at_risk.any():
            logger.info("audit: no small group determined after %d round(s); %d cells added", round_no, added)
            return suppressed
        owner, rows = _candidates(cells, eqs, layout, at_risk, suppressed)
        chosen = _choose(cells, eqs, owner, rows)
        stuck = at_risk.copy()
        stuck[owner] = False
        if stuck.any():  # every cell beside it is hidden: look one equation further out
            chosen = np.union1d(chosen, _one_further(cells, eqs, layout, stuck, suppressed))
            logger.debug("audit: %d small groups need cells one equation further out", int(stuck.sum()))
        if chosen.size == 0:
            logger.warning("audit: %d small groups have no visible cell near them left to hide", int(at_risk.sum()))
            given_up |= at_risk
        if chosen.size == 0:
            continue
        before = int(suppressed.sum())
        suppressed[chosen] = True
        suppressed = complements_find(cells, eqs, suppressed, threshold=threshold)
        added += int(suppressed.sum()) - before
        logger.debug("audit round %d: %d at risk, %d cells hidden", round_no, int(at_risk.sum()), chosen.size)
    raise RuntimeError("suppression audit did not converge")
