"""Who gets what: every URL of the application, for every role, against one table.

The table is the access policy in one place. A URL pattern that is not in it fails the test,
so a new page cannot be added without deciding who may open it. Units are placeholders for
the demo users' own units: {muni} the municipality (hr), {centre} the leader's centre,
{area} the MED member's area inside it, {workplace} the viewer's workplace inside that,
{outside} a centre outside the leader's, {missing} a unit that does not exist.

Expected outcomes: a status code, or "login" for a redirect to the login page; "302" is a
redirect anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "admin", "hr", "leder", "med", "laeser")
L = "login"


@dataclass(frozen=True)
class Row:
    name: str  # the URL name the path resolves to ("admin" for the whole admin site)
    path: str
    expect: tuple  # one outcome per role, in the order of ROLES
    method: str = "get"


def row(name: str, path: str, *expect, method: str = "get") -> Row:
    assert len(expect) == len(ROLES), (name, path)
    return Row(name, path, tuple(expect), method)


FIG = "sickness_absence_rate"
API = "/api/v1"
#          name                       path                                        anon admin hr  leder med laeser
MATRIX = [
    row("sp-home", "/", L, 200, 200, 200, 200, 200),
    row("sp-export-home", "/eksport/overblik.csv", L, 200, 200, 200, 200, 403),
    row("sp-export-home", "/eksport/overblik.xlsx", L, 200, 200, 200, 200, 403),
    row("sp-export-home", "/eksport/overblik.pdf", L, 404, 404, 404, 404, 403),
    row("sp-organisation", "/organisation/", L, 200, 200, 200, 200, 200),
    row("sp-organisation", "/organisation/?q=a", L, 200, 200, 200, 200, 200),
    row("sp-my-unit", "/min-enhed/", L, 302, 302, 302, 302, 302),
    row("sp-unit", "/enhed/{muni}/", L, 200, 200, 403, 403, 403),
    row("sp-unit", "/enhed/{centre}/", L, 200, 200, 200, 403, 403),
    row("sp-unit", "/enhed/{area}/?periode=month", L, 200, 200, 200, 200, 403),
    row("sp-unit", "/enhed/{workplace}/?periode=quarter", L, 200, 200, 200, 200, 200),
    row("sp-unit", "/enhed/{outside}/", L, 200, 200, 403, 403, 403),
    row("sp-unit", "/enhed/{missing}/", L, 404, 404, 404, 404, 404),
    row("sp-unit", "/enhed/{workplace}/?figur=findes_ikke", L, 404, 404, 404, 404, 404),
    row("sp-export-unit", "/enhed/{workplace}/eksport.csv", L, 200, 200, 200, 200, 403),
    row("sp-export-unit", "/enhed/{area}/eksport.xlsx", L, 200, 200, 200, 200, 403),
    row("sp-export-unit", "/enhed/{outside}/eksport.csv", L, 200, 200, 403, 403, 403),
    row("sp-export-unit", "/enhed/{muni}/eksport.xlsx", L, 200, 200, 403, 403, 403),
    row("sp-figures", "/noegletal/", L, 200, 200, 200, 200, 200),
    row("sp-figure", f"/noegletal/{FIG}/", L, 200, 200, 200, 200, 200),
    row("sp-figure", "/noegletal/findes_ikke/", L, 404, 404, 404, 404, 404),
    row("sp-definition", f"/noegletal/{FIG}/definition/", L, 200, 200, 200, 200, 200),
    row("sp-definition", f"/noegletal/{FIG}/definition/?enhed={{workplace}}", L, 200, 200, 200, 200, 200),
    row("sp-definition", f"/noegletal/{FIG}/definition/?enhed={{outside}}", L, 200, 200, 403, 403, 403),
    row("sp-export-figure", f"/noegletal/{FIG}/eksport.csv", L, 200, 200, 200, 200, 403),
    row("sp-export-figure", f"/noegletal/{FIG}/eksport.xlsx", L, 200, 200, 200, 200, 403),
    row("sp-login", "/login/", 200, 302, 302, 302, 302, 302),
    row("sp-logout", "/logout/", 405, 405, 405, 405, 405, 405),
    row("sp-logout", "/logout/", L, L, L, L, L, L, method="post"),
    row("sp-tokens", "/konto/tokens/", L, 200, 200, 200, 200, 200),
    row("sp-token-revoke", "/konto/tokens/999/slet/", L, 405, 405, 405, 405, 405),
    row("sp-token-revoke", "/konto/tokens/999/slet/", L, 302, 302, 302, 302, 302, method="post"),
    row("sp-audit-log", "/revisionslog/", L, 200, 403, 403, 403, 403),
    row("sp-data", "/data/", L, 200, 200, 403, 403, 403),
    row("sp-data-upload", "/data/indlaes/", L, 405, 405, 403, 403, 403),
    row("sp-data-recompute", "/data/genberegn/", L, 405, 405, 403, 403, 403),
    row("sp-data-job", "/data/job/999/", L, 404, 404, 403, 403, 403),
    row("sp-data-baseline", "/data/startmaaling/", L, 302, 302, 403, 403, 403),
    row("sp-strategies", "/strategier/", L, 200, 200, 200, 200, 200),
    row("sp-strategy", "/strategier/999/", L, 404, 404, 404, 404, 404),
    row("sp-milestone", "/strategier/delmaal/999/", L, 404, 404, 404, 404, 404),
    row("sp-initiative", "/strategier/indsatser/999/", L, 404, 404, 404, 404, 404),
    row("sp-action-plan", "/strategier/handlingsplan/", L, 200, 200, 200, 200, 200),
    # Strategy work: real strategies per role are in sigtepunkt/web/strategy/tests/test_permissions.py.
    row("sp-strategy-create", "/strategier/ny/", L, 200, 200, 403, 403, 403),
    row("sp-strategy-upload", "/strategier/indlaes/", L, 200, 200, 403, 403, 403),
    row("sp-strategy-file", "/strategier/999/strategi.yaml", L, 404, 404, 404, 404, 404),
    row("sp-track-create", "/strategier/999/spor/ny/", L, 404, 404, 404, 404, 404),
    row("sp-objective-create", "/strategier/999/maal/ny/", L, 404, 404, 404, 404, 404),
    row("sp-milestone-create", "/strategier/999/delmaal/ny/", L, 404, 404, 404, 404, 404),
    row("sp-initiative-create", "/strategier/999/indsatser/ny/", L, 404, 404, 404, 404, 404),
    row("sp-strategy-report", "/strategier/999/statusrapport/", L, 404, 404, 404, 404, 404),
    row("sp-strategy-report-file", "/strategier/999/statusrapport.pdf", L, 404, 404, 404, 404, 404),
    row("sp-milestone-edit", "/strategier/delmaal/999/rediger/", L, 404, 404, 404, 404, 404),
    row("sp-strategy-edit", "/strategier/999/rediger/", L, 404, 404, 404, 404, 404),
    row("sp-strategy-delete", "/strategier/999/slet/", L, 404, 404, 404, 404, 404),
    row("sp-track-edit", "/strategier/spor/999/rediger/", L, 404, 404, 404, 404, 404),
    row("sp-objective-edit", "/strategier/maal/999/rediger/", L, 404, 404, 404, 404, 404),
    row("sp-milestone-delete", "/strategier/delmaal/999/slet/", L, 404, 404, 404, 404, 404),
    row("sp-initiative-delete", "/strategier/indsatser/999/slet/", L, 404, 404, 404, 404, 404),
    row("sp-initiative-edit", "/strategier/indsatser/999/rediger/", L, 404, 404, 404, 404, 404),
    row("sp-progress-add", "/strategier/indsatser/999/fremdrift/", L, 404, 404, 404, 404, 404),
    row("sp-approval-add", "/strategier/indsatser/999/godkendelse/", L, 404, 404, 404, 404, 404),
    row("sp-forums", "/strategier/fora/", L, 200, 200, 200, 200, 200),
    row("sp-forums", "/strategier/fora/", L, 200, 200, 403, 403, 403, method="post"),
    row("sp-forum-report", "/strategier/fora/999/statusrapport/", L, 404, 404, 404, 404, 404),
    row("sp-forum-report-file", "/strategier/fora/999/statusrapport.xlsx", L, 404, 404, 404, 404, 404),
    row("sp-indicators", "/strategier/indikatorer/", L, 200, 200, 200, 200, 200),
    row("sp-indicators", "/strategier/indikatorer/", L, 200, 200, 403, 403, 403, method="post"),
    row("sp-api-guide", "/api/vejledning/", 200, 200, 200, 200, 200, 200),
    row("sp-api-v1:api-root", f"{API}/", 404, 404, 404, 404, 404, 404),  # no interactive docs served
    row("sp-api-v1:openapi-json", f"{API}/openapi.json", 200, 200, 200, 200, 200, 200),
    row("sp-api-v1:figures_list", f"{API}/figures", 401, 200, 200, 200, 200, 200),
    row("sp-api-v1:figures_get", f"{API}/figures/{FIG}", 401, 200, 200, 200, 200, 200),
    row("sp-api-v1:figures_get", f"{API}/figures/findes_ikke", 401, 404, 404, 404, 404, 404),
    row("sp-api-v1:units_list", f"{API}/units", 401, 200, 200, 200, 200, 200),
    row("sp-api-v1:measurements_list", f"{API}/measurements?unit={{workplace}}&limit=5", 401, 200, 200, 200, 200, 200),
    row("sp-api-v1:measurements_list", f"{API}/measurements?unit={{outside}}&limit=5", 401, 200, 200, 403, 403, 403),
    row("sp-api-v1:measurements_list", f"{API}/measurements?unit={{missing}}", 401, 404, 404, 404, 404, 404),
    row("sp-api-v1:benchmarks", f"{API}/benchmarks", 401, 200, 200, 200, 200, 200),
    row("sp-api-v1:meta", f"{API}/meta", 401, 200, 200, 200, 200, 200),
    row("set_language", "/sprog/", 302, 302, 302, 302, 302, 302, method="post"),
    # Django's admin (users and roles) is for the administrator role only; others go to its login page.
    row("admin", "/admin/", 302, 200, 302, 302, 302, 302),
    row("admin", "/admin/auth/user/", 302, 200, 302, 302, 302, 302),
    row("admin", "/admin/accounts/auditevent/", 302, 200, 302, 302, 302, 302),
]


def url_names() -> set[str]:
    """Every URL name of the URLconf ('ns:name'); the admin site counts as one, 'admin'."""
    def walk(patterns, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    yield "admin"
                else:
                    yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}:{pattern.name}" if namespace else (pattern.name or str(pattern.pattern))
    return set(walk(get_resolver().url_patterns, None))


def test_every_url_pattern_has_a_row():
    missing = url_names() - {r.name for r in MATRIX}
    assert not missing, f"URL patterns without a row in the access matrix: {sorted(missing)}"


def test_every_row_resolves_to_its_name():
    for r in MATRIX:
        path = r.path.split("?")[0].format(muni="m", centre="c", area="a", workplace="w", outside="o", missing="x")
        match = resolve(path)
        name = "admin" if match.namespace == "admin" else match.view_name
        assert name == r.name, (r.path, name)


def outcome(response) -> object:
    if response.status_code == 302 and response["Location"].startswith("/login/"):
        return L
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says(client, quick_passwords, demo_users, units, role):
    if role != "anonymous":
        client.force_login(demo_users[role])
    wrong = []
    for r in MATRIX:
        path = r.path.format(**units)
        expected = r.expect[ROLES.index(role)]
        got = outcome(getattr(client, r.method)(path))
        if got != expected:
            wrong.append(f"{r.method.upper()} {path}: got {got}, expected {expected}")
        if r.name == "sp-logout" and r.method == "post" and role != "anonymous":
            client.force_login(demo_users[role])
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
