"""Judge a milestone of a strategy file on its data: the one call the web app needs per milestone.

The caller reads the series (the key figure's cells for the milestone's unit and segment, or the
external indicator), the benchmark series if the target is a benchmark, and passes the as-of
date (the measurements' extract date). Yearly values are taken as the last point of the year:
the baseline is the value of `baseline_year`, the reference that of `reference_year`.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import assert_never

from sigtepunkt.strategy.document.model import Milestone, TargetSpec
from sigtepunkt.strategy.series import Point, Series
from sigtepunkt.strategy.status import (
    Evidence,
    MilestoneStatus,
    milestone_status_deliverable,
    milestone_status_measured,
)
from sigtepunkt.strategy.targets import (
    BenchmarkTarget,
    RelativeTarget,
    Target,
    TargetKind,
    ValueTarget,
    direction_resolve,
)

logger = logging.getLogger(__name__)


def target_from_spec(*, spec: TargetSpec, series: Series, benchmark: Series | None = None) -> Target:
    """The status rules' target for a file's target: the benchmark series or the reference point filled in."""
    match spec.kind:
        case TargetKind.VALUE:
            assert spec.value is not None
            return ValueTarget(spec.value)
        case TargetKind.BENCHMARK:
            return BenchmarkTarget(spec.benchmark_set or "", benchmark or Series(()), spec.tolerance)
        case TargetKind.RELATIVE:  # no reference year: no reference point, and the status says "no data"
            reference = series.in_year(spec.reference_year) if spec.reference_year is not None else None
            return RelativeTarget(reference, spec.margin)
        case _:
            assert_never(spec.kind)


def milestone_judge(*, milestone: Milestone, as_of: dt.date, series: Series | None = None,
                    benchmark: Series | None = None, better: str | None = None, unit: str = "") -> MilestoneStatus:
    """Status of a validated milestone; `better` is the key figure's better direction (None for indicators)."""
    if milestone.deliverable is not None:
        found = milestone.deliverable.evidence
        evidence = Evidence(found.kind, found.date, found.text) if found else None
        return milestone_status_deliverable(due=milestone.deliverable.due, evidence=evidence, as_of=as_of)
    measured = milestone.measured
    assert measured is not None, "a validated milestone is measured or a deliverable"
    direction = direction_resolve(better=better or "neutral", explicit=measured.direction)
    if direction is None:
        raise ValueError(f"milestone {milestone.key!r}: a neutral figure needs an explicit direction")
    series = series or Series(())
    baseline: Point | None = series.in_year(measured.baseline_year)
    target = target_from_spec(spec=measured.target, series=series, benchmark=benchmark)
    return milestone_status_measured(series=series, baseline=baseline, target=target, direction=direction,
                                     deadline=measured.deadline, as_of=as_of, unit=unit)

