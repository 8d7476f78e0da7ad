"""The whole catalogue on embedded DuckDB and on Spark gives the same cells.

A small synthetic municipality is imported through the real importer; every figure is
computed for a few periods and two segment dimensions, once on DuckDB and once on a local
Spark session through `SparkBackend` (the same engine SQL, transpiled by SQLGlot). The two
results must hold the same cells with equal values. This test never skips: without Java
or pyspark it fails, since it is what proves the engine portable.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from sigtepunkt.analytics.calendar import standard_periods
from sigtepunkt.analytics.catalogue import FIGURES
from sigtepunkt.analytics.engine.backend import DuckDBBackend, SparkBackend, spark_session
from sigtepunkt.analytics.engine.compute import RESULT_COLUMNS, catalogue_compute, open_engine
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.sql_parts import (
    add_months,
    days_between,
    one_year_after,
    one_year_before,
    pension_day,
    years_between,
)
from sigtepunkt.testing import synthetic_warehouse

EXTRACT = dt.date(2025, 10, 31)
KEYS = ["figure", "unit_id", "period_kind", "period_start", "period_end", "segment", "segment_value"]
RELATIVE = 1e-9


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One local Spark session for the module (it takes 5-20 s to start)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.fail("Spark needs Java, and no 'java' is on PATH: run scripts/setup.sh test "
                    "(it installs openjdk-17-jre-headless) or set JAVA_HOME.")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.fail("pyspark is not installed: run scripts/setup.sh test (pyproject's 'test' extra pins it).")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = spark_session(master="local[2]", warehouse_dir=tmp_path_factory.mktemp("spark-warehouse"),
                            config={"spark.sql.shuffle.partitions": "2"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("spark-parity")
    return synthetic_warehouse(home, employees=120, seed=5, extract_date=EXTRACT).warehouse_path


def _differs(column: str) -> pl.Expr:
    """Rows where DuckDB's and Spark's `column` differ by more than RELATIVE (NULL only equals NULL)."""
    duck, spark = pl.col(column), pl.col(f"{column}_spark")
    scale = pl.max_horizontal(duck.abs(), spark.abs(), pl.lit(1.0))
    close = (duck - spark).abs() <= RELATIVE * scale
    return ~((duck.is_null() & spark.is_null()) | (duck.is_not_null() & spark.is_not_null() & close))


def test_whole_catalogue_is_identical_on_duckdb_and_spark(spark: object, warehouse: Path) -> None:
    periods = tuple(standard_periods(EXTRACT, years=2, months=2, quarters=1, rolling=1))
    comp = Computation(EXTRACT, periods, ("job_group", "gender"))
    con = open_engine(warehouse)
    try:
        duck = catalogue_compute(con, comp)
    finally:
        con.close()
    backend = SparkBackend(spark, warehouse)  # type: ignore[arg-type]
    try:
        on_spark = catalogue_compute(backend, comp)
    finally:
        backend.close()

    assert duck.columns == on_spark.columns == list(RESULT_COLUMNS)
    assert duck.schema == on_spark.schema
    assert {f.id for f in FIGURES} == set(duck["figure"]), "every figure has cells"
    assert duck.filter(pl.col("n") > 0).height > 1000, "the municipality is large enough to mean something"
    assert duck.height == on_spark.height
    assert duck.select(KEYS).equals(on_spark.select(KEYS)), "same cells in the same order"

    joined = duck.join(on_spark, on=KEYS, how="inner", suffix="_spark", nulls_equal=True)
    assert joined.height == duck.height, "every cell is unique and found on both engines"
    for column in ("value", "numerator", "denominator"):
        wrong = joined.filter(_differs(column))
        assert wrong.is_empty(), f"{column} differs: {wrong.select(*KEYS, column, f'{column}_spark').head(5).to_dicts()}"
    wrong = joined.filter(pl.col("n") != pl.col("n_spark"))
    assert wrong.is_empty(), f"n differs: {wrong.select(*KEYS, 'n', 'n_spark').head(5).to_dicts()}"


def test_date_arithmetic_and_median_agree(spark: object) -> None:
    """The constructs the dialects disagree on most easily, one row each, on both engines."""
    import duckdb

    birth = "DATE '1960-02-29'"
    sql = f"""
        SELECT {one_year_after("DATE '2024-02-29'")} AS after_leap,
               {one_year_before("DATE '2024-02-29'")} AS before_leap,
               {add_months("DATE '2025-01-31'", 1)} AS end_of_february,
               {days_between("DATE '2025-03-01'", "DATE '2025-11-01'")} AS across_dst,
               {days_between("DATE '1900-01-01'", "DATE '2025-10-31'")} AS since_1900,
               {years_between("DATE '2000-01-01'", "DATE '2025-10-31'")} AS years,
               {pension_day(birth)} AS pension,
               7 // 2 AS whole, (SELECT median(x) FROM (VALUES (1), (2), (4), (10)) v(x)) AS median_even,
               (SELECT any_value(x) FROM (VALUES (NULL), (3)) v(x)) AS any_non_null"""
    with duckdb.connect() as con:
        expected = DuckDBBackend(con).to_polars(sql)
    got = SparkBackend(spark).to_polars(sql)  # type: ignore[arg-type]
    assert expected.row(0, named=True) == {
        "after_leap": dt.date(2025, 2, 28), "before_leap": dt.date(2023, 2, 28),
        "end_of_february": dt.date(2025, 2, 28), "across_dst": 245, "since_1900": 45959,
        "years": 9435 / 365.25, "pension": dt.date(2027, 2, 28), "whole": 3, "median_even": 3.0,
        "any_non_null": 3,
    }
    assert got.row(0, named=True) == expected.row(0, named=True)
