"""Suppressed cells leave the API without numbers, whichever query reaches them."""

import pytest

pytestmark = pytest.mark.django_db

NUMBERS = ("value", "numerator", "denominator", "n")
KEY = ("unit", "period_start", "segment", "segment_value")


def _stored_suppressed(figure: str, period_kind: str) -> set[tuple]:
    from sigtepunkt.web.store import store_cursor

    rows = store_cursor().execute(
        "SELECT unit_id, period_start, segment, segment_value FROM measurements "
        "WHERE figure = ? AND period_kind = ? AND suppressed", [figure, period_kind]).fetchall()
    return {(unit, start.isoformat(), segment, value) for unit, start, segment, value in rows}


def test_suppressed_rows_have_null_numbers(api_rows):
    rows = api_rows(as_user="hr", figure="sickness_absence_rate", segment="age_band", period_kind="year",
                    limit=10000)
    hidden = [r for r in rows if r["suppressed"]]
    assert hidden, "the synthetic municipality has small age bands"
    assert all(r[k] is None for r in hidden for k in NUMBERS)
    assert any(r["value"] is not None for r in rows if not r["suppressed"])


def test_no_row_carries_numbers_for_a_cell_the_store_suppresses(api_rows):
    suppressed = _stored_suppressed("turnover_rate", "year")
    rows = api_rows(as_user="admin", figure="turnover_rate", period_kind="year", limit=2000)
    by_key = {tuple(r[k] for k in KEY): r for r in rows}
    assert suppressed and suppressed <= set(by_key)
    for key in suppressed:
        assert by_key[key]["suppressed"] is True
        assert [by_key[key][k] for k in NUMBERS] == [None] * 4, key


def test_a_leaders_view_of_a_workplace_keeps_it_suppressed(api_get, demo_users, tree):
    """The same cell asked for by a leader, one unit at a time, is as hidden as in the full listing."""
    from sigtepunkt.web.accounts.access import access_for_user

    visible = access_for_user(user=demo_users["leder"], tree=tree).visible
    suppressed = {k for k in _stored_suppressed("headcount", "year") if k[0] in visible}
    assert suppressed
    for unit in sorted({k[0] for k in suppressed}):
        rows = api_get("/api/v1/measurements", as_user="leder", unit=unit, figure="headcount",
                       period_kind="year", limit=10000).json()["results"]
        for row in rows:
            if tuple(row[k] for k in KEY) in suppressed:
                assert [row[k] for k in NUMBERS] == [None] * 4


def test_meta_names_the_threshold(api_get):
    meta = api_get("/api/v1/meta", as_user="laeser").json()
    assert meta["suppression_threshold"] == 5
