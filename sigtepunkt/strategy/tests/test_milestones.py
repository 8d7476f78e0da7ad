"""Milestones of the example files judged on data: key figures, indicators from the StatBank example, deliverables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sigtepunkt.strategy.document import strategy_document_load
from sigtepunkt.strategy.external import external_load
from sigtepunkt.strategy.milestones import milestone_judge
from sigtepunkt.strategy.series import Point, Series
from sigtepunkt.strategy.status import NoDataReason, StatusCode

EXAMPLES = Path(__file__).parents[1] / "examples"


def _milestones(name: str) -> dict:
    document = strategy_document_load(path=EXAMPLES / name)
    return {m.key: m for _t, _o, m in document.milestones()}


def _indicator(area: str, table: str = "EKSUNG1") -> Series:
    found = [s for csv in EXAMPLES.glob("*.csv") for s in external_load(path=csv)]
    return next(s for s in found if s.table_id == table and s.area == area).as_series()


def test_the_youth_milestones_are_judged_on_the_example_indicator() -> None:
    milestones = _milestones("strategiske-udfordringer.yaml")
    ours, region = _indicator("Eksempel Kommune"), _indicator("Region Hovedstaden")
    # Example data: 6,8 % in 2023 (baseline), 6,9 % in 2025; target ≤ 6,0 % by end 2028 → behind the path.
    status = milestone_judge(milestone=milestones["neet-under-6"], as_of=dt.date(2026, 3, 1), series=ours)
    assert status.code is StatusCode.AT_RISK and status.baseline.value == 6.8 and status.latest.value == 6.9
    versus_region = milestone_judge(milestone=milestones["neet-som-regionen"], as_of=dt.date(2026, 3, 1),
                                    series=ours, benchmark=region)
    assert versus_region.target_value == 5.6 + 0.5 and versus_region.code is StatusCode.AT_RISK


def test_a_population_milestone_reads_the_first_quarter_of_each_year() -> None:
    milestones = _milestones("strategiske-udfordringer.yaml")
    adults = next(s for s in external_load(path=EXAMPLES / "FOLK1A_eksempel_kommune.csv")
                  if s.label("ALDER") == "25-66 år").as_series()
    status = milestone_judge(milestone=milestones["flere-25-66"], as_of=dt.date(2025, 6, 30), series=adults)
    assert status.code is StatusCode.REACHED and status.trend.delta > 0


def test_key_figure_milestones_use_the_figures_direction_and_say_when_data_are_missing() -> None:
    milestones = _milestones("med-strategi.yaml")
    absence = Series((Point(dt.date(2024, 12, 31), 6.4), Point(dt.date(2025, 12, 31), 5.4)))
    status = milestone_judge(milestone=milestones["sygefravaer-kommune"], as_of=dt.date(2026, 1, 31),
                             series=absence, better="lower", unit="%")
    assert status.code is StatusCode.REACHED
    no_region = milestone_judge(milestone=milestones["omsaetning-sosu-hjaelpere"], as_of=dt.date(2026, 1, 31),
                                series=absence, better="lower")
    assert no_region.reason is NoDataReason.NO_BENCHMARK


def test_deliverables_use_their_evidence() -> None:
    milestones = _milestones("direktion.yaml")
    late = milestone_judge(milestone=milestones["demografianalyse"], as_of=dt.date(2025, 8, 1))
    assert late.code is StatusCode.REACHED and "efter fristen" in late.rule_text
    open_one = milestone_judge(milestone=milestones["dialogvaerktoej"], as_of=dt.date(2026, 3, 15))
    assert open_one.code is StatusCode.AT_RISK
