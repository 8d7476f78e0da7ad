"""The key-figure benchmark's machinery at a tiny size, and the pandas catalogue against the engine.

Timings are never asserted: only that the benchmark runs end to end and writes its files,
and that the pandas comparison computes the same figures as the engine where it makes no
simplification.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from benchmarks.data_foundation import ROOT
from benchmarks.pandas_catalogue import compute_catalogue
from benchmarks.pandas_catalogue.compare import compare, engine_cells
from sigtepunkt.analytics.calendar import standard_periods
from sigtepunkt.testing import synthetic_warehouse

EXTRACT = dt.date(2026, 10, 31)
# Figures that need no organisation-tree history: pandas (tree at p1) and the engine agree exactly.
EXACT = ("headcount", "fte", "fte_average", "sickness_absence_rate", "sickness_absence_days_per_fte")


def test_benchmark_runs_and_writes_its_results(tmp_path: Path) -> None:
    results, doc = tmp_path / "results", tmp_path / "performance.md"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.key_figures", "--sizes", "200", "--years", "2", "--months", "3",
         "--repeat", "2", "--work", str(tmp_path / "work"), "--results", str(results), "--doc", str(doc)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads((results / "key-figures.json").read_text())
    assert {"measured", "cpus", "memory_gib", "duckdb", "pandas"} <= set(data["meta"])
    assert sorted(r["step"] for r in data["runs"]) == ["engine", "floor", "pandas"]
    for run in data["runs"]:
        assert run["employees"] == 200
        assert {"seconds", "wall_seconds", "peak_rss_mib", "cells"} <= set(run)
        assert run["cells"] > 0 and run["peak_rss_mib"] > 0
    engine = next(r for r in data["runs"] if r["step"] == "engine")
    assert [t["step"] for t in engine["timings"]][0] == "prepare"
    assert set(data["ratios"]["200"]) == {"engine_over_floor", "pandas_over_engine", "paired_median"}
    # Engine and floor ran alternately, twice each: every engine run has the floor run after it.
    assert len(engine["all_runs"]) == 2 and len(engine["paired_ratios"]) == 2
    assert len(next(r for r in data["runs"] if r["step"] == "floor")["all_runs"]) == 2
    assert "floor right after it: median" in doc.read_text()
    assert "| 200 | engine |" in (results / "key-figures.md").read_text()
    assert "## Results" in doc.read_text()


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("kf-small")
    return synthetic_warehouse(home, employees=150, seed=3, extract_date=EXTRACT).warehouse_path


def test_pandas_agrees_with_the_engine_where_nothing_is_simplified(small_warehouse: Path) -> None:
    periods = standard_periods(EXTRACT, years=3, months=4, quarters=0, rolling=0)
    engine = engine_cells(small_warehouse, EXTRACT, periods)
    ours = compute_catalogue(small_warehouse, EXTRACT, periods)
    # The one simplification (the tree at p1) cannot matter for the whole municipality, nor in a period
    # in which the tree does not change.
    with duckdb.connect(str(small_warehouse), read_only=True) as con:
        org = con.execute("SELECT unit_id, parent_id, valid_from, valid_to FROM org_units").df()
    root = org.loc[org.parent_id.isna(), "unit_id"].iloc[0]
    changes = set(pd.to_datetime(org.valid_from)) | set(pd.to_datetime(org.valid_to.dropna()) + pd.Timedelta(days=1))
    stable = {p.p1 for p in periods if not any(pd.Timestamp(p.p0) < c <= pd.Timestamp(p.p1) for c in changes)}
    assert stable and len(stable) < len(periods), "the municipality's reorganisation falls in the periods"

    def chosen(frame: pd.DataFrame) -> pd.DataFrame:
        keep = frame.figure.isin(EXACT) & ((frame.unit_id == root) | pd.to_datetime(frame.period_end).isin(
            [pd.Timestamp(d) for d in stable]))
        return frame[keep].copy()

    table = compare(chosen(engine), chosen(ours))
    assert sorted(table.figure) == sorted(EXACT)
    assert (table.both > 0).all()
    assert table.engine_only.sum() == 0 and table.pandas_only.sum() == 0
    assert (table.agree == table.both).all(), table.to_string()
    # and the catalogue as a whole has the engine's shape
    assert set(ours.figure) == set(engine.figure)
    assert list(ours.columns) == list(engine.columns)
    assert len(ours) == pytest.approx(len(engine), rel=0.01)
    assert isinstance(ours, pd.DataFrame)
