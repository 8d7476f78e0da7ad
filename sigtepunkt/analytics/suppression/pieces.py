"""The pieces on which the audit proves hidden cells free, from cheap to thorough.

Vars are the unknowns of the attacker's system: cell c is var c, the remainder of equation e is
var (number of cells + e). A piece is a set of vars, given as (piece id, var) pairs; `local` tests
each piece with every equation that touches it. All functions work on whole arrays at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigtepunkt.analytics.suppression.equations import Cells, Equations


@dataclass(frozen=True)
class System:
    """The equations restricted to the unknowns: memberships (eq, var, coef), and the var count."""

    eq: np.ndarray
    var: np.ndarray
    coef: np.ndarray
    size: int


def system_of(cells: Cells, eqs: Equations, suppressed: np.ndarray, unknown_rem: np.ndarray) -> System:
    """Suppressed cells and the remainders flagged in `unknown_rem` are unknown; the rest is known."""
    hidden = suppressed[eqs.cell]
    rem = np.flatnonzero(unknown_rem)
    return System(
        eq=np.concatenate([eqs.eq[hidden], rem]),
        var=np.concatenate([eqs.cell[hidden], cells.n.size + rem]),
        coef=np.concatenate([np.where(eqs.is_total[hidden], 1.0, -1.0), np.full(rem.size, -1.0)]),
        size=cells.n.size + eqs.count,
    )


def var_facts(cells: Cells, eqs: Equations) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Table, family (parent unit, −1 at a root) and dimension code of every var.

    A remainder takes them from its equation: a tree equation's family is its parent unit and its
    dimension that of its segment key; a segment equation's are the unit's parent and its dimension.
    """
    table = np.zeros(eqs.count, dtype=np.int64)
    table[eqs.eq] = cells.table[eqs.cell]
    dim = np.full(eqs.count, -1, dtype=np.int64)
    np.maximum.at(dim, eqs.eq, np.where(eqs.is_total, -1, cells.dim[eqs.cell]))
    only_total = dim[eqs.eq] < 0
    dim[eqs.eq[only_total]] = cells.dim[eqs.cell[only_total]]
    return (
        np.concatenate([cells.table, table]),
        np.concatenate([cells.parent, eqs.family]),
        np.concatenate([cells.dim, dim]),
    )


def partition_pairs(key: np.ndarray, system: System, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pieces that group unknown vars by `key`, keeping only pieces holding a `wanted` var."""
    unknown = np.zeros(system.size, dtype=bool)
    unknown[system.var] = True
    vars_ = np.flatnonzero(unknown)
    keep = np.isin(key[vars_], np.unique(key[vars_[wanted[vars_]]]))
    return key[vars_[keep]], vars_[keep]


def family_keys(facts: tuple[np.ndarray, np.ndarray, np.ndarray], *, by_dimension: bool) -> np.ndarray:
    """Level 1: the children of one unit in one dimension; level 2: all the children of one unit."""
    table, family, dim = facts
    n_units, n_dims = int(family.max(initial=0)) + 2, int(dim.max(initial=0)) + 1
    return (table * n_units + family + 1) * n_dims + (dim if by_dimension else 0)


def components(system: System) -> np.ndarray:
    """Label vars linked through shared equations (hook to the smaller label, then pointer-jump)."""
    order = np.argsort(system.eq, kind="stable")
    e, v = system.eq[order], system.var[order]
    first = np.ones(e.size, dtype=bool)
    first[1:] = e[1:] != e[:-1]
    head = v[np.maximum.accumulate(np.where(first, np.arange(e.size), 0))] if e.size else v
    label = np.arange(system.size)
    while True:
        lo = np.minimum(label[v], label[head])
        new = label.copy()
        np.minimum.at(new, label[v], lo)
        np.minimum.at(new, label[head], lo)
        while not np.array_equal(jumped := new[new], new):
            new = jumped
        if np.array_equal(new, label):
            return label
        label = new


@dataclass(frozen=True)
class Index:
    """The system's memberships grouped by var and by equation (built once per audit round)."""

    by_var: np.ndarray
    var_starts: np.ndarray
    by_eq: np.ndarray
    eq_starts: np.ndarray


def index_of(system: System) -> Index:
    by_var = np.argsort(system.var, kind="stable")
    by_eq = np.argsort(system.eq, kind="stable")
    return Index(
        by_var=by_var,
        var_starts=np.searchsorted(system.var[by_var], np.arange(system.size + 1)),
        by_eq=by_eq,
        eq_starts=np.searchsorted(system.eq[by_eq], np.arange(int(system.eq.max(initial=0)) + 2)),
    )


def ball_pairs(
    system: System, index: Index, seeds: np.ndarray, rank: np.ndarray, cap: int
) -> tuple[np.ndarray, np.ndarray]:
    """Around each seed var, the vars reached through shared equations, nearest first.

    Growth stops at `cap` vars per ball; within one distance, vars are taken in `rank` order (a
    content-derived order), so the balls do not depend on the order of the input rows.
    """
    by_var, var_starts, by_eq, eq_starts = index.by_var, index.var_starts, index.by_eq, index.eq_starts
    piece, member = np.arange(seeds.size), seeds.copy()
    frontier_piece, frontier = piece, member
    while frontier.size:
        i, rows = expand(var_starts, by_var, frontier)
        j, rows = expand(eq_starts, by_eq, system.eq[rows])
        new_piece, new_var = frontier_piece[i][j], system.var[rows]
        known = np.isin(new_piece * system.size + new_var, piece * system.size + member)
        new_piece, new_var = new_piece[~known], new_var[~known]
        keys = np.unique(new_piece * system.size + new_var)
        new_piece, new_var = keys // system.size, keys % system.size
        order = np.lexsort((rank[new_var], new_piece))
        new_piece, new_var = new_piece[order], new_var[order]
        room = cap - np.bincount(piece, minlength=seeds.size)
        starts = np.searchsorted(new_piece, new_piece, side="left")
        fits = np.arange(new_piece.size) - starts < room[new_piece]
        frontier_piece, frontier = new_piece[fits], new_var[fits]
        piece, member = np.concatenate([piece, frontier_piece]), np.concatenate([member, frontier])
    return piece, member


def expand(starts: np.ndarray, order: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each key, every row of its group (`order[starts[k]:starts[k + 1]]`): (index into keys, row)."""
    width = starts[keys + 1] - starts[keys]
    offsets = np.arange(int(width.sum())) - np.repeat(np.cumsum(width) - width, width)
    return np.repeat(np.arange(keys.size), width), order[np.repeat(starts[keys], width) + offsets]
