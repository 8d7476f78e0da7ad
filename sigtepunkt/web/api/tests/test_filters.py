"""Each measurements filter narrows the answer to what it names, and bad values get a 422 that says which."""

import pytest

from sigtepunkt.web.api.errors import INVALID_PARAMETERS, PERIOD_RANGE

pytestmark = pytest.mark.django_db

MEASUREMENTS = "/api/v1/measurements"


def _results(api_get, **params):
    response = api_get(MEASUREMENTS, as_user="hr", limit=10000, **params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_figure_is_repeatable(api_get):
    rows = _results(api_get, figure=["headcount", "fte"], period_kind="year", segment="total")
    assert {r["figure"] for r in rows} == {"headcount", "fte"}


def test_period_kind_and_start_range(api_get):
    rows = _results(api_get, figure="headcount", period_kind="month", period_start_from="2025-03-01",
                    period_start_to="2025-05-31", segment="total")
    assert {r["period_kind"] for r in rows} == {"month"}
    assert {r["period_start"] for r in rows} == {"2025-03-01", "2025-04-01", "2025-05-01"}


def test_segment_and_segment_value(api_get):
    rows = _results(api_get, figure="headcount", period_kind="year", segment="age_band",
                    segment_value=["25-34", "65+"])
    assert {r["segment"] for r in rows} == {"age_band"}
    assert {r["segment_value"] for r in rows} == {"25-34", "65+"}


def test_segment_total_has_one_row_per_unit_and_period(api_get, tree):
    rows = _results(api_get, figure="headcount", period_kind="year", period_start_from="2025-01-01", segment="total")
    units = [r["unit"] for r in rows]
    assert len(units) == len(set(units))
    assert {u.unit_id for u in tree.units.values() if u.is_current} <= set(units) <= set(tree.units)


def test_include_subunits_adds_everything_below_the_unit(api_get, tree):
    centre = next(u for u in tree.units.values() if u.level == "centre")
    query = {"figure": "headcount", "period_kind": "year", "period_start_from": "2025-01-01", "segment": "total"}
    alone = _results(api_get, unit=centre.unit_id, **query)
    below = _results(api_get, unit=centre.unit_id, include_subunits="true", **query)
    assert {r["unit"] for r in alone} == {centre.unit_id}
    assert {r["unit"] for r in below} == tree.subtree(centre.unit_id)


def test_rows_carry_unit_name_and_data_version(api_get, tree):
    row = _results(api_get, figure="headcount", segment="total", period_kind="year")[0]
    assert row["unit_name"] == tree.units[row["unit"]].name
    assert row["data_version"] == "import-1"
    assert set(row) == {"figure", "unit", "unit_name", "period_kind", "period_start", "period_end", "segment",
                        "segment_value", "value", "numerator", "denominator", "n", "suppressed", "data_version"}


@pytest.mark.parametrize("param, value", [("figure", "no_such_figure"), ("period_kind", "week"),
                                          ("period_start_from", "1. januar 2025"), ("segment", "shoe_size"),
                                          ("include_subunits", "maybe")])
def test_a_bad_value_names_its_parameter(api_get, param, value):
    response = api_get(MEASUREMENTS, as_user="hr", **{param: value})
    assert response.status_code == 422
    assert response.json()["detail"] == str(INVALID_PARAMETERS)
    assert [e["parameter"] for e in response.json()["errors"]] == [param]


def test_a_period_range_backwards_is_refused(api_get):
    response = api_get(MEASUREMENTS, as_user="hr", period_start_from="2025-01-01", period_start_to="2024-01-01")
    assert response.status_code == 422
    assert response.json()["detail"] == str(PERIOD_RANGE)
