"""The catalogue holds every figure of KEY-FIGURES.md, and its rules catch broken definitions."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from sigtepunkt.analytics.catalogue import FIGURES, FIGURES_BY_ID
from sigtepunkt.analytics.catalogue.model import Aggregation, Unit
from sigtepunkt.analytics.catalogue.validation import CatalogueError, catalogue_issues, validate

# The catalogue document the product was specified from, kept in the repository so that a
# clone alone can prove the catalogue complete.
KEY_FIGURES_MD = Path(__file__).resolve().parents[3] / "docs" / "design" / "KEY-FIGURES.md"


def test_it_defines_every_figure_the_catalogue_document_names() -> None:
    text = KEY_FIGURES_MD.read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([a-z0-9_]+)` \|", text, flags=re.MULTILINE))
    named |= set(re.findall(r"also `([a-z0-9_]+)`, `([a-z0-9_]+)`, and `([a-z0-9_]+)`", text)[0])
    assert len(named) == 32
    assert named == set(FIGURES_BY_ID)


def test_it_accepts_the_shipped_catalogue() -> None:
    assert catalogue_issues(FIGURES) == []


@pytest.mark.parametrize(
    ("change", "issue"),
    [
        ({"numerator": "no_such_measure"}, "unknown measure"),
        ({"denominator": None}, "needs a denominator"),
        ({"id": "Bad-Id"}, "snake_case"),
        ({"scale": 1.0}, "scale 100"),
        ({"name_da": " "}, "name_da is empty"),
        ({"denominator": "apprentices_p1"}, "different populations"),
    ],
)
def test_it_rejects_a_broken_definition(change: dict[str, object], issue: str) -> None:
    broken = dataclasses.replace(FIGURES_BY_ID["turnover_rate"], **change)
    issues = catalogue_issues([broken])
    assert any(issue in i for i in issues), issues
    with pytest.raises(CatalogueError):
        validate([broken])


def test_it_rejects_a_duplicate_id() -> None:
    assert any("duplicate id" in i for i in catalogue_issues([FIGURES[0], FIGURES[0]]))


def test_it_computes_values_from_measures_without_dividing_by_zero() -> None:
    turnover = FIGURES_BY_ID["turnover_rate"]
    assert turnover.aggregation is Aggregation.RATIO and turnover.unit is Unit.PERCENT
    assert turnover.value_of(3, 20) == pytest.approx(15.0)
    assert turnover.value_of(3, 0) is None
    assert FIGURES_BY_ID["headcount"].value_of(12, None) == 12
