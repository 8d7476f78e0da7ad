"""The security promises of the web application, each checked against the real thing.

Production settings pass `check --deploy` and refuse to start without their secret; every
response carries the headers; no page runs inline script; every POST form is CSRF-protected;
login is rate-limited and audited; passwords are Argon2; the session cookie is HttpOnly (and
Secure in production); and no response of any page, export or API call holds a CPR number,
a person's pseudonym key or an employment id from the warehouse.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from sigtepunkt.web.accounts.models import AuditEvent
from sigtepunkt.web.accounts.services import DEMO_PASSWORD
from sigtepunkt.web.tests.test_access_matrix import MATRIX, ROLES

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "sigtepunkt.web.settings_production",
    "SIGTEPUNKT_SECRET_KEY": "t3st-Only_not-a-real-secret:" + "k9#Qz!w2Lp$x7Rv%" * 4,
    "SIGTEPUNKT_ALLOWED_HOSTS": "sigtepunkt.kommune.example",
}


def da(msgid: str) -> str:
    with translation.override("da"):
        return gettext(msgid)


def run_django(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py or Python in a fresh process, with the production settings unless `env` says otherwise."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("SIGTEPUNKT_", "DJANGO_"))}
    full |= {"SIGTEPUNKT_HOME": str(tmp_path), **PRODUCTION_ENV, **env}
    full = {k: v for k, v in full.items() if v}
    return subprocess.run([sys.executable, *args], cwd=REPO, env=full, capture_output=True, text=True, timeout=120)


# --- settings -------------------------------------------------------------------------------------------------------

def test_check_deploy_is_clean_under_the_production_settings(tmp_path):
    done = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("missing", ["SIGTEPUNKT_SECRET_KEY", "SIGTEPUNKT_ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without(tmp_path, missing):
    done = run_django(["manage.py", "check"], tmp_path, **{missing: ""})
    assert done.returncode != 0
    assert missing in done.stderr


def test_production_cookies_are_secure_and_http_only(tmp_path):
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.DEBUG)")
    done = run_django(["-c", code], tmp_path)
    assert done.stdout.split() == ["True", "True", "True", "False"], done.stderr


def test_passwords_are_hashed_with_argon2(demo_users):
    from sigtepunkt.web import settings as project_settings

    # The project's setting; the tests hash with Argon2 at its smallest costs (same algorithm, same format).
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert demo_users["hr"].password.startswith("argon2$argon2id$")
    assert demo_users["hr"].check_password(DEMO_PASSWORD)


# --- headers and pages -------------------------------------------------------------------------------------------

def test_responses_carry_the_security_headers(client, quick_passwords, demo_users):
    for who, path in ((None, "/login/"), ("hr", "/"), ("hr", "/findes-ikke/")):
        if who:
            client.force_login(demo_users[who])
        response = client.get(path)
        csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
        assert csp["script-src"] == "'self'", csp
        assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
        assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


class PageParser(HTMLParser):
    """Scripts, event-handler attributes and POST forms of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        handlers = [k for k in a if k.startswith("on")]
        if handlers:
            self.problems.append(f"<{tag}> has event-handler attributes {handlers}")
        if any((v or "").strip().lower().startswith("javascript:") for v in a.values()):
            self.problems.append(f"<{tag}> has a javascript: URL")
        if tag == "script" and not a.get("src") and a.get("type") != "application/json":
            self.problems.append(f"inline <script {a}>")
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "token": False}
            self.forms.append(self._form)
        if tag == "input" and self._form is not None and a.get("name") == "csrfmiddlewaretoken" and a.get("value"):
            self._form["token"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def test_the_page_checker_sees_what_it_looks_for():
    parser = PageParser()
    parser.feed('<script>alert(1)</script><script type="application/json">{}</script><script src="/a.js"></script>'
                '<a href="javascript:x()" onclick="y()">z</a><form method="post" action="/x/"><input name="a"></form>'
                '<form method="POST"><input type="hidden" name="csrfmiddlewaretoken" value="t"></form>')
    assert len(parser.problems) == 3
    assert [f["token"] for f in parser.forms] == [False, True]
    assert CPR_LIKE.findall("cpr 010203-1234 or 0102031234 but not 0.0102031234, 12345678901 or ab0102031234") == [
        "010203-1234", "0102031234"]


def html_pages(client, demo_users, units) -> list[tuple[str, str, str]]:
    """(role, path, html) of every page in the access matrix that a role may open, anonymous included."""
    pages = []
    for role in ("anonymous", "admin", "hr", "leder"):
        client.logout()
        if role != "anonymous":
            client.force_login(demo_users[role])
        for r in MATRIX:
            if r.method != "get" or r.expect[ROLES.index(role)] not in (200, 403, 404):
                continue
            path = r.path.format(**units)
            response = client.get(path)
            if response.get("Content-Type", "").startswith("text/html"):
                pages.append((role, path, response.content.decode()))
    return pages


def test_no_page_runs_inline_script_and_every_post_form_has_a_csrf_token(client, quick_passwords, demo_users, units):
    pages = html_pages(client, demo_users, units)
    assert len(pages) > 40
    problems = []
    for role, path, html in pages:
        parser = PageParser()
        parser.feed(html)
        problems += [f"{role} {path}: {p}" for p in parser.problems]
        problems += [f"{role} {path}: POST form to '{f['action']}' has no CSRF token" for f in parser.forms
                     if not f["token"]]
    assert not problems, "\n".join(problems)


def test_every_post_form_refuses_a_request_without_the_csrf_token(quick_passwords, demo_users, units):
    client = Client(enforce_csrf_checks=True)
    actions: dict[str, str] = {}
    for role, path, html in html_pages(client, demo_users, units):
        parser = PageParser()
        parser.feed(html)
        for form in parser.forms:
            actions.setdefault(urljoin(path, form["action"]).split("?")[0], role)
    assert {"/login/", "/logout/", "/sprog/", "/konto/tokens/"} <= set(actions), actions
    for action, role in sorted(actions.items()):
        client.logout()
        if role != "anonymous":
            client.force_login(demo_users[role])
        response = client.post(action, {"next": "/", "language": "en", "name": "x", "username": "hr",
                                         "password": DEMO_PASSWORD})
        assert response.status_code == 403, f"{role} POST {action} without a CSRF token: {response.status_code}"


# --- login --------------------------------------------------------------------------------------------------------

def test_login_is_locked_after_five_failures_even_with_the_right_password(client, quick_passwords, demo_users):
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = client.post("/login/", {"username": "hr", "password": "forkert-adgangskode"})
        assert response.status_code == (200 if attempt < settings.AXES_FAILURE_LIMIT else 429), attempt
    response = client.post("/login/", {"username": "hr", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert da("Too many failed logins") in html and 'lang="da"' in html
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.filter(action="login_failed", username="hr").count()
    assert failed >= settings.AXES_FAILURE_LIMIT


def test_the_session_cookie_is_http_only_and_same_site(client, quick_passwords, demo_users):
    response = client.post("/login/", {"username": "hr", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


# --- no person-level data -----------------------------------------------------------------------------------------

CPR_LIKE = re.compile(r"(?<![\w.,-])\d{6}-?\d{4}(?![\w.,])")
DIGIT_RUNS = re.compile(r"(?=(\d{6}-?\d{4}))")  # overlapping, so a CPR inside a longer number is found too
HEX32 = re.compile(r"[0-9a-f]{32}")
EMPLOYMENT_ID = re.compile(r"E\d{8}")


@pytest.fixture
def person_data(measured_home) -> dict[str, set[str]]:
    """The CPR numbers of the export, and the pseudonym keys and employment ids of the warehouse."""
    import duckdb

    cprs = set()
    for line in (measured_home.home / "export" / "ansaettelser.csv").read_text(encoding="utf-8-sig").splitlines()[1:]:
        cpr = line.split(";", 1)[0]
        cprs |= {cpr, f"{cpr[:6]}-{cpr[6:]}"}
    with duckdb.connect(str(measured_home.warehouse_path), read_only=True) as con:
        keys = {k for (k,) in con.execute("SELECT DISTINCT person_key FROM employments").fetchall()}
        employments = {e for (e,) in con.execute("SELECT DISTINCT employment_id FROM employments").fetchall()}
    assert len(cprs) > 100 and len(keys) > 100 and len(employments) > 100
    return {"cpr": cprs, "key": keys, "employment": employments}


def response_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # XLSX: the text of every part
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return body.decode("utf-8", "replace")


def test_no_response_holds_person_level_data(client, quick_passwords, demo_users, units, person_data):
    found = []
    scanned = 0
    for role in ("admin", "hr", "laeser"):
        client.force_login(demo_users[role])
        for r in MATRIX:
            if r.method != "get" or r.expect[ROLES.index(role)] != 200:
                continue
            path = r.path.format(**units)
            text = response_text(client.get(path))
            scanned += 1
            leaks = [f"CPR-like {m}" for m in CPR_LIKE.findall(text)]
            leaks += [f"person key {m}" for m in set(HEX32.findall(text)) & person_data["key"]]
            leaks += [f"employment id {m}" for m in set(EMPLOYMENT_ID.findall(text)) & person_data["employment"]]
            leaks += [f"CPR {c}" for c in set(DIGIT_RUNS.findall(text)) & person_data["cpr"]]
            found += [f"{role} {path}: {leak}" for leak in leaks[:5]]
    assert scanned > 60
    assert not found, "\n".join(found)
