"""Queries the screens, exports and the API make against the measurements store.

Every function takes the units the caller may see and returns aggregates only: value,
numerator, denominator, n and whether the cell is suppressed (then the numbers are NULL
in the store and stay NULL here). Parameters are bound, never formatted into SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb
import polars as pl

CELL_COLUMNS = ("figure", "unit_id", "period_kind", "period_start", "period_end", "segment", "segment_value",
                "value", "numerator", "denominator", "n", "suppressed")
TOTAL = "total"


def _placeholders(values: Iterable) -> str:
    return ", ".join("?" for _ in values)


def store_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())


def period_starts(con: duckdb.DuckDBPyConnection, *, period_kind: str) -> list[dt.date]:
    """The period starts of a kind with results, oldest first."""
    rows = con.execute("SELECT DISTINCT period_start FROM measurements WHERE period_kind = ? ORDER BY 1",
                       [period_kind]).fetchall()
    return [r[0] for r in rows]


def cells_select(con: duckdb.DuckDBPyConnection, *, unit_ids: Iterable[str], figures: Iterable[str] | None = None,
                 period_kind: str | None = "year", period_start: dt.date | None = None,
                 segment: str = TOTAL, segment_values: Iterable[str] | None = None) -> pl.DataFrame:
    """Stored cells of the given units, optionally narrowed to figures, a period kind or start, a segment."""
    units = sorted(set(unit_ids))
    if not units:
        return pl.DataFrame(schema={c: pl.Null for c in CELL_COLUMNS})
    clauses, params = [f"unit_id IN ({_placeholders(units)})", "segment = ?"], [*units, segment]
    if figures is not None:
        figures = list(figures)
        clauses.append(f"figure IN ({_placeholders(figures) or 'NULL'})")
        params.extend(figures)
    if period_kind is not None:
        clauses.append("period_kind = ?")
        params.append(period_kind)
    if period_start is not None:
        clauses.append("period_start = ?")
        params.append(period_start)
    if segment_values is not None:
        values = list(segment_values)
        clauses.append(f"segment_value IN ({_placeholders(values) or 'NULL'})")
        params.extend(values)
    sql = (f"SELECT {', '.join(CELL_COLUMNS)} FROM measurements WHERE {' AND '.join(clauses)} "
           "ORDER BY figure, unit_id, period_start, segment_value")
    return con.sql(sql, params=params).pl()


def benchmarks_exist(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'benchmarks'")
                .fetchall()[0][0])


def benchmark_cells(con: duckdb.DuckDBPyConnection, *, figures: Iterable[str] | None = None,
                    period_kind: str = "year", segment: str = TOTAL) -> pl.DataFrame:
    """External comparison values (set, figure, period, value, source); empty when none are imported."""
    schema = {"set_name": pl.String, "figure": pl.String, "period_start": pl.Date, "period_end": pl.Date,
              "segment_value": pl.String, "value": pl.Float64, "source": pl.String, "source_url": pl.String}
    if not benchmarks_exist(con):
        return pl.DataFrame(schema=schema)
    clauses, params = ["period_kind = ?", "segment = ?"], [period_kind, segment]
    if figures is not None:
        figures = list(figures)
        clauses.append(f"figure IN ({_placeholders(figures) or 'NULL'})")
        params.extend(figures)
    return con.sql(
        f"SELECT {', '.join(schema)} FROM benchmarks WHERE {' AND '.join(clauses)} ORDER BY set_name, figure, "
        "period_start", params=params).pl()


def segment_values(con: duckdb.DuckDBPyConnection, *, figure: str) -> list[str]:
    """The segments the store holds for a figure (beyond the total)."""
    rows = con.execute("SELECT DISTINCT segment FROM measurements WHERE figure = ? AND segment <> ? ORDER BY 1",
                       [figure, TOTAL]).fetchall()
    return [r[0] for r in rows]
