"""Small SQL expressions the measure families share, so each rule is written once."""

from __future__ import annotations

from sigtepunkt.analytics.pension import pension_months_sql


def age_at(birth: str, day: str) -> str:
    """Whole years on `day`; a 29 February birthday falls on 28 February in other years."""
    birthday_passed = (
        f"(month({day}) > month({birth}) OR (month({day}) = month({birth}) AND day({day}) >= day({birth}))"
        f" OR (month({birth}) = 2 AND day({birth}) = 29 AND month({day}) = 2 AND day({day}) = 28"
        f" AND NOT (year({day}) % 4 = 0 AND (year({day}) % 100 <> 0 OR year({day}) % 400 = 0))))"
    )
    return f"(year({day}) - year({birth}) - CASE WHEN {birthday_passed} THEN 0 ELSE 1 END)"


def age_band(age: str) -> str:
    return (
        f"CASE WHEN {age} < 25 THEN '<25' WHEN {age} < 35 THEN '25-34' WHEN {age} < 45 THEN '35-44' "
        f"WHEN {age} < 55 THEN '45-54' WHEN {age} < 60 THEN '55-59' WHEN {age} < 65 THEN '60-64' ELSE '65+' END"
    )


def seniority_band(years: str) -> str:
    return (
        f"CASE WHEN {years} < 1 THEN '<1' WHEN {years} < 2 THEN '1-2' WHEN {years} < 5 THEN '2-5' "
        f"WHEN {years} < 10 THEN '5-10' WHEN {years} < 20 THEN '10-20' ELSE '20+' END"
    )


def pension_day(birth: str) -> str:
    """The day folkepensionsalder is reached (months added with the day clamped to the month)."""
    return f"CAST({birth} + to_months({pension_months_sql(birth)}) AS DATE)"


def one_year_after(day: str) -> str:
    return f"CAST({day} + INTERVAL 1 YEAR AS DATE)"


def one_year_before(day: str) -> str:
    return f"CAST({day} - INTERVAL 1 YEAR AS DATE)"


def overlap_days(s: str, e: str, p0: str, p1: str) -> str:
    return f"(date_diff('day', greatest({s}, {p0}), least({e}, {p1})) + 1)"


def person_dim_union(select_cols: str, source: str, group_keys: str, dims: tuple[str, ...],
                     aggregates: str) -> str:
    """The aggregate for the total rows once per person dimension (gender, age band, ...).

    `source` must carry `dim`, `val` and a column per person dimension; only its total rows
    are split again, since person attributes do not change which employments count.
    """
    parts = [f"SELECT {select_cols}, dim, val, {aggregates} FROM {source} GROUP BY {group_keys}, dim, val"]
    for dim in dims:
        parts.append(
            f"SELECT {select_cols}, '{dim}' AS dim, CAST({dim} AS VARCHAR) AS val, {aggregates} "
            f"FROM {source} WHERE dim = 'total' GROUP BY {group_keys}, {dim}"
        )
    return " UNION ALL ".join(parts)
