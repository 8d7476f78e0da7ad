"""The unit page: every figure over time against parent, municipality and benchmark; drill-down; segments."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from sigtepunkt.analytics.catalogue import FIGURES
from sigtepunkt.analytics.catalogue.model import KeyFigure
from sigtepunkt.insights.cell_rows import cell_rows
from sigtepunkt.insights.tree import Unit, UnitTree
from sigtepunkt.web.accounts.access import Access
from sigtepunkt.web.insights import charts
from sigtepunkt.web.insights.cells import Benchmark, benchmark_for, benchmark_series, cell_index, visible_value
from sigtepunkt.web.insights.figures import english, figure_name, figures_by_track
from sigtepunkt.web.insights.formatting import CellFormat, unit_suffix
from sigtepunkt.web.insights.pages.common import Context, benchmarks_read, context_read, period_starts

HISTORY_YEARS = 5
PERIOD_KINDS = ("year", "quarter", "month", "rolling12")


@dataclass
class FigureRow:
    figure: KeyFigure
    history: list[dict | None]
    parent: dict | None
    municipality: dict | None
    benchmark: Benchmark | None
    # The same cells as the screen shows them (formatted once here, not per cell in the template).
    texts: list[str] = field(default_factory=list)
    parent_text: str = ""
    municipality_text: str = ""
    benchmark_text: str = ""
    definition_url: str = ""

    @property
    def name(self) -> str:
        return figure_name(self.figure)


@dataclass
class TableRow:
    """A comparison table's row for the screen: label, link (if the user may open it) and cell texts."""

    label: str
    href: str | None
    texts: list[str]
    count: str = ""


@dataclass
class Comparison:
    """One chart with its table: rows of (label, cells or values) in the order the chart draws them."""

    spec: dict
    columns: list[str]
    rows: list[tuple[str, list[dict | None], str | None]]  # label, cells, link unit id
    table: list[TableRow] = field(default_factory=list)


@dataclass
class UnitPage:
    unit: Unit
    path: list[Unit]
    figure: KeyFigure
    ctx: Context
    period_kind: str
    years: list = field(default_factory=list)
    tracks: list[tuple[str, list[FigureRow]]] = field(default_factory=list)
    series: Comparison | None = None
    children: Comparison | None = None
    segments: Comparison | None = None
    parent: Unit | None = None
    municipality: Unit | None = None


def _label(period_kind: str, cell_or_start) -> str:
    start = cell_or_start
    if period_kind == "year":
        return str(start.year)
    if period_kind == "quarter":
        return f"{start.year} K{(start.month - 1) // 3 + 1}"
    if period_kind == "month":
        return f"{start.year}-{start.month:02d}"
    end_year, end_month = divmod(start.year * 12 + start.month - 1 + 11, 12)
    return _("12 mo. to %(end)s") % {"end": f"{end_year}-{end_month + 1:02d}"}


def _table(comparison: Comparison, page: UnitPage, access: Access, fmt: CellFormat) -> Comparison:
    """The comparison's rows as the table shows them: a bar table has one value and its n."""
    figure, bars = page.figure, not comparison.columns
    for label, cells, link in comparison.rows:
        href = (reverse("sp-unit", args=[link]) + f"?figur={figure.id}"
                if link and link in access.visible and link != page.unit.unit_id else None)
        comparison.table.append(TableRow(label, href, [fmt.cell(c, figure) for c in cells],
                                         fmt.count(cells[0]) if bars else ""))
    return comparison


def _series(con, page: UnitPage, units: list[Unit], bench) -> Comparison:
    figure, kind = page.figure, page.period_kind
    index = cell_index(cell_rows(con, unit_ids=[u.unit_id for u in units], figures=[figure.id], period_kind=kind))
    starts = period_starts(con, period_kind=kind)
    rows, points = [], []
    for unit in units:
        cells = [index.get((figure.id, unit.unit_id, s, "")) for s in starts]
        rows.append((unit.name, cells, unit.unit_id))
        points += [{"period": _label(kind, s), "series": unit.name, "value": visible_value(c)}
                   for s, c in zip(starts, cells, strict=True)]
    found = benchmark_series(bench, figure=figure.id) if kind == "year" else None
    if found:
        name, values = found
        rows.append((name, [{"value": values.get(s.year), "suppressed": False} if s.year in values else None
                            for s in starts], None))
        points += [{"period": str(s.year), "series": name, "value": values.get(s.year)} for s in starts]
    spec = charts.line_chart([p for p in points if p["value"] is not None], title=figure_name(figure),
                             y_title=unit_suffix(figure) or "%", danish=not english())
    return Comparison(spec, [_label(kind, s) for s in starts], rows)


