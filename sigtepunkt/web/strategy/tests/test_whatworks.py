"""What works on the initiative page: the indicative difference-in-differences, or why there is none."""

from __future__ import annotations

import datetime as dt

import pytest

from sigtepunkt.insights.selectors import cells_select
from sigtepunkt.web.store import store_cursor
from sigtepunkt.web.strategy.services import initiative_update

pytestmark = pytest.mark.django_db


def _workplaces(tree, unit_id):
    """The workplaces of the leader's centre: the units that carry the initiative."""
    return sorted(u for u in tree.subtree(unit_id) if tree.units[u].level == "workplace" and tree.units[u].is_current)


START = dt.date(2025, 7, 1)
FIG = "sickness_absence_rate"


def _measured_workplaces(tree) -> list[str]:
    """Workplaces with unsuppressed quarters on both sides of the start (small ones are hidden)."""
    frame = cells_select(store_cursor(), unit_ids=_workplaces(tree, tree.roots[0]), figures=[FIG],
                         period_kind="quarter")
    rows = [r for r in frame.iter_rows(named=True) if not r["suppressed"] and r["value"] is not None]
    before = {r["unit_id"] for r in rows if r["period_end"] < START}
    return sorted(before & {r["unit_id"] for r in rows if r["period_start"] >= START})


def test_the_initiative_page_shows_an_indicative_estimate_with_interval_chart_and_table(client_as, plan, tree):
    measured = _measured_workplaces(tree)
    assert len(measured) >= 6
    initiative = initiative_update(initiative=plan["own"], user=None, effect_figure_id=FIG,
                                   effect_units=measured[::2], start=START)
    page = client_as("hr").get(f"/strategier/indsatser/{initiative.id}/")
    effect = page.context["effect"]
    assert effect.estimate is not None, effect.explanation
    e = effect.estimate
    assert e.low <= e.estimate <= e.high and e.treated_units >= 2 and e.comparison_units >= 2
    html = page.content.decode()
    assert effect.label in html and 'id="effect-heading"' in html
    assert 'data-chart-spec="chart-effect"' in html and "<caption>" in html
    assert not set(effect.comparison) & set(effect.treated)


def test_the_comparison_is_limited_to_the_units_the_user_may_see(client_as, plan, tree, homes):
    initiative = initiative_update(initiative=plan["own"], user=None, effect_figure_id="sickness_absence_rate",
                                   effect_units=_workplaces(tree, homes["leder"])[:3], start=START)
    effect = client_as("leder").get(f"/strategier/indsatser/{initiative.id}/").context["effect"]
    assert set(effect.comparison) <= tree.subtree(homes["leder"])


def test_too_few_units_get_a_danish_explanation_instead_of_a_number(client_as, plan, tree, homes):
    initiative = initiative_update(initiative=plan["own"], user=None, effect_figure_id="sickness_absence_rate",
                                   effect_units=_workplaces(tree, homes["leder"])[:1], start=START)
    page = client_as("hr").get(f"/strategier/indsatser/{initiative.id}/")
    effect = page.context["effect"]
    assert effect.estimate is None and "mindst 2" in effect.explanation
    assert effect.explanation in page.content.decode()


def test_an_initiative_without_figure_and_units_has_no_effect_section(client_as, plan):
    page = client_as("hr").get(f"/strategier/indsatser/{plan['own'].id}/")
    assert page.context["effect"] is None and 'id="effect-heading"' not in page.content.decode()
