"""Milestone status: every kind of target through every status, missing and suppressed data, deliverables."""

from __future__ import annotations

import datetime as dt

import pytest

from sigtepunkt.i18n import activate
from sigtepunkt.strategy.series import Point, Series
from sigtepunkt.strategy.status import (
    Evidence,
    EvidenceKind,
    NoDataReason,
    StatusCode,
    TrendDirection,
    milestone_status_deliverable,
    milestone_status_measured,
    path_value,
)
from sigtepunkt.strategy.targets import BenchmarkTarget, Direction, RelativeTarget, ValueTarget

D = dt.date
BASE = Point(D(2022, 12, 31), 7.0)
DEADLINE = D(2026, 12, 31)
LOW = Direction.LOWER
HIGH = Direction.HIGHER


@pytest.fixture(autouse=True)
def danish() -> None:
    activate("da")


def _yearly(*values: float | None, first: int = 2022, suppressed: tuple[int, ...] = ()) -> Series:
    return Series(tuple(Point(D(first + i, 12, 31), v, first + i in suppressed) for i, v in enumerate(values)))


AS_OF = D(2024, 12, 31)
MUS_2021 = Point(D(2021, 12, 31), 78.0)


def _absence(series: Series, *, as_of: dt.date = AS_OF, target: float = 5.5):
    return milestone_status_measured(series=series, baseline=series.at(BASE.end) or BASE, target=ValueTarget(target),
                                     direction=LOW, deadline=DEADLINE, as_of=as_of, unit="%")


def test_it_reaches_a_value_target_at_or_below_it_for_a_lower_is_better_figure() -> None:
    status = _absence(_yearly(7.0, 6.2, 5.5))
    assert status.code is StatusCode.REACHED
    assert status.target_value == 5.5 and status.latest == Point(D(2024, 12, 31), 5.5)
    assert status.trend is not None and status.trend.direction is TrendDirection.BETTER
    assert status.trend.delta == pytest.approx(-1.5)
    assert "5,5 %" in status.rule_text and "Nået" in status.rule_text


def test_it_is_on_track_when_at_or_ahead_of_the_straight_path() -> None:
    # Path from 7.0 (end 2022) to 5.5 (end 2026): at end 2024 it stands at 7.0 - 1.5 * 731/1461 ≈ 6.25.
    status = _absence(_yearly(7.0, 6.8, 6.2))
    assert status.code is StatusCode.ON_TRACK
    assert status.path_value == pytest.approx(path_value(baseline=BASE, target=5.5, deadline=DEADLINE,
                                                         on=D(2024, 12, 31)))
    assert status.path_value == pytest.approx(6.2496, abs=1e-3)
    assert "På rette vej" in status.rule_text


def test_it_is_at_risk_when_behind_the_path_even_if_better_than_the_baseline() -> None:
    status = _absence(_yearly(7.0, 6.9, 6.4))
    assert status.code is StatusCode.AT_RISK
    assert status.trend is not None and status.trend.direction is TrendDirection.BETTER


def test_it_is_missed_when_the_deadline_has_passed_without_meeting_the_target() -> None:
    series = _yearly(7.0, 6.5, 6.0, 5.8, 5.7)
    assert _absence(series, as_of=D(2027, 3, 1)).code is StatusCode.MISSED
    # The data already cover the deadline: missed even on the deadline day itself.
    assert _absence(series, as_of=DEADLINE).code is StatusCode.MISSED


def test_it_judges_the_latest_point_on_or_before_the_as_of_date() -> None:
    series = _yearly(7.0, 6.9, 6.4, 5.0)
    assert _absence(series, as_of=D(2024, 12, 31)).code is StatusCode.AT_RISK
    assert _absence(series, as_of=D(2025, 12, 31)).code is StatusCode.REACHED


def test_it_says_which_data_are_missing() -> None:
    assert _absence(Series(()), as_of=D(2024, 12, 31)).reason is NoDataReason.NO_LATEST
    no_baseline = milestone_status_measured(series=_yearly(7.0), baseline=None, target=ValueTarget(5.5),
                                            direction=LOW, deadline=DEADLINE, as_of=D(2024, 12, 31))
    assert no_baseline.code is StatusCode.NO_DATA and no_baseline.reason is NoDataReason.NO_BASELINE
    hidden = _yearly(None, 6.0, suppressed=(2022,))
    status = milestone_status_measured(series=hidden, baseline=hidden.at(D(2022, 12, 31)), target=ValueTarget(5.5),
                                       direction=LOW, deadline=DEADLINE, as_of=D(2024, 12, 31))
    assert status.reason is NoDataReason.BASELINE_SUPPRESSED and "for lille" in status.rule_text
    latest_hidden = _absence(_yearly(7.0, 6.0, None, suppressed=(2024,)))
    assert latest_hidden.code is StatusCode.NO_DATA and latest_hidden.reason is NoDataReason.LATEST_SUPPRESSED
    assert latest_hidden.baseline == BASE and latest_hidden.latest is not None
    assert _absence(_yearly(7.0, 6.0, None)).reason is NoDataReason.LATEST_EMPTY


def test_it_does_not_fall_back_to_an_older_value_when_the_latest_cell_is_suppressed() -> None:
    status = _absence(_yearly(7.0, 5.0, None, suppressed=(2024,)))
    assert status.code is StatusCode.NO_DATA


# --- Benchmark targets: "på niveau med gennemsnittet i Region Hovedstaden" ---

REGION = Series((Point(D(2022, 12, 31), 15.0), Point(D(2023, 12, 31), 14.5)))


