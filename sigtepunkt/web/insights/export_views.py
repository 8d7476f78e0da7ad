"""Export what a page shows, as CSV or XLSX; every export is checked for access and audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.text import slugify

from sigtepunkt.web.accounts.access import request_access, require
from sigtepunkt.web.accounts.services import audit_record
from sigtepunkt.web.insights import exports
from sigtepunkt.web.insights.views import figure_page_for, unit_page_for, with_store
from sigtepunkt.web.store import store_cursor, unit_tree

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _respond(request, *, cells: list[dict], title: str, name: str, fmt: str, threshold: int) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404(fmt)
    rows = exports.export_rows(cells, unit_tree())
    body = exports.csv_bytes(rows) if fmt == "csv" else exports.xlsx_bytes(rows, title=title, threshold=threshold)
    audit_record(action="export", request=request, target=f"{name}.{fmt}", detail={"rows": len(rows)})
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    stamp = dt.date.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="sigtepunkt-{slugify(name)}-{stamp}.{fmt}"'
    return response


@login_required
@with_store
def export_home(request, fmt: str):
    from sigtepunkt.web.insights.pages.overview import overview_build
    access = request_access(request)
    require(request, allowed=access.can_export and access.home_unit is not None)
    page = overview_build(store_cursor(), tree=unit_tree(), access=access, unit_id=access.home_unit)
    cells = exports.cells_of(*([s.now, s.before] for _t, summaries in page.tracks for s in summaries))
    return _respond(request, cells=cells, title=page.unit.name, name=f"overblik-{page.unit.name}", fmt=fmt,
                    threshold=page.ctx.threshold)


@login_required
@with_store
def export_unit(request, unit_id: str, fmt: str):
    require(request, allowed=request_access(request).can_export)
    page = unit_page_for(request, unit_id)
    groups = [row.history + [row.parent, row.municipality] for _t, rows in page.tracks for row in rows]
    for comparison in (page.series, page.children, page.segments):
        if comparison:
            groups += [cells for _label, cells, _link in comparison.rows]
    return _respond(request, cells=exports.cells_of(*groups), title=page.unit.name, name=page.unit.name, fmt=fmt,
                    threshold=page.ctx.threshold)


@login_required
@with_store
def export_figure(request, figure_id: str, fmt: str):
    require(request, allowed=request_access(request).can_export)
    page = figure_page_for(request, figure_id)
    cells = exports.cells_of(*(cells for _unit, cells in page.heat_rows))
    return _respond(request, cells=cells, title=page.figure.name_da, name=page.figure.id, fmt=fmt,
                    threshold=page.ctx.threshold)
