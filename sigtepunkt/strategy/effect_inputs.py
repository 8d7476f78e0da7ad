"""Inputs for the effect estimate: comparable units from the organisation tree, panel cells from the store.

Kept apart from `effect` so the estimator stays a pure function of plain cells.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from sigtepunkt.strategy.effect import PanelCell

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnitRef:
    """A unit of the organisation tree as the comparison rule needs it."""

    unit_id: str
    level: str
    parent_id: str | None = None


def effect_comparison_units(*, units: Iterable[UnitRef], treated: Collection[str]) -> tuple[str, ...]:
    """Comparable units: the treated units' level, not treated, and neither above nor below a treated unit."""
    by_id = {u.unit_id: u for u in units}
    levels = {by_id[t].level for t in treated if t in by_id}
    above: set[str] = set()
    for unit_id in treated:  # a treated unit's ancestors contain it: their figures include the initiative
        parent = by_id[unit_id].parent_id if unit_id in by_id else None
        while parent is not None and parent not in above:
            above.add(parent)
            parent = by_id[parent].parent_id if parent in by_id else None
    excluded = above | set(treated)
    return tuple(sorted(u.unit_id for u in by_id.values()
                        if u.level in levels and u.unit_id not in excluded and not _below(u, set(treated), by_id)))


def _below(unit: UnitRef, treated: set[str], by_id: dict[str, UnitRef]) -> bool:
    parent = unit.parent_id
    while parent is not None:
        if parent in treated:
            return True
        parent = by_id[parent].parent_id if parent in by_id else None
    return False


def panel_cells_from_rows(*, rows: Iterable[Mapping[str, object]]) -> list[PanelCell]:
    """Cells from measurement-store rows (`cells_select(...).iter_rows(named=True)`): weight = denominator, else n."""
    found = []
    for row in rows:
        weight = row.get("denominator")
        if weight is None:
            weight = row.get("n")
        found.append(PanelCell(str(row["unit_id"]), row["period_start"], row["period_end"],  # type: ignore[arg-type]
                               row.get("value"), weight, bool(row.get("suppressed"))))  # type: ignore[arg-type]
    return found
