"""Where the engine's SQL runs: embedded DuckDB by default, Spark for national scale.

The engine (`prepare`, `families`, `compute`) writes its SQL once, in DuckDB's dialect, and
talks to the database only through the six calls of `Backend`. `DuckDBBackend` runs the
SQL as it is. `SparkBackend` transpiles each statement with SQLGlot (`spark_sql`), keeps
every intermediate table as a cached temporary view, and reads the warehouse tables from
the DuckDB warehouse file through Arrow. The engine's SQL is kept to constructs both
engines agree on after transpilation (see `sql_parts`: day differences, year fractions,
month arithmetic), so `spark_sql` needs no string fixes of its own.

`tests/test_spark_parity.py` runs the whole catalogue on both backends and compares.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import duckdb
import polars as pl
import pyarrow as pa
import sqlglot

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

logger = logging.getLogger(__name__)

# The warehouse tables the engine reads (see `prepare` and `families`).
WAREHOUSE_TABLES = ("employments", "org_units", "absences", "persons", "education", "job_ads",
                    "development_talks", "course_completions")


@runtime_checkable
class Backend(Protocol):
    """The six things the engine asks of a database."""

    name: str
    # Whether a CTE that a statement reads twice is computed once. Spark inlines every
    # deterministic CTE wherever it is read, so SQL that chains CTEs (the roll-up level by
    # level, `families.common.up_the_tree`) would compute each link again for every later one.
    computes_ctes_once: bool

    def execute(self, sql: str) -> None:
        """Run one statement (DuckDB dialect) for its effect."""

    def register(self, name: str, table: pa.Table) -> None:
        """Make an Arrow table readable as the temporary table `name`."""

    def create_table(self, name: str, select_sql: str) -> None:
        """Materialise a SELECT (DuckDB dialect) as the temporary table `name`, replacing it."""

    def create_view(self, name: str, select_sql: str) -> None:
        """Name a SELECT (DuckDB dialect) as the temporary view `name`, run whenever it is read."""

    def to_polars(self, sql: str) -> pl.DataFrame:
        """Run a SELECT (DuckDB dialect) and return its rows."""

    def drop(self, name: str) -> None:
        """Forget the temporary table or view `name` (an intermediate no later step reads)."""


class DuckDBBackend:
    """The embedded default: the SQL runs as written on one DuckDB connection.

    When the connection's own database is in memory (`compute.open_engine`, or a test's
    `duckdb.connect()`), the engine's tables are made there, where other connections to the
    same database see them too (`cursor`): `compute` runs measure families side by side that
    way. With a database file as its own, they are temporary tables, so that nothing is ever
    written into the file.
    """

    name = "duckdb"
    computes_ctes_once = True

    def __init__(self, con: duckdb.DuckDBPyConnection, shared: bool | None = None,
                 views: set[str] | None = None) -> None:
        self.con = con
        if shared is None:
            shared = bool(con.sql("SELECT path IS NULL FROM duckdb_databases() "
                                  "WHERE database_name = current_database()").fetchall()[0][0])
        self.shared = shared
        self._temp = "" if shared else "TEMP "
        # The names made by `create_view` (shared with this backend's cursors), so that `drop`
        # knows a view without asking the catalogue (4.5 ms a question, a hundred drops a run).
        self._views = views if views is not None else set()

    def cursor(self) -> DuckDBBackend:
        """Another connection to the same database, for work on another thread (shared tables only)."""
        assert self.shared
        return DuckDBBackend(self.con.cursor(), shared=True, views=self._views)

    def execute(self, sql: str) -> None:
        self.con.execute(sql)

    def register(self, name: str, table: pa.Table) -> None:
        self.con.register(f"{name}_frame", table)
        self.con.execute(f"CREATE OR REPLACE {self._temp}TABLE {name} AS SELECT * FROM {name}_frame")
        self.con.unregister(f"{name}_frame")

    def create_table(self, name: str, select_sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE {self._temp}TABLE {name} AS {select_sql}")

    def create_view(self, name: str, select_sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE {self._temp}VIEW {name} AS {select_sql}")
        self._views.add(name)

    def to_polars(self, sql: str) -> pl.DataFrame:
        return self.con.sql(sql).pl()

    def drop(self, name: str) -> None:
        kind = "VIEW" if name in self._views else "TABLE"
        self._views.discard(name)
        self.con.execute(f"DROP {kind} IF EXISTS {name}")


def as_backend(con: Backend | duckdb.DuckDBPyConnection) -> Backend:
    """A backend for `con`: a plain DuckDB connection is wrapped, a backend is returned as is."""
    if isinstance(con, duckdb.DuckDBPyConnection):
        return DuckDBBackend(con)
    return con


def spark_sql(sql: str) -> str:
    """One DuckDB statement as Spark SQL: the one place where the dialects are reconciled.

    SQLGlot does all of it; the engine's SQL avoids what would not survive the trip:
    - `date_diff('day', a, b)` becomes `DATEDIFF(DAY, a, b)` (Spark's timestampdiff, which
      goes through timestamps: exact in the UTC session time zone `SparkBackend` sets).
    - `median` stays `MEDIAN` (Spark 3.4+: exact, averages the two middle values, like DuckDB).
    - `any_value` becomes `ANY_VALUE(...) IGNORE NULLS` (DuckDB skips NULLs too); `//` becomes `DIV`.
    - `d + INTERVAL 1 YEAR` / `INTERVAL n MONTH` stay year-month intervals, which Spark adds
      like `add_months` (29 February + 1 year = 28 February, as in DuckDB). DuckDB's
      `to_months(expr)` has no Spark form, so the engine writes literal intervals instead.
    - `"a#b"` identifiers become backticks; ORDER BY gets DuckDB's implicit NULLS LAST.
    - `int / 365.25` is a DOUBLE in DuckDB but a DECIMAL(10,6) in Spark, so the engine casts
      the integer to DOUBLE first (`sql_parts.years_between`).
    - `WITH x AS NOT MATERIALIZED (...)` (DuckDB: compute the CTE wherever it is read rather than
      write it out) loses the hint: Spark has no such syntax and inlines every CTE anyway.
    """
    trees = sqlglot.parse(sql, read="duckdb")
    if len(trees) != 1 or trees[0] is None:
        raise ValueError(f"expected one SQL statement, got {len(trees)}")
    for cte in trees[0].find_all(sqlglot.exp.CTE):
        cte.set("materialized", None)
    return trees[0].sql(dialect="spark")


class SparkBackend:
    """The engine on Spark: transpiled SQL, intermediate tables as cached temporary views.

    `warehouse` (a DuckDB warehouse file) is read once through Arrow into temporary views
    named like the warehouse tables. At national scale the same views would be defined
    over the warehouse's Parquet export instead (`spark.read.parquet(...)`); the engine does
    not care where a view's rows come from.
    """

    name = "spark"
    computes_ctes_once = False

    def __init__(self, spark: SparkSession, warehouse: Path | None = None,
                 tables: tuple[str, ...] = WAREHOUSE_TABLES) -> None:
        self.spark = spark
        # Dates only, but DATEDIFF(DAY, ...) goes through timestamps: keep them in UTC.
        spark.conf.set("spark.sql.session.timeZone", "UTC")
        self._cached: dict[str, DataFrame] = {}
        if warehouse is not None:
            self.load_warehouse(warehouse, tables)

    def load_warehouse(self, warehouse: Path, tables: tuple[str, ...] = WAREHOUSE_TABLES) -> None:
        """Copy the warehouse's tables (read-only) into Spark temporary views of the same names."""
        with duckdb.connect(str(warehouse), read_only=True) as wh:
            for table in tables:
                self.register(table, wh.sql(f"SELECT * FROM {table}").to_arrow_table())

    def execute(self, sql: str) -> None:
        self.spark.sql(spark_sql(sql)).collect()

    def register(self, name: str, table: pa.Table) -> None:
        # From Arrow directly (pyspark >= 4.0): an int column with NULLs stays a nullable
        # long (through pandas it would become a float with NaN).
        self._replace(name, self.spark.createDataFrame(table))

    def create_table(self, name: str, select_sql: str) -> None:
        self._replace(name, self.spark.sql(spark_sql(select_sql)))

    def create_view(self, name: str, select_sql: str) -> None:
        self.drop(name)
        self.spark.sql(spark_sql(select_sql)).createOrReplaceTempView(name)

    def to_polars(self, sql: str) -> pl.DataFrame:
        frame = pl.from_arrow(self.spark.sql(spark_sql(sql)).toArrow())
        assert isinstance(frame, pl.DataFrame)
        return frame

    def drop(self, name: str) -> None:
        frame = self._cached.pop(name, None)
        self.spark.catalog.dropTempView(name)
        if frame is not None:
            frame.unpersist()

    def _replace(self, name: str, frame: DataFrame) -> None:
        """Materialise `frame` now (each step runs once, like a DuckDB temp table) as view `name`.

        A local checkpoint, not just `cache()`: it also cuts the lineage, so a later step's
        plan starts from this step's rows instead of inlining every step before it (with
        `cache()` the final union of all figures grew too large to plan).
        """
        frame = frame.localCheckpoint(eager=True)
        old = self._cached.pop(name, None)
        frame.createOrReplaceTempView(name)
        if old is not None:
            old.unpersist()
        self._cached[name] = frame

    def close(self) -> None:
        """Drop the cached views (the session itself belongs to the caller)."""
        for name, frame in self._cached.items():
            self.spark.catalog.dropTempView(name)
            frame.unpersist()
        self._cached.clear()


def spark_session(*, master: str | None = None, warehouse_dir: Path | None = None,
                  config: dict[str, str] | None = None) -> SparkSession:
    """A Spark session set up the way the engine expects (Arrow on, UTC, quiet, no UI).

    `master` None leaves it to spark-submit or spark-defaults.conf (plain Python: local[*]).
    A local session gets two shuffle partitions per core (the default 200 are for clusters).
    SPARK_LOCAL_IP defaults to 127.0.0.1 so a laptop's session does not look for a network.
    """
    import os
    import tempfile

    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName("sigtepunkt")
    if master is not None:
        builder = builder.master(master)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.warehouse.dir": str(warehouse_dir or tempfile.mkdtemp(prefix="sigtepunkt-spark-")),
    }
    config = config or {}
    for key, value in {**settings, **config}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    if session.sparkContext.master.startswith("local") and "spark.sql.shuffle.partitions" not in config:
        session.conf.set("spark.sql.shuffle.partitions", str(2 * (os.cpu_count() or 1)))
    return session
