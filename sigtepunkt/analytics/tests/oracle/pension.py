"""Folkepensionsalder (the statutory state pension age) by birth date.

Source: lov om social pension (folkepensionsloven) § 1a as amended by the Welfare Agreement
(2006), the Retirement Reform (2011) and the 2015, 2020 and 2024 age increases; the table as
written in KEY-FIGURES.md. A change in the law is one edit of `PENSION_AGE_TABLE`.
"""

from __future__ import annotations

import datetime as dt

from sigtepunkt.analytics.tests.oracle.dates import add_months, add_years

# (born on or before this date, age in years, plus half a year?)
PENSION_AGE_TABLE: tuple[tuple[dt.date, int, bool], ...] = (
    (dt.date(1953, 12, 31), 65, False),
    (dt.date(1954, 6, 30), 65, True),
    (dt.date(1954, 12, 31), 66, False),
    (dt.date(1955, 6, 30), 66, True),
    (dt.date(1962, 12, 31), 67, False),
    (dt.date(1966, 12, 31), 68, False),
    (dt.date(1970, 12, 31), 69, False),
    (dt.date.max, 70, False),
)


def pension_date(birth: dt.date) -> dt.date:
    """The day the person reaches folkepensionsalder: the birthday at that age, or six months after it."""
    for born_by, years, half in PENSION_AGE_TABLE:
        if birth <= born_by:
            birthday = add_years(birth, years)
            return add_months(birthday, 6) if half else birthday
    raise AssertionError(birth)
