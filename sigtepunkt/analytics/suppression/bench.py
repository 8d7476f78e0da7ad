"""Time `suppress` on synthetic national-scale cells: python -m sigtepunkt.analytics.suppression.bench [millions...]."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time

import numpy as np
import polars as pl

from sigtepunkt.analytics.suppression import suppress

logger = logging.getLogger(__name__)

SEGMENTS = (
    [("total", "")]
    + [("age_band", str(i)) for i in range(7)]
    + [("job_group", str(i)) for i in range(16)]
    + [
        ("gender", "f"),
        ("gender", "m"),
        ("leader", "yes"),
        ("leader", "no"),
        ("employment_type", "permanent"),
        ("employment_type", "fixed_term"),
    ]
)


def tree_synthetic(units: int, rng: np.random.Generator) -> tuple[list[str], list[str | None]]:
    """A four-level tree: one root, 1 % centres, 10 % areas, the rest workplaces."""
    ids = [f"U{i:06d}" for i in range(units)]
    centres, areas = max(1, units // 100), max(1, units // 10)
    parent: list[str | None] = [None] + ["U000000"] * centres
    parent += [ids[int(i)] for i in rng.integers(1, 1 + centres, areas)]
    parent += [ids[int(i)] for i in rng.integers(1 + centres, 1 + centres + areas, units - len(parent))]
    return ids, parent


def cells_synthetic(millions: float, seed: int = 1) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Cells for a tree of units × periods × figures × segments, workplace n lognormal (median 15)."""
    rng = np.random.default_rng(seed)
    target = int(millions * 1_000_000)
    units = 26_000 if target >= 5_000_000 else 2_600
    ids, parent = tree_synthetic(units, rng)
    per_table = units * len(SEGMENTS)
    tables = max(1, target // per_table)
    periods = [(dt.date(2000 + p, 1, 1), dt.date(2000 + p, 12, 31)) for p in range(max(1, tables // 4))]
    figures = [f"figure_{f}" for f in range(-(-tables // len(periods)))]
    tree = pl.DataFrame({"unit_id": ids, "parent_id": parent}).join(
        pl.DataFrame({"period_start": [p[0] for p in periods], "period_end": [p[1] for p in periods]}), how="cross"
    )
    base = pl.DataFrame(
        {
            "unit_id": np.repeat(ids, len(SEGMENTS)),
            "segment": [s for s, _ in SEGMENTS] * units,
            "segment_value": [v for _, v in SEGMENTS] * units,
        }
    )
    grid = (
        base.join(tree.select("period_start", "period_end").unique(), how="cross")
        .join(pl.DataFrame({"figure": figures}), how="cross")
        .head(max(target, per_table))
    )
    # Independent random n: not additive, but the same equations, sizes and share of small cells.
    n = np.minimum(rng.lognormal(2.5, 1.3, grid.height).astype(np.int64), 5_000)
    cells = grid.with_columns(
        n=pl.Series(n), numerator=pl.Series(n * 1.5), denominator=pl.Series(n.astype(float))
    ).with_columns(value=pl.col("numerator") / pl.col("denominator"))
    return cells, tree


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for millions in [float(a) for a in argv] or [1.0, 10.0]:
        cells, tree = cells_synthetic(millions)
        start = time.perf_counter()
        out = suppress(cells, parents=tree)
        took = time.perf_counter() - start
        shares = out.group_by("suppression_reason").len().sort("suppression_reason").rows()
        logger.info("%s cells: %.1f s; %s", f"{out.height:,}", took, shares)


if __name__ == "__main__":
    main(sys.argv[1:])
