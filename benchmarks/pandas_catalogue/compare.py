"""Compare the pandas catalogue with the engine cell by cell.

    .venv/bin/python -m benchmarks.pandas_catalogue.compare WAREHOUSE [--extract-date 2026-10-31]

Prints, per figure, how many cells both produce, how many agree exactly (value, numerator,
denominator and n, to 1e-9 relative), and how many exist on one side only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.pandas_catalogue import compute_catalogue
from sigtepunkt.analytics.calendar import standard_periods

KEYS = ["figure", "unit_id", "period_kind", "period_start", "period_end", "segment", "segment_value"]
VALUES = ["value", "numerator", "denominator", "n"]


def benchmark_periods(extract: dt.date):
    return standard_periods(extract, years=10, months=24, quarters=0, rolling=0)


def engine_cells(warehouse: Path, extract: dt.date, periods) -> pd.DataFrame:
    from sigtepunkt.analytics.engine.compute import CELLS_LONG, cells_table, open_engine
    from sigtepunkt.analytics.engine.context import Computation

    con = open_engine(warehouse)
    cells_table(con, Computation(extract, tuple(periods), ("job_group",)))
    out = con.sql(CELLS_LONG).df()
    con.close()
    return out


def _close(a: pd.Series, b: pd.Series) -> np.ndarray:
    a, b = a.astype(float).to_numpy(), b.astype(float).to_numpy()
    both_nan = np.isnan(a) & np.isnan(b)
    return both_nan | (np.abs(a - b) <= 1e-9 * np.maximum(1.0, np.abs(b)))


def compare(engine: pd.DataFrame, pandas_: pd.DataFrame) -> pd.DataFrame:
    """Per figure: cells in both, agreeing, engine only, pandas only."""
    for frame in (engine, pandas_):
        frame["period_start"] = pd.to_datetime(frame["period_start"])
        frame["period_end"] = pd.to_datetime(frame["period_end"])
    m = engine.merge(pandas_, on=KEYS, how="outer", suffixes=("_e", "_p"), indicator=True)
    both = m[m["_merge"] == "both"]
    ok = np.ones(len(both), dtype=bool)
    for v in VALUES:
        ok &= _close(both[f"{v}_e"], both[f"{v}_p"])
    both = both.assign(agree=ok)
    rows = []
    for fig in sorted(m.figure.unique()):
        sub = m[m.figure == fig]
        b = both[both.figure == fig]
        rows.append({"figure": fig, "both": len(b), "agree": int(b.agree.sum()),
                     "engine_only": int((sub["_merge"] == "left_only").sum()),
                     "pandas_only": int((sub["_merge"] == "right_only").sum())})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--extract-date", default="2026-10-31", type=dt.date.fromisoformat)
    parser.add_argument("--json", type=Path, help="also write the per-figure table here")
    parser.add_argument("--employees", type=int, default=0, help="the warehouse's size, recorded in the JSON")
    args = parser.parse_args()
    periods = benchmark_periods(args.extract_date)
    clock = time.perf_counter()
    e = engine_cells(args.warehouse, args.extract_date, periods)
    t_e = time.perf_counter() - clock
    clock = time.perf_counter()
    p = compute_catalogue(args.warehouse, args.extract_date, periods)
    t_p = time.perf_counter() - clock
    table = compare(e, p)
    with pd.option_context("display.max_rows", 100, "display.width", 200):
        print(table.to_string(index=False))
    total = table[["both", "agree", "engine_only", "pandas_only"]].sum()
    print(f"engine {len(e)} cells in {t_e:.1f} s; pandas {len(p)} cells in {t_p:.1f} s")
    print(f"agree {total['agree']} of {total['both']} common cells "
          f"({100 * total['agree'] / max(total['both'], 1):.2f} %); engine only {total['engine_only']}, "
          f"pandas only {total['pandas_only']}")
    if args.json:
        args.json.write_text(json.dumps({"employees": args.employees, "figures": table.to_dict("records"),
                                         "total": {k: int(v) for k, v in total.items()}}, indent=2) + "\n")


if __name__ == "__main__":
    main()
