"""The units an API call may read, and the audit line every call leaves.

The same rules as the pages: access comes from `access_for_user` through `request_access`,
and a unit asked for by name is refused with 403 when it is outside the caller's subtrees
(404 when it does not exist), never silently dropped from the answer.
"""

from __future__ import annotations

import logging

from sigtepunkt.web.accounts.access import request_access
from sigtepunkt.web.accounts.services import audit_record
from sigtepunkt.web.api.errors import UNIT_FORBIDDEN, UNIT_NOT_FOUND, ApiError
from sigtepunkt.web.store import unit_tree

logger = logging.getLogger(__name__)


def api_units_in_scope(request, *, unit_ids: list[str] | None, include_subunits: bool) -> tuple[str, ...]:
    """The visible units a query covers: all of them without a filter, else the named ones (and below)."""
    access = request_access(request)
    if not unit_ids:
        return tuple(sorted(access.visible))
    tree = unit_tree()
    chosen: set[str] = set()
    for unit_id in dict.fromkeys(unit_ids):
        if unit_id not in tree.units:
            raise ApiError(404, str(UNIT_NOT_FOUND) % {"unit": unit_id})
        if not access.can_see(unit_id):
            audit_record(action="access_denied", request=request, target=f"api unit:{unit_id}")
            raise ApiError(403, str(UNIT_FORBIDDEN) % {"unit": unit_id})
        chosen |= tree.subtree(unit_id) if include_subunits else {unit_id}
    return tuple(sorted(chosen & access.visible))


def api_read_record(request, *, rows: int) -> None:
    """One audit event per call: who, which endpoint, the query string and how many rows went out."""
    via = "token" if request.headers.get("Authorization") else "session"
    audit_record(action="api_read", request=request, target=request.path,
                 detail={"query": request.GET.urlencode()[:500], "rows": rows, "via": via})
