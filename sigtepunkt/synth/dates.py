"""Day arithmetic on integer day numbers (days since 1970-01-01), vectorised with numpy.

The generator keeps every date as an int64 day number so that whole populations move
through numpy at once; only the writer turns them into dd-mm-yyyy text.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

EPOCH = dt.date(1970, 1, 1)
NO_END = np.int64(10**6)  # "no end date": far beyond any real date


def day(value: dt.date) -> int:
    return (value - EPOCH).days


def to_date(value: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(value))


def years_to_days(years: np.ndarray | float) -> np.ndarray:
    return np.round(np.asarray(years) * 365.25).astype(np.int64)


def add_years(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    """Same calendar date `years` later (29 February → 28 February), vectorised."""
    d = np.asarray(days, dtype="datetime64[D]")
    y = d.astype("datetime64[Y]")
    m = d.astype("datetime64[M]")
    month = (m - y.astype("datetime64[M]")).astype(np.int64)
    dom = (d - m.astype("datetime64[D]")).astype(np.int64)
    new_month = (y + np.asarray(years)).astype("datetime64[M]") + month
    last = ((new_month + 1).astype("datetime64[D]") - new_month.astype("datetime64[D]")).astype(
        np.int64
    )
    out = new_month.astype("datetime64[D]") + np.minimum(dom, last - 1)
    return out.astype(np.int64)


def year_of(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype="datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def month_of(days: np.ndarray) -> np.ndarray:
    """Month 0-11."""
    m = np.asarray(days, dtype="datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return m % 12


def pension_age_months(birth: np.ndarray) -> np.ndarray:
    """Folkepensionsalder in months by birth date (KEY-FIGURES.md conventions, the statutory table).

    Born before 1 Jan 1954: 65; 1 Jan-30 Jun 1954: 65½; 1 Jul-31 Dec 1954: 66; 1 Jan-30 Jun
    1955: 66½; 1 Jul 1955-31 Dec 1962: 67; 1963-1966: 68; 1967-1970: 69; 1971 or later: 70.
    """
    bounds = [
        day(dt.date(y, m, 1))
        for y, m in ((1954, 1), (1954, 7), (1955, 1), (1955, 7), (1963, 1), (1967, 1), (1971, 1))
    ]
    ages = np.array([780, 786, 792, 798, 804, 816, 828, 840])
    return ages[np.searchsorted(np.array(bounds), np.asarray(birth), side="right")]


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    return dt.date(year, month, (h + el - 7 * m + 114) % 31 + 1)


def holidays(first_year: int, last_year: int) -> np.ndarray:
    """Danish public holidays (helligdage) as datetime64[D]: Store Bededag until 2023.

    Grundlovsdag, 24 and 31 December are days off by agreement, not public holidays, and
    are left out, as the working-day convention in KEY-FIGURES.md says.
    """
    out: list[dt.date] = []
    for year in range(first_year, last_year + 1):
        e = easter(year)
        offsets = [-3, -2, 1, 39, 50] + ([26] if year <= 2023 else [])
        out += [dt.date(year, 1, 1), dt.date(year, 12, 25), dt.date(year, 12, 26)]
        out += [e + dt.timedelta(days=o) for o in offsets]
    return np.array(sorted(out), dtype="datetime64[D]")


def working_days(first: np.ndarray, last: np.ndarray, hol: np.ndarray) -> np.ndarray:
    """Working days (Mon-Fri, not a holiday) from first to last, both inclusive."""
    f = np.asarray(first, dtype="datetime64[D]")
    t = np.asarray(last, dtype="datetime64[D]") + 1
    return np.busday_count(f, np.maximum(t, f), holidays=hol)
