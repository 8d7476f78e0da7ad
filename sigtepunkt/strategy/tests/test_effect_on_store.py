"""The effect estimate on the synthetic municipality's real key figures, read from the measurements store."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from sigtepunkt.analytics.calendar import year
from sigtepunkt.analytics.service import key_figures_measure
from sigtepunkt.analytics.store import open_store, store_path
from sigtepunkt.insights.selectors import cells_select
from sigtepunkt.strategy.effect import PanelCell, effect_estimate
from sigtepunkt.strategy.effect_inputs import UnitRef, effect_comparison_units, panel_cells_from_rows
from sigtepunkt.testing import synthetic_warehouse

START = dt.date(2022, 1, 1)
PLANTED = -1.0


@pytest.fixture(scope="module")
def store_cells(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[UnitRef], list[PanelCell]]:
    home: Path = tmp_path_factory.mktemp("effect")
    settings = synthetic_warehouse(home, employees=600, seed=11, extract_date=dt.date(2025, 12, 31))
    key_figures_measure(settings=settings, figure_ids=["sickness_absence_rate"], dims=(),
                        periods=[year(y) for y in range(2018, 2026)])
    with open_store(store_path(home), read_only=True) as con:
        rows = con.execute("SELECT unit_id, arg_max(level, valid_from), arg_max(parent_id, valid_from) FROM units "
                           "GROUP BY unit_id").fetchall()
        units = [UnitRef(u, level, parent) for u, level, parent in rows]
        frame = cells_select(con, unit_ids=[u.unit_id for u in units], figures=["sickness_absence_rate"])
    return units, panel_cells_from_rows(rows=frame.iter_rows(named=True))


def _plant(cells: list[PanelCell], treated: set[str]) -> list[PanelCell]:
    return [dataclasses.replace(c, value=c.value + PLANTED)
            if c.unit_id in treated and c.usable and c.period_start >= START else c for c in cells]


def test_it_recovers_an_effect_planted_in_the_stored_sickness_absence_of_some_workplaces(store_cells) -> None:
    units, cells = store_cells
    before_start = {c.unit_id for c in cells if c.usable and c.period_end < START}
    with_data = before_start & {c.unit_id for c in cells if c.usable and c.period_start >= START}
    workplaces = sorted(u.unit_id for u in units if u.level == "workplace" and u.unit_id in with_data)
    assert len(workplaces) >= 10  # enough workplaces with unsuppressed cells on both sides of the start
    treated = set(workplaces[::2])
    comparison = [u for u in effect_comparison_units(units=units, treated=treated) if u in with_data]
    assert set(comparison) == set(workplaces) - treated

    before = effect_estimate(cells=cells, treated=treated, comparison=comparison, start=START)
    after = effect_estimate(cells=_plant(cells, treated), treated=treated, comparison=comparison, start=START)
    assert after.estimate - before.estimate == pytest.approx(PLANTED)  # weights are unchanged: an exact shift
    assert after.low <= PLANTED <= after.high
    assert before.low <= 0.0 <= before.high  # no effect where none was planted
    assert (after.periods_before, after.periods_after) == (4, 4)
    assert after.treated_units == len(treated) and after.comparison_units == len(comparison)
