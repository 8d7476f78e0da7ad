"""Compare the whole catalogue of this checkout's engine with another revision's, cell by cell.

    .venv/bin/python -m benchmarks.engine_diff WAREHOUSE --base REV [--dims job_group,leader] [--batch 1000]

A speed change to the engine must not change one number. This runs the catalogue on
WAREHOUSE with the engine as it is in the working tree and as it is at REV (checked out in
a temporary git worktree, run in its own process), and reports every cell that differs:
value, numerator and denominator beyond 1e-9 relative, n at all, or a cell that exists on
one side only. `--batch` computes in batches of that many persons (see
`compute.BATCH_PERSONS`), which a national warehouse needs anyway. Exits 1 on a difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
KEYS = ["figure", "unit_id", "period_kind", "period_start", "period_end", "segment", "segment_value"]
NUMBERS = ["value", "numerator", "denominator"]
TOLERANCE = 1e-9


def catalogue(warehouse: Path, out: Path, extract: dt.date, dims: tuple[str, ...], batch: int | None,
              all_periods: bool = False) -> None:
    """The benchmark's catalogue (ten years and 24 months; with `all_periods` the product's
    standard periods: quarters and rolling twelve months too) on `warehouse`, written to `out` as Parquet.

    Imports the engine only here, so that the child run for the base revision imports that
    revision's (see `_base_catalogue`).
    """
    from sigtepunkt.analytics.calendar import standard_periods
    from sigtepunkt.analytics.engine.compute import catalogue_compute, open_engine
    from sigtepunkt.analytics.engine.context import Computation

    con = open_engine(warehouse)
    periods = (standard_periods(extract, years=10) if all_periods
               else standard_periods(extract, years=10, months=24, quarters=0, rolling=0))
    comp = Computation(extract, tuple(periods), dims)
    catalogue_compute(con, comp, batch_persons=batch).write_parquet(out)


def differences(ours: pl.DataFrame, theirs: pl.DataFrame) -> pl.DataFrame:
    """The cells that differ (keys, both sides' numbers and n); empty when the two are the same."""
    joined = ours.join(theirs, on=KEYS, how="full", suffix="_base", coalesce=True, nulls_equal=True)
    missing = pl.col("n").is_null() | pl.col("n_base").is_null()
    differs = missing | (pl.col("n") != pl.col("n_base"))
    for column in NUMBERS:
        a, b = pl.col(column), pl.col(f"{column}_base")
        scale = pl.max_horizontal(a.abs(), b.abs(), pl.lit(1.0))
        same = (a.is_null() & b.is_null()) | ((a - b).abs() <= TOLERANCE * scale)
        differs = differs | ~same.fill_null(False)
    return joined.filter(differs)


def _base_catalogue(rev: str, warehouse: Path, out: Path, args: argparse.Namespace) -> None:
    """Run `catalogue` with the engine at `rev`, from a temporary worktree, in a child process.

    The child runs this file (which `rev` may predate) with the worktree first on the path.
    """
    with tempfile.TemporaryDirectory(prefix="sigtepunkt-base-") as folder:
        tree = Path(folder) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
                       check=True, capture_output=True)
        try:
            command = [sys.executable, str(Path(__file__).resolve()), str(warehouse), "--write", str(out),
                       "--extract-date", args.extract_date.isoformat(), "--dims", args.dims]
            if args.batch:
                command += ["--batch", str(args.batch)]
            if args.all_periods:
                command += ["--all-periods"]
            subprocess.run(command, cwd=tree, check=True, env=os.environ | {"PYTHONPATH": str(tree)})
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--base", help="the revision to compare with (a commit, branch or tag)")
    parser.add_argument("--dims", default="job_group", help="segment dimensions, comma-separated")
    parser.add_argument("--batch", type=int, help="persons per batch (default: the engine's own)")
    parser.add_argument("--all-periods", action="store_true",
                        help="every period kind (quarters, rolling twelve months), not only the benchmark's")
    parser.add_argument("--extract-date", type=dt.date.fromisoformat, default=dt.date(2026, 10, 31))
    parser.add_argument("--write", type=Path, help=argparse.SUPPRESS)  # the child: write the catalogue, stop
    args = parser.parse_args()
    warehouse = args.warehouse.resolve()
    dims = tuple(d for d in args.dims.split(",") if d)
    if args.write:
        catalogue(warehouse, args.write, args.extract_date, dims, args.batch, args.all_periods)
        return
    if not args.base:
        parser.error("--base REV is needed")
    with tempfile.TemporaryDirectory(prefix="sigtepunkt-diff-") as folder:
        ours, theirs = Path(folder) / "ours.parquet", Path(folder) / "base.parquet"
        catalogue(warehouse, ours, args.extract_date, dims, args.batch, args.all_periods)
        _base_catalogue(args.base, warehouse, theirs, args)
        a, b = pl.read_parquet(ours), pl.read_parquet(theirs)
    found = differences(a, b)
    print(f"{a.height:,} cells here, {b.height:,} at {args.base}; {found.height:,} differ")
    if found.height:
        print(found.head(20))
        sys.exit(1)


if __name__ == "__main__":
    main()
