"""Folkepensionsalder: the statutory state-pension age by birth date, kept in one place.

Source: lov om social pension § 1a as amended by the pension-age increases of 2006, 2011,
2015 and 2022 (the 70-year step for those born 1967 or later). A change in the law is one
edit to `STEPS`. A person reaches the age on the birthday (or, for the half-year steps, the
same day of the month six months after it; a day the month lacks becomes its last day).
"""

from __future__ import annotations

import calendar
import datetime as dt

# (born on or after, pension age in months); the first row that applies is the last one not after the birth date.
STEPS: tuple[tuple[dt.date, int], ...] = (
    (dt.date(1, 1, 1), 65 * 12),
    (dt.date(1954, 1, 1), 65 * 12 + 6),
    (dt.date(1954, 7, 1), 66 * 12),
    (dt.date(1955, 1, 1), 66 * 12 + 6),
    (dt.date(1955, 7, 1), 67 * 12),
    (dt.date(1963, 1, 1), 68 * 12),
    (dt.date(1967, 1, 1), 69 * 12),
    (dt.date(1971, 1, 1), 70 * 12),
)


def pension_age_months(birth: dt.date) -> int:
    """The pension age, in months, of a person born on `birth`."""
    months = STEPS[0][1]
    for born_from, age in STEPS:
        if birth >= born_from:
            months = age
    return months


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later; a day the month lacks becomes its last day."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def pension_date(birth: dt.date) -> dt.date:
    """The day a person born on `birth` reaches folkepensionsalder."""
    return add_months(birth, pension_age_months(birth))


def pension_months_sql(birth: str) -> str:
    """A SQL CASE expression giving the pension age in months for a DATE column `birth`."""
    whens = " ".join(
        f"WHEN {birth} >= DATE '{born_from.isoformat()}' THEN {age}" for born_from, age in reversed(STEPS[1:])
    )
    return f"(CASE {whens} ELSE {STEPS[0][1]} END)"
