"""The organisation page: the user's part of the unit tree, searchable, each unit with its headcount."""

from __future__ import annotations

from dataclasses import dataclass, field

from sigtepunkt.insights import selectors
from sigtepunkt.insights.tree import Unit, UnitTree
from sigtepunkt.web.accounts.access import Access
from sigtepunkt.web.insights.pages.common import context_read, period_starts


@dataclass
class Node:
    unit: Unit
    headcount: dict | None
    children: list[Node] = field(default_factory=list)
    path: list[Unit] = field(default_factory=list)


@dataclass
class Organisation:
    roots: list[Node]
    matches: list[Node] | None
    month: object
    threshold: int
    query: str = ""


def _headcounts(con, units: list[str]) -> tuple[dict[str, dict], object]:
    months = period_starts(con, period_kind="month")
    if not months:
        return {}, None
    frame = selectors.cells_select(con, unit_ids=units, figures=["headcount"], period_kind="month",
                                   period_start=months[-1])
    return {r["unit_id"]: r for r in frame.iter_rows(named=True)}, frame["period_end"][0] if frame.height else None


def _grow(tree: UnitTree, access: Access, unit_id: str, counts: dict, seen: set[str]) -> Node:
    seen.add(unit_id)
    node = Node(tree.units[unit_id], counts.get(unit_id))
    for child in tree.current_children(unit_id):
        if access.can_see(child) and child not in seen:
            node.children.append(_grow(tree, access, child, counts, seen))
    return node


def organisation_build(con, *, tree: UnitTree, access: Access, query: str = "") -> Organisation:
    current = [u for u in access.visible if tree.units[u].is_current]
    counts, month_end = _headcounts(con, current)
    roots = [_grow(tree, access, r, counts, set()) for r in access.scope_roots]
    matches = None
    if query.strip():
        needle = query.strip().casefold()
        found = sorted((tree.units[u] for u in current if needle in tree.units[u].name.casefold()
                        or needle == u.casefold()), key=lambda u: u.name)
        matches = [Node(u, counts.get(u.unit_id), path=tree.path(u.unit_id)[:-1]) for u in found]
    return Organisation(roots, matches, month_end, context_read(con).threshold, query)
