"""Resolve the units a strategy file names ("kommune", a name, an id) against the organisation.

Example files name units by name so that they read well and survive a regenerated synthetic
municipality; the loader turns names into ids against the unit list it is given. A name must
be unique (else give the id); "kommune" is the unit of level municipality (the nearest one at
the top: with a region above, exactly one municipality must be in the list).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sigtepunkt.strategy.document.model import MUNICIPALITY
from sigtepunkt.strategy.document.problems import Code

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrgUnit:
    unit_id: str
    name: str
    level: str
    parent_id: str | None = None


def unit_resolver(units: Sequence[OrgUnit]):  # noqa: ANN201 - returns convert.Resolver
    """A function from a unit reference to (unit id, problem code, detail)."""
    by_id = {u.unit_id: u for u in units}
    by_name: dict[str, set[str]] = defaultdict(set)
    for unit in units:
        by_name[unit.name.strip().casefold()].add(unit.unit_id)
    municipalities = sorted({u.unit_id for u in units if u.level == "municipality"})

    def resolve(text: str) -> tuple[str | None, Code | None, str | None]:
        key = text.strip()
        if key.casefold() == MUNICIPALITY:
            if len(municipalities) == 1:
                return municipalities[0], None, None
            return None, Code.AMBIGUOUS_UNIT, ", ".join(municipalities) or "–"
        if key in by_id:
            return key, None, None
        found = sorted(by_name.get(key.casefold(), ()))
        if len(found) == 1:
            return found[0], None, None
        if found:
            return None, Code.AMBIGUOUS_UNIT, ", ".join(found)
        return None, Code.UNKNOWN_UNIT, None

    return resolve
