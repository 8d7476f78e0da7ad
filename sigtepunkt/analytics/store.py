"""The measurements store: aggregates only, the one place screens, reports and the API read.

A separate DuckDB file (`measurements.duckdb` in the data folder) so that nothing that reads
results can reach person-level rows. Suppressed cells are stored with value, numerator,
denominator and n set to NULL: the hidden numbers never leave the engine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1
COLUMNS = (
    "figure", "figure_version", "unit_id", "period_kind", "period_start", "period_end", "segment",
    "segment_value", "value", "numerator", "denominator", "n", "suppressed", "suppression_reason",
    "data_version", "computed_at",
)
DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS measurements (
        figure VARCHAR NOT NULL, figure_version INTEGER NOT NULL, unit_id VARCHAR NOT NULL,
        period_kind VARCHAR NOT NULL, period_start DATE NOT NULL, period_end DATE NOT NULL,
        segment VARCHAR NOT NULL, segment_value VARCHAR NOT NULL,
        value DOUBLE, numerator DOUBLE, denominator DOUBLE, n BIGINT,
        suppressed BOOLEAN NOT NULL, suppression_reason VARCHAR,
        data_version VARCHAR NOT NULL, computed_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS units (
        unit_id VARCHAR NOT NULL, parent_id VARCHAR, name VARCHAR NOT NULL, level VARCHAR NOT NULL,
        valid_from DATE NOT NULL, valid_to DATE)""",
)


def store_path(home: Path) -> Path:
    return home / "measurements.duckdb"


def open_store(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only and not path.exists():
        raise FileNotFoundError(path)
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        for statement in DDL:
            con.execute(statement)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    return con


@contextlib.contextmanager
def store_writing(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a private copy of the store for writing and put it in place atomically when done.

    The web application keeps read-only connections to the store open; DuckDB lets no
    process write a file that another process reads. So writers work on a copy and
    `os.replace` it over the original: readers holding the old file keep reading a
    consistent version until they reopen, and a writer that fails leaves the store as it was.
    """
    work = path.with_name(path.name + ".writing")
    work.unlink(missing_ok=True)
    if path.exists():
        shutil.copyfile(path, work)
    con = open_store(work)
    try:
        yield con
        con.execute("CHECKPOINT")
        con.close()
        os.replace(work, path)
    except BaseException:
        con.close()
        work.unlink(missing_ok=True)
        raise
    finally:
        Path(str(work) + ".wal").unlink(missing_ok=True)


def measurements_replace(con: duckdb.DuckDBPyConnection, cells: pl.DataFrame, units: pl.DataFrame, *,
                         data_version: str, extract_date: dt.date, threshold: int) -> int:
    """Replace the stored results of the figures in `cells` with `cells`, in one transaction."""
    computed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    frame = cells.with_columns(
        pl.lit(data_version).alias("data_version"), pl.lit(computed_at).alias("computed_at"),
    ).select(COLUMNS)
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("incoming", frame.to_arrow())
        con.execute("DELETE FROM measurements WHERE figure IN (SELECT DISTINCT figure FROM incoming)")
        con.execute(f"INSERT INTO measurements SELECT {', '.join(COLUMNS)} FROM incoming "
                    "ORDER BY unit_id, figure, segment, period_kind, period_start")
        con.unregister("incoming")
        con.register("incoming_units", units.to_arrow())
        con.execute("DELETE FROM units")
        con.execute("INSERT INTO units SELECT unit_id, parent_id, name, level, valid_from, valid_to "
                    "FROM incoming_units")
        con.unregister("incoming_units")
        for key, value in (("data_version", data_version), ("extract_date", extract_date.isoformat()),
                           ("suppression_threshold", str(threshold)), ("computed_at", computed_at.isoformat())):
            con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return frame.height


def measurements_export(con: duckdb.DuckDBPyConnection, path: Path, *, figures: list[str] | None = None) -> int:
    """Write the long format (one row per cell) as CSV, UTF-8; suppressed cells have empty numbers."""
    where = ""
    if figures:
        quoted = ", ".join("'" + f.replace("'", "''") + "'" for f in figures)
        where = f"WHERE m.figure IN ({quoted})"
    relation = con.sql(f"""
        SELECT m.figure, m.unit_id AS unit, u.name AS unit_name, m.period_kind, m.period_start, m.period_end,
               m.segment, m.segment_value, m.value, m.numerator, m.denominator, m.n, m.suppressed
        FROM measurements m
        LEFT JOIN (SELECT unit_id, arg_max(name, valid_from) AS name FROM units GROUP BY unit_id) u USING (unit_id)
        {where}
        ORDER BY m.figure, m.unit_id, m.period_end, m.period_kind, m.segment, m.segment_value""")
    frame = relation.pl()
    frame.write_csv(path)
    return frame.height


def measurements_export_with_benchmarks(con: duckdb.DuckDBPyConnection, path: Path, *,
                                        figures: list[str] | None = None) -> int:
    """Write the long format like `measurements_export`, with the stored benchmarks as rows beside them.

    Two columns are added: `benchmark_set` (empty for the municipality's own cells) and
    `source`. A benchmark row has the set's name as `unit_name`, no unit, numerator,
    denominator or n, and is never suppressed (it is a published figure).
    """
    from sigtepunkt.analytics.benchmarks.table import benchmarks_table_exists

    where, params = "", []
    if figures:
        where, params = f"WHERE figure IN ({', '.join('?' * len(figures))})", list(figures)
    own = f"""
        SELECT m.figure, m.unit_id AS unit, u.name AS unit_name, m.period_kind, m.period_start, m.period_end,
               m.segment, m.segment_value, m.value, m.numerator, m.denominator, m.n, m.suppressed,
               CAST(NULL AS VARCHAR) AS benchmark_set, CAST(NULL AS VARCHAR) AS source
        FROM measurements m
        LEFT JOIN (SELECT unit_id, arg_max(name, valid_from) AS name FROM units GROUP BY unit_id) u USING (unit_id)
        {where.replace('figure', 'm.figure', 1)}"""
    external = f"""
        SELECT figure, NULL, set_name, period_kind, period_start, period_end, segment, segment_value, value,
               NULL, NULL, NULL, false, set_name, source
        FROM benchmarks {where}"""
    query = own + (f" UNION ALL {external}" if benchmarks_table_exists(con) else "")
    params = params * (2 if benchmarks_table_exists(con) else 1)
    frame = con.sql(
        f"SELECT * FROM ({query}) ORDER BY figure, benchmark_set NULLS FIRST, unit, period_end, period_kind, "
        "segment, segment_value", params=params,
    ).pl()
    frame.write_csv(path)
    return frame.height
