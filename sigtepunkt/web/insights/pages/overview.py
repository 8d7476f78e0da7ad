"""The overview (forside): headline figures of the tracks, this year against last, what moved most."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sigtepunkt.analytics.catalogue import FIGURES, get_figure
from sigtepunkt.analytics.catalogue.model import Aggregation, Better, KeyFigure
from sigtepunkt.analytics.catalogue.model import Unit as UnitOfMeasure
from sigtepunkt.insights import selectors
from sigtepunkt.insights.tree import Unit, UnitTree
from sigtepunkt.web.accounts.access import Access
from sigtepunkt.web.insights import charts
from sigtepunkt.web.insights.cells import Benchmark, benchmark_for, cell_index, visible_value
from sigtepunkt.web.insights.figures import HEADLINES, TRACK_NAMES, english, figure_name
from sigtepunkt.web.insights.formatting import change_class, format_change
from sigtepunkt.web.insights.pages.common import Context, benchmarks_read, context_read


@dataclass
class FigureSummary:
    figure: KeyFigure
    now: dict | None
    before: dict | None
    benchmark: Benchmark | None
    spark: dict
    change: str = ""
    change_class: str = "same"

    @property
    def name(self) -> str:
        return figure_name(self.figure)


def _summary(figure: KeyFigure, unit_id: str, ctx: Context, index: dict, bench) -> FigureSummary:
    now = index.get((figure.id, unit_id, ctx.latest, ""))
    before = index.get((figure.id, unit_id, ctx.previous, ""))
    points = [{"period": str(y.year), "value": visible_value(index.get((figure.id, unit_id, y, "")))}
              for y in ctx.years]
    spark = charts.sparkline([p for p in points if p["value"] is not None], title=figure_name(figure),
                             danish=not english())
    n, b = visible_value(now), visible_value(before)
    return FigureSummary(figure, now, before, benchmark_for(bench, figure=figure.id, year=ctx.latest.year), spark,
                         format_change(n, b, figure), change_class(n, b, figure))


@dataclass
class Change:
    figure: KeyFigure
    unit: Unit
    before: float
    now: float
    score: float

    @property
    def direction(self) -> str:
        return change_class(self.now, self.before, self.figure)


def _change_score(figure: KeyFigure, now: dict, before: dict) -> float | None:
    """How unusual a change is: a two-proportion z for shares, else the relative change of a large group.

    Ranking by raw relative change would put 1 % → 0 % in a unit of 20 at the top; the z
    accounts for the group size, so the list shows changes that are more than noise.
    """
    if figure.aggregation is Aggregation.RATIO and figure.unit is UnitOfMeasure.PERCENT:
        n0, n1 = before["denominator"] or 0, now["denominator"] or 0
        if n0 < 20 or n1 < 20:
            return None
        p0, p1 = before["numerator"] / n0, now["numerator"] / n1
        pooled = (before["numerator"] + now["numerator"]) / (n0 + n1)
        spread = math.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1))
        return (p1 - p0) / spread if spread > 0 else None
    if (before["n"] or 0) < 50 or not before["value"]:
        return None
    return 10 * (now["value"] - before["value"]) / abs(before["value"])  # 10 % of a large group ≈ z of 1


def _largest_changes(index: dict, units: list[Unit], ctx: Context, limit: int = 6) -> list[Change]:
    """The most unusual year-on-year changes of the figures that have a better direction."""
    found = []
    for figure in (f for f in FIGURES if f.better is not Better.NEUTRAL):
        for unit in units:
            now = index.get((figure.id, unit.unit_id, ctx.latest, ""))
            before = index.get((figure.id, unit.unit_id, ctx.previous, ""))
            if visible_value(now) is None or visible_value(before) is None:
                continue
            score = _change_score(figure, now, before)
            if score is not None and abs(score) >= 2:
                found.append(Change(figure, unit, before["value"], now["value"], score))
    return sorted(found, key=lambda c: -abs(c.score))[:limit]


@dataclass
class Overview:
    unit: Unit
    ctx: Context
    tracks: list[tuple[str, list[FigureSummary]]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def overview_build(con, *, tree: UnitTree, access: Access, unit_id: str) -> Overview:
    ctx = context_read(con)
    unit = tree.units[unit_id]
    overview = Overview(unit, ctx)
    if ctx.latest is None or ctx.previous is None:
        return overview
    children = [tree.units[c] for c in tree.current_children(unit_id) if access.can_see(c)]
    frame = selectors.cells_select(con, unit_ids=[unit_id, *(c.unit_id for c in children)], period_kind="year")
    index = cell_index(frame)
    bench = benchmarks_read(con)
    for track, ids in HEADLINES.items():
        overview.tracks.append((TRACK_NAMES[track], [_summary(get_figure(f), unit_id, ctx, index, bench) for f in ids]))
    overview.changes = _largest_changes(index, [unit, *children], ctx)
    return overview
