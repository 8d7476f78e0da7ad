"""The engine against the independent oracle on a synthetic municipality.

A small Eksempel Kommune from the generator is imported through the real importer; then,
for every figure, cells drawn across units, periods and segments are computed by both
implementations and must agree exactly.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import polars as pl
import pytest

from sigtepunkt.analytics.calendar import standard_periods
from sigtepunkt.analytics.catalogue import FIGURES
from sigtepunkt.analytics.engine.compute import catalogue_compute, open_engine
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.tests.oracle import Warehouse, oracle_cell
from sigtepunkt.testing import synthetic_warehouse

EXTRACT = dt.date(2025, 10, 31)
CELLS_PER_FIGURE = 2


@pytest.fixture(scope="module")
def municipality(tmp_path_factory: pytest.TempPathFactory) -> tuple[Warehouse, pl.DataFrame]:
    home = tmp_path_factory.mktemp("synthetic")
    settings = synthetic_warehouse(home, employees=150, seed=11, extract_date=EXTRACT)
    periods = [p for p in standard_periods(EXTRACT, years=3, months=3, quarters=2, rolling=2)]
    con = open_engine(settings.warehouse_path)
    result = catalogue_compute(con, Computation(EXTRACT, tuple(periods), ("job_group", "leader", "gender")))
    con.close()
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as wh:
        data = Warehouse.from_duckdb(wh)
    return data, result


def _cells(result: pl.DataFrame) -> list[dict]:
    rng = random.Random(20261130)
    chosen = []
    for figure in FIGURES:
        rows = result.filter((pl.col("figure") == figure.id) & (pl.col("n") > 0)).to_dicts()
        chosen.extend(rng.sample(rows, min(CELLS_PER_FIGURE, len(rows))))
    return chosen


def test_engine_equals_oracle_on_a_synthetic_municipality(municipality: tuple[Warehouse, pl.DataFrame]) -> None:
    data, result = municipality
    cells = _cells(result)
    assert {c["figure"] for c in cells} == {f.id for f in FIGURES}, "every figure has populated cells"
    mismatches = []
    for cell in cells:
        expected = oracle_cell(data, figure_id=cell["figure"], unit_id=cell["unit_id"], p0=cell["period_start"],
                               p1=cell["period_end"], extract_date=EXTRACT, segment=cell["segment"],
                               segment_value=cell["segment_value"])
        for name in ("value", "numerator", "denominator"):
            got, want = cell[name], getattr(expected, name)
            if (got is None) != (want is None) or (got is not None and got != pytest.approx(want, rel=1e-9, abs=1e-9)):
                mismatches.append((cell["figure"], cell["unit_id"], cell["period_end"], cell["segment_value"], name, got, want))
        if cell["n"] != expected.n:
            mismatches.append((cell["figure"], cell["unit_id"], cell["period_end"], cell["segment_value"], "n", cell["n"], expected.n))
    assert mismatches == []
