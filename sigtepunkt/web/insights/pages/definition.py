"""A figure explains itself: definition, source, and the numbers behind one cell."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sigtepunkt.analytics.catalogue.model import KeyFigure
from sigtepunkt.insights import selectors
from sigtepunkt.insights.tree import Unit
from sigtepunkt.web.insights.figures import figure_description, figure_name
from sigtepunkt.web.insights.pages.common import Context, context_read


@dataclass
class Definition:
    figure: KeyFigure
    unit: Unit | None
    cell: dict | None
    ctx: Context

    @property
    def name(self) -> str:
        return figure_name(self.figure)

    @property
    def description(self) -> str:
        return figure_description(self.figure)


def definition_build(con, *, figure: KeyFigure, unit: Unit | None, period_start: dt.date | None = None,
                     period_kind: str = "year", segment: str = "total", segment_value: str = "") -> Definition:
    ctx = context_read(con)
    cell = None
    start = period_start or ctx.latest
    if unit is not None and start is not None:
        frame = selectors.cells_select(con, unit_ids=[unit.unit_id], figures=[figure.id], period_kind=period_kind,
                                       period_start=start, segment=segment, segment_values=[segment_value])
        cell = next(frame.iter_rows(named=True), None)
    return Definition(figure, unit, cell, ctx)
