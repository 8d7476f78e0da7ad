"""Pytest fixtures for the web application: a measured synthetic municipality and a user per role.

Registered for the whole suite by the root `conftest.py`, so the web tests beside each app and
the browser tests in `tests/browser` share one measured municipality per test session.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

EXTRACT_DATE = dt.date(2026, 10, 31)
QUICK_HASHERS = ["sigtepunkt.web.testing.QuickArgon2PasswordHasher"]
EMPLOYEES = 600


def _quick_argon2():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    class QuickArgon2PasswordHasher(Argon2PasswordHasher):
        """Argon2 with the smallest costs: the production code path without a second of work per demo user."""

        time_cost = 1
        memory_cost = 64
        parallelism = 1

    return QuickArgon2PasswordHasher


QuickArgon2PasswordHasher = _quick_argon2()


@pytest.fixture(scope="session")
def measured_home(tmp_path_factory):
    """The Settings of a data folder with Eksempel Kommune imported, the benchmarks loaded and all figures computed."""
    from sigtepunkt.analytics.benchmarks.services import benchmarks_load_shipped
    from sigtepunkt.analytics.service import key_figures_measure
    from sigtepunkt.analytics.store import store_path
    from sigtepunkt.testing import synthetic_warehouse

    home = tmp_path_factory.mktemp("web-home")
    settings = synthetic_warehouse(home, employees=EMPLOYEES, seed=11, extract_date=EXTRACT_DATE)
    benchmarks_load_shipped(store=store_path(home))
    key_figures_measure(settings=settings)
    return settings


@pytest.fixture
def sp_settings(settings, measured_home):
    """Point the web application at the measured municipality for one test."""
    settings.SIGTEPUNKT = dataclasses.replace(measured_home)
    return settings


@pytest.fixture
def tree(sp_settings):
    from sigtepunkt.web.store import unit_tree

    return unit_tree()


@pytest.fixture
def demo_users(sp_settings, db, tree):
    """One user per role (admin, hr, leder, med, laeser) as the demo creates them; returns name → user."""
    from django.contrib.auth import get_user_model

    from sigtepunkt.web.accounts.services import demo_users_create

    sp_settings.PASSWORD_HASHERS = QUICK_HASHERS
    demo_users_create(tree=tree)
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def client_as(client, demo_users):
    """`client_as("leder")`: the test client logged in as that demo user."""
    def login(username: str):
        client.force_login(demo_users[username])
        return client
    return login
