"""Milestone status, computed from the data and never typed: reached, on track, at risk, missed, no data.

Measured milestones (a key figure or an external indicator), in this order:

1. **No data** when there is no usable baseline, no usable latest measurement (the newest point
   ending on or before the as-of date and not before the baseline), or no benchmark / reference
   value for the target; the status says which, and whether a cell was suppressed.
2. **Reached** when the latest value meets the target (see `targets`).
3. **Missed** when it does not, and the deadline has passed: the as-of date is after the
   deadline, or the latest measurement already covers it (its period ends on or after the
   deadline), so no later data can arrive in time.
4. **On track** when the latest value is at or better than the straight path from the baseline
   to the target: path(t) = baseline + (target − baseline) × (t − t₀) / (deadline − t₀), where t₀
   is the baseline's period end and t the latest measurement's period end (clamped to 0…1). The
   path is read at the data's date, not the as-of date, so that a figure published with a lag
   is not judged against a later point of the path than the data describe.
5. **At risk** otherwise (behind the path).

Deliverable milestones: reached when evidence dated on or before the as-of date is recorded;
missed when the due date has passed without it; at risk when due within `AT_RISK_DAYS` days;
on track otherwise. Every status carries its rule as a sentence in the active language.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from enum import Enum
from typing import assert_never

from sigtepunkt.i18n import gettext as _
from sigtepunkt.strategy import status_text as text
from sigtepunkt.strategy.series import Point, Series
from sigtepunkt.strategy.targets import (
    EPSILON,
    Direction,
    Target,
    Threshold,
    is_at_or_better,
    target_threshold,
    threshold_met,
)

logger = logging.getLogger(__name__)

AT_RISK_DAYS = 30  # a deliverable due within this many days without evidence is at risk


class StatusCode(Enum):
    REACHED = "reached"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        match self:
            case StatusCode.REACHED:
                return _("Reached")
            case StatusCode.ON_TRACK:
                return _("On track")
            case StatusCode.AT_RISK:
                return _("At risk")
            case StatusCode.MISSED:
                return _("Missed")
            case StatusCode.NO_DATA:
                return _("No data")
            case _:
                assert_never(self)


class NoDataReason(Enum):
    NO_BASELINE = "no_baseline"
    BASELINE_SUPPRESSED = "baseline_suppressed"
    NO_LATEST = "no_latest"
    LATEST_SUPPRESSED = "latest_suppressed"
    LATEST_EMPTY = "latest_empty"
    NO_BENCHMARK = "no_benchmark"
    NO_REFERENCE = "no_reference"


class TrendDirection(Enum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"


@dataclass(frozen=True)
class Trend:
    """Change since the baseline: latest − baseline, and whether that is better in the milestone's direction."""

    delta: float
    direction: TrendDirection
    since: dt.date


class EvidenceKind(Enum):
    DOCUMENT = "document"
    DECISION = "decision"
    DATE = "date"

    @property
    def label(self) -> str:
        match self:
            case EvidenceKind.DOCUMENT:
                return _("document")
            case EvidenceKind.DECISION:
                return _("decision")
            case EvidenceKind.DATE:
                return _("date")
            case _:
                assert_never(self)


@dataclass(frozen=True)
class Evidence:
    """What shows a deliverable is done: a document, a decision or simply a date, with a short text."""

    kind: EvidenceKind
    date: dt.date
    text: str = ""


@dataclass(frozen=True)
class MilestoneStatus:
    code: StatusCode
    rule_text: str
    trend: Trend | None = None
    latest: Point | None = None
    baseline: Point | None = None
    target_value: float | None = None
    path_value: float | None = None
    reason: NoDataReason | None = None


def trend_of(*, baseline: Point, latest: Point, direction: Direction) -> Trend:
    assert baseline.value is not None and latest.value is not None
    delta = latest.value - baseline.value
    if abs(delta) <= EPSILON:
        way = TrendDirection.SAME
    else:
        way = TrendDirection.BETTER if direction.sign * delta > 0 else TrendDirection.WORSE
    return Trend(delta, way, baseline.end)


def path_value(*, baseline: Point, target: float, deadline: dt.date, on: dt.date) -> float:
    """The straight path from the baseline (at its period end) to the target (at the deadline), read on `on`."""
    assert baseline.value is not None
    span = (deadline - baseline.end).days
    share = 1.0 if span <= 0 else min(1.0, max(0.0, (on - baseline.end).days / span))
    return baseline.value + (target - baseline.value) * share


