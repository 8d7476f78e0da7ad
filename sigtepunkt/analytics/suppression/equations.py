"""Build the additive equations that tie published cells together, as flat integer arrays.

Two kinds of equation hold within one table (one figure in one period):

- **tree**: parent(s, v) = own staff(parent, s, v) + Σ children(s, v), for every unit that has
  children in the period's tree and every segment key (s, v);
- **segment**: unit(total) = Σ_v unit(d, v), for every unit and every dimension d.

An equation is stored as memberships (equation id, cell index, whether the cell is the equation's
total). Cells are identified by content-derived integer codes (unit, segment key), never by row
position, so that the result does not depend on the order of the input rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import polars as pl

logger = logging.getLogger(__name__)

TOTAL_SEGMENT = "total"
TABLE_KEYS = ["figure", "period_start", "period_end"]
PERIOD_KEYS = ["period_start", "period_end"]

NO_PARENT_IN_TREE = "cells exist for units that the tree does not list for that period"
DUPLICATE_CELLS = "cells are not unique by (figure, period, unit, segment, segment value)"


@dataclass(frozen=True)
class Cells:
    """Per-cell integer codes, one entry per input row, in input order."""

    table: np.ndarray
    unit: np.ndarray
    segkey: np.ndarray
    n: np.ndarray
    is_root: np.ndarray


@dataclass(frozen=True)
class Equations:
    """Memberships of cells in equations; `eq` ids run from 0 to `count` − 1."""

    eq: np.ndarray
    cell: np.ndarray
    is_total: np.ndarray
    count: int


def _code_table(frame: pl.DataFrame, keys: list[str], name: str) -> pl.DataFrame:
    """Number the distinct key combinations in sorted order, so codes depend on content only."""
    return frame.select(keys).unique().sort(keys).with_row_index(name).with_columns(pl.col(name).cast(pl.Int64))


def cells_encode(cells: pl.DataFrame, parents: pl.DataFrame) -> pl.LazyFrame:
    """Give each cell its table, unit, segment-key and dimension code, its parent's code and
    whether its unit has children in the period's tree; `cell` is the input row index."""
    units = pl.concat(
        [
            cells.select(pl.col("unit_id")),
            parents.select("unit_id"),
            parents.select(pl.col("parent_id").alias("unit_id")),
        ]
    ).drop_nulls()
    unit_codes = _code_table(units, ["unit_id"], "unit")
    tables = _code_table(cells, TABLE_KEYS, "table")
    segkeys = _code_table(cells, ["segment", "segment_value"], "segkey")
    dims = _code_table(cells, ["segment"], "dim")
    tree = (
        parents.lazy()
        .join(unit_codes.lazy(), on="unit_id", how="left")
        .join(unit_codes.lazy().rename({"unit_id": "parent_id", "unit": "parent"}), on="parent_id", how="left")
        .select([*PERIOD_KEYS, "unit", "parent"])
    )
    with_children = (
        tree.drop_nulls("parent").select([*PERIOD_KEYS, pl.col("parent").alias("unit")]).unique()
    ).with_columns(has_children=pl.lit(True))
    return (
        cells.lazy()
        .select([*TABLE_KEYS, "unit_id", "segment", "segment_value", "n"])
        .with_row_index("cell")
        .join(tables.lazy(), on=TABLE_KEYS, how="left")
        .join(unit_codes.lazy(), on="unit_id", how="left")
        .join(segkeys.lazy(), on=["segment", "segment_value"], how="left")
        .join(dims.lazy(), on="segment", how="left")
        .join(tree.with_columns(in_tree=pl.lit(True)), on=[*PERIOD_KEYS, "unit"], how="left")
        .join(with_children, on=[*PERIOD_KEYS, "unit"], how="left")
        .with_columns(pl.col("has_children").fill_null(False))
        .sort("cell")
    )


def _pack(kind: int, table: pl.Expr, unit: pl.Expr, key: pl.Expr, sizes: tuple[int, int, int]) -> pl.Expr:
    """Pack (kind, table, unit, key) into one int64 equation key."""
    n_tables, n_units, n_keys = sizes
    if 2 * n_tables * n_units * n_keys >= 2**62:
        raise ValueError("too many tables × units × segment keys to number equations")
    return pl.lit(kind, pl.Int64) * (n_tables * n_units * n_keys) + table * (n_units * n_keys) + unit * n_keys + key


def equations_build(cells: pl.DataFrame, parents: pl.DataFrame) -> tuple[Cells, Equations]:
    """Encode the cells and list every tree and segment equation they take part in."""
    coded = cells_encode(cells, parents).collect()
    if coded["in_tree"].null_count():
        raise ValueError(NO_PARENT_IN_TREE)
    sizes = (
        int(coded["table"].max() or 0) + 1,
        int(pl.concat([coded["unit"], coded["parent"].drop_nulls()]).max() or 0) + 1,
        int(max(coded["segkey"].max() or 0, coded["dim"].max() or 0)) + 1,
    )
    if coded.select(pl.struct("table", "unit", "segkey").is_duplicated().any()).item():
        raise ValueError(DUPLICATE_CELLS)
    table, unit, segkey, dim = (pl.col(c) for c in ("table", "unit", "segkey", "dim"))
    is_part = pl.col("segment") != TOTAL_SEGMENT
    tree_child = (
        coded.lazy()
        .filter(pl.col("parent").is_not_null())
        .select(key=_pack(0, table, pl.col("parent"), segkey, sizes), cell="cell", is_total=pl.lit(False))
    )
    tree_parent = (
        coded.lazy()
        .filter("has_children")
        .select(key=_pack(0, table, unit, segkey, sizes), cell="cell", is_total=pl.lit(True))
    )
    seg_part = (
        coded.lazy().filter(is_part).select(key=_pack(1, table, unit, dim, sizes), cell="cell", is_total=pl.lit(False))
    )
    unit_dims = coded.lazy().filter(is_part).select("table", "unit", "dim").unique()
    seg_total = (
        coded.lazy()
        .filter(~is_part)
        .select("table", "unit", "cell")
        .join(unit_dims, on=["table", "unit"], how="inner")
        .select(key=_pack(1, table, unit, dim, sizes), cell="cell", is_total=pl.lit(True))
    )
    members = (
        pl.concat([tree_child, tree_parent, seg_part, seg_total])
        .with_columns(eq=pl.col("key").rank("dense").cast(pl.Int64) - 1)
        .collect()
    )
    encoded = Cells(
        table=coded["table"].to_numpy(),
        unit=coded["unit"].to_numpy(),
        segkey=coded["segkey"].to_numpy(),
        n=coded["n"].to_numpy(),
        is_root=coded["parent"].is_null().to_numpy(),
    )
    count = int(members["eq"].max() + 1) if members.height else 0
    equations = Equations(
        eq=members["eq"].to_numpy(),
        cell=members["cell"].cast(pl.Int64).to_numpy(),
        is_total=members["is_total"].to_numpy(),
        count=count,
    )
    return encoded, equations
