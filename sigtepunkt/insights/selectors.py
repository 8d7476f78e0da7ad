"""Queries the screens, exports and the API make against the measurements store.

Every function takes the units the caller may see and returns aggregates only: value,
numerator, denominator, n and whether the cell is suppressed (then the numbers are NULL
in the store and stay NULL here). Parameters are bound, never formatted into SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

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


def cells_where(*, units: list[str], figures: Iterable[str] | None = None, period_kind: str | None = "year",
                period_start: dt.date | None = None, segment: str = TOTAL,
                segment_values: Iterable[str] | None = None) -> tuple[str, list]:
    """The WHERE clause and parameters of a read of cells (shared by the frame and the row readers).

    One unit filters inside the scan; several are a semi-join on a list parameter, which measured
    faster than an IN list of placeholders (that one decodes whole row groups).
    """
    if len(units) == 1:
        clauses, params = ["unit_id = ?", "segment = ?"], [units[0], segment]
    else:
        clauses, params = ["unit_id IN (SELECT unnest(?::VARCHAR[]))", "segment = ?"], [units, segment]
    for column, values in (("figure", figures), ("segment_value", segment_values)):
        if values is not None:
            values = list(values)
            clauses.append(f"{column} IN ({_placeholders(values) or 'NULL'})")
            params.extend(values)
    for column, value in (("period_kind", period_kind), ("period_start", period_start)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    return " AND ".join(clauses), params


CELLS_ORDER = "ORDER BY figure, unit_id, period_start, segment_value"


def cells_select(con: duckdb.DuckDBPyConnection, *, unit_ids: Iterable[str], figures: Iterable[str] | None = None,
                 period_kind: str | None = "year", period_start: dt.date | None = None,
                 segment: str = TOTAL, segment_values: Iterable[str] | None = None) -> pl.DataFrame:
    """Stored cells of the given units, optionally narrowed to figures, a period kind or start, a segment."""
    units = sorted(set(unit_ids))
    if not units:
        return pl.DataFrame(schema={c: pl.Null for c in CELL_COLUMNS})
    where, params = cells_where(units=units, figures=figures, period_kind=period_kind, period_start=period_start,
                                segment=segment, segment_values=segment_values)
    return con.sql(f"SELECT {', '.join(CELL_COLUMNS)} FROM measurements WHERE {where} {CELLS_ORDER}",
                   params=params).pl()


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


# --- The read API: one page of cells with filters, the stored benchmarks, the store's facts. ---

API_COLUMNS = ("figure", "unit_id", "unit_name", "period_kind", "period_start", "period_end", "segment",
               "segment_value", "value", "numerator", "denominator", "n", "suppressed", "data_version")
API_ORDER = "m.figure, m.unit_id, m.period_kind, m.period_start, m.segment, m.segment_value"
BENCHMARK_COLUMNS = ("set_name", "figure", "period_kind", "period_start", "period_end", "segment", "segment_value",
                     "value", "source", "source_url", "note")


@dataclass(frozen=True)
class CellQuery:
    """What the API asks of the measurements store; `None` means no restriction on that column.

    `unit_ids` is always given: it is the caller's visible units (narrowed by their filter),
    so a query can never reach a unit outside them.
    """

    unit_ids: tuple[str, ...]
    figures: tuple[str, ...] | None = None
    period_kind: str | None = None
    period_start_from: dt.date | None = None
    period_start_to: dt.date | None = None
    segment: str | None = None
    segment_values: tuple[str, ...] | None = None


@dataclass(frozen=True)
class CellPage:
    total: int
    rows: list[dict]


def _cell_where(query: CellQuery) -> tuple[str, list]:
    clauses, params = [f"m.unit_id IN ({_placeholders(query.unit_ids)})"], list(query.unit_ids)
    for column, values in (("m.figure", query.figures), ("m.segment_value", query.segment_values)):
        if values is not None:
            clauses.append(f"{column} IN ({_placeholders(values) or 'NULL'})")
            params.extend(values)
    for condition, value in (("m.period_kind = ?", query.period_kind), ("m.segment = ?", query.segment),
                             ("m.period_start >= ?", query.period_start_from),
                             ("m.period_start <= ?", query.period_start_to)):
        if value is not None:
            clauses.append(condition)
            params.append(value)
    return " AND ".join(clauses), params


def cells_page(con: duckdb.DuckDBPyConnection, *, query: CellQuery, limit: int, offset: int) -> CellPage:
    """One page of cells in a stable order (figure, unit, period, segment), and how many match in all.

    Suppressed cells come back with their numbers NULL, as the store holds them. The order is
    total over the table's key, so consecutive pages neither repeat nor skip a cell.
    """
    if not query.unit_ids:
        return CellPage(0, [])
    where, params = _cell_where(query)
    total = con.execute(f"SELECT count(*) FROM measurements m WHERE {where}", params).fetchone()[0]
    if total <= offset:
        return CellPage(total, [])
    found = con.execute(f"""
        SELECT m.figure, m.unit_id, u.name, m.period_kind, m.period_start, m.period_end, m.segment, m.segment_value,
               m.value, m.numerator, m.denominator, m.n, m.suppressed, m.data_version
        FROM measurements m
        LEFT JOIN (SELECT unit_id, arg_max(name, valid_from) AS name FROM units GROUP BY unit_id) u USING (unit_id)
        WHERE {where} ORDER BY {API_ORDER} LIMIT ? OFFSET ?""", [*params, limit, offset]).fetchall()
    return CellPage(total, [dict(zip(API_COLUMNS, row, strict=True)) for row in found])


def benchmarks_list(con: duckdb.DuckDBPyConnection, *, figures: Iterable[str] | None = None,
                    period_kind: str | None = None) -> list[dict]:
    """Every stored external comparison value with its source; empty when none are imported."""
    if not benchmarks_exist(con):
        return []
    clauses, params = ["TRUE"], []
    if figures is not None:
        figures = list(figures)
        clauses.append(f"figure IN ({_placeholders(figures) or 'NULL'})")
        params.extend(figures)
    if period_kind is not None:
        clauses.append("period_kind = ?")
        params.append(period_kind)
    found = con.execute(
        f"SELECT {', '.join(BENCHMARK_COLUMNS)} FROM benchmarks WHERE {' AND '.join(clauses)} "
        "ORDER BY set_name, figure, period_kind, period_start, segment, segment_value", params).fetchall()
    return [dict(zip(BENCHMARK_COLUMNS, row, strict=True)) for row in found]
