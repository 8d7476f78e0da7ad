"""The API shows what the pages show: the caller's units and everything below them, nothing else."""

import pytest

from sigtepunkt.web.api.errors import UNIT_FORBIDDEN, UNIT_NOT_FOUND

pytestmark = pytest.mark.django_db

MEASUREMENTS = "/api/v1/measurements"


def _visible(username, demo_users, tree):
    from sigtepunkt.web.accounts.access import access_for_user

    return access_for_user(user=demo_users[username], tree=tree).visible


def _outside(username, demo_users, tree):
    visible = _visible(username, demo_users, tree)
    return next(u for u in sorted(tree.units) if u not in visible)


def test_units_lists_only_the_leaders_subtree(api_get, demo_users, tree):
    ids = {u["id"] for u in api_get("/api/v1/units", as_user="leder").json()}
    assert ids == _visible("leder", demo_users, tree)
    assert ids < set(tree.units)


def test_units_lists_every_unit_for_the_administrator(api_get, tree):
    ids = [u["id"] for u in api_get("/api/v1/units", as_user="admin").json()]
    assert sorted(ids) == sorted(tree.units)
    assert tree.units[ids[0]].parent_id is None  # top level first


def test_a_unit_outside_the_subtree_is_forbidden_not_empty(api_get, demo_users, tree):
    from sigtepunkt.web.accounts.models import AuditEvent

    outside = _outside("leder", demo_users, tree)
    response = api_get(MEASUREMENTS, as_user="leder", unit=outside)
    assert response.status_code == 403
    assert response.json()["detail"] == str(UNIT_FORBIDDEN) % {"unit": outside}
    assert AuditEvent.objects.filter(action="access_denied", target=f"api unit:{outside}").exists()


def test_one_forbidden_unit_among_allowed_ones_forbids_the_call(api_get, demo_users, tree):
    inside = sorted(_visible("leder", demo_users, tree))[0]
    outside = _outside("leder", demo_users, tree)
    assert api_get(MEASUREMENTS, as_user="leder", unit=[inside, outside]).status_code == 403


def test_an_unknown_unit_is_not_found(api_get):
    response = api_get(MEASUREMENTS, as_user="hr", unit="no-such-unit")
    assert response.status_code == 404
    assert response.json()["detail"] == str(UNIT_NOT_FOUND) % {"unit": "no-such-unit"}


def test_measurements_without_a_unit_filter_cover_only_visible_units(api_get, demo_users, tree):
    visible = _visible("med", demo_users, tree)
    body = api_get(MEASUREMENTS, as_user="med", figure="headcount", limit=10000).json()
    units = {row["unit"] for row in body["results"]}
    assert units and units <= visible
    assert body["total"] == len(body["results"])


def test_a_user_without_roles_sees_no_units_and_no_cells(api_get, demo_users):
    from sigtepunkt.web.accounts.models import RoleAssignment

    RoleAssignment.objects.filter(user=demo_users["laeser"]).delete()
    assert api_get("/api/v1/units", as_user="laeser").json() == []
    assert api_get(MEASUREMENTS, as_user="laeser").json()["total"] == 0
