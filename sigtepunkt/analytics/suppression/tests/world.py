"""Person-level test worlds: a tree per period, persons with segment values, and their exact cells.

Every person has one unit per period and exactly one value in every dimension, so populations are
disjoint and every equation is exactly additive: the hardest case for suppression. The own staff
of each unit (persons placed directly on an inner unit) is kept as the truth of each tree
equation's remainder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import polars as pl

Key = tuple[str, dt.date, dt.date, str, str, str]  # figure, period_start, period_end, unit, segment, value
Triple = tuple[int, float, float]  # n, numerator, denominator

FIGURES = ("headcount", "sickness_absence_rate")
DIMENSION_POOL = {
    "gender": ["f", "m"],
    "leader": ["leader", "employee"],
    "age_band": ["<25", "25-34", "35-44", "45-54", "55-59", "60+"],
    "job_group": ["nurse", "teacher", "social_worker", "admin", "craft"],
}


@dataclass(frozen=True)
class Person:
    units: dict[tuple[dt.date, dt.date], str]  # absent periods are missing
    values: dict[str, str]
    numerators: dict[str, float]
    denominators: dict[str, float]


@dataclass
class World:
    trees: dict[tuple[dt.date, dt.date], dict[str, str | None]]
    dims: dict[str, list[str]]
    truth: dict[Key, Triple] = field(default_factory=dict)
    own: dict[Key, Triple] = field(default_factory=dict)
    zero_rows: bool = False

    def cells(self) -> pl.DataFrame:
        rows = [
            {
                "figure": k[0],
                "unit_id": k[3],
                "period_start": k[1],
                "period_end": k[2],
                "segment": k[4],
                "segment_value": k[5],
                "value": (t[1] / t[2]) if t[2] else None,
                "numerator": t[1],
                "denominator": t[2],
                "n": t[0],
            }
            for k, t in sorted(self.truth.items())
        ]
        return pl.DataFrame(rows, schema=CELL_SCHEMA)

    def parents(self) -> pl.DataFrame:
        rows = [
            {"unit_id": u, "parent_id": p, "period_start": period[0], "period_end": period[1]}
            for period, tree in self.trees.items()
            for u, p in sorted(tree.items())
        ]
        return pl.DataFrame(rows, schema=PARENT_SCHEMA)


CELL_SCHEMA = {
    "figure": pl.String,
    "unit_id": pl.String,
    "period_start": pl.Date,
    "period_end": pl.Date,
    "segment": pl.String,
    "segment_value": pl.String,
    "value": pl.Float64,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "n": pl.Int64,
}
PARENT_SCHEMA = {"unit_id": pl.String, "parent_id": pl.String, "period_start": pl.Date, "period_end": pl.Date}


def ancestors(tree: dict[str, str | None], unit: str) -> list[str]:
    """Return the unit and every unit above it."""
    chain = [unit]
    while (parent := tree[chain[-1]]) is not None:
        chain.append(parent)
    return chain


def _add(table: dict[Key, list[float]], key: Key, num: float, den: float) -> None:
    acc = table.setdefault(key, [0, 0.0, 0.0])
    acc[0] += 1
    acc[1] += num
    acc[2] += den


def world_build(trees: dict, dims: dict[str, list[str]], persons: list[Person], *, zero_rows: bool = False) -> World:
    """Aggregate persons into cells for every unit (with its sub-units), segment key and figure."""
    world = World(trees=trees, dims=dims, zero_rows=zero_rows)
    cells: dict[Key, list[float]] = {}
    own: dict[Key, list[float]] = {}
    segkeys = [("total", "")] + [(d, v) for d in dims for v in dims[d]]
    for person in persons:
        for period, unit in person.units.items():
            for figure in FIGURES:
                num, den = person.numerators[figure], person.denominators[figure]
                keys = [("total", "")] + [(d, person.values[d]) for d in dims]
                for seg, val in keys:
                    _add(own, (figure, *period, unit, seg, val), num, den)
                    for a in ancestors(trees[period], unit):
                        _add(cells, (figure, *period, a, seg, val), num, den)
    if zero_rows:
        for period, tree in trees.items():
            for figure in FIGURES:
                for unit in tree:
                    for seg, val in segkeys:
                        cells.setdefault((figure, *period, unit, seg, val), [0, 0.0, 0.0])
    world.truth = {k: (int(v[0]), v[1], v[2]) for k, v in cells.items()}
    world.own = {k: (int(v[0]), v[1], v[2]) for k, v in own.items()}
    return world


def persons_draw(
    rng: np.random.Generator, trees: dict, dims: dict[str, list[str]], sizes: dict[str, int], *, move_share: float = 0.1
) -> list[Person]:
    """Place `sizes[unit]` persons on each unit in every period; a few move or leave between periods."""
    periods = sorted(trees)
    units = sorted(sizes)
    persons = []
    for unit in units:
        for _ in range(sizes[unit]):
            placed = {}
            for period in periods:
                roll = rng.random()
                if roll < move_share / 2:
                    continue
                placed[period] = str(rng.choice(units)) if roll < move_share else unit
            values = {d: str(rng.choice(vals)) for d, vals in dims.items()}
            sick = float(rng.integers(0, 80))
            fraction = float(rng.choice([0.5, 0.8, 1.0]))
            persons.append(
                Person(
                    units=placed,
                    values=values,
                    numerators={"headcount": 1.0, "sickness_absence_rate": sick},
                    denominators={"headcount": 1.0, "sickness_absence_rate": 1924.0 * fraction},
                )
            )
    return persons


def period(year: int) -> tuple[dt.date, dt.date]:
    return (dt.date(year, 1, 1), dt.date(year, 12, 31))