def _latest(series: Series, baseline: Point, as_of: dt.date) -> Point | None:
    latest = series.last_on_or_before(as_of)
    return latest if latest is not None and latest.end >= baseline.end else None


def _no_data(reason: NoDataReason, *, baseline: Point | None = None, latest: Point | None = None,
             trend: Trend | None = None, as_of: dt.date | None = None, target: Target | None = None) -> MilestoneStatus:
    rule = text.no_data_text(reason, baseline=baseline, latest=latest, as_of=as_of, target=target)
    return MilestoneStatus(StatusCode.NO_DATA, rule, trend=trend, latest=latest, baseline=baseline, reason=reason)


def milestone_status_measured(*, series: Series, baseline: Point | None, target: Target, direction: Direction,
                              deadline: dt.date, as_of: dt.date, unit: str = "") -> MilestoneStatus:
    """Judge a measured milestone on the data as of `as_of` (the extract date of the measurements)."""
    if baseline is None:
        return _no_data(NoDataReason.NO_BASELINE)
    if not baseline.usable:
        return _no_data(NoDataReason.BASELINE_SUPPRESSED if baseline.suppressed else NoDataReason.NO_BASELINE,
                        baseline=baseline)
    latest = _latest(series, baseline, as_of)
    if latest is None:
        return _no_data(NoDataReason.NO_LATEST, baseline=baseline, as_of=as_of)
    if not latest.usable:
        reason = NoDataReason.LATEST_SUPPRESSED if latest.suppressed else NoDataReason.LATEST_EMPTY
        return _no_data(reason, baseline=baseline, latest=latest)
    trend = trend_of(baseline=baseline, latest=latest, direction=direction)
    threshold = target_threshold(target=target, direction=direction, latest_end=latest.end)
    if threshold is None:
        reason = NoDataReason.NO_REFERENCE if text.is_relative(target) else NoDataReason.NO_BENCHMARK
        return _no_data(reason, baseline=baseline, latest=latest, trend=trend, target=target)
    return _judge(baseline, latest, threshold, trend,
                  _Context(target, direction, deadline, as_of, unit))


@dataclass(frozen=True)
class _Context:
    target: Target
    direction: Direction
    deadline: dt.date
    as_of: dt.date
    unit: str


def _judge(baseline: Point, latest: Point, threshold: Threshold, trend: Trend, ctx: _Context) -> MilestoneStatus:
    assert latest.value is not None
    goal = text.target_text(ctx.target, threshold, ctx.direction, ctx.unit)
    found = {"trend": trend, "latest": latest, "baseline": baseline, "target_value": threshold.value}
    if threshold_met(threshold, latest.value, ctx.direction):
        return MilestoneStatus(StatusCode.REACHED, f"{goal} {text.reached_text(latest, ctx.unit)}", **found)
    if ctx.as_of > ctx.deadline or latest.end >= ctx.deadline:
        return MilestoneStatus(StatusCode.MISSED, f"{goal} {text.missed_text(latest, ctx.deadline, ctx.unit)}",
                               **found)
    path = path_value(baseline=baseline, target=threshold.value, deadline=ctx.deadline, on=latest.end)
    ahead = is_at_or_better(latest.value, path, ctx.direction)
    code = StatusCode.ON_TRACK if ahead else StatusCode.AT_RISK
    rule = text.path_text(ahead, latest=latest, baseline=baseline, path=path, deadline=ctx.deadline, unit=ctx.unit)
    return MilestoneStatus(code, f"{goal} {rule}", path_value=path, **found)


def milestone_status_deliverable(*, due: dt.date, evidence: Evidence | None, as_of: dt.date,
                                 at_risk_days: int = AT_RISK_DAYS) -> MilestoneStatus:
    """Judge a deliverable: evidence recorded (on or before `as_of`) reaches it, whatever its date."""
    if evidence is not None and evidence.date <= as_of:
        return MilestoneStatus(StatusCode.REACHED, text.evidence_text(evidence, due))
    if as_of > due:
        return MilestoneStatus(StatusCode.MISSED, text.overdue_text(due))
    if (due - as_of).days <= at_risk_days:
        return MilestoneStatus(StatusCode.AT_RISK, text.due_soon_text(due, at_risk_days))
    return MilestoneStatus(StatusCode.ON_TRACK, text.due_later_text(due, at_risk_days))
