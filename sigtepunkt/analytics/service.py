"""The one service the CLI and the web app call to (re)compute the key figures.

It reads the warehouse read-only, computes the catalogue, applies small-group suppression
(with complementary suppression) and replaces the results in the measurements store.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import polars as pl

from sigtepunkt.analytics.calendar import Period, standard_periods
from sigtepunkt.analytics.catalogue import FIGURES, get_figure
from sigtepunkt.analytics.catalogue.model import KeyFigure
from sigtepunkt.analytics.engine.compute import Timing, catalogue_compute, open_engine
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.store import measurements_replace, store_path, store_writing
from sigtepunkt.analytics.suppression import suppress
from sigtepunkt.config import Settings
from sigtepunkt.i18n import gettext as _
from sigtepunkt.warehouse.connection import WarehouseError, open_warehouse

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
DEFAULT_DIMS = ("job_group", "leader", "age_band", "employment_type", "gender")


@dataclass
class MeasureReport:
    extract_date: dt.date
    data_version: str
    figures: int
    periods: int
    cells: int
    suppressed: int
    seconds: float
    timings: list[Timing] = field(default_factory=list)


def _noop(stage: str, done: int, total: int) -> None:
    return None


def data_version_of(con: duckdb.DuckDBPyConnection) -> tuple[dt.date, str]:
    """The warehouse's extract date and a version naming the data: the last accepted import."""
    row = con.execute(
        "SELECT max(import_id), max(extract_date) FROM import_log WHERE status = 'accepted'"
    ).fetchall()[0]
    if row[0] is None:
        raise WarehouseError(_("The warehouse holds no data yet. Import the HR exports first ('sigtepunkt import')."))
    return row[1], f"import-{row[0]}"


def unit_parents(con: duckdb.DuckDBPyConnection, periods: list[Period]) -> pl.DataFrame:
    """Each unit's parent in each period: the validity row overlapping the period that starts last."""
    frame = pl.DataFrame({"period_start": [p.p0 for p in periods], "period_end": [p.p1 for p in periods]})
    con.register("period_frame", frame.to_arrow())
    parents = con.sql("""
        SELECT o.unit_id, arg_max(o.parent_id, o.valid_from) AS parent_id, p.period_start, p.period_end
        FROM org_units o JOIN period_frame p
          ON o.valid_from <= p.period_end AND coalesce(o.valid_to, DATE '9999-12-31') >= p.period_start
        GROUP BY o.unit_id, p.period_start, p.period_end""").pl()
    con.unregister("period_frame")
    return parents


def _spark_compute(settings: Settings, comp: Computation, *, figures: tuple[KeyFigure, ...], progress: Progress,
                   timings: list[Timing]) -> pl.DataFrame:
    """The catalogue computed on Spark (the same engine SQL; see `engine.backend`)."""
    try:
        from sigtepunkt.analytics.engine.backend import SparkBackend, spark_session
        session = spark_session()
    except Exception as exc:  # pyspark missing, or no Java for it to start
        raise WarehouseError(_("Spark could not start ({error}). It needs Java and pyspark: "
                               "run scripts/setup.sh test.").format(error=exc)) from exc
    backend = SparkBackend(session, settings.warehouse_path)
    try:
        return catalogue_compute(backend, comp, figures=figures, progress=progress, timings=timings)
    finally:
        backend.close()


def key_figures_measure(
    *, settings: Settings, figure_ids: list[str] | None = None, dims: tuple[str, ...] = DEFAULT_DIMS,
    periods: list[Period] | None = None, progress: Progress = _noop, engine: str = "duckdb",
) -> MeasureReport:
    """Compute, suppress and store the key figures; return what was done.

    `engine` is where the catalogue is computed: "duckdb" (embedded, the default) or "spark"
    (a Spark session: local unless spark-submit or spark-defaults.conf say otherwise).
    """
    if engine not in ("duckdb", "spark"):
        raise ValueError(f"unknown engine {engine!r}: 'duckdb' or 'spark'")
    clock = time.perf_counter()
    figures: tuple[KeyFigure, ...] = tuple(get_figure(f) for f in figure_ids) if figure_ids else FIGURES
    with open_warehouse(settings, read_only=True) as wh:
        extract_date, data_version = data_version_of(wh)
        units = wh.sql("SELECT unit_id, parent_id, name, level, valid_from, valid_to FROM org_units").pl()
    periods = periods or standard_periods(extract_date)
    con = open_engine(settings.warehouse_path)
    try:
        timings: list[Timing] = []
        comp = Computation(extract_date, tuple(periods), dims)
        if engine == "spark":
            cells = _spark_compute(settings, comp, figures=figures, progress=progress, timings=timings)
        else:
            cells = catalogue_compute(con, comp, figures=figures, progress=progress, timings=timings)
        progress(_("Suppressing small groups"), 0, 1)
        step = time.perf_counter()
        protected = suppress(cells, parents=unit_parents(con, periods), threshold=settings.suppression_threshold,
                             audit=settings.suppression_audit)
        timings.append(Timing("suppress", time.perf_counter() - step))
        progress(_("Suppressing small groups"), 1, 1)
    finally:
        con.close()
    versions = pl.DataFrame({"figure": [f.id for f in figures], "figure_version": [f.version for f in figures]})
    protected = protected.join(versions, on="figure", how="left")
    with store_writing(store_path(settings.home)) as store:
        step = time.perf_counter()
        measurements_replace(store, protected, units, data_version=data_version, extract_date=extract_date,
                             threshold=settings.suppression_threshold)
        timings.append(Timing("store", time.perf_counter() - step))
    return MeasureReport(
        extract_date=extract_date, data_version=data_version, figures=len(figures), periods=len(periods),
        cells=protected.height, suppressed=int(protected["suppressed"].sum()),
        seconds=time.perf_counter() - clock, timings=timings,
    )
