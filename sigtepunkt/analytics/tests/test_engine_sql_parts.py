"""Where a SQL helper is another computed in parts, both give the same on every day that matters."""

from __future__ import annotations

import duckdb

from sigtepunkt.analytics.engine.sql_parts import age_at, age_day, age_from_parts, month_day


def test_the_age_from_parts_is_the_age_on_the_day() -> None:
    """Births around two turns of the year and on 29 February, ages taken on every day of years
    with and without a leap day (2100 is none): a 29 February birthday falls on 28 February."""
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE births AS
        SELECT CAST(d AS DATE) AS b FROM range(DATE '1999-12-01', DATE '2001-03-31', INTERVAL 1 DAY) t(d)
        UNION ALL SELECT DATE '1996-02-29' UNION ALL SELECT DATE '2000-02-29'""")
    con.execute("""
        CREATE TABLE days AS
        SELECT CAST(d AS DATE) AS d FROM range(DATE '2023-01-01', DATE '2025-03-31', INTERVAL 1 DAY) t(d)
        UNION ALL SELECT CAST(d AS DATE) FROM range(DATE '2100-02-01', DATE '2100-03-02', INTERVAL 1 DAY) t(d)""")
    total, differ, feb29 = con.execute(f"""
        SELECT count(*),
               count(*) FILTER (WHERE {age_at('b', 'd')}
                                      <> {age_from_parts('year(b)', month_day('b'), 'year(d)', age_day('d'))}),
               count(*) FILTER (WHERE month(b) = 2 AND day(b) = 29 AND month(d) = 2 AND day(d) = 28)
        FROM births CROSS JOIN days""").fetchall()[0]
    assert total > 300_000 and feb29 >= 6
    assert differ == 0
