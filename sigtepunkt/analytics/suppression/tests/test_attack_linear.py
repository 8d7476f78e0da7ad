"""The linear-algebra attacker solves all equations at once; it must learn no small group.

It runs on random worlds (hypothesis) and on the real cells of a synthetic municipality, computed
by the engine the service uses. Its knowledge is that of `attacker.knowledge_initial`: visible
cells, absent rows as zero, and which own-staff remainders are empty.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

from sigtepunkt.analytics.calendar import standard_periods
from sigtepunkt.analytics.catalogue import get_figure
from sigtepunkt.analytics.engine.compute import catalogue_compute, open_engine
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.service import unit_parents
from sigtepunkt.analytics.suppression import suppress
from sigtepunkt.analytics.suppression.tests.attacker import attack_by_linear_algebra
from sigtepunkt.analytics.suppression.tests.strategies import worlds
from sigtepunkt.analytics.suppression.tests.test_attack import THRESHOLD, disclosed
from sigtepunkt.analytics.suppression.tests.world import World
from sigtepunkt.testing import synthetic_warehouse

EXTRACT = dt.date(2025, 10, 31)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(worlds())
def test_linear_algebra_learns_no_small_group_on_random_trees(world: World) -> None:
    published = suppress(world.cells(), parents=world.parents(), threshold=THRESHOLD)
    assert disclosed(world, attack_by_linear_algebra(published, world)) == []


def world_of(cells: pl.DataFrame, parents: pl.DataFrame) -> World:
    """The attacker's view of real cells: the tree, the dimensions, and each own-staff remainder
    as n(unit) − Σ n(children) (negative where persons sit in two units: unknown like a positive one)."""
    trees: dict = defaultdict(dict)
    for unit, parent, start, end in parents.select("unit_id", "parent_id", "period_start", "period_end").iter_rows():
        trees[(start, end)][unit] = parent
    parts = cells.filter(pl.col("segment") != "total")
    dims = {d: sorted(set(v)) for d, v in parts.group_by("segment").agg("segment_value").iter_rows()}
    cols = ["figure", "period_start", "period_end", "unit_id", "segment", "segment_value"]
    truth = {
        tuple(k): (int(n), num or 0.0, den or 0.0)
        for *k, n, num, den in cells.select(*cols, "n", "numerator", "denominator").iter_rows()
    }
    world = World(trees=dict(trees), dims=dims, truth=truth)  # type: ignore[arg-type]
    for (figure, start, end, unit, seg, val), (n, _, _) in truth.items():
        children = [c for c, p in trees[(start, end)].items() if p == unit]
        if children:
            rest = n - sum(truth.get((figure, start, end, c, seg, val), (0,))[0] for c in children)
            world.own[(figure, start, end, unit, seg, val)] = (rest, 0.0, 0.0)
    return world


@pytest.fixture(scope="module")
def municipality(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, pl.DataFrame]:
    home: Path = tmp_path_factory.mktemp("attack")
    settings_ = synthetic_warehouse(home, employees=500, seed=5, extract_date=EXTRACT)
    periods = standard_periods(EXTRACT, years=2, months=0, quarters=0, rolling=0)
    figures = tuple(get_figure(f) for f in ("headcount", "sickness_absence_rate", "turnover_rate"))
    con = open_engine(settings_.warehouse_path)
    try:
        comp = Computation(EXTRACT, tuple(periods), ("job_group", "leader", "gender", "age_band"))
        cells = catalogue_compute(con, comp, figures=figures)
        parents = unit_parents(con, periods)
    finally:
        con.close()
    return cells, parents


def test_linear_algebra_learns_no_small_group_in_a_synthetic_municipality(
    municipality: tuple[pl.DataFrame, pl.DataFrame],
) -> None:
    cells, parents = municipality
    published = suppress(cells, parents=parents, threshold=THRESHOLD)
    world = world_of(cells, parents)
    assert sum(0 < n < THRESHOLD for n, _, _ in world.truth.values()) > 50, "the test needs small groups"
    assert disclosed(world, attack_by_linear_algebra(published, world)) == []
