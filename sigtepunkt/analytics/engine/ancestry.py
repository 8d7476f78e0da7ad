"""Which units lie above which, on which days: the organisation tree unrolled over time.

The tree is small (tens of thousands of units at national scale) but every figure is rolled
up through it, so it is unrolled once, in Python, into `unit_paths`: one row per (unit,
ancestor-or-self, interval) saying that the ancestor contains the unit on every day of the
interval. Validity rows of both the unit and every ancestor are intersected, so a unit
re-parented mid-year counts under its old centre before and its new centre after.
"""

from __future__ import annotations

import datetime as dt
import logging

import polars as pl

logger = logging.getLogger(__name__)

MAX_DEPTH = 50  # a deeper tree is a cycle the importer would have rejected


def unit_paths(org_units: pl.DataFrame, extract_date: dt.date) -> pl.DataFrame:
    """Unroll `org_units` (unit_id, parent_id, level, valid_from, valid_to) into paths.

    Returns unit_id, ancestor_id, ancestor_level, valid_from, valid_to (inclusive; open
    ends closed at the extract date, after which nothing is counted), distance (0 for the unit
    itself, 1 for its parent, ...) and single_path (the pair has this one row).
    """
    rows = org_units.select(
        "unit_id", "parent_id", "level", "valid_from",
        pl.col("valid_to").fill_null(extract_date).clip(upper_bound=extract_date),
    ).filter(pl.col("valid_from") <= pl.col("valid_to"))
    levels = rows.sort("valid_from").group_by("unit_id").agg(pl.col("level").last().alias("ancestor_level"))
    frontier = rows.select(
        "unit_id", pl.col("unit_id").alias("ancestor_id"), "valid_from", "valid_to",
        pl.lit(0, pl.Int32).alias("distance"),
    )
    found = [frontier]
    parents = rows.filter(pl.col("parent_id").is_not_null()).select(
        pl.col("unit_id").alias("ancestor_id"), "parent_id",
        pl.col("valid_from").alias("pf"), pl.col("valid_to").alias("pt"),
    )
    for depth in range(1, MAX_DEPTH + 1):
        frontier = (
            frontier.join(parents, on="ancestor_id")
            .with_columns(
                pl.max_horizontal("valid_from", "pf").alias("valid_from"),
                pl.min_horizontal("valid_to", "pt").alias("valid_to"),
            )
            .filter(pl.col("valid_from") <= pl.col("valid_to"))
            .select("unit_id", pl.col("parent_id").alias("ancestor_id"), "valid_from", "valid_to",
                    pl.lit(depth, pl.Int32).alias("distance"))
        )
        if frontier.height == 0:
            break
        found.append(frontier)
    paths = pl.concat(found).unique().join(
        levels.rename({"unit_id": "ancestor_id"}), on="ancestor_id", how="left"
    )
    # One row for the pair: a spell in the unit lies in the ancestor in one piece (see `prepare.ALONE`).
    single = (pl.len().over("unit_id", "ancestor_id") == 1).alias("single_path")
    return paths.with_columns(single).sort("unit_id", "ancestor_id", "valid_from")
