"""An attacker who reads the published cells and works out hidden ones by subtraction.

It knows the tree of each period, the dimensions and their values, which rows exist, and which
units have no staff of their own. It is written from the world's structure, independently of the
suppression code. Test worlds without own staff make every equation exact: the hardest case.

`attack_by_subtraction` solves any equation with exactly one unknown term and repeats, so
derivations chain. `attack_by_linear_algebra` solves all equations at once: a term is determined
when its unit vector lies in the row space of the equations restricted to the unknowns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import polars as pl

from sigtepunkt.analytics.suppression.tests.world import Key, Triple, World

Term = tuple[str, Key]  # ("cell" | "own", key)


@dataclass(frozen=True)
class Equation:
    total: Term
    parts: tuple[Term, ...]


def _cell_keys(frame: pl.DataFrame) -> list[Key]:
    cols = ["figure", "period_start", "period_end", "unit_id", "segment", "segment_value"]
    return [tuple(r) for r in frame.select(cols).iter_rows()]  # type: ignore[misc]


def equations_list(world: World) -> list[Equation]:
    """Every tree equation (with an own-staff term) and every segment equation of the world."""
    segkeys = [("total", "")] + [(d, v) for d in world.dims for v in world.dims[d]]
    figures = sorted({k[0] for k in world.truth})
    eqs = []
    for period, tree in world.trees.items():
        children = defaultdict(list)
        for unit, parent in tree.items():
            if parent is not None:
                children[parent].append(unit)
        for figure in figures:
            for unit in tree:
                for seg, val in segkeys:
                    if unit in children:
                        total = ("cell", (figure, *period, unit, seg, val))
                        parts = [("cell", (figure, *period, c, seg, val)) for c in sorted(children[unit])]
                        eqs.append(Equation(total, (*parts, ("own", total[1]))))
                for dim, values in world.dims.items():
                    total = ("cell", (figure, *period, unit, "total", ""))
                    eqs.append(Equation(total, tuple(("cell", (figure, *period, unit, dim, v)) for v in values)))
    return eqs


def knowledge_initial(published: pl.DataFrame, world: World) -> tuple[dict, set]:
    """Known values (visible rows, absent rows as zero, empty remainders) and the unknown terms.

    The attacker knows which remainders are empty (which units have no staff of their own, per
    segment value): a true fact, so it cannot imply a false or a sensitive value by itself.
    It is not handed non-empty remainders: remainder(total) and remainder(f) given would imply
    remainder(m) with nothing published at all, so such knowledge is not the publication's leak.
    """
    known: dict[Term, Triple] = defaultdict(lambda: (0, 0.0, 0.0))
    unknown: set[Term] = set()
    for key, row in zip(_cell_keys(published), published.iter_rows(named=True), strict=True):
        if row["suppressed"]:
            unknown.add(("cell", key))
        else:
            known[("cell", key)] = (row["n"], row["numerator"], row["denominator"])
    for key, triple in world.own.items():
        if triple[0] != 0:  # real cells: a negative remainder (overlap) is not published either
            unknown.add(("own", key))
        else:
            known[("own", key)] = triple
    return known, unknown


def _solve(eq: Equation, known: dict[Term, Triple], target: Term) -> Triple:
    def s(terms: list[Term], i: int) -> float:
        return sum(known[t][i] for t in terms)

    if target == eq.total:
        return tuple(s(list(eq.parts), i) for i in range(3))  # type: ignore[return-value]
    others = [t for t in eq.parts if t != target]
    return tuple(known[eq.total][i] - s(others, i) for i in range(3))  # type: ignore[return-value]


def attack_by_subtraction(published: pl.DataFrame, world: World) -> dict[Term, Triple]:
    """Solve single-unknown equations until nothing changes; return what was derived."""
    known, unknown = knowledge_initial(published, world)
    eqs = equations_list(world)
    derived: dict[Term, Triple] = {}
    changed = True
    while changed:
        changed = False
        for eq in eqs:
            missing = [t for t in (eq.total, *eq.parts) if t in unknown]
            if len(missing) == 1:
                value = _solve(eq, known, missing[0])
                known[missing[0]] = derived[missing[0]] = value
                unknown.discard(missing[0])
                changed = True
    return derived


def attack_by_linear_algebra(published: pl.DataFrame, world: World) -> set[Term]:
    """Return the unknown terms that the whole system of equations determines uniquely."""
    _, unknown = knowledge_initial(published, world)
    index = {t: i for i, t in enumerate(sorted(unknown))}
    rows = []
    for eq in equations_list(world):
        row = {index[t]: -1.0 for t in eq.parts if t in index}
        if eq.total in index:
            row[index[eq.total]] = 1.0
        if row:
            rows.append(row)
    determined: set[Term] = set()
    terms = sorted(index, key=index.get)  # type: ignore[arg-type]
    for component in _components(rows, len(index)):
        local = {g: j for j, g in enumerate(component)}
        a = np.zeros((0, len(component)))
        eq_rows = [r for r in rows if next(iter(r)) in local]
        if eq_rows:
            a = np.zeros((len(eq_rows), len(component)))
            for i, r in enumerate(eq_rows):
                for g, coef in r.items():
                    a[i, local[g]] = coef
        _, sv, vt = np.linalg.svd(a) if a.size else (None, np.zeros(0), np.eye(len(component)))
        rank = int((sv > 1e-9).sum())
        null = vt[rank:]
        for g, j in local.items():
            if np.all(np.abs(null[:, j]) < 1e-9):
                determined.add(terms[g])
    return determined


def _components(rows: list[dict[int, float]], size: int) -> list[list[int]]:
    """Group unknowns that share equations, so each group is solved on its own."""
    parent = list(range(size))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        first, *rest = r
        for other in rest:
            parent[find(other)] = find(first)
    groups: dict[int, list[int]] = defaultdict(list)
    for g in range(size):
        groups[find(g)].append(g)
    return list(groups.values())
