"""Access follows the organisation tree: each role sees its units and everything under them."""

import pytest
from django.contrib.auth import get_user_model

from sigtepunkt.web.accounts.access import access_for_user
from sigtepunkt.web.accounts.admin import RoleAssignmentForm
from sigtepunkt.web.accounts.models import AuditEvent, Role
from sigtepunkt.web.accounts.services import api_token_create, api_token_revoke, api_token_user, user_create

pytestmark = pytest.mark.django_db


def test_a_leader_sees_their_centre_and_everything_under_it_and_nothing_else(demo_users, tree):
    access = access_for_user(user=demo_users["leder"], tree=tree)
    centre = access.home_unit
    assert tree.units[centre].level == "centre"
    assert access.visible == tree.subtree(centre)
    assert not access.can_see(tree.roots[0])
    assert not access.can_manage_data and access.can_export


def test_hr_analyst_sees_the_municipality_and_may_manage_data(demo_users, tree):
    access = access_for_user(user=demo_users["hr"], tree=tree)
    assert access.visible == tree.subtree(tree.roots[0])
    assert access.can_manage_data and not access.is_administrator


def test_viewer_may_not_export(demo_users, tree):
    access = access_for_user(user=demo_users["laeser"], tree=tree)
    assert tree.units[access.home_unit].level == "workplace"
    assert not access.can_export


def test_several_roles_add_up(sp_settings, tree):
    centres = [c for c in tree.current_children(tree.roots[0])][:2]
    user = user_create(username="to-centre", password="x" * 16,
                       roles=[(Role.LEADER, centres[0]), (Role.MED_MEMBER, centres[1])])
    access = access_for_user(user=user, tree=tree)
    assert access.visible == tree.subtree(centres[0]) | tree.subtree(centres[1])
    assert set(access.scope_roots) == set(centres)


def test_an_inactive_user_sees_nothing(demo_users, tree):
    user = demo_users["hr"]
    user.is_active = False
    assert access_for_user(user=user, tree=tree).visible == frozenset()


def test_a_role_on_an_unknown_unit_is_refused_in_the_admin(demo_users, tree):
    form = RoleAssignmentForm(data={"user": demo_users["laeser"].id, "role": Role.LEADER, "unit_id": "no-such-unit"})
    assert not form.is_valid()
    assert "no-such-unit" in str(form.errors)


def test_user_changes_are_audited(sp_settings):
    user_create(username="ny", password="x" * 16, roles=[(Role.VIEWER, "")])
    event = AuditEvent.objects.get(action="user_changed", target="user:ny")
    assert event.detail["roles"] == ["viewer@*"]


def test_api_tokens_are_stored_hashed_and_can_be_revoked(demo_users):
    user = demo_users["hr"]
    token = api_token_create(user=user, name="Power BI")
    stored = user.api_tokens.get()
    assert token not in (stored.digest, stored.prefix) and stored.prefix == token[:8]
    assert api_token_user(token=token) == user
    assert api_token_user(token=token + "x") is None
    api_token_revoke(user=user, token_id=stored.id)
    assert api_token_user(token=token) is None
    assert get_user_model().objects.filter(username="hr").exists()


def test_login_and_failed_login_are_audited(client, demo_users):
    client.post("/login/", {"username": "hr", "password": "forkert-kode"})
    client.post("/login/", {"username": "hr", "password": "sigtepunkt-demo"})
    actions = list(AuditEvent.objects.filter(username="hr").values_list("action", flat=True))
    assert "login_failed" in actions and "login" in actions
