"""Properties every result must have, on random small worlds (hypothesis).

- Percentages of a counted population lie in 0–100, means and medians within the range their definition allows,
  counts are whole and never negative, n never exceeds what its population can hold.
- Where no one is in two children (each person has one employment at a time), additive
  figures of the children add up to the parent: headcount, FTE, average FTE, average
  headcount, sickness and planned hours, external exits and new hires.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigtepunkt.analytics.calendar import month, quarter, year
from sigtepunkt.analytics.catalogue import FIGURES_BY_ID
from sigtepunkt.analytics.catalogue.model import Aggregation, Unit
from sigtepunkt.analytics.engine.compute import catalogue_compute
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.tests.oracle import Warehouse

EXTRACT = dt.date(2025, 6, 30)
PERIODS = (year(2024), quarter(2025, 1), month(2025, 6))
UNITS = ("K", "C1", "C2", "W1", "W2", "W3", "W4")
PARENT = {"C1": "K", "C2": "K", "W1": "C1", "W2": "C1", "W3": "C2", "W4": "C2"}
LEVEL = {"K": "municipality", "C1": "centre", "C2": "centre"}
LEAVES = ("W1", "W2", "W3", "W4")
# Rates over an average stock can pass 100 % (two exits in a month from an average of 1.5
# persons); sickness hours given as hours can pass the planned hours of shift workers.
UNBOUNDED_PERCENT = frozenset({"turnover_rate", "internal_mobility_rate", "sickness_absence_rate"})
ADDITIVE = ("headcount", "fte", "fte_average", "new_hires")
ADDITIVE_MEASURES = {"sickness_absence_rate": ("numerator", "denominator"),
                     "turnover_rate": ("numerator", "denominator")}


@st.composite
def worlds(draw: st.DrawFn) -> dict:
    """Persons with one employment at a time (sequential spells), some absence, in a two-level tree."""
    org = [{"unit_id": u, "parent_id": PARENT.get(u), "name": u, "level": LEVEL.get(u, "workplace"),
            "valid_from": dt.date(2000, 1, 1)} for u in UNITS]
    persons, employments, absences = [], [], []
    for p in range(draw(st.integers(3, 14))):
        key = f"P{p}"
        persons.append({"person_key": key, "birth_date": dt.date(draw(st.integers(1955, 2000)), 3, 1),
                        "gender": draw(st.sampled_from("KM"))})
        day = dt.date(2022, 1, 1) + dt.timedelta(days=draw(st.integers(0, 900)))
        for s in range(draw(st.integers(1, 3))):
            if day > EXTRACT:
                break
            length = draw(st.integers(20, 700))
            end = day + dt.timedelta(days=length)
            still = end > EXTRACT and draw(st.booleans())
            eid = f"E{p}_{s}"
            employments.append({
                "person_key": key, "employment_id": eid, "unit_id": draw(st.sampled_from(LEAVES)),
                "job_group": draw(st.sampled_from(["Pædagoger", "Lærere"])), "weekly_hours": draw(st.sampled_from([20, 30, 37])),
                "employment_type": "permanent", "start_date": day, "end_date": None if still else min(end, EXTRACT),
                "end_reason": None if still else draw(st.sampled_from(["resignation", "retirement", "internal_move"])),
            })
            sick_from = day + dt.timedelta(days=draw(st.integers(0, 15)))
            if sick_from <= min(end, EXTRACT):
                absences.append({"person_key": key, "employment_id": eid, "from_date": sick_from,
                                 "to_date": min(sick_from + dt.timedelta(days=draw(st.integers(0, 5))), end, EXTRACT),
                                 "cause": "own_sickness"})
            day = end + dt.timedelta(days=draw(st.integers(1, 200)))
    return {"org_units": org, "persons": persons, "employments": employments, "absences": absences}


def _compute(world: dict) -> pl.DataFrame:
    con = duckdb.connect()
    Warehouse.from_case(world).to_duckdb(con)
    figures = tuple(FIGURES_BY_ID.values())
    result = catalogue_compute(con, Computation(EXTRACT, PERIODS, ("job_group", "gender")), figures=figures)
    con.close()
    return result


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_every_value_stays_within_its_definitions_bounds(world: dict) -> None:
    result = _compute(world)
    for figure in FIGURES_BY_ID.values():
        cells = result.filter(pl.col("figure") == figure.id)
        values = cells["value"].drop_nulls()
        assert (cells["n"] >= 0).all()
        if figure.unit is Unit.PERCENT and figure.id not in UNBOUNDED_PERCENT:
            assert ((values >= 0) & (values <= 100)).all(), figure.id
        elif figure.aggregation is not Aggregation.MEDIAN:
            assert (values >= 0).all(), figure.id
        if figure.aggregation is Aggregation.COUNT:
            assert (values == values.round(0)).all(), figure.id
        if figure.aggregation is Aggregation.RATIO and figure.unit is Unit.PERCENT and figure.id not in UNBOUNDED_PERCENT:
            ok = cells.filter(pl.col("denominator") > 0)
            assert (ok["numerator"] <= ok["denominator"] + 1e-9).all(), figure.id


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_additive_figures_of_the_children_add_up_to_the_parent(world: dict) -> None:
    result = _compute(world).filter(pl.col("segment") == "total")
    for parent, children in (("C1", ("W1", "W2")), ("C2", ("W3", "W4")), ("K", ("C1", "C2"))):
        for figure_id in (*ADDITIVE, *ADDITIVE_MEASURES):
            columns = ADDITIVE_MEASURES.get(figure_id, ("value",))
            cells = result.filter(pl.col("figure") == figure_id)
            for period in PERIODS:
                at = cells.filter(pl.col("period_end") == period.p1)
                for column in columns:
                    top = at.filter(pl.col("unit_id") == parent)[column].fill_null(0).sum()
                    below = at.filter(pl.col("unit_id").is_in(children))[column].fill_null(0).sum()
                    if figure_id == "turnover_rate" and column == "numerator" and parent != "K":
                        # a move between two children is an exit from each child, not from the parent
                        assert below >= top - 1e-9
                        continue
                    assert abs(top - below) < 1e-6, (figure_id, column, parent, period.p1, top, below)
