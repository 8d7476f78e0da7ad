"""The key-figure pages. Each view: resolve the unit through access, build the page, render."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from sigtepunkt.insights.reader import StoreMissing
from sigtepunkt.web.accounts.access import request_access, unit_for_user
from sigtepunkt.web.insights.figures import figure_or_none, figures_by_track
from sigtepunkt.web.insights.pages.definition import definition_build
from sigtepunkt.web.insights.pages.figure import figure_page_build
from sigtepunkt.web.insights.pages.organisation import organisation_build
from sigtepunkt.web.insights.pages.overview import overview_build
from sigtepunkt.web.insights.pages.unit import PERIOD_KINDS, unit_page_build
from sigtepunkt.web.store import store_cursor, unit_tree

DEFAULT_FIGURE = "sickness_absence_rate"


def with_store(view):
    """Render the 'no figures yet' page instead of failing before the first computation."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except StoreMissing:
            return render(request, "insights/no_data.html", {"nav": "home"}, status=200)
    return wrapped


def figure_or_404(figure_id: str):
    figure = figure_or_none(figure_id)
    if figure is None:
        raise Http404(figure_id)
    return figure


@login_required
@with_store
def home(request):
    access = request_access(request)
    if access.home_unit is None:
        return render(request, "insights/no_units.html", {"nav": "home"})
    con = store_cursor()
    overview = overview_build(con, tree=unit_tree(), access=access, unit_id=access.home_unit)
    return render(request, "insights/home.html", {"nav": "home", "page": overview, "threshold": overview.ctx.threshold})


@login_required
@with_store
def organisation(request):
    query = request.GET.get("q", "")[:100]
    page = organisation_build(store_cursor(), tree=unit_tree(), access=request_access(request), query=query)
    return render(request, "insights/organisation.html", {"nav": "organisation", "page": page,
                                                          "threshold": page.threshold})


def unit_page_for(request, unit_id: str):
    unit = unit_for_user(request, unit_id)
    figure = figure_or_404(request.GET.get("figur") or DEFAULT_FIGURE)
    kind = request.GET.get("periode", "year")
    return unit_page_build(store_cursor(), tree=unit_tree(), access=request_access(request), unit=unit,
                           figure=figure, period_kind=kind if kind in PERIOD_KINDS else "year")


@login_required
@with_store
def unit_page(request, unit_id: str):
    page = unit_page_for(request, unit_id)
    return render(request, "insights/unit.html", {"nav": "organisation", "page": page,
                                                  "threshold": page.ctx.threshold, "period_kinds": PERIOD_KINDS})


@login_required
def figure_list(request):
    return render(request, "insights/figure_list.html", {"nav": "figures", "tracks": figures_by_track()})


def figure_page_for(request, figure_id: str):
    figure = figure_or_404(figure_id)
    year, number = request.GET.get("aar", ""), request.GET.get("side", "")[:6]
    return figure_page_build(store_cursor(), tree=unit_tree(), access=request_access(request), figure=figure,
                             level=request.GET.get("niveau"), year=int(year) if year.isdigit() else None,
                             number=int(number) if number.isdigit() else 1)


@login_required
@with_store
def figure_page(request, figure_id: str):
    page = figure_page_for(request, figure_id)
    return render(request, "insights/figure.html", {"nav": "figures", "page": page, "threshold": page.ctx.threshold})


@login_required
@with_store
def definition(request, figure_id: str):
    """A figure's definition, with the numbers of one cell when a unit is given (an HTMX fragment or a page)."""
    figure = figure_or_404(figure_id)
    unit_id = request.GET.get("enhed")
    unit = unit_for_user(request, unit_id) if unit_id else None
    start = _date_or_none(request.GET.get("start"))
    kind = request.GET.get("periode", "year")
    segment, value = request.GET.get("segment", "total"), request.GET.get("vaerdi", "")
    page = definition_build(store_cursor(), figure=figure, unit=unit, period_start=start,
                            period_kind=kind if kind in PERIOD_KINDS else "year", segment=segment[:40],
                            segment_value=value[:100])
    template = "insights/_definition.html" if request.headers.get("HX-Request") else "insights/definition.html"
    return render(request, template, {"nav": "figures", "page": page, "threshold": page.ctx.threshold})


def _date_or_none(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def my_unit(request):
    home_unit = request_access(request).home_unit
    return redirect("sp-unit", unit_id=home_unit) if home_unit else redirect("sp-home")
