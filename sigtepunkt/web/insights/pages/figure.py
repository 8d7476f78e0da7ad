"""The figure page: one figure across every unit the user may see, ranked, over time, with outliers.

The ranking and the heat map show `PAGE_SIZE` units at a time (`?side=`): at workplace level an
administrator sees some 1,800 units, whose table and heat map (10 years each) took seconds to build
and megabytes to send. The distribution and the outlier marks still use every unit, and the export
holds every unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sigtepunkt.analytics.catalogue.model import Better, KeyFigure
from sigtepunkt.insights.cell_rows import cell_rows
from sigtepunkt.insights.tree import LEVEL_ORDER, Unit, UnitTree
from sigtepunkt.web.accounts.access import Access
from sigtepunkt.web.insights import charts
from sigtepunkt.web.insights.cells import cell_index, outlier_flags, visible_value
from sigtepunkt.web.insights.figures import english, figure_name
from sigtepunkt.web.insights.formatting import CellFormat, unit_suffix
from sigtepunkt.web.insights.pages.common import Context, context_read

PAGE_SIZE = 50


@dataclass
class Ranked:
    rank: int | None
    unit: Unit
    cell: dict | None
    outlier: bool
    text: str = ""  # the cell as shown
    count: str = ""  # its n as shown


@dataclass
class FigurePage:
    figure: KeyFigure
    ctx: Context
    level: str
    levels: list[str]
    year: dt.date | None
    ranking: list[Ranked] = field(default_factory=list)
    heat_spec: dict | None = None
    heat_rows: list[tuple[Unit, list[dict | None]]] = field(default_factory=list)
    distribution_spec: dict | None = None
    number: int = 1  # the page of units shown (from 1)
    pages: int = 1
    shown: list[Ranked] = field(default_factory=list)  # this page's part of `ranking`
    heat_table: list[tuple[Unit, list[str]]] = field(default_factory=list)  # this page's heat rows, as shown

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def _levels(tree: UnitTree, units: list[str]) -> list[str]:
    present = {tree.units[u].level for u in units}
    return [level for level in LEVEL_ORDER if level in present] + sorted(present - set(LEVEL_ORDER))


def _rank(units: list[Unit], index: dict, figure: KeyFigure, year: dt.date) -> list[Ranked]:
    cells = {u.unit_id: index.get((figure.id, u.unit_id, year, "")) for u in units}
    values = {u: visible_value(c) for u, c in cells.items() if visible_value(c) is not None}
    flags = outlier_flags(values)
    descending = figure.better is not Better.LOWER
    ordered = sorted(units, key=lambda u: (u.unit_id not in values,
                                           -(values.get(u.unit_id) or 0) if descending else values.get(u.unit_id, 0),
                                           u.name))
    return [Ranked(i + 1 if u.unit_id in values else None, u, cells[u.unit_id], flags.get(u.unit_id, False))
            for i, u in enumerate(ordered)]


def figure_page_build(con, *, tree: UnitTree, access: Access, figure: KeyFigure, level: str | None = None,
                      year: int | None = None, number: int = 1) -> FigurePage:
    ctx = context_read(con)
    current = [u for u in access.visible if tree.units[u].is_current]
    levels = _levels(tree, current)
    if level not in levels:
        level = levels[1] if len(levels) > 1 else (levels[0] if levels else "")
    chosen = next((y for y in ctx.years if y.year == year), ctx.latest)
    page = FigurePage(figure, ctx, level, levels, chosen)
    units = sorted((tree.units[u] for u in current if tree.units[u].level == level), key=lambda u: u.name)
    if not units or chosen is None:
        return page
    index = cell_index(cell_rows(con, unit_ids=[u.unit_id for u in units], figures=[figure.id]))
    page.ranking = _rank(units, index, figure, chosen)
    page.heat_rows = [(r.unit, [index.get((figure.id, r.unit.unit_id, y, "")) for y in ctx.years])
                      for r in page.ranking]
    page.pages = max(1, -(-len(page.ranking) // PAGE_SIZE))
    page.number = min(max(number, 1), page.pages)
    first = (page.number - 1) * PAGE_SIZE
    page.shown = page.ranking[first:first + PAGE_SIZE]
    fmt = CellFormat(ctx.threshold)
    for r in page.shown:
        r.text, r.count = fmt.cell(r.cell, figure), fmt.count(r.cell)
    heat_shown = page.heat_rows[first:first + PAGE_SIZE]
    page.heat_table = [(u, [fmt.cell(c, figure) for c in cells]) for u, cells in heat_shown]
    suffix, danish = unit_suffix(figure) or "%", not english()
    heat = [{"unit": u.name, "period": str(y.year), "value": visible_value(c)}
            for u, cells in heat_shown for y, c in zip(ctx.years, cells, strict=True)
            if visible_value(c) is not None]
    page.heat_spec = charts.heatmap(heat, title=_("%(figure)s over time") % {"figure": figure_name(figure)},
                                    value_title=suffix, danish=danish, lower_is_better=figure.better is Better.LOWER)
    dots = [{"unit": r.unit.name, "value": visible_value(r.cell),
             "outlier": _("Outlier") if r.outlier else _("Within the usual range")}
            for r in page.ranking if visible_value(r.cell) is not None]
    page.distribution_spec = charts.distribution(dots, title=_("Distribution, %(year)s") % {"year": chosen.year},
                                                 value_title=suffix, danish=danish)
    return page
