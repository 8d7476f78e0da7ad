"""What works, first version: an initiative's key figure in its units against comparable units without it.

The units with the initiative are the ones named on the initiative (`effect_units`); the
comparison units are every other current unit of the same level that is neither above nor
below one of them (`effect_comparison_units`), and that the user may see: nobody learns about
units outside their access from this page. Quarterly cells are used, because most initiatives
are younger than two whole years, and yearly cells when the stored quarters do not reach back
before the start; cells of the period that contains the start are left out by the estimator.
The result is labelled indicative everywhere it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from sigtepunkt.analytics.catalogue import FIGURES_BY_ID
from sigtepunkt.insights import selectors as store
from sigtepunkt.insights.reader import StoreMissing
from sigtepunkt.insights.tree import UnitTree
from sigtepunkt.strategy.effect import (
    EffectEstimate,
    EffectRefused,
    Group,
    RefusalCode,
    effect_estimate,
    effect_label,
)
from sigtepunkt.strategy.effect_inputs import UnitRef, effect_comparison_units, panel_cells_from_rows
from sigtepunkt.web.accounts.access import Access
from sigtepunkt.web.insights import charts
from sigtepunkt.web.insights.figures import english, figure_name
from sigtepunkt.web.store import store_cursor
from sigtepunkt.web.strategy.models import Initiative

PERIOD_KINDS = ("quarter", "year")


@dataclass(frozen=True)
class EffectView:
    figure_label: str
    label: str
    treated: tuple[str, ...] = ()
    comparison: tuple[str, ...] = ()
    estimate: EffectEstimate | None = None
    explanation: str = ""
    chart: dict | None = None
    rows: tuple[tuple[str, float | None, float | None], ...] = ()


def _chart(estimate: EffectEstimate, title: str) -> tuple[dict, tuple]:
    names = {Group.TREATED: _("With the initiative"), Group.COMPARISON: _("Comparable units without it")}
    periods: dict[str, dict[Group, float]] = {}
    for m in sorted(estimate.group_means, key=lambda g: g.period_start):
        periods.setdefault(m.period_start.isoformat()[:7], {})[m.group] = m.mean
    data = [{"period": p, "series": names[g], "value": v} for p, by in periods.items() for g, v in by.items()]
    rows = tuple((p, by.get(Group.TREATED), by.get(Group.COMPARISON)) for p, by in periods.items())
    return charts.line_chart(data, title=title, y_title="", danish=not english()), rows


def initiative_effect(*, initiative: Initiative, access: Access, tree: UnitTree) -> EffectView | None:
    """The estimate for the initiative, or why there is none; None when no figure and units are set."""
    figure = FIGURES_BY_ID.get(initiative.effect_figure_id)
    if figure is None or not initiative.effect_units:
        return None
    view = {"figure_label": figure_name(figure), "label": effect_label()}
    treated = tuple(u for u in initiative.effect_units if access.can_see(u))
    if initiative.start is None:
        return EffectView(**view, treated=treated, explanation=_("The initiative has no start date. Give it one: "
                                                                 "the estimate compares before and after it."))
    units = [UnitRef(u.unit_id, u.level, u.parent_id) for u in tree.units.values() if u.is_current]
    comparison = tuple(u for u in effect_comparison_units(units=units, treated=treated) if access.can_see(u))
    try:
        con = store_cursor()
    except StoreMissing:
        return EffectView(**view, treated=treated, explanation=_("No key figures have been computed yet."))
    try:
        estimate = _estimate(con, figure.id, treated, comparison, initiative.start)
    except EffectRefused as refused:
        return EffectView(**view, treated=treated, comparison=comparison, explanation=refused.text)
    chart, rows = _chart(estimate, view["figure_label"])
    return EffectView(**view, treated=treated, comparison=comparison, estimate=estimate, chart=chart, rows=rows)


def _estimate(con, figure_id: str, treated, comparison, start) -> EffectEstimate:
    """Quarters first; years when the stored quarters do not reach back before the start."""
    for kind in PERIOD_KINDS:
        frame = store.cells_select(con, unit_ids=[*treated, *comparison], figures=[figure_id], period_kind=kind)
        try:
            return effect_estimate(cells=panel_cells_from_rows(rows=frame.iter_rows(named=True)),
                                   treated=treated, comparison=comparison, start=start)
        except EffectRefused as refused:
            if refused.code is not RefusalCode.NO_BEFORE or kind == PERIOD_KINDS[-1]:
                raise
    raise AssertionError("unreachable")
