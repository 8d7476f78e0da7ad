"""The oracle against the golden cases: every hand-worked expectation in cases/*.yaml."""

from __future__ import annotations

import ast
import operator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from sigtepunkt.analytics.catalogue import FIGURES
from sigtepunkt.analytics.tests.oracle import Warehouse, oracle_cell

CASES_DIR = Path(__file__).parent / "cases"
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def exact(value: object) -> Fraction | None:
    """A number, None, or an arithmetic string ("100 * 2 / (978/366)") as an exact Fraction."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return Fraction(Decimal(str(value)))
    return _evaluate(ast.parse(str(value), mode="eval").body)


def _evaluate(node: ast.expr) -> Fraction:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return Fraction(Decimal(str(node.value)))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    raise ValueError(f"not plain arithmetic: {ast.unparse(node)}")


def load_cases() -> list[tuple[str, dict]]:
    return [(path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sorted(CASES_DIR.glob("*.yaml"))]


def expectations() -> list[pytest.param]:
    params = []
    for name, case in load_cases():
        data = Warehouse.from_case(case)
        for i, e in enumerate(case["expectations"]):
            label = f"{name}-{i}-{e['figure']}-{e['unit']}-{e['p1']}-{e.get('segment_value', '') or 'total'}"
            params.append(pytest.param(data, case["extract_date"], e, id=label))
    return params


def assert_close(actual: float | None, expected: Fraction | None, what: str) -> None:
    if expected is None:
        assert actual is None, f"{what}: expected null, got {actual}"
        return
    assert actual is not None, f"{what}: expected {float(expected)}, got null"
    assert actual == pytest.approx(float(expected), rel=1e-9, abs=1e-12), f"{what}: {actual} != {float(expected)}"


@pytest.mark.parametrize(("data", "extract_date", "expected"), expectations())
def test_oracle_matches_hand_worked_value(data: Warehouse, extract_date, expected: dict) -> None:
    result = oracle_cell(
        data, figure_id=expected["figure"], unit_id=expected["unit"], p0=expected["p0"], p1=expected["p1"],
        extract_date=extract_date, segment=expected.get("segment", "total"),
        segment_value=str(expected.get("segment_value", "")),
    )
    value = exact(expected["value"])
    if "decimals" in expected and result.value is not None:
        assert round(result.value, expected["decimals"]) == pytest.approx(float(value), abs=1e-12)
    else:
        assert_close(result.value, value, "value")
    assert_close(result.numerator, exact(expected["numerator"]), "numerator")
    assert_close(result.denominator, exact(expected["denominator"]), "denominator")
    assert result.n == expected["n"], f"n: {result.n} != {expected['n']}"


def test_every_figure_has_a_golden_case() -> None:
    covered = {e["figure"] for _, case in load_cases() for e in case["expectations"]}
    assert sorted({f.id for f in FIGURES} - covered) == []


def test_every_case_has_an_empty_unit_and_an_open_employment() -> None:
    for name, case in load_cases():
        tables = case["tables"]
        staffed = {r["unit_id"] for r in tables.get("employments") or ()}
        assert {u["unit_id"] for u in tables["org_units"]} - staffed, f"{name}: no empty unit"
        assert any(r.get("end_date") is None for r in tables.get("employments") or ()), f"{name}: no open employment"


def test_expression_evaluation_is_exact() -> None:
    assert exact("100 * 2 / (978/366)") == Fraction(73200, 978)
    assert exact(0.1) + exact(0.2) == Fraction(3, 10)
    with pytest.raises(ValueError):
        exact("__import__('os')")


def test_a_case_survives_duckdb_round_trip() -> None:
    import duckdb

    _, case = next((name, c) for name, c in load_cases() if name == "absence_boundaries")
    data = Warehouse.from_case(case)
    con = duckdb.connect()
    data.to_duckdb(con)
    assert Warehouse.from_duckdb(con) == data
