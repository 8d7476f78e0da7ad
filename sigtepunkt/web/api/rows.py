"""Turn catalogue records, tree units and stored rows into the API's plain rows.

A suppressed cell leaves here with no numbers even if one slipped into the row: the store
already holds NULL, and this is the second lock on the same door.
"""

from __future__ import annotations

import datetime as dt
import logging
import math

from sigtepunkt.analytics.catalogue import figure_segments
from sigtepunkt.analytics.catalogue.model import KeyFigure
from sigtepunkt.insights.tree import LEVEL_ORDER, Unit, UnitTree

logger = logging.getLogger(__name__)

NUMBERS = ("value", "numerator", "denominator", "n")


def figure_row(figure: KeyFigure) -> dict:
    return {
        "id": figure.id, "name_da": figure.name_da, "name_en": figure.name_en,
        "description_da": figure.description_da, "description_en": figure.description_en,
        "formula": figure.formula_da, "numerator": figure.numerator_da, "denominator": figure.denominator_da,
        "unit": figure.unit.value, "better": figure.better.value, "track": figure.track.value,
        "source": {"name": figure.source.name, "url": figure.source.url}, "version": figure.version,
        "segments": list(figure_segments(figure)),
    }


def unit_row(unit: Unit) -> dict:
    return {"id": unit.unit_id, "name": unit.name, "level": unit.level, "parent": unit.parent_id,
            "valid_from": unit.valid_from, "valid_to": unit.valid_to}


def unit_rows(tree: UnitTree, visible: frozenset[str]) -> list[dict]:
    """The visible units, from the top level down, by name within a level."""
    def rank(unit: Unit) -> tuple:
        level = LEVEL_ORDER.index(unit.level) if unit.level in LEVEL_ORDER else len(LEVEL_ORDER)
        return level, unit.name, unit.unit_id
    return [unit_row(u) for u in sorted((tree.units[i] for i in visible if i in tree.units), key=rank)]


def _finite(value):
    return None if isinstance(value, float) and not math.isfinite(value) else value


def measurement_row(cell: dict) -> dict:
    row = {**cell, "unit": cell["unit_id"]}
    del row["unit_id"]
    for key in NUMBERS:
        row[key] = None if cell["suppressed"] else _finite(cell[key])
    return row


def meta_row(meta: dict[str, str]) -> dict:
    """The store's meta table as typed values; `computed_at` is stored naive in UTC."""
    computed = dt.datetime.fromisoformat(meta["computed_at"])
    return {"extract_date": dt.date.fromisoformat(meta["extract_date"]), "data_version": meta["data_version"],
            "computed_at": computed if computed.tzinfo else computed.replace(tzinfo=dt.UTC),
            "suppression_threshold": int(meta["suppression_threshold"])}
