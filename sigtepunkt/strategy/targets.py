"""Milestone targets: a value, the level of a benchmark, or an improvement on an earlier measurement.

A target becomes one *threshold* in the figure's unit plus a rule for meeting it, so that the
status rules (reached, on track by a straight path) treat all three kinds alike:

- value: met when the latest value is at or better than the value (≤ 5,5 % for absence);
- benchmark: "på niveau med gennemsnittet i Region Hovedstaden": met when the latest value is
  at or better than benchmark ± tolerance, the tolerance counted in the figure's favour (for a
  lower-is-better figure the threshold is benchmark + tolerance). The benchmark used is the
  newest one whose period ended on or before the latest measurement's (benchmarks come late);
- relative: "flere end i 2021": met when the latest value is *strictly* better than the
  reference period's value and better by at least `margin` (margin 0 means simply better).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from enum import Enum
from typing import assert_never

from sigtepunkt.strategy.series import Point, Series

logger = logging.getLogger(__name__)

EPSILON = 1e-9  # float noise: 5.5 computed as 5.499999999 still meets "≤ 5,5"


class Direction(Enum):
    """Which way is better for this milestone: from the key figure, or stated in the milestone."""

    HIGHER = "higher"
    LOWER = "lower"

    @property
    def sign(self) -> int:
        match self:
            case Direction.HIGHER:
                return 1
            case Direction.LOWER:
                return -1
            case _:
                assert_never(self)


class TargetKind(Enum):
    VALUE = "value"
    BENCHMARK = "benchmark"
    RELATIVE = "relative"


@dataclass(frozen=True)
class ValueTarget:
    value: float


@dataclass(frozen=True)
class BenchmarkTarget:
    """The level of a benchmark set (its values over time), within `tolerance` in the figure's unit."""

    set_name: str
    benchmark: Series
    tolerance: float = 0.0


@dataclass(frozen=True)
class RelativeTarget:
    """Better than the reference period's measurement (None when it has none), by at least `margin`."""

    reference: Point | None
    margin: float = 0.0


Target = ValueTarget | BenchmarkTarget | RelativeTarget


@dataclass(frozen=True)
class Threshold:
    """A target made concrete for one latest measurement: the value to reach and how."""

    value: float
    strict_of: float | None = None  # relative targets: must also be strictly better than this
    benchmark: Point | None = None  # benchmark targets: the benchmark value used
    reference: Point | None = None  # relative targets: the reference measurement


def target_kind(target: Target) -> TargetKind:
    match target:
        case ValueTarget():
            return TargetKind.VALUE
        case BenchmarkTarget():
            return TargetKind.BENCHMARK
        case RelativeTarget():
            return TargetKind.RELATIVE
        case _:
            assert_never(target)


def target_threshold(*, target: Target, direction: Direction, latest_end: dt.date) -> Threshold | None:
    """The threshold for a measurement ending `latest_end`; None when the benchmark or reference is missing."""
    s = direction.sign
    match target:
        case ValueTarget(value=value):
            return Threshold(value)
        case BenchmarkTarget(benchmark=series, tolerance=tolerance):
            point = series.last_on_or_before(latest_end)
            if point is None or not point.usable:
                return None
            assert point.value is not None
            return Threshold(point.value - s * tolerance, benchmark=point)
        case RelativeTarget(reference=reference, margin=margin):
            if reference is None or not reference.usable:
                return None
            assert reference.value is not None
            return Threshold(reference.value + s * margin, strict_of=reference.value, reference=reference)
        case _:
            assert_never(target)


def is_at_or_better(value: float, than: float, direction: Direction) -> bool:
    return direction.sign * (value - than) >= -EPSILON


def is_better(value: float, than: float, direction: Direction) -> bool:
    return direction.sign * (value - than) > EPSILON


def threshold_met(threshold: Threshold, value: float, direction: Direction) -> bool:
    """Met: at or better than the threshold and, for relative targets, strictly better than the reference."""
    if threshold.strict_of is not None and not is_better(value, threshold.strict_of, direction):
        return False
    return is_at_or_better(value, threshold.value, direction)


def direction_resolve(*, better: str, explicit: Direction | None = None) -> Direction | None:
    """The milestone's direction: stated in the milestone, else the figure's; None for a neutral figure."""
    if explicit is not None:
        return explicit
    return {"higher": Direction.HIGHER, "lower": Direction.LOWER}.get(better)
