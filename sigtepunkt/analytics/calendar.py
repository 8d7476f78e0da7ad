"""Periods, years after a date, ages and Danish working days: the engine's notion of time.

All periods are whole dates with both ends inclusive. Nothing here reads a clock: the
extract date is always passed in.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import logging
from dataclasses import dataclass
from enum import Enum
from functools import cache

import holidays

logger = logging.getLogger(__name__)


class PeriodKind(Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    ROLLING_12 = "rolling12"


@dataclass(frozen=True)
class Period:
    p0: dt.date
    p1: dt.date
    kind: PeriodKind

    @property
    def id(self) -> str:
        return f"{self.kind.value}:{self.p0.isoformat()}:{self.p1.isoformat()}"

    @property
    def days(self) -> int:
        return (self.p1 - self.p0).days + 1

    @property
    def months(self) -> int:
        return (self.p1.year - self.p0.year) * 12 + self.p1.month - self.p0.month + 1


def one_year_after(day: dt.date) -> dt.date:
    """The same calendar date a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def one_year_before(day: dt.date) -> dt.date:
    """The same calendar date a year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def month(year: int, month_: int) -> Period:
    return Period(dt.date(year, month_, 1), month_end(year, month_), PeriodKind.MONTH)


def quarter(year: int, q: int) -> Period:
    return Period(dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q), PeriodKind.QUARTER)


def year(year_: int) -> Period:
    return Period(dt.date(year_, 1, 1), dt.date(year_, 12, 31), PeriodKind.YEAR)


def rolling_12(year_: int, month_: int) -> Period:
    """The 12 months ending with the given month."""
    end = month_end(year_, month_)
    start_month = year_ * 12 + month_ - 12  # zero-based month index of the first month
    return Period(dt.date(start_month // 12, start_month % 12 + 1, 1), end, PeriodKind.ROLLING_12)


def standard_periods(extract_date: dt.date, *, years: int = 10, months: int = 24,
                     quarters: int = 8, rolling: int = 12) -> list[Period]:
    """The complete periods ending on or before the extract date that sigtepunkt computes by default.

    The last `years` calendar years, `months` months, `quarters` quarters, and `rolling`
    rolling 12-month periods (one ending with each of the last months).
    """
    last_month = (extract_date.year, extract_date.month)
    if month_end(*last_month) > extract_date:
        prev = dt.date(extract_date.year, extract_date.month, 1) - dt.timedelta(days=1)
        last_month = (prev.year, prev.month)
    index = last_month[0] * 12 + last_month[1] - 1
    out: list[Period] = []
    for i in range(months):
        y, m = divmod(index - i, 12)
        out.append(month(y, m + 1))
    for i in range(rolling):
        y, m = divmod(index - i, 12)
        out.append(rolling_12(y, m + 1))
    last_quarter_index = (index + 1) // 3 - 1  # quarters completed by the last complete month
    for i in range(quarters):
        y, q = divmod(last_quarter_index - i, 4)
        out.append(quarter(y, q + 1))
    last_year = extract_date.year if extract_date >= dt.date(extract_date.year, 12, 31) else extract_date.year - 1
    out.extend(year(last_year - i) for i in range(years))
    # A rolling 12 months ending in December is the calendar year: keep it once, as the year.
    preference = {PeriodKind.YEAR: 0, PeriodKind.QUARTER: 1, PeriodKind.MONTH: 2, PeriodKind.ROLLING_12: 3}
    unique: dict[tuple[dt.date, dt.date], Period] = {}
    for period in sorted(out, key=lambda p: preference[p.kind]):
        unique.setdefault((period.p0, period.p1), period)
    return sorted(unique.values(), key=lambda p: (p.p1, p.p0, p.kind.value))


def age_on(birth: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`; a 29 February birthday falls on 28 February in other years."""
    years = day.year - birth.year
    try:
        birthday = birth.replace(year=day.year)
    except ValueError:
        birthday = dt.date(day.year, 2, 28)
    return years - (1 if day < birthday else 0)


@cache
def danish_holidays(year_: int) -> frozenset[dt.date]:
    """Danish public holidays of a year (Store Bededag until 2023; 5 June, 24 and 31 December are not)."""
    return frozenset(holidays.country_holidays("DK", years=year_, language="da"))


def is_working_day(day: dt.date) -> bool:
    """Monday–Friday except Danish public holidays (Store Bededag until 2023)."""
    return day.weekday() < 5 and day not in danish_holidays(day.year)


def working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [d for d in (first + dt.timedelta(days=i) for i in range((last - first).days + 1)) if is_working_day(d)]
