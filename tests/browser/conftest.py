"""Browser tests: Debian's Chromium, driven by Playwright, against a live server of the application.

The server runs in this process (pytest-django's `live_server`) on the measured synthetic
municipality of `sigtepunkt.web.testing`, with the demo users. Chromium is the system one
(/usr/bin/chromium): Playwright's own browser downloads are not used. When Chromium is
missing the tests fail, they are not skipped: a browser test that never ran proves nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sigtepunkt.web.tests.conftest import QUICK_HASHERS

CHROMIUM = Path(os.environ.get("SIGTEPUNKT_CHROMIUM", "/usr/bin/chromium"))
AXE_SOURCE = Path(__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Reports each CSP violation on the console, where the page watcher below collects it. An init
# script is run by the browser itself, so the page's own policy does not block it.
CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright() -> Iterator[None]:
    """Allow the ORM in the test thread: Playwright's sync API keeps an event loop there, which Django refuses."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's chromium package (scripts/setup.sh test)",
                    pytrace=False)
    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=da-DK"]
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "headless": True, "args": args}


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "da-DK", "viewport": {"width": 1280, "height": 900},
            "accept_downloads": True}


@dataclass
class Problems:
    """Console errors, uncaught exceptions and CSP violations seen by one page."""

    messages: list[str] = field(default_factory=list)

    def check(self, *, allow_status: bool = False) -> None:
        """Fail on any problem; `allow_status` forgives the console line of an intended 403/404."""
        left = [m for m in self.messages if not (allow_status and "Failed to load resource" in m)]
        self.messages.clear()
        assert not left, "The page logged problems:\n" + "\n".join(left)


@pytest.fixture
def problems(context) -> Problems:
    """Watch every page of the context: console errors, page errors and CSP violations."""
    found = Problems()
    context.add_init_script(script=CSP_REPORTER)

    def watch(page) -> None:
        page.on("console", lambda m: m.type == "error" and found.messages.append(f"{m.text} ({m.location.get('url')})"))
        page.on("pageerror", lambda e: found.messages.append(f"uncaught: {e}"))

    for page in context.pages:
        watch(page)
    context.on("page", watch)
    return found


@dataclass
class Site:
    """The live server, its demo users and the organisation tree."""

    url: str
    users: dict
    tree: object

    def login(self, context, username: str) -> None:
        """Sign the browser in as a demo user through a server-side session (the form is tested once)."""
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(self.users[username])
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.url}])

    def units(self, level: str) -> list:
        return sorted((u for u in self.tree.units.values() if u.level == level and u.is_current),
                      key=lambda u: u.name)

    def home(self, username: str):
        """The unit a demo user's role is on (None for the administrator: everything)."""
        unit_id = self.users[username].role_assignments.get().unit_id
        return self.tree.units[unit_id] if unit_id else None


@pytest.fixture
def quick_passwords(settings):
    """Cheap Argon2 for the demo users (the full cost is about a second per user on CI)."""
    settings.PASSWORD_HASHERS = QUICK_HASHERS


@pytest.fixture
def site(transactional_db, live_server, quick_passwords, demo_users, tree) -> Site:
    return Site(live_server.url, demo_users, tree)


def wait_for_charts(page) -> None:
    """Wait until every chart on the page is drawn (or has said why not)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-chart-spec]')]"
        ".every(e => e.querySelector('svg[role=img]') || (!e.querySelector('svg') && e.textContent.trim()))",
        timeout=20_000)


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page with the WCAG 2.1 A and AA rules; the violations found."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text() + "\n;0")  # evaluated by the browser, so the CSP allows it
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
            lines.append(f"      {node['html'][:200]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
