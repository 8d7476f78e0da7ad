"""What exists can be edited and deleted by those who may edit the strategy, and by nobody else."""

from __future__ import annotations

import datetime as dt

import pytest

from sigtepunkt.web.strategy.history import history_list
from sigtepunkt.web.strategy.models import ChangeRecord, Forum, Initiative, Milestone, Objective, Strategy, Track

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(sp_settings):
    forum = Forum.objects.create(key="hoved-med", name="Hoved-MED", kind="med_committee")
    strategy = Strategy.objects.create(key="s", title="Gammel titel", owner_forum=forum,
                                       period_start=dt.date(2025, 1, 1), period_end=dt.date(2027, 12, 31))
    track = Track.objects.create(strategy=strategy, key="t", title="Spor", kind="track")
    objective = Objective.objects.create(track=track, key="o", title="Målsætning")
    Milestone.objects.create(objective=objective, key="m", title="Sigtepunkt", kind="deliverable",
                             deadline=dt.date(2026, 6, 30))
    Initiative.objects.create(strategy=strategy, key="i", title="Indsats", level="central")
    return strategy


def test_an_hr_analyst_edits_the_strategy_its_track_and_objective(client_as, strategy):
    client = client_as("hr")
    assert client.post(f"/strategier/{strategy.id}/rediger/", {
        "title": "Ny titel", "owner_forum": strategy.owner_forum_id, "unit_id": "", "period_start": "2025-01-01",
        "period_end": "2028-12-31", "purpose": "Formål"}).status_code == 302
    strategy.refresh_from_db()
    assert (strategy.title, strategy.period_end) == ("Ny titel", dt.date(2028, 12, 31))
    track = strategy.tracks.get()
    client.post(f"/strategier/spor/{track.id}/rediger/", {"title": "Nyt spor", "kind": "focus_area", "vision": "V"})
    objective = track.objectives.get()
    client.post(f"/strategier/maal/{objective.id}/rediger/", {"track": track.id, "title": "Ny målsætning"})
    track.refresh_from_db()
    objective.refresh_from_db()
    assert (track.title, track.kind, objective.title) == ("Nyt spor", "focus_area", "Ny målsætning")


def test_deleting_asks_first_and_keeps_a_last_history_record(client_as, strategy):
    client = client_as("hr")
    milestone = Milestone.objects.get(key="m")
    page = client.get(f"/strategier/delmaal/{milestone.id}/slet/")
    assert page.status_code == 200 and "Sigtepunkt" in page.content.decode()
    assert Milestone.objects.filter(pk=milestone.pk).exists()
    client.post(f"/strategier/delmaal/{milestone.id}/slet/")
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    record = ChangeRecord.objects.get(object_type="milestone", object_id=milestone.pk, action="deleted")
    assert record.user.username == "hr"
    initiative = Initiative.objects.get(key="i")
    client.post(f"/strategier/indsatser/{initiative.id}/slet/")
    assert not Initiative.objects.filter(pk=initiative.pk).exists()
    assert client.post(f"/strategier/{strategy.id}/slet/")["Location"] == "/strategier/"
    assert not Strategy.objects.filter(pk=strategy.pk).exists() and not Track.objects.exists()
    assert history_list(obj=initiative)[0].action == "deleted"


@pytest.mark.parametrize("user", ["leder", "med", "laeser"])
def test_others_may_neither_edit_nor_delete(client_as, strategy, user):
    client = client_as(user)
    track, objective = strategy.tracks.get(), Objective.objects.get()
    for path in (f"/strategier/{strategy.id}/rediger/", f"/strategier/{strategy.id}/slet/",
                 f"/strategier/spor/{track.id}/rediger/", f"/strategier/maal/{objective.id}/rediger/",
                 f"/strategier/delmaal/{Milestone.objects.get().id}/slet/"):
        assert client.post(path, {}).status_code == 403, path
    assert Strategy.objects.filter(pk=strategy.pk, title="Gammel titel").exists()
