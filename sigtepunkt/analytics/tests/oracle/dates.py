"""Dates: ranges, years and months after a date, age, seniority, Danish working days."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from fractions import Fraction
from functools import cache

import holidays

ONE_DAY = dt.timedelta(days=1)
DAYS_PER_YEAR = Fraction(36525, 100)


def days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Every date from first to last, both included (nothing when last < first)."""
    d = first
    while d <= last:
        yield d
        d += ONE_DAY


def add_years(d: dt.date, n: int) -> dt.date:
    """The same calendar date n years later (or earlier); 29 February → 28 February."""
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return dt.date(d.year + n, 2, 28)


def one_year_after(d: dt.date) -> dt.date:
    return add_years(d, 1)


def one_year_before(d: dt.date) -> dt.date:
    return add_years(d, -1)


def add_months(d: dt.date, n: int) -> dt.date:
    """The same day of the month n months later; a day the month lacks becomes its last day."""
    month0 = d.month - 1 + n
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def age_at(birth: dt.date, d: dt.date) -> int:
    """Whole years at d; a 29 February birthday falls on 28 February in other years."""
    years = d.year - birth.year
    return years - 1 if add_years(birth, years) > d else years


def seniority_years(entry: dt.date, d: dt.date) -> Fraction:
    return Fraction((d - entry).days) / DAYS_PER_YEAR


@cache
def _danish_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def is_working_day(d: dt.date) -> bool:
    """Monday–Friday and not a Danish public holiday (the holidays package's default list)."""
    return d.weekday() < 5 and d not in _danish_holidays(d.year)


def median(values: list[Fraction]) -> Fraction | None:
    """The middle value; the mean of the two middle values for an even count; None for none."""
    ordered = sorted(values)
    if not ordered:
        return None
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
