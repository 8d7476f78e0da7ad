"""Pages follow each other without gaps or repeats, and `next` leads to the end."""

import pytest

from sigtepunkt.web.api.schemas import MAX_LIMIT

pytestmark = pytest.mark.django_db

MEASUREMENTS = "/api/v1/measurements"
QUERY = {"figure": "headcount", "period_kind": "quarter"}
KEY = ("figure", "unit", "period_kind", "period_start", "segment", "segment_value")


def test_pages_joined_are_the_whole_answer(api_get, api_rows):
    whole = api_get(MEASUREMENTS, as_user="hr", limit=MAX_LIMIT, **QUERY).json()
    assert whole["next"] is None and whole["total"] == len(whole["results"]) > 100
    paged = api_rows(as_user="hr", limit=97, **QUERY)
    assert [tuple(r[k] for k in KEY) for r in paged] == [tuple(r[k] for k in KEY) for r in whole["results"]]
    assert len({tuple(r[k] for k in KEY) for r in paged}) == len(paged)


def test_next_keeps_the_filters_and_moves_the_offset(api_get):
    body = api_get(MEASUREMENTS, as_user="hr", limit=10, **QUERY).json()
    assert body["total"] > 10 and len(body["results"]) == 10
    assert "offset=10" in body["next"] and "figure=headcount" in body["next"] and "limit=10" in body["next"]


def test_an_offset_beyond_the_end_gives_an_empty_last_page(api_get):
    body = api_get(MEASUREMENTS, as_user="hr", offset=10**8, **QUERY).json()
    assert body["results"] == [] and body["next"] is None and body["total"] > 0


@pytest.mark.parametrize("params", [{"limit": MAX_LIMIT + 1}, {"limit": 0}, {"offset": -1}, {"limit": "alle"}])
def test_a_limit_or_offset_out_of_bounds_is_refused(api_get, params):
    response = api_get(MEASUREMENTS, as_user="hr", **params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == next(iter(params))
