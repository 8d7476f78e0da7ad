"""Compute the catalogue: measures by family, then figures as expressions over measures.

`catalogue_compute` is the engine's one entry point. It reads the warehouse (attached
read-only), builds the shared tables once (`prepare`), runs each measure family once, and
assembles every figure for every scope, period and segment from the measures. The result
is aggregates only: person-level rows never leave the DuckDB connection.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from sigtepunkt.analytics.catalogue import FIGURES, figure_segments
from sigtepunkt.analytics.catalogue.model import Aggregation, KeyFigure
from sigtepunkt.analytics.engine import families, prepare
from sigtepunkt.analytics.engine.context import Computation

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
# Measures that count events (a person can exit or enter twice in a period); n counts persons.
EVENT_COUNTS = frozenset({"exits_external", "entries", "entries_matured"})
RESULT_COLUMNS = ("figure", "unit_id", "period_kind", "period_start", "period_end", "segment", "segment_value",
                  "value", "numerator", "denominator", "n")


@dataclass(frozen=True)
class Timing:
    step: str
    seconds: float


def _noop(stage: str, done: int, total: int) -> None:
    return None


def open_engine(warehouse: Path | None = None, con: duckdb.DuckDBPyConnection | None = None,
                threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that sees the warehouse's tables read-only."""
    if con is None:
        con = duckdb.connect()
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        assert warehouse is not None
        con.execute(f"ATTACH '{warehouse.as_posix()}' AS wh (READ_ONLY)")
        con.execute("USE wh")
    return con


def catalogue_compute(con: duckdb.DuckDBPyConnection, comp: Computation, *,
                      figures: tuple[KeyFigure, ...] = FIGURES, progress: Progress = _noop,
                      timings: list[Timing] | None = None) -> pl.DataFrame:
    """Every figure for every scope, period and segment of `comp`, as a long table (RESULT_COLUMNS)."""
    timings = timings if timings is not None else []
    needed = {m for f in figures for m in (f.numerator, f.denominator, _n_of(f)) if m}
    steps = [fam for fam in families.FAMILIES if needed & set(fam(comp)[1])]
    total = len(steps) + 2
    clock = time.perf_counter()
    progress("Forbereder", 0, total)
    prepare.build(con, comp)
    timings.append(Timing("prepare", time.perf_counter() - clock))
    con.execute("CREATE OR REPLACE TEMP TABLE measure_values (scope_id VARCHAR, period_id VARCHAR, dim VARCHAR, "
                "val VARCHAR, measure VARCHAR, value DOUBLE)")
    for number, family in enumerate(steps, start=1):
        progress("Beregner " + family.__name__, number, total)
        clock = time.perf_counter()
        sql, measures = family(comp)
        wanted = [m for m in measures if m in needed]
        selects = " UNION ALL ".join(
            f"SELECT scope_id, period_id, dim, val, '{m}', CAST(\"{m}\" AS DOUBLE) FROM fam" for m in wanted
        )
        con.execute(f"CREATE OR REPLACE TEMP TABLE fam AS {sql}")
        con.execute(f"INSERT INTO measure_values {selects}")
        timings.append(Timing(family.__name__, time.perf_counter() - clock))
    clock = time.perf_counter()
    result = _assemble(con, comp, figures)
    timings.append(Timing("assemble", time.perf_counter() - clock))
    progress("Færdig", total, total)
    return result


def _figure_map(figures: tuple[KeyFigure, ...], comp: Computation) -> pl.DataFrame:
    rows = []
    for f in figures:
        for dim in ("total", *[d for d in figure_segments(f) if d in _dims_for(comp, f)]):
            rows.append({"figure": f.id, "dim": dim, "numerator_m": f.numerator, "denominator_m": f.denominator,
                         "n_m": _n_of(f), "period_months": f.period_months})
    return pl.DataFrame(rows, schema={"figure": pl.String, "dim": pl.String, "numerator_m": pl.String,
                                      "denominator_m": pl.String, "n_m": pl.String, "period_months": pl.Int64})


def _n_of(figure: KeyFigure) -> str:
    """The measure giving n: for measures that count events, its count of distinct persons."""
    measure = figure.n_measure
    return f"{measure}#persons" if measure in EVENT_COUNTS else measure


def _dims_for(comp: Computation, figure: KeyFigure) -> tuple[str, ...]:
    """The requested segment dimensions, plus a figure's own segments (always computed)."""
    return (*comp.dims, *figure.segments)


def _assemble(con: duckdb.DuckDBPyConnection, comp: Computation, figures: tuple[KeyFigure, ...]) -> pl.DataFrame:
    con.register("figure_map", _figure_map(figures, comp).to_arrow())
    cells = con.sql("""
        SELECT f.figure, mv.scope_id AS unit_id, p.kind AS period_kind, p.p0 AS period_start, p.p1 AS period_end,
               mv.dim AS segment, mv.val AS segment_value,
               max(CASE WHEN mv.measure = f.numerator_m THEN mv.value END) AS numerator,
               max(CASE WHEN mv.measure = f.denominator_m THEN mv.value END) AS denominator,
               max(CASE WHEN mv.measure = f.n_m THEN mv.value END) AS n
        FROM figure_map f
        JOIN measure_values mv ON mv.dim = f.dim AND mv.measure IN (f.numerator_m, f.denominator_m, f.n_m)
        JOIN periods p ON p.period_id = mv.period_id
        WHERE f.period_months IS NULL OR f.period_months = p.months
        GROUP BY ALL""").pl()
    con.unregister("figure_map")
    return _values(cells, figures)


def _values(cells: pl.DataFrame, figures: tuple[KeyFigure, ...]) -> pl.DataFrame:
    """Fill absent counts with 0 and compute each figure's value from its measures."""
    parts = []
    for f in figures:
        part = cells.filter(pl.col("figure") == f.id)
        if part.is_empty():
            continue
        if f.aggregation is not Aggregation.MEDIAN:
            part = part.with_columns(pl.col("numerator").fill_null(0.0))
        if f.denominator is not None:
            part = part.with_columns(pl.col("denominator").fill_null(0.0))
        part = part.with_columns(pl.col("n").fill_null(0.0).cast(pl.Int64))
        num, den = pl.col("numerator"), pl.col("denominator")
        match f.aggregation:
            case Aggregation.COUNT | Aggregation.SUM | Aggregation.MEDIAN:
                value = num
            case Aggregation.RATIO | Aggregation.MEAN:
                value = pl.when(den != 0).then(num * f.scale / den).otherwise(None)
        parts.append(part.with_columns(value.alias("value")))
    if not parts:
        return pl.DataFrame()
    return pl.concat(parts).select(RESULT_COLUMNS).sort("figure", "unit_id", "period_end", "period_kind",
                                                         "segment", "segment_value")
