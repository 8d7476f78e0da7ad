"""Who may see and edit strategy work: it follows the organisation tree and the forums.

- Seeing a strategy: its unit (or, for a whole-organisation strategy, any unit) is visible.
- Editing a strategy's structure (tracks, objectives, milestones): administrators and HR analysts
  who see the strategy's unit — they write the strategy and its baseline.
- Editing an initiative and its progress log: the above, and leaders who see the initiative's
  owning unit — the people responsible for the work report its progress.
- Recording a forum's approval: the above, and MED members and leaders whose role is on the
  forum's unit — a MED committee approves progress in its own area.
"""

from __future__ import annotations

from sigtepunkt.web.accounts.access import Access
from sigtepunkt.web.accounts.models import Role
from sigtepunkt.web.strategy.models import Forum, Initiative, Strategy

STRATEGISTS = frozenset({Role.ADMINISTRATOR, Role.HR_ANALYST})


def _sees(access: Access, unit_id: str) -> bool:
    return bool(access.visible) if not unit_id else access.can_see(unit_id)


def strategy_can_view(*, access: Access, strategy: Strategy) -> bool:
    return _sees(access, strategy.unit_id)


def strategy_can_edit(*, access: Access, strategy: Strategy) -> bool:
    return bool(access.roles & STRATEGISTS) and _sees(access, strategy.unit_id)


def initiative_can_edit(*, access: Access, initiative: Initiative) -> bool:
    if strategy_can_edit(access=access, strategy=initiative.strategy):
        return True
    return Role.LEADER in access.roles and bool(initiative.unit_id) and access.can_see(initiative.unit_id)


def forum_can_approve(*, access: Access, forum: Forum | None, initiative: Initiative) -> bool:
    if forum is None:
        return False
    if strategy_can_edit(access=access, strategy=initiative.strategy):
        return True
    allowed = {Role.LEADER, Role.MED_MEMBER} & access.roles
    return bool(allowed) and bool(forum.unit_id) and forum.unit_id in access.scope_roots
