"""Checks across rows and files, run on the warehouse as it would be after the import.

They run inside the import's transaction, after the new rows are merged in, so they see
exactly the state that would be committed: a corrected employment that no longer covers
an absence loaded last month is caught as surely as a bad row in today's file. Each check
is one query returning (file, row, value, detail) for every offending row.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb

from sigtepunkt.hrdata.problems import Code, Problem
from sigtepunkt.hrdata.schema import TABLES_BY_NAME

logger = logging.getLogger(__name__)

FAR_FUTURE = "DATE '9999-12-31'"
DMY = "'%d-%m-%Y'"


@dataclass(frozen=True)
class Check:
    code: Code
    table: str
    column: str
    sql: str

    def header(self) -> str:
        return TABLES_BY_NAME[self.table].column(self.column).header_da


CHECKS: tuple[Check, ...] = (
    Check(Code.UNKNOWN_PARENT, "org_units", "parent_id", """
        SELECT _file, _row, parent_id, NULL FROM org_units
        WHERE parent_id IS NOT NULL AND parent_id NOT IN (SELECT unit_id FROM org_units)"""),
    Check(Code.OVERLAPPING_UNIT, "org_units", "valid_from", f"""
        SELECT _file, _row, unit_id, strftime(prev_from, {DMY}) || ' – ' || coalesce(strftime(prev_to, {DMY}), '…')
        FROM (SELECT *, lag(valid_from) OVER w AS prev_from, lag(coalesce(valid_to, {FAR_FUTURE})) OVER w AS prev_to,
                     lag(valid_to) OVER w AS prev_to_raw
              FROM org_units WINDOW w AS (PARTITION BY unit_id ORDER BY valid_from, _file, _row))
        WHERE prev_from IS NOT NULL AND coalesce(prev_to_raw, {FAR_FUTURE}) >= valid_from"""),
    Check(Code.AMBIGUOUS_EMPLOYMENT, "employments", "employment_id", """
        SELECT _file, _row, employment_id, NULL FROM employments
        WHERE employment_id IN (SELECT employment_id FROM employments GROUP BY employment_id
                                HAVING count(DISTINCT person_key) > 1)"""),
    Check(Code.OVERLAPPING_SPELLS, "employments", "start_date", f"""
        SELECT _file, _row, employment_id, strftime(prev_start, {DMY}) || ' – ' || coalesce(strftime(prev_end, {DMY}), '…')
        FROM (SELECT *, lag(start_date) OVER w AS prev_start, lag(end_date) OVER w AS prev_end
              FROM employments WINDOW w AS (PARTITION BY employment_id ORDER BY start_date, _file, _row))
        WHERE prev_start IS NOT NULL AND coalesce(prev_end, {FAR_FUTURE}) >= start_date"""),
    Check(Code.UNKNOWN_UNIT, "employments", "unit_id", """
        SELECT _file, _row, unit_id, NULL FROM employments
        WHERE unit_id NOT IN (SELECT unit_id FROM org_units)"""),
    Check(Code.UNKNOWN_EMPLOYMENT, "absences", "employment_id", """
        SELECT _file, _row, employment_id, NULL FROM @absences@
        WHERE employment_id NOT IN (SELECT employment_id FROM employments)"""),
    Check(Code.PERSON_MISMATCH, "absences", "cpr", """
        SELECT a._file, a._row, a.employment_id, NULL FROM @absences@ a
        JOIN (SELECT DISTINCT employment_id, person_key FROM employments) e USING (employment_id)
        WHERE a.person_key <> e.person_key"""),
    Check(Code.ABSENCE_OUTSIDE_EMPLOYMENT, "absences", "from_date", f"""
        SELECT a._file, a._row, strftime(a.from_date, {DMY}) || ' – ' || strftime(a.to_date, {DMY}),
               strftime(e.first_day, {DMY}) || ' – ' || coalesce(strftime(e.last_day, {DMY}), '…')
        FROM @absences@ a
        JOIN (SELECT employment_id, min(start_date) AS first_day,
                     CASE WHEN bool_or(end_date IS NULL) THEN NULL ELSE max(end_date) END AS last_day
              FROM employments GROUP BY employment_id) e USING (employment_id)
        WHERE a.from_date < e.first_day OR a.to_date > coalesce(e.last_day, {FAR_FUTURE})"""),
    Check(Code.UNKNOWN_UNIT, "job_ads", "unit_id", """
        SELECT _file, _row, unit_id, NULL FROM job_ads WHERE unit_id NOT IN (SELECT unit_id FROM org_units)"""),
    Check(Code.UNKNOWN_AD, "job_ads", "reposts_ad_id", """
        SELECT _file, _row, reposts_ad_id, NULL FROM job_ads
        WHERE reposts_ad_id IS NOT NULL AND reposts_ad_id NOT IN (SELECT ad_id FROM job_ads)"""),
    Check(Code.REPOST_BEFORE_ORIGINAL, "job_ads", "reposts_ad_id", f"""
        SELECT r._file, r._row, r.reposts_ad_id, strftime(o.published, {DMY}) FROM job_ads r
        JOIN job_ads o ON o.ad_id = r.reposts_ad_id WHERE r.published < o.published"""),
    Check(Code.UNKNOWN_EMPLOYMENT, "job_ads", "filled_by_employment_id", """
        SELECT _file, _row, filled_by_employment_id, NULL FROM job_ads
        WHERE filled_by_employment_id IS NOT NULL
          AND filled_by_employment_id NOT IN (SELECT employment_id FROM employments)"""),
    Check(Code.UNKNOWN_UNIT, "education", "unit_id", """
        SELECT _file, _row, unit_id, NULL FROM education WHERE unit_id NOT IN (SELECT unit_id FROM org_units)"""),
    Check(Code.REQUIRED_VALUE, "education", "actual_end", """
        SELECT _file, _row, NULL, NULL FROM education WHERE outcome <> 'ongoing' AND actual_end IS NULL"""),
    Check(Code.UNKNOWN_PERSON, "development_talks", "cpr", """
        SELECT _file, _row, NULL, NULL FROM @development_talks@
        WHERE person_key NOT IN (SELECT person_key FROM employments)"""),
    Check(Code.UNKNOWN_PERSON, "course_completions", "cpr", """
        SELECT _file, _row, NULL, NULL FROM @course_completions@
        WHERE person_key NOT IN (SELECT person_key FROM employments)"""),
)


# Big event tables whose rows depend only on employments: when the employments are unchanged,
# only the rows this import brings need checking (the others passed when they came).
EVENT_TABLES = ("absences", "development_talks", "course_completions")


def _sources(staged: set[str] | None) -> dict[str, str | None]:
    """Which rows of each event table to check: all, the incoming ones, or none."""
    if staged is None or "employments" in staged:
        return {t: t for t in EVENT_TABLES}
    return {t: (f"staged_{t}" if t in staged else None) for t in EVENT_TABLES}


def run_checks(con: duckdb.DuckDBPyConnection, staged: set[str] | None = None) -> Iterator[Problem]:
    """Yield every cross-row problem in the (merged, uncommitted) warehouse.

    `staged` names the tables this import brings (None: check everything, as after
    --replace). Every check still sees the whole merged warehouse on its other side.
    """
    sources = _sources(staged)
    for check in CHECKS:
        sql = check.sql
        if check.table in sources:
            if sources[check.table] is None:
                continue
            sql = sql.replace(f"@{check.table}@", f'"{sources[check.table]}"')
        for file, row, value, detail in con.execute(sql).fetchall():
            yield Problem(check.code, file, row=row, column=check.header(), value=value, detail=detail)
    yield from _unit_cycles(con)


def _unit_cycles(con: duckdb.DuckDBPyConnection) -> Iterator[Problem]:
    """Find units that lie under themselves, following every parent a unit has ever had."""
    edges = con.execute(
        "SELECT DISTINCT unit_id, parent_id FROM org_units WHERE parent_id IS NOT NULL"
    ).fetchall()
    parents: dict[str, set[str]] = {}
    for unit, parent in edges:
        parents.setdefault(unit, set()).add(parent)
    in_cycle: set[str] = set()
    for start in sorted(parents):
        seen, stack = set(), list(parents.get(start, ()))
        while stack:
            node = stack.pop()
            if node == start:
                in_cycle.add(start)
                break
            if node not in seen:
                seen.add(node)
                stack.extend(parents.get(node, ()))
    if not in_cycle:
        return
    rows = con.execute(
        "SELECT _file, _row, unit_id FROM org_units WHERE list_contains(?, unit_id) ORDER BY _file, _row",
        [sorted(in_cycle)],
    ).fetchall()
    column = TABLES_BY_NAME["org_units"].column("parent_id").header_da
    for file, row, unit in rows:
        yield Problem(Code.UNIT_CYCLE, file, row=row, column=column, value=unit)
