"""Read a strategy file (YAML or JSON) into a validated `StrategyDocument`, or say everything wrong.

All or nothing: the document is returned only when there is no error (warnings, such as an
unknown field or a deadline after the strategy period, are returned beside it).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from sigtepunkt.strategy.document.convert import Converter
from sigtepunkt.strategy.document.model import StrategyDocument
from sigtepunkt.strategy.document.problems import Code, DocumentProblem, StrategyRejected
from sigtepunkt.strategy.document.rules import document_check
from sigtepunkt.strategy.document.units import OrgUnit, unit_resolver

logger = logging.getLogger(__name__)


class _DuplicateKey(Exception):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(str(key))
        self.key, self.line = key, line


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _load(text: str, file: str, problems: list[DocumentProblem]) -> Any:
    try:
        if file.lower().endswith(".json"):
            return json.loads(text, object_pairs_hook=_strict_pairs)
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKey as exc:
        problems.append(DocumentProblem(Code.DUPLICATE_MAPPING_KEY, file, exc.line, None, str(exc.key)))
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        problems.append(DocumentProblem(Code.SYNTAX, file, _line(exc), detail=str(exc).splitlines()[0]))
    return None


def _strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key, 0)
        found[key] = value
    return found


def _line(exc: Exception) -> int | None:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else getattr(exc, "lineno", None)


def strategy_document_parse(*, text: str, file: str = "strategi.yaml", units: Sequence[OrgUnit] | None = None,
                            ) -> tuple[StrategyDocument | None, list[DocumentProblem]]:
    """Parse `text` (JSON when `file` ends in .json, else YAML); resolve unit names against `units` if given."""
    problems: list[DocumentProblem] = []
    data = _load(text, file, problems)
    if problems:
        return None, problems
    converter = Converter(file, problems, unit_resolver(units) if units is not None else None)
    document = converter.convert(StrategyDocument, data, "")
    if document is not None:
        document_check(document, converter)
    return (document if converter.ok else None), problems


def strategy_document_read(*, path: Path, units: Sequence[OrgUnit] | None = None,
                           ) -> tuple[StrategyDocument | None, list[DocumentProblem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [DocumentProblem(Code.UNREADABLE_FILE, path.name, detail=str(exc))]
    return strategy_document_parse(text=text, file=path.name, units=units)


def strategy_document_load(*, path: Path, units: Sequence[OrgUnit] | None = None) -> StrategyDocument:
    """Like `strategy_document_read`, but raise StrategyRejected with every problem when there is an error."""
    document, problems = strategy_document_read(path=path, units=units)
    if document is None:
        raise StrategyRejected(list(problems))
    return document
