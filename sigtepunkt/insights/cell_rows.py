"""Stored cells as plain rows, for screens that show a few hundred of them.

`selectors.cells_select` returns a polars frame, right for exports and large reads. A page
reads at most a few thousand cells and looks each up by key; for that, DuckDB's own rows
turned into dicts cost a fraction of building a frame and iterating it again. Same filters,
same order, same values (dates as `datetime.date`, NULL as None).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

import duckdb

from sigtepunkt.insights.selectors import CELL_COLUMNS, CELLS_ORDER, TOTAL, cells_where

logger = logging.getLogger(__name__)

def cell_rows(con: duckdb.DuckDBPyConnection, *, unit_ids: Iterable[str], figures: Iterable[str] | None = None,
              period_kind: str | None = "year", period_start: dt.date | None = None,
              segment: str = TOTAL) -> list[dict]:
    """Stored cells of the given units as dicts (keys `CELL_COLUMNS`), as `cells_select` filters them."""
    units = sorted(set(unit_ids))
    if not units:
        return []
    where, params = cells_where(units=units, figures=figures, period_kind=period_kind, period_start=period_start,
                                segment=segment)
    found = con.execute(f"SELECT {', '.join(CELL_COLUMNS)} FROM measurements WHERE {where} {CELLS_ORDER}",
                        params).fetchall()
    return [dict(zip(CELL_COLUMNS, row, strict=True)) for row in found]
