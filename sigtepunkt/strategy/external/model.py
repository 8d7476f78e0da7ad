"""An external indicator series: one combination of a StatBank table's variables over time."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sigtepunkt.strategy.series import Point, Series

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExternalPoint:
    code: str  # the StatBank time code, e.g. 2023K1
    start: dt.date
    end: dt.date
    value: float | None
    not_available: bool = False  # DST wrote ".." (not available or confidential)


@dataclass(frozen=True)
class ExternalSeries:
    """E.g. FOLK1A, area "Eksempel Kommune", ALDER = "16-24 år": the population by quarter."""

    name: str
    table_id: str
    area: str | None
    labels: tuple[tuple[str, str], ...]  # (variable, label) for the variables other than area and time
    points: tuple[ExternalPoint, ...]

    @property
    def key(self) -> tuple[str, str | None, tuple[tuple[str, str], ...]]:
        return (self.table_id, self.area, self.labels)

    def label(self, variable: str) -> str | None:
        return dict(self.labels).get(variable.upper())

    def as_series(self) -> Series:
        """The series the status rules read: period ends, values, ".." as a suppressed point."""
        return Series(tuple(Point(p.end, p.value, p.not_available) for p in self.points))
