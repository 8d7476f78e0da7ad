"""Hand-made trees: which cells get suppressed, and why."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from sigtepunkt.analytics.suppression import suppress
from sigtepunkt.analytics.suppression.equations import DUPLICATE_CELLS, NO_PARENT_IN_TREE
from sigtepunkt.analytics.suppression.suppress import BAD_N, BAD_THRESHOLD
from sigtepunkt.analytics.suppression.tests.world import CELL_SCHEMA, PARENT_SCHEMA

P0, P1 = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def tree(edges: dict[str, str | None]) -> pl.DataFrame:
    rows = [{"unit_id": u, "parent_id": p, "period_start": P0, "period_end": P1} for u, p in edges.items()]
    return pl.DataFrame(rows, schema=PARENT_SCHEMA)


def cells(counts: dict[tuple[str, str, str], int], figure: str = "headcount") -> pl.DataFrame:
    rows = [
        {
            "figure": figure,
            "unit_id": u,
            "period_start": P0,
            "period_end": P1,
            "segment": s,
            "segment_value": v,
            "value": float(n),
            "numerator": float(n),
            "denominator": 1.0,
            "n": n,
        }
        for (u, s, v), n in counts.items()
    ]
    return pl.DataFrame(rows, schema=CELL_SCHEMA)


def hidden(out: pl.DataFrame) -> dict[tuple[str, str, str], str]:
    rows = out.filter("suppressed").select("unit_id", "segment", "segment_value", "suppression_reason").rows()
    return {(u, s, v): r for u, s, v, r in rows}


def totals(counts: dict[str, int]) -> dict[tuple[str, str, str], int]:
    return {(u, "total", ""): n for u, n in counts.items()}


FLAT = {"K": None, "A": "K", "B": "K", "C": "K", "D": "K"}


def test_it_gives_a_small_child_the_smallest_sibling_as_partner() -> None:
    out = suppress(cells(totals({"K": 3 + 40 + 12 + 25, "A": 3, "B": 40, "C": 12, "D": 25})), parents=tree(FLAT))
    assert hidden(out) == {("A", "total", ""): "primary", ("C", "total", ""): "complementary"}


def test_it_blanks_value_numerator_denominator_and_n_together() -> None:
    out = suppress(
        cells(totals({"K": 55, "A": 3, "B": 40, "C": 12})), parents=tree({"K": None, "A": "K", "B": "K", "C": "K"})
    )
    row = out.filter(pl.col("unit_id") == "A").row(0, named=True)
    assert [row[c] for c in ("value", "numerator", "denominator", "n")] == [None] * 4
    assert out.filter(pl.col("unit_id") == "B")["n"].item() == 40


def test_it_gives_a_small_segment_value_a_partner_segment() -> None:
    counts = {
        ("K", "total", ""): 30,
        ("K", "age_band", "<25"): 2,
        ("K", "age_band", "25-44"): 18,
        ("K", "age_band", "45+"): 10,
    }
    out = suppress(cells(counts), parents=tree({"K": None}))
    assert hidden(out) == {("K", "age_band", "<25"): "primary", ("K", "age_band", "45+"): "complementary"}


def test_it_protects_a_cell_in_both_the_tree_and_the_segment_equations() -> None:
    # A's leaders are 2: hidden among A's segment values *and* among K's children for "leader".
    counts = {
        ("K", "total", ""): 60,
        ("K", "leader", "yes"): 12,
        ("K", "leader", "no"): 48,
        ("A", "total", ""): 20,
        ("A", "leader", "yes"): 2,
        ("A", "leader", "no"): 18,
        ("B", "total", ""): 40,
        ("B", "leader", "yes"): 10,
        ("B", "leader", "no"): 30,
    }
    out = suppress(cells(counts), parents=tree({"K": None, "A": "K", "B": "K"}))
    got = hidden(out)
    assert got[("A", "leader", "yes")] == "primary"
    # The classic 2 × 2 rectangle: every row and column of the pattern has two hidden cells.
    assert set(got) == {("A", "leader", "yes"), ("A", "leader", "no"), ("B", "leader", "yes"), ("B", "leader", "no")}


def test_it_prefers_a_sibling_to_the_root_total() -> None:
    out = suppress(cells(totals({"K": 50, "A": 2, "B": 48})), parents=tree({"K": None, "A": "K", "B": "K"}))
    assert ("K", "total", "") not in hidden(out)
    assert hidden(out)[("B", "total", "")] == "complementary"


def test_it_hides_the_parent_when_the_small_child_is_an_only_child() -> None:
    edges = {"K": None, "A": "K", "B": "K", "B1": "B"}
    out = suppress(cells(totals({"K": 63, "A": 60, "B": 3, "B1": 3})), parents=tree(edges))
    assert hidden(out) == {
        ("B", "total", ""): "primary",
        ("B1", "total", ""): "primary",
        ("A", "total", ""): "complementary",
    }


def test_it_does_not_rely_on_own_staff_to_cover_a_single_small_child() -> None:
    # K has 30 staff of its own: K − (A + B) is 30 only if A and B are both visible, yet we assume
    # the attacker may know the own staff, so the small child still gets a partner.
    out = suppress(cells(totals({"K": 30 + 3 + 20, "A": 3, "B": 20})), parents=tree({"K": None, "A": "K", "B": "K"}))
    assert hidden(out) == {("A", "total", ""): "primary", ("B", "total", ""): "complementary"}


def test_it_protects_a_small_own_staff_remainder() -> None:
    # K's own staff is 2 persons: K − A − B would give them away.
    out = suppress(cells(totals({"K": 2 + 20 + 30, "A": 20, "B": 30})), parents=tree({"K": None, "A": "K", "B": "K"}))
    assert hidden(out) == {("A", "total", ""): "complementary"}


def test_it_neither_suppresses_nor_leans_on_empty_cells() -> None:
    counts = {
        ("K", "total", ""): 23,
        ("K", "leader", "yes"): 3,
        ("K", "leader", "no"): 20,
        ("K", "leader", "unknown"): 0,
    }
    out = suppress(cells(counts), parents=tree({"K": None}))
    assert hidden(out) == {("K", "leader", "yes"): "primary", ("K", "leader", "no"): "complementary"}
    assert out.filter(pl.col("segment_value") == "unknown")["n"].item() == 0


def test_it_hides_the_total_when_only_empty_cells_are_left_beside_the_small_one() -> None:
    counts = {("K", "total", ""): 3, ("K", "leader", "yes"): 3, ("K", "leader", "no"): 0}
    assert set(hidden(suppress(cells(counts), parents=tree({"K": None})))) == {
        ("K", "total", ""),
        ("K", "leader", "yes"),
    }


def test_it_treats_each_figure_and_period_on_its_own() -> None:
    both = pl.concat([cells(totals({"K": 50, "A": 2, "B": 48})), cells(totals({"K": 50, "A": 25, "B": 25}), "fte")])
    out = suppress(both, parents=tree({"K": None, "A": "K", "B": "K"}))
    assert out.filter(pl.col("figure") == "fte")["suppressed"].sum() == 0


def test_it_gives_the_same_answer_for_any_row_order() -> None:
    counts = totals({"K": 80, "A": 3, "B": 7, "C": 7, "D": 63})
    first = suppress(cells(counts), parents=tree(FLAT))
    shuffled = cells(counts).sample(fraction=1.0, shuffle=True, seed=7)
    second = suppress(shuffled, parents=tree(FLAT).reverse())
    key = ["unit_id", "segment", "segment_value"]
    assert first.sort(key).equals(second.sort(key))
    assert hidden(first) == {("A", "total", ""): "primary", ("B", "total", ""): "complementary"}


def test_it_honours_the_threshold() -> None:
    out = suppress(
        cells(totals({"K": 50, "A": 8, "B": 42})), parents=tree({"K": None, "A": "K", "B": "K"}), threshold=10
    )
    assert hidden(out) == {("A", "total", ""): "primary", ("B", "total", ""): "complementary"}


@pytest.mark.parametrize(
    ("frame", "edges", "threshold", "message"),
    [
        (cells(totals({"K": 5})), {"K": None}, 0, BAD_THRESHOLD),
        (cells(totals({"K": 5, "X": 1})), {"K": None}, 5, NO_PARENT_IN_TREE),
        (pl.concat([cells(totals({"K": 5}))] * 2), {"K": None}, 5, DUPLICATE_CELLS),
        (cells(totals({"K": -1})), {"K": None}, 5, BAD_N),
    ],
)
def test_it_refuses_bad_input(frame: pl.DataFrame, edges: dict, threshold: int, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        suppress(frame, parents=tree(edges), threshold=threshold)


def test_it_returns_empty_input_with_the_new_columns() -> None:
    out = suppress(cells({}), parents=tree({"K": None}))
    assert out.height == 0 and {"suppressed", "suppression_reason"} <= set(out.columns)
