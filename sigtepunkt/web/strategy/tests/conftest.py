"""A small strategy on the measured 600-employee municipality, and the demo users' home units."""

from __future__ import annotations

import datetime as dt

import pytest

from sigtepunkt.web.strategy import services
from sigtepunkt.web.strategy.models import Forum


@pytest.fixture
def homes(demo_users, tree) -> dict[str, str]:
    """username → the unit their role is on; 'outside' is a centre outside the leader's."""
    found = {u: demo_users[u].role_assignments.get().unit_id for u in ("hr", "leder", "med", "laeser")}
    scope = tree.subtree(found["leder"])
    found["outside"] = next(u for u in tree.current_children(found["hr"]) if u not in scope)
    return found


@pytest.fixture
def plan(demo_users, homes):
    """A strategy with one track, objective, measured milestone and two initiatives (leader's and outside)."""
    board = services.forum_create(name="Direktionen", kind=Forum.Kind.EXECUTIVE_BOARD, unit_id=homes["hr"])
    strategy = services.strategy_create(title="Fastholdelse 2025", owner_forum=board, period_start=dt.date(2025, 1, 1),
                                        period_end=dt.date(2027, 12, 31))
    track = services.track_create(strategy=strategy, title="Fastholdelse", kind="track")
    objective = services.objective_create(track=track, title="Færre stopper")
    milestone = services.milestone_create(
        objective=objective, user=demo_users["hr"], title="Sygefraværet falder", kind="measured",
        deadline=dt.date(2027, 12, 31), figure_id="sickness_absence_rate", unit_id=homes["hr"], baseline_year=2024,
        target_kind="value", target_value=4.0)
    own = services.initiative_create(strategy=strategy, user=demo_users["hr"], title="Nærvær i centret",
                                     unit_id=homes["leder"], start=dt.date(2025, 3, 1))
    other = services.initiative_create(strategy=strategy, user=demo_users["hr"], title="Nærvær andetsteds",
                                       unit_id=homes["outside"], start=dt.date(2025, 3, 1))
    return {"strategy": strategy, "track": track, "objective": objective, "milestone": milestone, "own": own,
            "other": other, "board": board}
