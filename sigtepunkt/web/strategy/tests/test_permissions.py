"""Who may edit: strategists edit the strategy; leaders their own initiatives; MED members approve for their forum."""

from __future__ import annotations

import pytest

from sigtepunkt.web.strategy.models import ChangeRecord, Forum
from sigtepunkt.web.strategy.services import forum_create

pytestmark = pytest.mark.django_db

PROGRESS = {"date": "2025-06-01", "text": "Første møde holdt"}


def test_it_lets_a_leader_edit_the_initiatives_of_their_own_units_only(client_as, plan):
    client = client_as("leder")
    assert client.get(f"/strategier/indsatser/{plan['own'].id}/rediger/").status_code == 200
    assert client.post(f"/strategier/indsatser/{plan['own'].id}/fremdrift/", PROGRESS).status_code == 302
    assert client.get(f"/strategier/indsatser/{plan['other'].id}/rediger/").status_code == 403
    assert client.post(f"/strategier/indsatser/{plan['other'].id}/fremdrift/", PROGRESS).status_code == 403
    assert not plan["other"].progress.exists()


def test_it_keeps_the_strategy_itself_for_strategists(client_as, plan):
    client = client_as("leder")
    sid = plan["strategy"].id
    for path in (f"/strategier/{sid}/delmaal/ny/", f"/strategier/{sid}/indsatser/ny/", f"/strategier/{sid}/spor/ny/",
                 f"/strategier/delmaal/{plan['milestone'].id}/rediger/", "/strategier/ny/"):
        assert client.get(path).status_code == 403, path
    assert client_as("hr").get(f"/strategier/{sid}/delmaal/ny/").status_code == 200


def test_a_med_member_approves_only_for_the_forum_of_their_own_unit(client_as, plan, homes):
    own_med = forum_create(name="Område-MED", kind=Forum.Kind.MED_COMMITTEE, unit_id=homes["med"])
    client = client_as("med")
    url = f"/strategier/indsatser/{plan['own'].id}/godkendelse/"
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["form"].fields["forum"].queryset) == [own_med]
    approval = {"forum": plan["board"].id, "date": "2025-06-10", "minute": "Godkendt"}
    assert client.post(url, approval).status_code == 200  # re-shown: the board is not a choice
    assert not plan["own"].approvals.exists()
    assert client.post(url, {**approval, "forum": own_med.id}).status_code == 302
    assert plan["own"].approvals.get().forum == own_med


def test_a_med_member_without_a_forum_of_their_unit_cannot_approve(client_as, plan):
    assert client_as("med").get(f"/strategier/indsatser/{plan['own'].id}/godkendelse/").status_code == 403


@pytest.mark.parametrize("path", ["/strategier/ny/", "/strategier/indlaes/", "/strategier/{sid}/maal/ny/",
                                  "/strategier/indsatser/{own}/rediger/", "/strategier/indsatser/{own}/fremdrift/",
                                  "/strategier/indsatser/{own}/godkendelse/", "/strategier/delmaal/{ms}/rediger/"])
def test_a_viewer_edits_nothing(client_as, plan, path):
    client = client_as("laeser")
    url = path.format(sid=plan["strategy"].id, own=plan["own"].id, ms=plan["milestone"].id)
    before = ChangeRecord.objects.count()
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x", **PROGRESS}).status_code == 403
    assert ChangeRecord.objects.count() == before


def test_a_viewer_reads_the_pages_but_sees_no_edit_links(client_as, plan):
    client = client_as("laeser")
    page = client.get(f"/strategier/indsatser/{plan['own'].id}/").content.decode()
    assert "Nærvær i centret" in page and "/rediger/" not in page
    assert "/delmaal/ny/" not in client.get(f"/strategier/{plan['strategy'].id}/").content.decode()
    assert client.post("/strategier/fora/", {"name": "X", "kind": "other"}).status_code == 403
