"""The organisation page: the user's part of the unit tree, searchable, each unit with its headcount.

The tree reaches the template as one list in display order (`items`), each unit with its link
and headcount ready and the number of lists it closes: an administrator sees some 2,000 units,
and a recursive `{% include %}` per unit (with a URL reversal and a number format in each) cost
half a second of CPU per page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from django.urls import reverse

from sigtepunkt.insights import selectors
from sigtepunkt.insights.reader import version_cached
from sigtepunkt.insights.tree import Unit, UnitTree
from sigtepunkt.web.accounts.access import Access
from sigtepunkt.web.insights.formatting import CellFormat
from sigtepunkt.web.insights.pages.common import context_read, period_starts

SENTINEL = "00unit00"


@dataclass
class Node:
    unit: Unit
    headcount: dict | None
    children: list[Node] = field(default_factory=list)
    path: list[Unit] = field(default_factory=list)
    href: str = ""
    count: str = "–"  # the headcount as shown, unless suppressed
    suppressed: bool = False
    closing: range = range(0)  # how many nested lists end after this unit in `Organisation.items`


@dataclass
class Organisation:
    roots: list[Node]
    matches: list[Node] | None
    month: object
    threshold: int
    query: str = ""
    items: list[Node] = field(default_factory=list)


def _month_headcounts(con, month) -> dict[str, dict]:
    """Every unit's headcount in the month, read once per store version (the same for every user)."""
    def read(c) -> dict[str, dict]:
        found = c.execute(f"SELECT {', '.join(selectors.CELL_COLUMNS)} FROM measurements WHERE figure = ? "
                          "AND segment = ? AND period_kind = ? AND period_start = ? ORDER BY unit_id",
                          ["headcount", selectors.TOTAL, "month", month]).fetchall()
        return {row[1]: dict(zip(selectors.CELL_COLUMNS, row, strict=True)) for row in found}
    return version_cached(con, ("month_headcounts", month), read)


def _headcounts(con, units: list[str]) -> tuple[dict[str, dict], object]:
    months = period_starts(con, period_kind="month")
    if not months:
        return {}, None
    every = _month_headcounts(con, months[-1])
    counts = {u: every[u] for u in units if u in every}
    return counts, counts[min(counts)]["period_end"] if counts else None


def _grow(tree: UnitTree, access: Access, unit_id: str, counts: dict, seen: set[str]) -> Node:
    seen.add(unit_id)
    node = Node(tree.units[unit_id], counts.get(unit_id))
    for child in tree.current_children(unit_id):
        if access.can_see(child) and child not in seen:
            node.children.append(_grow(tree, access, child, counts, seen))
    return node


class _Shown:
    """Link and headcount text of a unit, as `{% url 'sp-unit' %}` and the number filter make them."""

    def __init__(self, threshold: int) -> None:
        self.fmt = CellFormat(threshold)
        self.prefix, self.suffix = reverse("sp-unit", args=[SENTINEL]).split(SENTINEL)

    def __call__(self, node: Node) -> Node:
        unit_id = node.unit.unit_id
        node.href = (self.prefix + quote(unit_id, safe="!$&'()*+,;=/~:@") + self.suffix if "/" not in unit_id
                     else reverse("sp-unit", args=[unit_id]))
        cell = node.headcount
        node.suppressed = bool(cell and cell.get("suppressed"))
        node.count = "–" if cell is None or node.suppressed else self.fmt.number(cell.get("value"), 0)
        return node


def _flatten(node: Node, shown: _Shown, out: list[Node]) -> None:
    out.append(shown(node))
    for child in node.children:
        _flatten(child, shown, out)
    if node.children:
        last = out[-1]
        last.closing = range(len(last.closing) + 1)


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
    page = Organisation(roots, matches, month_end, context_read(con).threshold, query)
    shown = _Shown(page.threshold)
    if matches is None:
        for root in roots:
            _flatten(root, shown, page.items)
    else:
        page.matches = [shown(m) for m in matches]
    return page