def _turnover(latest: float, *, tolerance: float = 0.5, benchmark: Series = REGION, as_of: dt.date = AS_OF):
    series = _yearly(18.0, 16.5, latest)
    return milestone_status_measured(
        series=series, baseline=series.at(D(2022, 12, 31)),
        target=BenchmarkTarget("Kommuner i Region Hovedstaden", benchmark, tolerance), direction=LOW,
        deadline=D(2025, 12, 31), as_of=as_of, unit="%")


def test_it_reaches_a_benchmark_target_within_the_tolerance_in_the_figures_favour() -> None:
    # The newest benchmark on or before the latest measurement is 2023's 14.5; threshold 14.5 + 0.5.
    assert _turnover(15.0).code is StatusCode.REACHED
    assert _turnover(15.0).target_value == pytest.approx(15.0)
    assert _turnover(15.01).code is not StatusCode.REACHED
    assert "Kommuner i Region Hovedstaden" in _turnover(15.0).rule_text


def test_it_puts_the_tolerance_below_the_benchmark_for_a_higher_is_better_figure() -> None:
    series = _yearly(60.0, 70.0)
    status = milestone_status_measured(series=series, baseline=series.at(D(2022, 12, 31)),
                                       target=BenchmarkTarget("Land", Series((Point(D(2023, 12, 31), 75.0),)), 5.0),
                                       direction=HIGH, deadline=D(2025, 12, 31), as_of=D(2023, 12, 31))
    assert status.code is StatusCode.REACHED and status.target_value == 70.0


def test_it_has_no_data_without_a_benchmark_for_the_period() -> None:
    status = _turnover(15.0, benchmark=Series((Point(D(2025, 12, 31), 14.0),)))
    assert status.code is StatusCode.NO_DATA and status.reason is NoDataReason.NO_BENCHMARK
    assert status.trend is not None  # the trend since the baseline is still shown


def test_a_benchmark_target_is_on_track_at_risk_and_missed_by_the_same_path_rule() -> None:
    assert _turnover(15.9).code is StatusCode.ON_TRACK  # path at end 2024: 18 − 3 × 731/1095 ≈ 16.0
    assert _turnover(16.3).code is StatusCode.AT_RISK
    assert _turnover(16.3, as_of=D(2026, 1, 31)).code is StatusCode.MISSED


# --- Relative targets: "flere ... i TAL sammen 2023 end ved TAL 2021" ---

def _mus(latest: float, *, margin: float = 0.0, reference: Point | None = MUS_2021):
    series = Series((Point(D(2021, 12, 31), 78.0), Point(D(2022, 12, 31), 79.0), Point(D(2023, 12, 31), latest)))
    return milestone_status_measured(series=series, baseline=series.at(D(2021, 12, 31)),
                                     target=RelativeTarget(reference, margin), direction=HIGH,
                                     deadline=D(2023, 12, 31), as_of=D(2024, 2, 1), unit="%")


def test_it_reaches_a_relative_target_only_when_strictly_better_than_the_reference() -> None:
    assert _mus(78.5).code is StatusCode.REACHED
    assert _mus(78.0).code is StatusCode.MISSED  # equal is not "more than in 2021"
    assert "over 78 %" in _mus(78.5).rule_text


def test_it_requires_the_margin_for_a_relative_target() -> None:
    assert _mus(82.0, margin=5.0).code is StatusCode.MISSED
    assert _mus(83.0, margin=5.0).code is StatusCode.REACHED
    assert _mus(83.0, margin=5.0).target_value == 83.0


def test_it_has_no_data_without_a_usable_reference() -> None:
    assert _mus(80.0, reference=None).reason is NoDataReason.NO_REFERENCE
    hidden = Point(D(2021, 12, 31), None, suppressed=True)
    assert _mus(80.0, reference=hidden).reason is NoDataReason.NO_REFERENCE


def test_the_rule_reads_in_english_when_english_is_active() -> None:
    activate("en")
    assert _absence(_yearly(7.0, 6.2, 5.5)).rule_text.startswith("Target: at or below 5.5 %.")


# --- Deliverables ---

DUE = D(2025, 12, 31)


@pytest.mark.parametrize(("as_of", "evidence", "expected"), [
    (D(2025, 6, 1), None, StatusCode.ON_TRACK),
    (D(2025, 12, 1), None, StatusCode.AT_RISK),  # 30 days before
    (D(2025, 12, 31), None, StatusCode.AT_RISK),  # the due date itself
    (D(2026, 1, 1), None, StatusCode.MISSED),
    (D(2025, 6, 1), Evidence(EvidenceKind.DECISION, D(2025, 5, 20), "Vedtaget i Hoved-MED"), StatusCode.REACHED),
    (D(2026, 3, 1), Evidence(EvidenceKind.DOCUMENT, D(2026, 2, 1)), StatusCode.REACHED),  # late, still done
    (D(2025, 6, 1), Evidence(EvidenceKind.DATE, D(2025, 7, 1)), StatusCode.ON_TRACK),  # dated after as-of
])
def test_a_deliverable_follows_its_due_date_and_evidence(as_of: dt.date, evidence: Evidence | None,
                                                         expected: StatusCode) -> None:
    status = milestone_status_deliverable(due=DUE, evidence=evidence, as_of=as_of)
    assert status.code is expected
    assert status.rule_text and status.trend is None


def test_a_late_deliverable_says_so() -> None:
    status = milestone_status_deliverable(due=DUE, evidence=Evidence(EvidenceKind.DOCUMENT, D(2026, 2, 1)),
                                          as_of=D(2026, 3, 1))
    assert "2026" in status.rule_text and "31. dec. 2025" in status.rule_text
