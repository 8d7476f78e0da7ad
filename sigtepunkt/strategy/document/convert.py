"""Turn parsed YAML/JSON data into the model's dataclasses by their type hints, noting every problem.

One generic walk instead of a hand-written reader per class: the model is the only definition
of the format. Each problem carries the path to the value (`tracks[0].objectives[1].title`).
Unit references are resolved here through the `UnitResolver` given, so the caller gets ids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any

from sigtepunkt.i18n import gettext as _
from sigtepunkt.strategy.document.model import UnitRef
from sigtepunkt.strategy.document.problems import Code, DocumentProblem

logger = logging.getLogger(__name__)

Resolver = Callable[[str], "tuple[str | None, Code | None, str | None]"]
_MISSING = object()


@cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def optional_inner(tp: Any) -> Any | None:
    """`X` for `X | None`, else None."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return None


class Converter:
    def __init__(self, file: str, problems: list[DocumentProblem], resolve: Resolver | None) -> None:
        self.file, self.problems, self.resolve = file, problems, resolve
        self.ok = True

    def fail(self, code: Code, path: str, value: object = None, detail: str | None = None,
             warning: bool = False) -> None:
        self.ok = self.ok and warning
        text = None if value is None else str(value)
        self.problems.append(DocumentProblem(code, self.file, None, path or None, text, detail, warning))

    def convert(self, tp: Any, data: Any, path: str, meta: dict[str, Any] | None = None) -> Any:
        inner = optional_inner(tp)
        if inner is not None:
            return None if data is None else self.convert(inner, data, path, meta)
        if meta and meta.get("mapping"):
            return self.mapping(data, path)
        if dataclasses.is_dataclass(tp) and tp is not UnitRef:
            return self.dataclass(tp, data, path)
        if typing.get_origin(tp) is tuple:
            return self.sequence(typing.get_args(tp)[0], data, path)
        return self.scalar(tp, data, path)

    def dataclass(self, cls: type, data: Any, path: str) -> Any:
        if not isinstance(data, dict):
            self.fail(Code.WRONG_TYPE, path, _short(data), _("a section with fields"))
            return None
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for name in data:
            if name not in fields:
                self.fail(Code.UNKNOWN_FIELD, path, name, warning=True)
        values, complete = {}, True
        for name, spec in fields.items():
            where = f"{path}.{name}" if path else name
            if name in data and data[name] is not None:
                values[name] = self.convert(hints(cls)[name], data[name], where, dict(spec.metadata))
                complete = complete and (values[name] is not None)
            elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING \
                    and optional_inner(hints(cls)[name]) is None:
                self.fail(Code.REQUIRED, where)
                complete = False
        return cls(**values) if complete else None

    def sequence(self, item: Any, data: Any, path: str) -> tuple | None:
        if not isinstance(data, list):
            self.fail(Code.WRONG_TYPE, path, _short(data), _("a list"))
            return None
        found = tuple(self.convert(item, value, f"{path}[{i}]") for i, value in enumerate(data))
        return tuple(v for v in found if v is not None)

    def mapping(self, data: Any, path: str) -> tuple[tuple[str, str], ...] | None:
        if not isinstance(data, dict) or not all(isinstance(v, str | int) for v in data.values()):
            self.fail(Code.WRONG_TYPE, path, _short(data), _("a list of names and texts (NAME: text)"))
            return None
        return tuple((str(k).upper(), str(v)) for k, v in data.items())

    def scalar(self, tp: Any, data: Any, path: str) -> Any:
        if tp is UnitRef:
            return self.unit(data, path)
        if isinstance(tp, type) and issubclass(tp, Enum):
            allowed = [m.value for m in tp]
            if data not in allowed:
                self.fail(Code.UNKNOWN_CHOICE, path, _short(data), ", ".join(allowed))
                return None
            return tp(data)
        if tp is dt.date:
            return self.date(data, path)
        expected = {str: (str,), int: (int,), float: (int, float)}[tp]
        if isinstance(data, bool) or not isinstance(data, expected):
            label = {str: _("a text"), int: _("a whole number"), float: _("a number")}[tp]
            self.fail(Code.WRONG_TYPE, path, _short(data), label)
            return None
        return tp(data)

    def date(self, data: Any, path: str) -> dt.date | None:
        if isinstance(data, dt.date) and not isinstance(data, dt.datetime):
            return data
        try:
            return dt.date.fromisoformat(data) if isinstance(data, str) and len(data) == 10 else _fail()
        except ValueError:
            self.fail(Code.BAD_DATE, path, _short(data))
            return None

    def unit(self, data: Any, path: str) -> UnitRef | None:
        if not isinstance(data, str | int) or isinstance(data, bool):
            self.fail(Code.WRONG_TYPE, path, _short(data), _("a text"))
            return None
        text = str(data)
        if self.resolve is None:
            return UnitRef(text)
        unit_id, code, detail = self.resolve(text)
        if code is not None:
            self.fail(code, path, text, detail)
            return None
        return UnitRef(text, unit_id)


def _fail() -> dt.date:
    raise ValueError("not an ISO date")


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"
