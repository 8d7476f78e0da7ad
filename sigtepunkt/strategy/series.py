"""A measured series as the status rules see it: period end dates with a value, or a reason it has none.

Both the key figures (cells of the measurements store) and the external indicators (StatBank
files) become this one shape, so a milestone is judged the same way whatever feeds it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Point:
    """One period's value; `value` is None when the cell is suppressed or has no population."""

    end: dt.date
    value: float | None
    suppressed: bool = False

    @property
    def usable(self) -> bool:
        return self.value is not None and not self.suppressed


@dataclass(frozen=True)
class Series:
    """Points in date order (sorted on construction, one per period end)."""

    points: tuple[Point, ...] = ()

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.points, key=lambda p: p.end))
        if len({p.end for p in ordered}) != len(ordered):
            raise ValueError("a series holds one point per period end")
        object.__setattr__(self, "points", ordered)

    def at(self, end: dt.date) -> Point | None:
        """The point of the period ending on `end`, if any."""
        return next((p for p in self.points if p.end == end), None)

    def last_on_or_before(self, day: dt.date) -> Point | None:
        """The newest point whose period ended on or before `day`."""
        found = [p for p in self.points if p.end <= day]
        return found[-1] if found else None

    def in_year(self, year: int) -> Point | None:
        """The last point whose period ends in `year` (the calendar year's value for yearly series)."""
        found = [p for p in self.points if p.end.year == year]
        return found[-1] if found else None
