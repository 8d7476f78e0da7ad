"""A JSON Schema for the strategy format, generated from the model's type hints (as the parser is).

`python -m sigtepunkt.strategy.document.schema > docs/schemas/strategy.schema.json` refreshes
the published schema; a test checks that the file is up to date. The schema checks shape only:
references, figures, units and dates are checked by the parser's rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import typing
from enum import Enum
from typing import Any

from sigtepunkt.strategy.document.convert import hints, optional_inner
from sigtepunkt.strategy.document.model import FORMAT, StrategyDocument, UnitRef

logger = logging.getLogger(__name__)


def _type_schema(tp: Any, meta: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    inner = optional_inner(tp)
    if inner is not None:
        return _type_schema(inner, meta, defs)
    if meta.get("mapping"):
        return {"type": "object", "additionalProperties": {"type": ["string", "integer"]}}
    if tp is UnitRef:
        return {"type": ["string", "integer"], "description": "\"kommune\", a unit's name or its id"}
    if dataclasses.is_dataclass(tp):
        defs.setdefault(tp.__name__, None)
        if defs[tp.__name__] is None:
            defs[tp.__name__] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if typing.get_origin(tp) is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], {}, defs)}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"enum": [m.value for m in tp]}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    return {"type": {str: "string", int: "integer", float: "number"}[tp]}


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties, required = {}, []
    for spec in dataclasses.fields(cls):
        tp = hints(cls)[spec.name]
        properties[spec.name] = _type_schema(tp, dict(spec.metadata), defs)
        if spec.default is dataclasses.MISSING and optional_inner(tp) is None:
            required.append(spec.name)
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def strategy_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a strategy file."""
    defs: dict[str, Any] = {}
    root = _object_schema(StrategyDocument, defs)
    root["properties"]["format"] = {"const": FORMAT}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://sigtepunkt.dk/schemas/strategy.schema.json",
            "title": "sigtepunkt strategy", **root, "$defs": dict(sorted(defs.items()))}


if __name__ == "__main__":
    print(json.dumps(strategy_schema(), ensure_ascii=False, indent=2))
