"""The catalogue, the benchmarks and the meta endpoint answer from their one source; every call is audited."""

import pytest

from sigtepunkt.web.api.errors import FIGURE_NOT_FOUND

pytestmark = pytest.mark.django_db


def test_figures_is_the_catalogue(api_get):
    from sigtepunkt.analytics.catalogue import FIGURES

    figures = api_get("/api/v1/figures", as_user="laeser").json()
    assert [f["id"] for f in figures] == [f.id for f in FIGURES]
    absence = next(f for f in figures if f["id"] == "sickness_absence_rate")
    assert absence["name_da"] == "Sygefraværsprocent" and absence["unit"] == "%" and absence["better"] == "lower"
    assert absence["track"] == "fastholdelse" and absence["source"]["name"] and "age_band" in absence["segments"]


def test_one_figure_and_an_unknown_one(api_get):
    assert api_get("/api/v1/figures/headcount", as_user="laeser").json()["name_en"] == "Headcount"
    response = api_get("/api/v1/figures/shoe_size", as_user="laeser")
    assert response.status_code == 404
    assert response.json()["detail"] == str(FIGURE_NOT_FOUND) % {"figure": "shoe_size"}


def test_benchmarks_carry_their_source(api_get):
    rows = api_get("/api/v1/benchmarks", as_user="laeser").json()
    assert rows and all(r["source"] for r in rows)
    only = api_get("/api/v1/benchmarks", as_user="laeser", figure="sickness_absence_days_per_fte").json()
    assert only and {r["figure"] for r in only} == {"sickness_absence_days_per_fte"}


def test_meta_tells_the_extract_date_and_version(api_get):
    from sigtepunkt.web.testing import EXTRACT_DATE

    meta = api_get("/api/v1/meta", as_user="laeser").json()
    assert meta["extract_date"] == EXTRACT_DATE.isoformat()
    assert meta["data_version"] == "import-1"
    assert meta["computed_at"].endswith("Z")


def test_no_computation_yet_gives_503(api_get, settings, tmp_path):
    import dataclasses

    settings.SIGTEPUNKT = dataclasses.replace(settings.SIGTEPUNKT, home=tmp_path)
    response = api_get("/api/v1/meta", as_user="laeser")
    assert response.status_code == 503


def test_every_call_leaves_an_api_read_event(api_get, demo_users):
    from sigtepunkt.web.accounts.models import AuditEvent

    api_get("/api/v1/measurements", as_user="leder", figure="headcount", segment="total", limit=3)
    event = AuditEvent.objects.filter(action="api_read").latest("id")
    assert event.user == demo_users["leder"] and event.target == "/api/v1/measurements"
    assert event.detail == {"query": "figure=headcount&segment=total&limit=3", "rows": 3, "via": "token"}


def test_json_is_utf8_as_written(api_get):
    response = api_get("/api/v1/figures/sickness_absence_rate", as_user="laeser")
    assert "Sygefraværsprocent".encode() in response.content
