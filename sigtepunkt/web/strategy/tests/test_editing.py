"""Editing through the pages: every create and change goes through the services and leaves its history."""

from __future__ import annotations

import pytest

from sigtepunkt.web.strategy.history import history_list
from sigtepunkt.web.strategy.models import Forum, Initiative, Milestone, Strategy

pytestmark = pytest.mark.django_db


def test_an_hr_analyst_builds_a_strategy_from_the_forms(client_as, demo_users, homes):
    client = client_as("hr")
    assert client.post("/strategier/fora/", {"name": "Hoved-MED", "kind": "med_committee",
                                             "unit_id": homes["hr"]}).status_code == 302
    forum = Forum.objects.get(name="Hoved-MED")
    response = client.post("/strategier/ny/", {"title": "Rekruttering 2026", "owner_forum": forum.id, "unit_id": "",
                                               "period_start": "2026-01-01", "period_end": "2028-12-31",
                                               "purpose": "Flere ansøgere"})
    strategy = Strategy.objects.get(title="Rekruttering 2026")
    assert response["Location"] == f"/strategier/{strategy.id}/"
    client.post(f"/strategier/{strategy.id}/spor/ny/", {"title": "Rekruttering", "kind": "track", "vision": "V"})
    track = strategy.tracks.get()
    client.post(f"/strategier/{strategy.id}/maal/ny/", {"track": track.id, "title": "Flere ansøgere pr. stilling"})
    objective = track.objectives.get()
    response = client.post(f"/strategier/{strategy.id}/delmaal/ny/", {
        "objective": objective.id, "title": "Færre genopslag", "kind": "measured", "deadline": "2028-12-31",
        "figure_id": "repost_share", "unit_id": homes["hr"], "segment": "total", "baseline_year": "2025",
        "target_kind": "value", "target_value": "10", "tolerance": "", "margin": ""})
    milestone = Milestone.objects.get(title="Færre genopslag")
    assert response["Location"] == f"/strategier/delmaal/{milestone.id}/"
    assert (milestone.figure_id, milestone.unit_id, milestone.baseline_year, milestone.target_value) == \
        ("repost_share", homes["hr"], 2025, 10.0)
    client.post(f"/strategier/{strategy.id}/indsatser/ny/", {
        "title": "Bedre stillingsopslag", "tracks": [track.id], "milestones": [milestone.id], "level": "central",
        "unit_id": homes["hr"], "forum": forum.id, "responsible": "HR", "start": "2026-02-01", "status": "planned"})
    initiative = Initiative.objects.get(title="Bedre stillingsopslag")
    assert list(initiative.milestones.all()) == [milestone]
    created = history_list(obj=initiative)[0]
    assert (created.user, created.action) == (demo_users["hr"], "created")
    assert created.changes["title"] == [None, "Bedre stillingsopslag"]


def test_a_change_is_recorded_with_who_when_and_what(client_as, demo_users, plan):
    client = client_as("hr")
    m = plan["milestone"]
    client.post(f"/strategier/delmaal/{m.id}/rediger/", {
        "objective": plan["objective"].id, "title": m.title, "kind": "measured", "deadline": "2026-06-30",
        "figure_id": m.figure_id, "unit_id": m.unit_id, "segment": "total", "baseline_year": "2024",
        "target_kind": "value", "target_value": "3.5"})
    change = history_list(obj=m)[0]
    assert change.user == demo_users["hr"] and change.at is not None
    assert change.changes == {"deadline": ["2027-12-31", "2026-06-30"], "target_value": [4.0, 3.5]}
    page = client.get(f"/strategier/delmaal/{m.id}/").content.decode()
    assert "2027-12-31" in page and "2026-06-30" in page and "hr" in page


def test_progress_and_an_approval_are_kept_in_the_initiative_history(client_as, demo_users, plan):
    client = client_as("leder")
    client.post(f"/strategier/indsatser/{plan['own'].id}/fremdrift/", {"date": "2025-05-01", "text": "Kick-off"})
    note = history_list(obj=plan["own"])[0]
    assert (note.user, note.action, note.changes["progress"][1]) == (demo_users["leder"], "progress",
                                                                     "2025-05-01: Kick-off")
    client_as("hr").post(f"/strategier/indsatser/{plan['own'].id}/godkendelse/",
                         {"forum": plan["board"].id, "date": "2025-06-01", "minute": "Taget til efterretning"})
    assert history_list(obj=plan["own"])[0].action == "approved"


def test_a_measured_milestone_needs_its_figure_unit_baseline_and_target(client_as, plan):
    page = client_as("hr").post(f"/strategier/{plan['strategy'].id}/delmaal/ny/", {
        "objective": plan["objective"].id, "title": "Uden tal", "kind": "measured", "deadline": "2026-12-31",
        "target_kind": "benchmark"})
    assert page.status_code == 200
    assert set(page.context["form"].errors) == {"figure_id", "unit_id", "baseline_year", "benchmark_set"}
    assert 'role="alert"' in page.content.decode()
    assert not Milestone.objects.filter(title="Uden tal").exists()


def test_a_deliverable_needs_no_figure_and_keeps_its_evidence(client_as, plan):
    client_as("hr").post(f"/strategier/{plan['strategy'].id}/delmaal/ny/", {
        "objective": plan["objective"].id, "title": "Politik vedtaget", "kind": "deliverable",
        "deadline": "2025-12-31", "evidence_kind": "decision", "evidence_date": "2025-11-20",
        "evidence": "Byrådet 20. november", "figure_id": "turnover_rate"})
    m = Milestone.objects.get(title="Politik vedtaget")
    assert (m.figure_id, m.evidence_kind, m.evidence) == ("", "decision", "Byrådet 20. november")


def test_dates_in_the_wrong_order_are_refused(client_as, plan):
    page = client_as("hr").post(f"/strategier/indsatser/{plan['own'].id}/rediger/", {
        "title": "Nærvær i centret", "level": "local", "status": "planned", "start": "2025-05-01",
        "end": "2025-01-01", "effect_units": [plan["own"].unit_id]})
    assert set(page.context["form"].errors) == {"end", "effect_figure_id"}
