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
from sigtepunkt.analytics.catalogue.measures import MEASURES_BY_ID
from sigtepunkt.analytics.catalogue.model import Aggregation, KeyFigure
from sigtepunkt.analytics.engine import families, prepare
from sigtepunkt.analytics.engine.backend import Backend, as_backend
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.i18n import gettext as _

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


# DuckDB's own default is 80 % of the machine's memory, which on a shared server (the web app,
# other jobs) ends with the kernel killing the process instead of DuckDB spilling to disk.
# Arrow/Polars buffers and Python live outside this limit, hence well under the 8 GiB budget.
MEMORY_LIMIT = "5GB"


def open_engine(warehouse: Path | None = None, con: duckdb.DuckDBPyConnection | None = None,
                threads: int | None = None, memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that sees the warehouse's tables read-only.

    DuckDB keeps to `memory_limit` and spills what does not fit to a folder beside the
    warehouse (its default would be `.tmp` in whatever folder the user runs from); insertion
    order is not kept, since every result is sorted or keyed explicitly.
    """
    if con is None:
        assert warehouse is not None
        con = duckdb.connect()
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        con.execute(f"SET memory_limit = '{memory_limit}'")
        spill = warehouse.parent / "engine-spill"
        con.execute(f"SET temp_directory = '{spill.as_posix()}'")
        con.execute("SET preserve_insertion_order = false")
        con.execute(f"ATTACH '{warehouse.as_posix()}' AS wh (READ_ONLY)")
        con.execute("USE wh")
    return con


def catalogue_compute(con: Backend | duckdb.DuckDBPyConnection, comp: Computation, *,
                      figures: tuple[KeyFigure, ...] = FIGURES, progress: Progress = _noop,
                      timings: list[Timing] | None = None) -> pl.DataFrame:
    """Every figure for every scope, period and segment of `comp`, as a long table (RESULT_COLUMNS).

    `con` is a DuckDB connection (see `open_engine`) or any `backend.Backend` (e.g. Spark).
    """
    backend = as_backend(con)
    cells_table(backend, comp, figures=figures, progress=progress, timings=timings)
    return backend.to_polars(f"SELECT {', '.join(RESULT_COLUMNS)} FROM cells ORDER BY figure, unit_id, "
                             "period_end, period_kind, segment, segment_value")


def cells_table(con: Backend | duckdb.DuckDBPyConnection, comp: Computation, *,
                figures: tuple[KeyFigure, ...] = FIGURES, progress: Progress = _noop,
                timings: list[Timing] | None = None) -> None:
    """Compute into the temporary table `cells`, leaving the results inside the backend.

    Each measure family runs once into a wide table (one column per measure); the families
    of one population are joined on (scope, period, segment) and every figure is one SELECT
    over that join, so no figure pays for a scan another has already done.
    """
    backend = as_backend(con)
    timings = timings if timings is not None else []
    needed = {m for f in figures for m in (f.numerator, f.denominator, _n_of(f)) if m}
    steps = [(fam.__name__, _as_family(fam(comp))) for fam in families.FAMILIES]
    steps = [step for step in steps if needed & set(step[1].measures)]
    total = len(steps) + 2
    clock = time.perf_counter()
    progress(_("Computing key figures"), 0, total)
    prepare.build(backend, comp)
    timings.append(Timing("prepare", time.perf_counter() - clock))
    columns: dict[str, str] = {}  # measure -> family table
    for number, (name, family) in enumerate(steps, start=1):
        progress(_("Computing key figures"), number, total)
        clock = time.perf_counter()
        for staged, select in family.staged:
            backend.create_table(staged, select)
        backend.create_table(f"fam_{name}", family.sql)
        for staged, _select in family.staged:
            backend.drop(staged)
        columns.update({m: f"fam_{name}" for m in family.measures})
        timings.append(Timing(name, time.perf_counter() - clock))
    clock = time.perf_counter()
    prepare.release(backend, comp)
    _assemble(backend, comp, figures, columns)
    timings.append(Timing("assemble", time.perf_counter() - clock))
    progress(_("Computing key figures"), total, total)


def _as_family(result: families.Family | tuple[str, list[str]]) -> families.Family:
    return result if isinstance(result, families.Family) else families.Family(*result)


def _n_of(figure: KeyFigure) -> str:
    """The measure giving n: for measures that count events, its count of distinct persons."""
    measure = figure.n_measure
    return f"{measure}#persons" if measure in EVENT_COUNTS else measure


def _allowed_dims(comp: Computation, figure: KeyFigure) -> tuple[str, ...]:
    """The total plus the figure's segments that this computation splits by (its own always)."""
    wanted = (*comp.dims, *figure.segments)
    return ("total", *[d for d in figure_segments(figure) if d in wanted])


def _value_sql(figure: KeyFigure, num: str, den: str) -> str:
    match figure.aggregation:
        case Aggregation.COUNT | Aggregation.SUM | Aggregation.MEDIAN:
            return num
        case Aggregation.RATIO | Aggregation.MEAN:
            return f"CASE WHEN {den} <> 0 THEN {num} * {figure.scale!r} / {den} END"
    raise AssertionError(figure.aggregation)


def _figure_select(figure: KeyFigure, comp: Computation, source: str) -> str:
    zero = "" if figure.aggregation is Aggregation.MEDIAN else ", 0"
    num = f'CAST(coalesce(w."{figure.numerator}"{zero}) AS DOUBLE)'
    den = f'CAST(coalesce(w."{figure.denominator}", 0) AS DOUBLE)' if figure.denominator else "CAST(NULL AS DOUBLE)"
    n = f'CAST(coalesce(w."{_n_of(figure)}", 0) AS BIGINT)'
    dims = ", ".join(f"'{d}'" for d in _allowed_dims(comp, figure))
    months = f" AND w.period_months = {figure.period_months}" if figure.period_months else ""
    return f"""
        SELECT '{figure.id}' AS figure, w.scope_id AS unit_id, w.period_kind, w.period_start, w.period_end,
               w.dim AS segment, w.val AS segment_value, {_value_sql(figure, num, den)} AS value,
               {num} AS numerator, {den} AS denominator, {n} AS n
        FROM {source} w
        WHERE w.dim IN ({dims}){months}"""


def _assemble(backend: Backend, comp: Computation, figures: tuple[KeyFigure, ...],
              columns: dict[str, str]) -> None:
    """Join each population's family tables and select every figure from the join into `cells`.

    The period's kind and dates are joined into the wide table once, not into every figure's SELECT.
    """
    selects = []
    for population, group in _by_population(figures, columns).items():
        tables = sorted({columns[m] for f in group for m in (f.numerator, f.denominator, _n_of(f)) if m})
        joined = tables[0] + "".join(f" FULL OUTER JOIN {t} USING (scope_id, period_id, dim, val)" for t in tables[1:])
        backend.create_table(f"wide_{population}", f"""
            SELECT w.*, p.kind AS period_kind, p.p0 AS period_start, p.p1 AS period_end, p.months AS period_months
            FROM (SELECT * FROM {joined}) w JOIN periods p USING (period_id)""")
        selects.extend(_figure_select(f, comp, f"wide_{population}") for f in group)
    for table in sorted(set(columns.values())):
        backend.drop(table)
    backend.create_table("cells", " UNION ALL ".join(selects))
    for population in _by_population(figures, columns):
        backend.drop(f"wide_{population}")


def _by_population(figures: tuple[KeyFigure, ...], columns: dict[str, str]) -> dict[str, list[KeyFigure]]:
    groups: dict[str, list[KeyFigure]] = {}
    for f in figures:
        groups.setdefault(MEASURES_BY_ID[f.numerator].population.value, []).append(f)
    return groups
