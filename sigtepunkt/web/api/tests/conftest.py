"""Helpers for the API tests: a token per demo user, and a GET that sends it."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The demo users are made for every test; Argon2 would spend seconds hashing their passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def token_for(demo_users):
    """`token_for("leder")`: a fresh API token of that demo user."""
    from sigtepunkt.web.accounts.services import api_token_create

    def make(username: str) -> str:
        return api_token_create(user=demo_users[username], name="test")
    return make


@pytest.fixture
def api_get(client, token_for):
    """`api_get("/api/v1/units", as_user="leder", figure=[...])`: GET with that user's token."""
    tokens: dict[str, str] = {}

    def get(path: str, *, as_user: str | None = None, token: str | None = None, **params):
        if as_user is not None:
            token = tokens.setdefault(as_user, token_for(as_user))
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return client.get(path, params, headers=headers)
    return get


@pytest.fixture
def api_rows(api_get):
    """`api_rows(as_user="hr", figure=...)`: every row of a measurements query, following `next`."""
    def collect(*, as_user: str, **params) -> list[dict]:
        body = api_get("/api/v1/measurements", as_user=as_user, **params).json()
        found = list(body["results"])
        while body["next"]:
            body = api_get(body["next"], as_user=as_user).json()
            found.extend(body["results"])
        return found
    return collect