def _bars(rows: list[tuple[str, dict | None, str | None]], figure: KeyFigure, title: str, reference) -> Comparison:
    data = [{"label": label, "value": visible_value(c)} for label, c, _u in rows if visible_value(c) is not None]
    spec = charts.bar_chart(data, title=title, x_title=unit_suffix(figure) or "%", danish=not english(),
                            reference=visible_value(reference))
    return Comparison(spec, [], [(label, [c], u) for label, c, u in rows])


def _children(con, page: UnitPage, tree: UnitTree, access: Access) -> Comparison | None:
    kids = [tree.units[c] for c in tree.current_children(page.unit.unit_id) if access.can_see(c)]
    if not kids or page.ctx.latest is None:
        return None
    ids = [page.unit.unit_id, *(k.unit_id for k in kids)]
    index = cell_index(cell_rows(con, unit_ids=ids, figures=[page.figure.id], period_start=page.ctx.latest))
    rows = [(k.name, index.get((page.figure.id, k.unit_id, page.ctx.latest, "")), k.unit_id) for k in kids]
    title = _("%(figure)s by sub-unit, %(year)s") % {"figure": figure_name(page.figure), "year": page.ctx.latest.year}
    return _bars(rows, page.figure, title, index.get((page.figure.id, page.unit.unit_id, page.ctx.latest, "")))


def _segments(con, page: UnitPage) -> Comparison | None:
    if page.ctx.latest is None:
        return None
    found = cell_rows(con, unit_ids=[page.unit.unit_id], figures=[page.figure.id], period_start=page.ctx.latest,
                      segment="job_group")
    if not found:
        return None
    rows = [(r["segment_value"], r, None) for r in found]
    title = _("%(figure)s by job group, %(year)s") % {"figure": figure_name(page.figure), "year": page.ctx.latest.year}
    return _bars(rows, page.figure, title, None)


def _figure_rows(con, page: UnitPage, bench, fmt: CellFormat) -> None:
    ids = [page.unit.unit_id] + [u.unit_id for u in (page.parent, page.municipality) if u]
    index = cell_index(cell_rows(con, unit_ids=ids, period_kind="year"))
    page.years = page.ctx.years[-HISTORY_YEARS:]
    latest = page.ctx.latest
    for _track, name, figures in figures_by_track():
        rows = [FigureRow(
            f, [index.get((f.id, page.unit.unit_id, y, "")) for y in page.years],
            index.get((f.id, page.parent.unit_id, latest, "")) if page.parent else None,
            index.get((f.id, page.municipality.unit_id, latest, "")) if page.municipality else None,
            benchmark_for(bench, figure=f.id, year=latest.year) if latest else None) for f in figures]
        for row in rows:
            f = row.figure
            row.texts = [fmt.cell(c, f) for c in row.history]
            row.parent_text, row.municipality_text = fmt.cell(row.parent, f), fmt.cell(row.municipality, f)
            row.benchmark_text = fmt.value(row.benchmark.value, f) if row.benchmark else ""
            row.definition_url = reverse("sp-definition", args=[f.id]) + f"?enhed={page.unit.unit_id}"
        page.tracks.append((name, rows))


def unit_page_build(con, *, tree: UnitTree, access: Access, unit: Unit, figure: KeyFigure,
                    period_kind: str = "year") -> UnitPage:
    path = tree.path(unit.unit_id)
    page = UnitPage(unit, path, figure, context_read(con), period_kind if period_kind in PERIOD_KINDS else "year")
    page.parent = path[-2] if len(path) > 1 else None
    muni_id = tree.nearest(unit.unit_id, "municipality")
    page.municipality = tree.units[muni_id] if muni_id not in (None, unit.unit_id) else None
    if page.parent and page.municipality and page.parent.unit_id == page.municipality.unit_id:
        page.municipality = None  # the parent is the municipality: one column, not two alike
    bench = benchmarks_read(con)
    fmt = CellFormat(page.ctx.threshold)
    _figure_rows(con, page, bench, fmt)
    compare = [unit] + [u for u in (page.parent, page.municipality) if u and u is not unit]
    compare = list({u.unit_id: u for u in compare}.values())
    page.series = _table(_series(con, page, compare, bench), page, access, fmt)
    page.children = _children(con, page, tree, access)
    page.segments = _segments(con, page)
    for comparison in (page.children, page.segments):
        if comparison:
            _table(comparison, page, access, fmt)
    return page


def figures_all() -> tuple[KeyFigure, ...]:
    return FIGURES
