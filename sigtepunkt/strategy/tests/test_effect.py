"""The effect estimate recovers a planted effect within its interval, refuses thin data, and picks comparable units."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from sigtepunkt.strategy.effect import (
    EffectRefused,
    Group,
    PanelCell,
    Phase,
    RefusalCode,
    effect_estimate,
    t_quantile,
)
from sigtepunkt.strategy.effect_inputs import UnitRef, effect_comparison_units

START = dt.date(2022, 1, 1)
YEARS = range(2018, 2026)  # four years before the start, four after


def _panel(seed: int, effect: float, *, treated: int = 20, comparison: int = 20) -> list[PanelCell]:
    """Absence-like percentages: unit level, shared year effects, AR(1) noise per unit, a planted effect."""
    rng = np.random.default_rng(seed)
    years = np.array(list(YEARS))
    year_effect = rng.normal(0, 0.5, len(years)) + 0.15 * (years - years[0])
    cells = []
    for u in range(treated + comparison):
        level, weight = rng.normal(6.0, 1.5), rng.uniform(2_000, 40_000)  # planned hours
        noise = 0.0
        for i, year in enumerate(years):
            noise = 0.5 * noise + rng.normal(0, 0.6)
            value = level + year_effect[i] + noise + (effect if u < treated and year >= START.year else 0.0)
            cells.append(PanelCell(f"u{u:02d}", dt.date(year, 1, 1), dt.date(year, 12, 31), value,
                                   weight * rng.uniform(0.9, 1.1)))
    return cells


def _estimate(cells: list[PanelCell], *, treated: int = 20, comparison: int = 20, seed: int = 0):
    return effect_estimate(cells=cells, treated=[f"u{u:02d}" for u in range(treated)],
                           comparison=[f"u{u:02d}" for u in range(treated, treated + comparison)], start=START,
                           seed=seed)


@pytest.mark.parametrize("planted", [-1.0, 0.0])
def test_the_interval_contains_the_planted_effect_in_nearly_all_of_100_panels(planted: float) -> None:
    hits, errors = 0, []
    first = 0 if planted else 100  # other panels for the null case, not the same noise shifted
    for seed in range(first, first + 100):
        result = _estimate(_panel(seed, planted), seed=seed)
        hits += result.low <= planted <= result.high
        errors.append(result.estimate - planted)
    assert hits >= 90, hits
    assert abs(float(np.mean(errors))) < 0.1  # unbiased
    assert float(np.sqrt(np.mean(np.square(errors)))) < 0.5  # and close


def test_it_reports_units_periods_group_means_and_an_indicative_label() -> None:
    result = _estimate(_panel(1, -1.0))
    assert (result.treated_units, result.comparison_units) == (20, 20)
    assert (result.periods_before, result.periods_after, result.periods_left_out) == (4, 4, 0)
    assert len(result.group_means) == 2 * len(YEARS)
    first = result.group_means[0]
    assert first.group is Group.TREATED and first.phase is Phase.BEFORE and first.units == 20
    assert result.low < result.estimate < result.high and result.level == 0.95
    assert "ikke et bevis" in result.label
    assert result.caveats == ()


def test_it_is_deterministic_for_a_seed() -> None:
    cells = _panel(3, -1.0)
    assert _estimate(cells, seed=7) == _estimate(cells, seed=7)


def test_it_is_the_plain_difference_of_differences_on_a_balanced_equal_weight_panel() -> None:
    values = {("a", 2020): 5.0, ("a", 2023): 4.0, ("b", 2020): 6.0, ("b", 2023): 5.5,
              ("c", 2020): 5.0, ("c", 2023): 5.5, ("d", 2020): 7.0, ("d", 2023): 7.5}
    cells = [PanelCell(u, dt.date(y, 1, 1), dt.date(y, 12, 31), v, 1.0) for (u, y), v in values.items()]
    result = effect_estimate(cells=cells, treated=["a", "b"], comparison=["c", "d"], start=START)
    assert result.estimate == pytest.approx((4.75 - 5.5) - (6.5 - 6.0))
    assert any("Få enheder" in c for c in result.caveats)


def test_it_leaves_out_suppressed_cells_units_without_both_sides_and_periods_holding_the_start() -> None:
    cells = _panel(2, -1.0)
    cells = [PanelCell(c.unit_id, c.period_start, c.period_end, None, None, True)
             if c.unit_id == "u00" and c.period_end.year >= 2022 else c for c in cells]
    cells.append(PanelCell("u01", dt.date(2021, 7, 1), dt.date(2022, 6, 30), 9.9, 1000.0))
    result = _estimate(cells)
    assert result.treated_units == 19 and result.units_left_out == 1 and result.periods_left_out == 1
    assert len(result.caveats) == 2


@pytest.mark.parametrize(("treated", "comparison", "start", "code"), [
    (["u00"], ["u20", "u21"], START, RefusalCode.TOO_FEW_TREATED),
    (["u00", "u01"], ["u20"], START, RefusalCode.TOO_FEW_COMPARISON),
    (["u00", "u01"], ["u01", "u20"], START, RefusalCode.OVERLAP),
    (["u00", "u01"], ["u20", "u21"], dt.date(2018, 1, 1), RefusalCode.NO_BEFORE),
    (["u00", "u01"], ["u20", "u21"], dt.date(2026, 1, 1), RefusalCode.NO_AFTER),
])
def test_it_refuses_in_danish_when_the_data_cannot_carry_an_estimate(treated: list[str], comparison: list[str],
                                                                      start: dt.date, code: RefusalCode) -> None:
    with pytest.raises(EffectRefused) as caught:
        effect_estimate(cells=_panel(0, -1.0), treated=treated, comparison=comparison, start=start)
    assert caught.value.code is code
    assert caught.value.text and caught.value.text != code.value


def test_t_quantiles_are_close_to_the_tables() -> None:
    for df, exact in ((1, 12.7062), (2, 4.3027), (3, 3.1824), (5, 2.5706), (10, 2.2281), (38, 2.0244)):
        assert t_quantile(0.975, df) == pytest.approx(exact, abs=0.005)


def test_comparison_units_are_same_level_untreated_and_not_above_or_below_a_treated_unit() -> None:
    units = [UnitRef("k", "municipality"), UnitRef("c1", "centre", "k"), UnitRef("c2", "centre", "k"),
             UnitRef("a1", "area", "c1"), UnitRef("a2", "area", "c1"), UnitRef("a3", "area", "c2"),
             UnitRef("w1", "workplace", "a1"), UnitRef("w2", "workplace", "a2"), UnitRef("w3", "workplace", "a3")]
    assert effect_comparison_units(units=units, treated=["w1"]) == ("w2", "w3")
    assert effect_comparison_units(units=units, treated=["a1"]) == ("a2", "a3")
    assert effect_comparison_units(units=units, treated=["c1"]) == ("c2",)
