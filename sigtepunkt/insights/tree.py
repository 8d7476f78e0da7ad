"""The organisation tree as the store knows it: names, levels, parents over time.

Access follows the tree: a leader sees a unit and everything under it. A unit that moved
counts as under every unit it was ever under while the store's results were computed, so
that history computed for an earlier parent stays with that parent's leader too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import duckdb

LEVEL_ORDER = ("region", "municipality", "centre", "area", "workplace")


@dataclass(frozen=True)
class Unit:
    unit_id: str
    name: str
    level: str
    parent_id: str | None
    valid_from: dt.date
    valid_to: dt.date | None

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


@dataclass(frozen=True)
class UnitTree:
    units: dict[str, Unit]
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parents: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: list[tuple]) -> UnitTree:
        """Build from (unit_id, parent_id, name, level, valid_from, valid_to) validity rows."""
        latest: dict[str, Unit] = {}
        children: dict[str, set[str]] = defaultdict(set)
        parents: dict[str, set[str]] = defaultdict(set)
        for unit_id, parent_id, name, level, valid_from, valid_to in sorted(rows, key=lambda r: (r[0], r[4])):
            latest[unit_id] = Unit(unit_id, name, level, parent_id, valid_from, valid_to)
            if parent_id:
                children[parent_id].add(unit_id)
                parents[unit_id].add(parent_id)
        ordered = {k: tuple(sorted(v, key=lambda u: latest[u].name if u in latest else u)) for k, v in children.items()}
        return cls(latest, ordered, {k: frozenset(v) for k, v in parents.items()})

    @cached_property
    def roots(self) -> tuple[str, ...]:
        return tuple(u for u in self.units if not self.parents.get(u))

    def current_children(self, unit_id: str) -> tuple[str, ...]:
        """Children whose latest validity row still places them under `unit_id`."""
        return tuple(c for c in self.children.get(unit_id, ()) if self.units[c].parent_id == unit_id)

    def subtree(self, unit_id: str) -> frozenset[str]:
        seen, stack = {unit_id}, [unit_id]
        while stack:
            for child in self.children.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return frozenset(seen)

    def path(self, unit_id: str) -> list[Unit]:
        """The current chain from the top down to the unit (for breadcrumbs)."""
        chain, current = [], self.units.get(unit_id)
        while current is not None and current.unit_id not in {u.unit_id for u in chain}:
            chain.append(current)
            current = self.units.get(current.parent_id) if current.parent_id else None
        return list(reversed(chain))

    def nearest(self, unit_id: str, level: str) -> str | None:
        """The nearest unit of `level` on the current path (the unit itself included)."""
        for unit in reversed(self.path(unit_id)):
            if unit.level == level:
                return unit.unit_id
        return None


def unit_tree_read(con: duckdb.DuckDBPyConnection) -> UnitTree:
    rows = con.execute("SELECT unit_id, parent_id, name, level, valid_from, valid_to FROM units").fetchall()
    return UnitTree.from_rows(rows)
