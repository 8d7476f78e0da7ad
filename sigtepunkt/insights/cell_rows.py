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

from sigtepunkt.insights.selectors import CELL_COLUMNS, TOTAL

logger = logging.getLogger(__name__)

_SELECT = f"SELECT {', '.join(CELL_COLUMNS)} FROM measurements WHERE "
_ORDER = " ORDER BY figure, unit_id, period_start, segment_value"


def _in(column: str, values: list) -> str:
    return f"{column} IN ({', '.join('?' for _ in values) or 'NULL'})"


def cell_rows(con: duckdb.DuckDBPyConnection, *, unit_ids: Iterable[str], figures: Iterable[str] | None = None,
              period_kind: str | None = "year", period_start: dt.date | None = None,
              segment: str = TOTAL) -> list[dict]:
    """Stored cells of the given units as dicts (keys `CELL_COLUMNS`), as `cells_select` filters them."""
    units = sorted(set(unit_ids))
    if not units:
        return []
    # One unit filters inside the scan; several are a semi-join on a list parameter, which measured
    # faster than an IN list of placeholders (that one decodes whole row groups).
    if len(units) == 1:
        clauses, params = ["unit_id = ?", "segment = ?"], [units[0], segment]
    else:
        clauses, params = ["unit_id IN (SELECT unnest(?::VARCHAR[]))", "segment = ?"], [units, segment]
    if figures is not None:
        figures = list(figures)
        clauses.append(_in("figure", figures))
        params.extend(figures)
    if period_kind is not None:
        clauses.append("period_kind = ?")
        params.append(period_kind)
    if period_start is not None:
        clauses.append("period_start = ?")
        params.append(period_start)
    found = con.execute(_SELECT + " AND ".join(clauses) + _ORDER, params).fetchall()
    return [dict(zip(CELL_COLUMNS, row, strict=True)) for row in found]
