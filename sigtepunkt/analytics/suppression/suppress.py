"""Suppress small cells and enough others that no hidden cell can be worked out by subtraction."""

from __future__ import annotations

import logging

import polars as pl

from sigtepunkt.analytics.suppression.audit import audit_repair
from sigtepunkt.analytics.suppression.complements import complements_find
from sigtepunkt.analytics.suppression.equations import PERIOD_KEYS, equations_build

logger = logging.getLogger(__name__)

HIDDEN_COLUMNS = ["value", "numerator", "denominator", "n"]
CELL_COLUMNS = ["figure", "unit_id", *PERIOD_KEYS, "segment", "segment_value", *HIDDEN_COLUMNS]
PARENT_COLUMNS = ["unit_id", "parent_id", *PERIOD_KEYS]

BAD_THRESHOLD = "threshold must be a positive integer"
MISSING_COLUMNS = "missing columns: {}"
BAD_N = "n must be present and non-negative in every cell"
DUPLICATE_PARENTS = "the tree lists a unit twice for one period"


def _validate(cells: pl.DataFrame, parents: pl.DataFrame, threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError(BAD_THRESHOLD)
    missing = [c for c in CELL_COLUMNS if c not in cells.columns]
    missing += [c for c in PARENT_COLUMNS if c not in parents.columns]
    if missing:
        raise ValueError(MISSING_COLUMNS.format(", ".join(missing)))
    if cells["n"].null_count() or (cells.height and int(cells["n"].min()) < 0):  # type: ignore[arg-type]
        raise ValueError(BAD_N)
    if parents.select(pl.struct("unit_id", *PERIOD_KEYS).is_duplicated().any()).item():
        raise ValueError(DUPLICATE_PARENTS)


def suppress(cells: pl.DataFrame, *, parents: pl.DataFrame, threshold: int = 5, audit: bool = True) -> pl.DataFrame:
    """Mark cells with 0 < n < threshold, plus complementary cells, as suppressed and blank them.

    Each table (figure, period) is protected on its own; within it, every tree equation
    (parent = own staff + Σ children, per segment value) and every segment equation
    (unit total = Σ values of one dimension) ends with 0 or at least 2 hidden terms. A suppressed
    cell hides its value, numerator, denominator and n together.

    Parameters
    ----------
    cells
        One row per (figure, unit_id, period_start, period_end, segment, segment_value) with
        value, numerator, denominator and n. The total has segment "total" and value "".
    parents
        The tree per period: unit_id, parent_id (null for roots), period_start, period_end.
        Every unit with cells in a period must be listed for that period.
    threshold
        Smallest n that may be shown.
    audit
        Also run the linear-algebra audit and repair (`audit.py`): no small group can then be
        determined by any combination of published equations, not only by one subtraction.
        It costs minutes on a municipality's whole catalogue, so `sigtepunkt measure` runs it
        only when SIGTEPUNKT_SUPPRESSION_AUDIT is set (see docs/suppression.md).

    Returns
    -------
    The cells in input order with `suppressed` and `suppression_reason` ("primary",
    "complementary" or null); value, numerator, denominator and n are null where suppressed.

    Examples
    --------
    >>> import datetime as dt
    >>> p = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 31)}
    >>> tree = pl.DataFrame([{"unit_id": "K", "parent_id": None, **p},
    ...                      {"unit_id": "A", "parent_id": "K", **p}, {"unit_id": "B", "parent_id": "K", **p}])
    >>> rows = [("K", 12), ("A", 3), ("B", 9)]
    >>> cells = pl.DataFrame([{"figure": "headcount", "unit_id": u, **p, "segment": "total",
    ...     "segment_value": "", "value": float(n), "numerator": float(n), "denominator": 1.0, "n": n}
    ...     for u, n in rows])
    >>> suppress(cells, parents=tree)["suppression_reason"].to_list()
    [None, 'primary', 'complementary']
    """
    _validate(cells, parents, threshold)
    if cells.height == 0:
        return cells.with_columns(suppressed=pl.lit(False), suppression_reason=pl.lit(None, pl.String))
    encoded, eqs = equations_build(cells, parents)
    primary = (encoded.n > 0) & (encoded.n < threshold)
    suppressed = complements_find(encoded, eqs, primary, threshold=threshold)
    if audit:  # the linear-algebra audit (docs/suppression.md): stronger, and minutes at municipal scale
        suppressed = audit_repair(encoded, eqs, suppressed, threshold=threshold)
    logger.info("suppressed %d of %d cells (%d primary)", int(suppressed.sum()), suppressed.size, int(primary.sum()))
    hidden = pl.col("suppressed")
    reason = pl.when(pl.Series(primary)).then(pl.lit("primary")).when(hidden).then(pl.lit("complementary"))
    return (
        cells.with_columns(suppressed=pl.Series(suppressed))
        .with_columns(suppression_reason=reason)
        .with_columns([pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in HIDDEN_COLUMNS])
    )
