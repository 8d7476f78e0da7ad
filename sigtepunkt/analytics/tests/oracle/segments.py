"""Segment filters: which employment spells, persons, education records and ads a cell keeps.

`job_group`, `leader` and `employment_type` filter employment spells (and `job_group` ads);
`gender`, `age_band` (age at p1) and `seniority_band` (seniority at p1) filter persons;
`programme`, `route` and `adult` filter education records.
"""

from __future__ import annotations

from fractions import Fraction

from sigtepunkt.analytics.tests.oracle.warehouse import Row

SPELL_DIMENSIONS = ("job_group", "leader", "employment_type")
PERSON_DIMENSIONS = ("gender", "age_band", "seniority_band")
RECORD_DIMENSIONS = ("programme", "route", "adult")

AGE_BANDS = ((0, "<25"), (25, "25-34"), (35, "35-44"), (45, "45-54"), (55, "55-59"), (60, "60-64"), (65, "65+"))
SENIORITY_BANDS = ((0, "<1"), (1, "1-2"), (2, "2-5"), (5, "5-10"), (10, "10-20"), (20, "20+"))


def band(value: int | Fraction, bands: tuple[tuple[int, str], ...]) -> str:
    """The label of the last band whose lower bound (inclusive) is at most value."""
    return [label for lower, label in bands if value >= lower][-1]


def age_band(age: int) -> str:
    return band(age, AGE_BANDS)


def seniority_band(years: Fraction) -> str:
    return band(years, SENIORITY_BANDS)


def spell_matches(dimension: str, value: str, spell: Row) -> bool:
    if dimension == "job_group":
        return spell["job_group"] == value
    if dimension == "leader":
        return ("leader" if spell["is_leader"] else "employee") == value
    if dimension == "employment_type":
        return spell["employment_type"] == value
    return True


def record_matches(dimension: str, value: str, record: Row) -> bool:
    if dimension == "programme":
        return record["programme"] == value
    if dimension == "route":
        return record["route"] == value
    if dimension == "adult":
        return ("adult" if record["is_adult"] else "not_adult") == value
    return True


def ad_matches(dimension: str, value: str, ad: Row) -> bool:
    return ad["job_group"] == value if dimension == "job_group" else True
