"""Rules a catalogue must satisfy; checked when it loads, so a bad definition never runs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import assert_never

from sigtepunkt.analytics.catalogue.measures import MEASURES_BY_ID
from sigtepunkt.analytics.catalogue.model import Aggregation, KeyFigure, Unit

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
Rule = Callable[[KeyFigure], Iterable[str]]


class CatalogueError(Exception):
    """The catalogue has definitions that break its rules; the message lists them all."""


def _id_is_snake_case(f: KeyFigure) -> Iterable[str]:
    if not _ID.match(f.id):
        yield f"{f.id}: id must be snake_case"


def _measures_exist(f: KeyFigure) -> Iterable[str]:
    for measure in (f.numerator, f.denominator, f.n):
        if measure is not None and measure not in MEASURES_BY_ID:
            yield f"{f.id}: unknown measure {measure!r}"


def _aggregation_has_its_parts(f: KeyFigure) -> Iterable[str]:
    match f.aggregation:
        case Aggregation.RATIO | Aggregation.MEAN | Aggregation.MEDIAN:
            if f.denominator is None:
                yield f"{f.id}: {f.aggregation.value} needs a denominator"
        case Aggregation.COUNT | Aggregation.SUM:
            if f.denominator is not None:
                yield f"{f.id}: {f.aggregation.value} takes no denominator"
        case _:
            assert_never(f.aggregation)


def _percent_is_scaled(f: KeyFigure) -> Iterable[str]:
    if f.unit is Unit.PERCENT and f.scale != 100:
        yield f"{f.id}: a percentage must have scale 100"


def _texts_present(f: KeyFigure) -> Iterable[str]:
    for name in ("name_da", "name_en", "description_da", "description_en", "formula_da"):
        if not getattr(f, name).strip():
            yield f"{f.id}: {name} is empty"
    if f.version < 1:
        yield f"{f.id}: version must be at least 1"


def _same_population(f: KeyFigure) -> Iterable[str]:
    if f.denominator and f.numerator in MEASURES_BY_ID and f.denominator in MEASURES_BY_ID:
        if MEASURES_BY_ID[f.numerator].population != MEASURES_BY_ID[f.denominator].population:
            yield f"{f.id}: numerator and denominator count different populations"


RULES: tuple[Rule, ...] = (
    _id_is_snake_case, _measures_exist, _aggregation_has_its_parts, _percent_is_scaled, _texts_present,
    _same_population,
)


def catalogue_issues(figures: Iterable[KeyFigure]) -> list[str]:
    """Every broken rule, as readable sentences (empty when the catalogue is sound)."""
    figures = list(figures)
    issues = [issue for f in figures for rule in RULES for issue in rule(f)]
    seen: set[str] = set()
    for f in figures:
        if f.id in seen:
            issues.append(f"{f.id}: duplicate id")
        seen.add(f.id)
    return issues


def validate(figures: Iterable[KeyFigure]) -> None:
    issues = catalogue_issues(figures)
    if issues:
        raise CatalogueError("; ".join(issues))
