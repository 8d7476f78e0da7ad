"""What a user does in a real browser: log in, read the overview, drill down, explain, export, switch language."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext

from sigtepunkt.web.accounts.services import DEMO_PASSWORD
from sigtepunkt.web.insights.formatting import suppressed_text
from tests.browser.conftest import wait_for_charts

pytestmark = pytest.mark.browser


def da(msgid: str) -> str:
    """The Danish text a user reads for an English msgid."""
    with translation.override("da"):
        return gettext(msgid)


def test_it_logs_in_with_the_form_and_refuses_a_wrong_password(site, problems, page):
    page.goto(f"{site.url}/")
    assert page.url.startswith(f"{site.url}/login/")
    page.get_by_label(da("User name")).fill("hr")
    page.get_by_label(da("Password")).fill("forkert-adgangskode")
    page.get_by_role("button", name=da("Log in")).click()
    alert = page.get_by_role("alert")
    assert "Brugernavn eller adgangskode er forkert" in alert.inner_text()

    page.get_by_label(da("Password")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=da("Log in")).click()
    page.wait_for_url(f"{site.url}/")
    assert page.locator("h1").inner_text() == site.units("municipality")[0].name
    problems.check()


def test_the_overview_shows_the_headline_figures(site, problems, context, page):
    from sigtepunkt.web.insights.figures import HEADLINES

    site.login(context, "hr")
    page.goto(f"{site.url}/")
    wait_for_charts(page)
    cards = page.locator("article.card")
    assert cards.count() == sum(len(ids) for ids in HEADLINES.values())
    for i in range(cards.count()):
        card = cards.nth(i)
        assert card.locator("h3 a").inner_text().strip()
        value = card.locator(".figure-value").inner_text().strip()
        assert value, f"card {i} has no value"
        assert card.locator("svg[role=img]").count() == 1, "every card has its drawn sparkline"
    assert page.locator("html").get_attribute("lang") == "da"
    problems.check()


def test_it_drills_down_from_the_municipality_to_a_workplace(site, problems, context, page):
    site.login(context, "hr")
    tree = site.tree
    unit = site.units("municipality")[0]
    page.goto(f"{site.url}/enhed/{unit.unit_id}/")
    for level in ("centre", "area", "workplace"):
        child = next(tree.units[c] for c in tree.current_children(unit.unit_id) if tree.units[c].level == level)
        table = page.get_by_role("table", name=da("Sub-units side by side"))
        table.get_by_role("link", name=child.name, exact=True).click()
        page.wait_for_url(f"{site.url}/enhed/{child.unit_id}/**")
        assert page.locator("h1").inner_text() == child.name
        crumbs = page.get_by_role("navigation", name=da("You are here"))
        assert unit.name in crumbs.inner_text()
        unit = child
    wait_for_charts(page)
    problems.check()


def test_a_figure_name_opens_its_definition_in_place(site, problems, context, page):
    site.login(context, "hr")
    page.goto(f"{site.url}/")
    card = page.locator("article.card").first
    card.locator("h3 a").click()
    definition = card.locator(".definition")
    definition.wait_for()
    text = definition.inner_text()
    for term in ("Numerator", "Denominator", "Group size (n)", "Source", "Data as of"):
        assert da(term) in text, term
    assert page.url == f"{site.url}/", "the definition opens in place, without leaving the page"
    problems.check()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_has_rows_and_no_number_of_a_suppressed_cell(site, problems, context, page, fmt):
    site.login(context, "leder")
    centre = site.home("leder")
    workplace = next(u for u in site.units("workplace") if u.unit_id in site.tree.subtree(centre.unit_id))
    page.goto(f"{site.url}/enhed/{workplace.unit_id}/")
    label = da("Export (CSV)") if fmt == "csv" else da("Export (XLSX)")
    with page.expect_download() as event:
        page.get_by_role("link", name=label).click()
    download = event.value
    assert download.suggested_filename.endswith(f".{fmt}")
    rows = _rows(download.path().read_bytes(), fmt)
    assert len(rows) > 1
    suppressed = [r for r in rows if r["suppressed"] in ("ja", True)]
    assert suppressed, "a workplace has small groups, so the export has suppressed cells"
    with translation.override("da"):
        words = suppressed_text(5)  # what XLSX writes in place of the value
    for row in suppressed:
        assert all(row[c] in ("", None) for c in ("numerator", "denominator", "n")), row
        assert row["value"] in ("", None, words), row
    problems.check()


def _rows(body: bytes, fmt: str) -> list[dict]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    values = list(sheet.iter_rows(min_row=4, values_only=True))
    header = values[0]
    return [dict(zip(header, v, strict=True)) for v in values[1:]]


def test_a_leader_outside_their_centre_meets_the_danish_403_page(site, problems, context, page):
    site.login(context, "leder")
    own = site.home("leder")
    other = next(u for u in site.units("centre") if u.unit_id not in site.tree.subtree(own.unit_id))
    response = page.goto(f"{site.url}/enhed/{other.unit_id}/")
    assert response.status == 403
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("h1").inner_text() == da("You do not have access to this page")
    assert other.name not in page.content()
    page.get_by_role("link", name=da("Go to the overview")).click()
    page.wait_for_url(f"{site.url}/")
    assert page.locator("h1").inner_text() == own.name
    problems.check(allow_status=True)


def test_the_language_switches_to_english_and_back(site, problems, context, page):
    site.login(context, "hr")
    page.goto(f"{site.url}/noegletal/")
    menu = page.get_by_role("navigation", name=da("Main menu"))
    assert menu.get_by_role("link", name=da("Key figures")).is_visible()

    page.get_by_label(da("Language")).select_option("en")
    page.get_by_role("button", name=da("Change language")).click()
    page.wait_for_load_state()
    assert page.url == f"{site.url}/noegletal/", "the switch stays on the same page"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Key figures").is_visible()
    assert page.locator("h1").inner_text() == "Key figures"

    page.get_by_label("Language").select_option("da")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("h1").inner_text() == da("Key figures")
    problems.check()
