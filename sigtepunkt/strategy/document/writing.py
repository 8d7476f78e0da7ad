"""Write a `StrategyDocument` back as YAML or JSON: the same keys, defaults left out, units as written.

Reading what this writes gives an equal document (the round trip the tests check); unit
references are written as the file named them, so a file keeps its unit names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from enum import Enum
from typing import Any

import yaml

from sigtepunkt.strategy.document.model import StrategyDocument, UnitRef

logger = logging.getLogger(__name__)


def to_data(value: Any) -> Any:
    """Plain data (dicts, lists, ISO dates as text) for a model value."""
    if isinstance(value, UnitRef):
        return value.text
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [to_data(v) for v in value]
    return value


def _fields(obj: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for spec in dataclasses.fields(obj):
        value = getattr(obj, spec.name)
        default = spec.default if spec.default is not dataclasses.MISSING else dataclasses.MISSING
        if value is None or value == default:
            continue
        data[spec.name] = dict(value) if spec.metadata.get("mapping") else to_data(value)
    return data


class _Dumper(yaml.SafeDumper):
    """Long texts as folded blocks, so a vision or a purpose reads as a paragraph."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = ">" if len(text) > 100 and "\n" not in text else ("|" if "\n" in text else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def strategy_document_dump(*, document: StrategyDocument, fmt: str = "yaml") -> str:
    """The document as YAML (default) or JSON text."""
    data = to_data(document)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "yaml":
        raise ValueError(f"unknown format {fmt!r}: 'yaml' or 'json'")
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
