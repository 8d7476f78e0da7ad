"""Small SQL expressions the measure families share, so each rule is written once.

They are written so that DuckDB runs them as they are and SQLGlot carries them to Spark
unchanged in meaning (see `backend.spark_sql`): date arithmetic only through the helpers
below, which avoid DuckDB-only forms such as `to_months(expr)` and integer / decimal.
"""

from __future__ import annotations

from sigtepunkt.analytics.pension import STEPS


def age_at(birth: str, day: str) -> str:
    """Whole years on `day`; a 29 February birthday falls on 28 February in other years."""
    birthday_passed = (
        f"(month({day}) > month({birth}) OR (month({day}) = month({birth}) AND day({day}) >= day({birth}))"
        f" OR (month({birth}) = 2 AND day({birth}) = 29 AND month({day}) = 2 AND day({day}) = 28"
        f" AND NOT (year({day}) % 4 = 0 AND (year({day}) % 100 <> 0 OR year({day}) % 400 = 0))))"
    )
    return f"(year({day}) - year({birth}) - CASE WHEN {birthday_passed} THEN 0 ELSE 1 END)"


def month_day(day: str) -> str:
    """month × 100 + day of `day` (`age_from_parts`' `birth_md`)."""
    return f"(month({day}) * 100 + day({day}))"


def age_day(day: str) -> str:
    """`month_day` of a day an age is taken on, with 28 February of a year that is not a leap
    year as 229: a 29 February birthday falls on it (`age_at`)."""
    leap = f"(year({day}) % 4 = 0 AND (year({day}) % 100 <> 0 OR year({day}) % 400 = 0))"
    return f"(CASE WHEN month({day}) = 2 AND day({day}) = 28 AND NOT {leap} THEN 229 ELSE {month_day(day)} END)"


def age_from_parts(birth_year: str, birth_md: str, year: str, md: str) -> str:
    """`age_at` from the dates' parts, computed once per person (`birth_year`, `birth_md`: `month_day`)
    and once per day (`year`, `md`: `age_day`) instead of once per person and day."""
    return f"({year} - {birth_year} - CASE WHEN {birth_md} <= {md} THEN 0 ELSE 1 END)"


# (upper bound, label) of each band; the last band has no upper bound.
AGE_BANDS = ((25, "<25"), (35, "25-34"), (45, "35-44"), (55, "45-54"), (60, "55-59"), (65, "60-64"), (None, "65+"))
SENIORITY_BANDS = ((1, "<1"), (2, "1-2"), (5, "2-5"), (10, "5-10"), (20, "10-20"), (None, "20+"))


def _banded(value: str, bands: tuple[tuple[int | None, str], ...]) -> str:
    whens = " ".join(f"WHEN {value} < {limit} THEN '{label}'" for limit, label in bands[:-1])
    return f"CASE {whens} ELSE '{bands[-1][1]}' END"


def age_band(age: str) -> str:
    return _banded(age, AGE_BANDS)


def seniority_band(years: str) -> str:
    return _banded(years, SENIORITY_BANDS)


def days_between(start: str, end: str) -> str:
    """Whole days from `start` to `end` (dates): DuckDB's date_diff, Spark's DATEDIFF(DAY, ...)."""
    return f"date_diff('day', {start}, {end})"


def years_between(start: str, end: str) -> str:
    """Days / 365.25 as a DOUBLE (an integer over a decimal literal is a DECIMAL in Spark)."""
    return f"(CAST({days_between(start, end)} AS DOUBLE) / 365.25)"


def add_months(day: str, months: int) -> str:
    """`day` plus a constant number of months, the day clamped to the month (29 Feb + 12 = 28 Feb)."""
    sign = "+" if months >= 0 else "-"
    return f"CAST({day} {sign} INTERVAL {abs(months)} MONTH AS DATE)"


def pension_day(birth: str) -> str:
    """The day folkepensionsalder is reached (months added with the day clamped to the month).

    One literal interval per step of `pension.STEPS` (the age only changes by birth date),
    since an interval computed from a column (`to_months`) does not carry over to Spark.
    """
    whens = " ".join(
        f"WHEN {birth} >= DATE '{born_from.isoformat()}' THEN {add_months(birth, months)}"
        for born_from, months in reversed(STEPS[1:])
    )
    return f"(CASE {whens} ELSE {add_months(birth, STEPS[0][1])} END)"


def one_year_after(day: str) -> str:
    return add_months(day, 12)


def one_year_before(day: str) -> str:
    return add_months(day, -12)


def overlap_days(s: str, e: str, p0: str, p1: str) -> str:
    return f"({days_between(f'greatest({s}, {p0})', f'least({e}, {p1})')} + 1)"


def person_dim_union(keys: str, source: str, dims: tuple[str, ...], aggregates: str) -> str:
    """The aggregate per `keys` and segment (`segment_no`): once per segment id, and for the
    total rows once per person dimension.

    `source` must carry `sid` (the segment id, see `prepare`: 0 is the total) and a column per
    person dimension (gender, age band, ...); only its total rows are split again, since person
    attributes do not change which employments count. Every segment, person dimensions' too,
    has its number in `segments`, so the result is keyed by integers only: an employment
    segment's number is its `sid`, and a person dimension's groups are numbered after grouping.
    A value without a number (NULL) is left out, as a segment without a name would be.
    """
    names = ", ".join(column_names(aggregates))
    parts = [f"SELECT {keys}, sid AS segment_no, {aggregates} FROM {source} WHERE sid IS NOT NULL "
             f"GROUP BY {keys}, sid"]
    for dim in dims:
        grouped = (f"SELECT {keys}, CAST({dim} AS VARCHAR) AS val, {aggregates} FROM {source} WHERE sid = 0 "
                   f"GROUP BY {keys}, {dim}")
        parts.append(f"SELECT {keys}, sg.sid AS segment_no, {names} FROM ({grouped}) g "
                     f"JOIN segments sg ON sg.dim = '{dim}' AND sg.val = g.val")
    return " UNION ALL ".join(parts)


def column_names(select_list: str) -> list[str]:
    """The names of a comma-separated SELECT list: each expression's `AS name`, or the column itself."""
    items, depth, current = [], 0, ""
    for char in select_list:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    names = [item.rsplit(" AS ", 1)[-1].strip() for item in items if item.strip()]
    assert all(" " not in name for name in names), names
    return names
