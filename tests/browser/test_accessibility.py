"""Every page meets WCAG 2.1 AA as axe-core checks it, and logs no error or CSP violation, for each role.

One test per role walks that role's pages, so that a broken page names itself in a list of
all broken pages instead of stopping the walk. Placeholders in the paths are units chosen
from the demo users' own units, so that each page is seen as its users see it.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, describe_violations, wait_for_charts

pytestmark = pytest.mark.browser

FIGURE = "sickness_absence_rate"

# role → [(path, expected status)]; {muni}, {centre}, {area}, {workplace} are the role's own
# units or below, {outside} is a centre outside the leader's, {other} a unit that does not exist.
PAGES: dict[str, list[tuple[str, int]]] = {
    "anonymous": [("/login/", 200), ("/findes-ikke/", 404)],
    "hr": [
        ("/", 200), ("/organisation/", 200), ("/organisation/?q=skole", 200), ("/organisation/?q=zzzz", 200),
        ("/enhed/{muni}/", 200), ("/enhed/{muni}/?periode=quarter", 200), ("/enhed/{muni}/?periode=month", 200),
        ("/enhed/{muni}/?periode=rolling12", 200), ("/enhed/{workplace}/?figur=turnover_rate", 200),
        ("/noegletal/", 200), (f"/noegletal/{FIGURE}/", 200), (f"/noegletal/{FIGURE}/?niveau=workplace", 200),
        (f"/noegletal/{FIGURE}/definition/", 200), (f"/noegletal/{FIGURE}/definition/?enhed={{muni}}", 200),
        ("/konto/tokens/", 200), ("/data/", 200), ("/api/vejledning/", 200), ("/enhed/{other}/", 404),
        ("/strategier/", 200), ("/strategier/handlingsplan/", 200),
    ],
    "admin": [("/", 200), ("/revisionslog/", 200), ("/revisionslog/?action=login_failed", 200), ("/data/", 200)],
    "leder": [("/", 200), ("/organisation/", 200), ("/enhed/{centre}/", 200), ("/enhed/{outside}/", 403)],
    "med": [("/", 200), ("/enhed/{area}/?periode=month", 200)],
    "laeser": [("/", 200), ("/enhed/{workplace}/", 200), ("/noegletal/", 200), ("/data/", 403)],
}


def placeholders(site, role: str) -> dict[str, str]:
    """Unit ids for the paths: the role's own unit and the first unit of each level below it."""
    tree = site.tree
    home = site.home(role) if role not in ("anonymous", "admin") else None
    top = home or site.units("municipality")[0]
    below = {u.level: u.unit_id for u in sorted((tree.units[i] for i in tree.subtree(top.unit_id)),
                                                key=lambda u: u.name) if u.is_current}
    leader_home = site.home("leder")
    outside = next(u for u in site.units("centre") if u.unit_id not in tree.subtree(leader_home.unit_id))
    names = {"muni": "municipality", "centre": "centre", "area": "area", "workplace": "workplace"}
    found = {key: below.get(level, top.unit_id) for key, level in names.items()}
    return {**found, "outside": outside.unit_id, "other": "findes-ikke"}


@pytest.mark.parametrize("role", list(PAGES))
def test_every_page_is_accessible_and_quiet(site, problems, context, page, role):
    if role != "anonymous":
        site.login(context, role)
    units = placeholders(site, role)
    failures = []
    for template, status in PAGES[role]:
        path = template.format(**units)
        response = page.goto(f"{site.url}{path}")
        if response.status != status:
            failures.append(f"{path}: status {response.status}, expected {status}")
            continue
        wait_for_charts(page)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{path}: {len(violations)} WCAG 2.1 AA violation(s)\n{describe_violations(violations)}")
        try:
            problems.check(allow_status=status >= 400)
        except AssertionError as error:
            failures.append(f"{path}: {error}")
    assert not failures, f"{role}:\n" + "\n".join(failures)


def test_english_pages_are_accessible_too(site, problems, context, page):
    site.login(context, "hr")
    context.add_cookies([{"name": "django_language", "value": "en", "url": site.url}])
    units = placeholders(site, "hr")
    failures = []
    for path in ("/", f"/enhed/{units['muni']}/", f"/noegletal/{FIGURE}/"):
        page.goto(f"{site.url}{path}")
        assert page.locator("html").get_attribute("lang") == "en"
        wait_for_charts(page)
        if violations := axe_violations(page):
            failures.append(f"{path}:\n{describe_violations(violations)}")
    assert not failures, "\n".join(failures)
    problems.check()


def test_the_definition_fragment_is_accessible_once_opened(site, problems, context, page):
    site.login(context, "hr")
    page.goto(f"{site.url}/")
    card = page.locator("article.card").first
    card.locator("h3 a").click()
    card.locator(".definition").wait_for()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    problems.check()
