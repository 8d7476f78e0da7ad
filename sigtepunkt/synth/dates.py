"""Day arithmetic on integer day numbers (days since 1970-01-01), vectorised with numpy.

The generator keeps every date as an int64 day number so that whole populations move
through numpy at once; only the writer turns them into dd-mm-yyyy text.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from sigtepunkt.analytics.calendar import danish_holidays
from sigtepunkt.analytics.pension import STEPS

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
    """Folkepensionsalder in months by birth date, from the one statutory table (`analytics.pension`)."""
    bounds = np.array([day(born_from) for born_from, _age in STEPS[1:]])
    ages = np.array([age for _born_from, age in STEPS])
    return ages[np.searchsorted(bounds, np.asarray(birth), side="right")]


def holidays(first_year: int, last_year: int) -> np.ndarray:
    """Danish public holidays as datetime64[D], the same list the engine's working days use."""
    days = sorted(d for year in range(first_year, last_year + 1) for d in danish_holidays(year))
    return np.array(days, dtype="datetime64[D]")


def working_days(first: np.ndarray, last: np.ndarray, hol: np.ndarray) -> np.ndarray:
    """Working days (Mon-Fri, not a holiday) from first to last, both inclusive."""
    f = np.asarray(first, dtype="datetime64[D]")
    t = np.asarray(last, dtype="datetime64[D]") + 1
    return np.busday_count(f, np.maximum(t, f), holidays=hol)
