"""The organisation tree on each day, from the validity rows of `org_units`.

A unit's row on day d is the row with valid_from ≤ d ≤ valid_to (empty valid_to: still valid).
Unit X is in the scope of unit U on d when X is U, or U is reached from X by following the
parents of the rows valid on d. The answers only change on validity boundaries, so they are
remembered per "epoch" (a stretch of days between two boundaries): a cache, not a shortcut.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict

from sigtepunkt.analytics.tests.oracle.dates import ONE_DAY
from sigtepunkt.analytics.tests.oracle.warehouse import Row

MUNICIPALITY = "municipality"


class OrgTree:
    def __init__(self, rows: tuple[Row, ...]) -> None:
        self._rows: dict[str, list[Row]] = defaultdict(list)
        boundaries = set()
        for row in rows:
            self._rows[row["unit_id"]].append(row)
            boundaries.add(row["valid_from"])
            if row["valid_to"] is not None:
                boundaries.add(row["valid_to"] + ONE_DAY)
        self._boundaries = sorted(boundaries)
        self._cache: dict[tuple[str, str, int], bool] = {}

    def row_on(self, unit: str, d: dt.date) -> Row | None:
        valid = [r for r in self._rows.get(unit, ()) if r["valid_from"] <= d and (r["valid_to"] is None or d <= r["valid_to"])]
        if len(valid) > 1:
            raise ValueError(f"unit {unit} has overlapping validity rows on {d}")
        return valid[0] if valid else None

    def ancestors_on(self, unit: str, d: dt.date) -> list[str]:
        """The unit itself, then its parent, grandparent … on day d."""
        chain = [unit]
        row = self.row_on(unit, d)
        while row is not None and row["parent_id"] is not None:
            if row["parent_id"] in chain:
                raise ValueError(f"cycle in the organisation tree at {row['parent_id']} on {d}")
            chain.append(row["parent_id"])
            row = self.row_on(row["parent_id"], d)
        return chain

    def in_scope(self, unit: str, scope: str, d: dt.date) -> bool:
        key = (unit, scope, bisect.bisect_right(self._boundaries, d))
        if key not in self._cache:
            self._cache[key] = scope in self.ancestors_on(unit, d)
        return self._cache[key]

    def municipality_of(self, unit: str, d: dt.date) -> str:
        """The nearest unit of level municipality at or above `unit` on d; the unit itself if there is none
        (a region's or the nation's scope: leaving it is leaving every municipality in it)."""
        for ancestor in self.ancestors_on(unit, d):
            row = self.row_on(ancestor, d)
            if row is not None and row["level"] == MUNICIPALITY:
                return ancestor
        return unit
