"""What a user may see and do, from their roles and the organisation tree.

Every page, export and API call resolves the unit it shows through `unit_for_user`, which
raises `PermissionDenied` outside the user's subtrees: access is checked where the object
is fetched, not remembered to be checked in each view.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sigtepunkt.insights.tree import LEVEL_ORDER, Unit, UnitTree
from sigtepunkt.web.accounts.models import Role, RoleAssignment
from sigtepunkt.web.store import unit_tree

MANAGE_DATA = frozenset({Role.ADMINISTRATOR, Role.HR_ANALYST})
EXPORT = frozenset({Role.ADMINISTRATOR, Role.HR_ANALYST, Role.LEADER, Role.MED_MEMBER})


@dataclass(frozen=True)
class Access:
    roles: frozenset[str]
    scope_roots: tuple[str, ...]
    visible: frozenset[str]

    def can_see(self, unit_id: str) -> bool:
        return unit_id in self.visible

    @property
    def can_export(self) -> bool:
        return bool(self.roles & EXPORT)

    @property
    def can_manage_data(self) -> bool:
        return bool(self.roles & MANAGE_DATA)

    @property
    def is_administrator(self) -> bool:
        return Role.ADMINISTRATOR in self.roles

    @property
    def home_unit(self) -> str | None:
        return self.scope_roots[0] if self.scope_roots else None


NO_ACCESS = Access(frozenset(), (), frozenset())


def _level_rank(unit: Unit | None) -> int:
    return LEVEL_ORDER.index(unit.level) if unit and unit.level in LEVEL_ORDER else len(LEVEL_ORDER)


# (id of the tree, the user's role assignments) -> (tree, Access). The subtree walk costs
# milliseconds for an administrator of a large municipality; its inputs are the tree and the
# assignments, both read afresh on every request, so a change of role takes effect at once.
_ACCESS_CACHE: dict[tuple[int, tuple], tuple[UnitTree, Access]] = {}
_ACCESS_CACHE_SIZE = 512
_access_lock = threading.Lock()


def access_for_user(*, user, tree: UnitTree | None = None) -> Access:
    """The roles and visible units of a user; anonymous and inactive users see nothing."""
    if not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    tree = tree or unit_tree()
    assignments = tuple(sorted(RoleAssignment.objects.filter(user=user).values_list("role", "unit_id"),
                               key=lambda a: (a[0], a[1] or "")))
    key = (id(tree), assignments)
    found = _ACCESS_CACHE.get(key)
    if found is not None and found[0] is tree:
        return found[1]
    access = _access_compute(tree, assignments)
    with _access_lock:
        if len(_ACCESS_CACHE) >= _ACCESS_CACHE_SIZE:
            _ACCESS_CACHE.clear()
        _ACCESS_CACHE[key] = (tree, access)
    return access


def _access_compute(tree: UnitTree, assignments: tuple[tuple[str, str], ...]) -> Access:
    roots: set[str] = set()
    for _role, unit_id in assignments:
        roots.update([unit_id] if unit_id else tree.roots)
    roots &= set(tree.units)
    visible = frozenset().union(*(tree.subtree(r) for r in roots)) if roots else frozenset()
    top = [r for r in roots if not (tree.parents.get(r, frozenset()) & visible)]
    ordered = tuple(sorted(top, key=lambda u: (_level_rank(tree.units.get(u)), tree.units[u].name)))
    return Access(frozenset(role for role, _unit in assignments), ordered, visible)


def request_access(request) -> Access:
    """The access of the request's user, computed once per request."""
    if not hasattr(request, "_sp_access"):
        request._sp_access = access_for_user(user=request.user)
    return request._sp_access


def unit_for_user(request, unit_id: str) -> Unit:
    """The unit if the user may see it; 404 if it does not exist, 403 if it is outside their units."""
    tree = unit_tree()
    unit = tree.units.get(unit_id)
    if unit is None:
        raise Http404(unit_id)
    if not request_access(request).can_see(unit_id):
        from sigtepunkt.web.accounts.services import audit_record
        audit_record(request=request, action="access_denied", target=f"unit:{unit_id}")
        raise PermissionDenied
    return unit


def require(request, *, allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
