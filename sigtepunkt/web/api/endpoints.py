"""The read API's operations: each resolves the caller's units, calls one selector, audits, answers."""

from __future__ import annotations

import logging

from ninja import Path, Query, Router

from sigtepunkt.analytics.catalogue import FIGURES, FIGURES_BY_ID
from sigtepunkt.insights.selectors import CellQuery, benchmarks_list, cells_page, store_meta
from sigtepunkt.web.accounts.access import request_access
from sigtepunkt.web.api import rows
from sigtepunkt.web.api.access import api_read_record, api_units_in_scope
from sigtepunkt.web.api.errors import FIGURE_NOT_FOUND, PERIOD_RANGE, ApiError
from sigtepunkt.web.api.schemas import (
    BenchmarkFilters,
    BenchmarkOut,
    ErrorOut,
    FigureOut,
    MeasurementFilters,
    MeasurementPage,
    MetaOut,
    UnitOut,
)
from sigtepunkt.web.store import store_cursor, unit_tree

logger = logging.getLogger(__name__)
router = Router()

E401 = {401: ErrorOut}
E503 = {503: ErrorOut}


@router.get("/figures", response={200: list[FigureOut], **E401}, operation_id="figures_list", tags=["Key figures"],
            summary="The key-figure catalogue")
def figures_list(request):
    """Every key figure with its Danish and English name, definition, formula, unit, direction and source."""
    items = [rows.figure_row(f) for f in FIGURES]
    api_read_record(request, rows=len(items))
    return items


@router.get("/figures/{figure_id}", response={200: FigureOut, **E401, 404: ErrorOut}, operation_id="figures_get",
            tags=["Key figures"], summary="One key figure")
def figures_get(request, figure_id: str = Path(..., description="A key figure id, as in /figures.",
                                               examples=["sickness_absence_rate"])):
    """One key figure of the catalogue by its id; 404 for an id the catalogue does not have."""
    figure = FIGURES_BY_ID.get(figure_id)
    if figure is None:
        raise ApiError(404, str(FIGURE_NOT_FOUND) % {"figure": figure_id})
    api_read_record(request, rows=1)
    return rows.figure_row(figure)


@router.get("/units", response={200: list[UnitOut], **E401}, operation_id="units_list", tags=["Organisation"],
            summary="The units you may see")
def units_list(request):
    """The units of the organisation tree in your access: your units and everything below them."""
    items = rows.unit_rows(unit_tree(), request_access(request).visible)
    api_read_record(request, rows=len(items))
    return items


def _cell_query(request, filters: MeasurementFilters) -> CellQuery:
    start_from, start_to = filters.period_start_from, filters.period_start_to
    if start_from and start_to and start_from > start_to:
        message = str(PERIOD_RANGE)
        raise ApiError(422, message, errors=[{"parameter": "period_start_from", "message": message}])
    units = api_units_in_scope(request, unit_ids=filters.unit, include_subunits=filters.include_subunits)
    return CellQuery(
        unit_ids=units, figures=tuple(filters.figure) if filters.figure else None, period_kind=filters.period_kind,
        period_start_from=start_from, period_start_to=start_to, segment=filters.segment,
        segment_values=tuple(filters.segment_value) if filters.segment_value else None,
    )


def _next_url(request, *, total: int, limit: int, offset: int) -> str | None:
    if offset + limit >= total:
        return None
    params = request.GET.copy()
    params["offset"], params["limit"] = str(offset + limit), str(limit)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@router.get("/measurements", response={200: MeasurementPage, **E401, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut,
                                       **E503},
            operation_id="measurements_list", tags=["Key figures"], summary="Computed key figures, one row per cell")
def measurements_list(request, filters: Query[MeasurementFilters]):
    """The stored cells of the units you may see, filtered, one page at a time (follow `next`).

    Without `unit`, every unit in your access; a `unit` outside it gives 403, an unknown one 404.
    A suppressed cell (`suppressed: true`) has null value, numerator, denominator and n.
    """
    page = cells_page(store_cursor(), query=_cell_query(request, filters), limit=filters.limit, offset=filters.offset)
    api_read_record(request, rows=len(page.rows))
    return {"total": page.total, "limit": filters.limit, "offset": filters.offset,
            "next": _next_url(request, total=page.total, limit=filters.limit, offset=filters.offset),
            "results": [rows.measurement_row(c) for c in page.rows]}


@router.get("/benchmarks", response={200: list[BenchmarkOut], **E401, 422: ErrorOut, **E503},
            operation_id="benchmarks_list", tags=["Key figures"], summary="Published comparison values")
def benchmarks(request, filters: Query[BenchmarkFilters]):
    """The stored external benchmarks (e.g. the national average from KRL) with their source."""
    items = benchmarks_list(store_cursor(), figures=filters.figure, period_kind=filters.period_kind)
    api_read_record(request, rows=len(items))
    return items


@router.get("/meta", response={200: MetaOut, **E401, **E503}, operation_id="meta_get", tags=["Data"],
            summary="About the data")
def meta(request):
    """The extract date, data version, computation time and suppression threshold of the figures."""
    item = rows.meta_row(store_meta(store_cursor()))
    api_read_record(request, rows=1)
    return item
