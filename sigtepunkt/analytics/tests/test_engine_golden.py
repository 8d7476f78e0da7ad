"""The engine against every hand-worked expectation of the golden cases (cases/*.yaml).

The same expectations prove the independent oracle (test_oracle_golden.py), so engine,
oracle and hand arithmetic agree on every hard case the catalogue names.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import duckdb
import polars as pl
import pytest

from sigtepunkt.analytics.calendar import Period, PeriodKind
from sigtepunkt.analytics.catalogue import FIGURES_BY_ID
from sigtepunkt.analytics.engine.compute import catalogue_compute
from sigtepunkt.analytics.engine.context import ALL_DIMS, EMPLOYMENT_DIMS, Computation
from sigtepunkt.analytics.tests.oracle import Warehouse
from sigtepunkt.analytics.tests.test_oracle_golden import assert_close, exact, load_cases

CASES = dict(load_cases())


def _period(p0: dt.date, p1: dt.date) -> Period:
    # The engine labels periods by kind; a case's period is whatever span it names.
    return Period(p0, p1, PeriodKind.MONTH if (p1 - p0).days < 31 else PeriodKind.YEAR)


# Every segment dimension the cases use, and the employment's alone: without person dimensions
# the families sum fewer columns and take other paths (the stock's unit rows pass as their
# scope's sums where nothing meets them, `snapshots._stock_cells`), so both are checked.
DIMS = {"all": tuple(d for d in ALL_DIMS if d not in ("programme", "route", "adult")),
        "employment": EMPLOYMENT_DIMS}


@cache
def engine_result(case_name: str, dims_name: str = "all") -> pl.DataFrame:
    """Run the engine once over a case: every period and segment its expectations use."""
    case = CASES[case_name]
    con = duckdb.connect()
    Warehouse.from_case(case).to_duckdb(con)
    periods = tuple(sorted({_period(e["p0"], e["p1"]) for e in case["expectations"]},
                           key=lambda p: (p.p0, p.p1)))
    dims = DIMS[dims_name]
    figures = tuple(FIGURES_BY_ID[f] for f in sorted({e["figure"] for e in case["expectations"]}))
    result = catalogue_compute(con, Computation(case["extract_date"], periods, dims), figures=figures)
    con.close()
    return result


def expectations() -> list[pytest.param]:
    """Each expectation with every dimension set, and with the employment's dimensions alone
    where its segment is the total or one of those."""
    return [
        pytest.param(name, e, dims, id=f"{name}-{i}-{e['figure']}-{e['unit']}-{e['p1']}-"
                                       f"{e.get('segment_value') or 'total'}-{dims}")
        for name, case in CASES.items() for i, e in enumerate(case["expectations"])
        for dims in DIMS
        if dims == "all" or e.get("segment", "total") in ("total", *EMPLOYMENT_DIMS)
    ]


@pytest.mark.parametrize(("case_name", "expected", "dims"), expectations())
def test_engine_matches_hand_worked_value(case_name: str, expected: dict, dims: str) -> None:
    result = engine_result(case_name, dims)
    cell = result.filter(
        (pl.col("figure") == expected["figure"]) & (pl.col("unit_id") == expected["unit"])
        & (pl.col("period_start") == expected["p0"]) & (pl.col("period_end") == expected["p1"])
        & (pl.col("segment") == expected.get("segment", "total"))
        & (pl.col("segment_value") == str(expected.get("segment_value", "")))
    )
    assert cell.height <= 1
    if cell.height == 0:
        # No cell means no population: only right when the expectation says so.
        assert expected["n"] == 0, "the engine produced no cell"
        assert exact(expected["value"]) is None or exact(expected["value"]) == 0
        return
    row = cell.row(0, named=True)
    value = exact(expected["value"])
    if "decimals" in expected and row["value"] is not None:
        assert round(row["value"], expected["decimals"]) == pytest.approx(float(value), abs=1e-12)
    else:
        assert_close(row["value"], value, "value")
    assert_close(row["numerator"], exact(expected["numerator"]), "numerator")
    assert_close(row["denominator"], exact(expected["denominator"]), "denominator")
    assert row["n"] == expected["n"], f"n: {row['n']} != {expected['n']}"
