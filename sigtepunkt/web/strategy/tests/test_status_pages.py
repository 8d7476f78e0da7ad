"""Milestone status on the pages, computed from the measurements store, for every kind of target."""

from __future__ import annotations

import datetime as dt

import pytest

from sigtepunkt.insights.selectors import benchmark_cells, cells_select
from sigtepunkt.strategy.status import StatusCode
from sigtepunkt.web.store import store_cursor
from sigtepunkt.web.strategy import services

pytestmark = pytest.mark.django_db
FIG = "sickness_absence_rate"


def _milestone(plan, user, title, **fields):
    base = {"kind": "measured", "deadline": dt.date(2027, 12, 31), "figure_id": FIG, "baseline_year": 2023,
            "target_kind": "value", "target_value": 4.0}
    return services.milestone_create(objective=plan["objective"], user=user, title=title, **{**base, **fields})


def _status_on_pages(client, milestone) -> StatusCode:
    page = client.get(f"/strategier/delmaal/{milestone.id}/")
    code = page.context["tracked"].status.code
    html = page.content.decode()
    assert code.label in html and page.context["tracked"].status.rule_text.split(" ")[0] in html
    detail = client.get(f"/strategier/{milestone.objective.track.strategy_id}/")
    assert milestone.title in detail.content.decode()
    return code


def test_every_kind_of_target_gets_a_status_with_its_rule(client_as, demo_users, plan, homes):
    con = store_cursor()
    sets = benchmark_cells(con, figures=[FIG])
    assert len(sets), "the measured municipality has benchmarks for sickness absence"
    client, hr = client_as("hr"), demo_users["hr"]
    value = _milestone(plan, hr, "Værdi", unit_id=homes["hr"], target_value=0.5)
    bench = _milestone(plan, hr, "Benchmark", unit_id=homes["hr"], target_kind="benchmark", target_value=None,
                       benchmark_set=sets["set_name"][0], tolerance=0.5)
    relative = _milestone(plan, hr, "Relativ", unit_id=homes["hr"], target_kind="relative", target_value=None,
                          reference_year=2023, margin=0.1)
    for m in (value, bench, relative):
        assert _status_on_pages(client, m) in {StatusCode.REACHED, StatusCode.ON_TRACK, StatusCode.AT_RISK,
                                               StatusCode.MISSED}
    assert client.get(f"/strategier/delmaal/{bench.id}/").context["tracked"].benchmark is not None


def test_missing_data_is_no_data_not_a_guess(client_as, demo_users, plan, homes):
    m = _milestone(plan, demo_users["hr"], "Intet segment", unit_id=homes["hr"], segment="job_group",
                   segment_value="findes ikke")
    assert _status_on_pages(client_as("hr"), m) is StatusCode.NO_DATA


def test_a_suppressed_cell_shows_no_number(client_as, demo_users, plan, tree):
    frame = cells_select(store_cursor(), unit_ids=list(tree.units), figures=[FIG], period_kind="year")
    hidden = frame.filter(frame["suppressed"]).row(0, named=True)
    m = _milestone(plan, demo_users["hr"], "Lille enhed", unit_id=hidden["unit_id"],
                   baseline_year=hidden["period_end"].year)
    page = client_as("hr").get(f"/strategier/delmaal/{m.id}/")
    tracked = page.context["tracked"]
    point = next(p for p in tracked.series.points if p.end == hidden["period_end"])
    assert point.suppressed and point.value is None
    assert 'class="suppressed"' in page.content.decode()
    assert tracked.status.code is StatusCode.NO_DATA  # the baseline year's cell is hidden: no status is guessed
    assert tracked.status.reason.value == "baseline_suppressed"
    assert tracked.status.rule_text in page.content.decode()


def test_a_deliverable_is_reached_by_its_evidence(client_as, demo_users, plan):
    m = services.milestone_create(objective=plan["objective"], user=demo_users["hr"], title="Vedtaget",
                                  kind="deliverable", deadline=dt.date(2025, 12, 31), evidence_kind="decision",
                                  evidence_date=dt.date(2025, 11, 1), evidence="Byrådet")
    assert _status_on_pages(client_as("hr"), m) is StatusCode.REACHED
