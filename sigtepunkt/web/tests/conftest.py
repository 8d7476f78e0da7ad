"""Fixtures of the cross-cutting web tests (access matrix, security, database)."""

from __future__ import annotations

import pytest

from sigtepunkt.web.testing import QUICK_HASHERS


@pytest.fixture
def quick_passwords(settings):
    """Hash the demo users' passwords cheaply (Argon2 at full cost takes about a second each on CI)."""
    settings.PASSWORD_HASHERS = QUICK_HASHERS
    return settings


@pytest.fixture
def units(demo_users, tree) -> dict[str, str]:
    """Unit ids for path placeholders: the demo users' own units, a centre outside the leader's, a missing one."""
    homes = {u: demo_users[u].role_assignments.get().unit_id for u in ("hr", "leder", "med", "laeser")}
    leader_scope = tree.subtree(homes["leder"])
    outside = next(u for u in tree.current_children(homes["hr"]) if u not in leader_scope)
    return {"muni": homes["hr"], "centre": homes["leder"], "area": homes["med"], "workplace": homes["laeser"],
            "outside": outside, "missing": "findes-ikke"}
