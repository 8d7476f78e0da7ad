"""The run uses the database it means to: a misconfigured PostgreSQL run must not pass on SQLite."""

from __future__ import annotations

import os

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def expected_vendor() -> str:
    """What scripts/test.sh asks for, else what SIGTEPUNKT_DATABASE_URL implies."""
    return os.environ.get("SIGTEPUNKT_EXPECT_DB") or (
        "postgresql" if os.environ.get("SIGTEPUNKT_DATABASE_URL") else "sqlite")


def test_it_runs_on_the_intended_database():
    assert connection.vendor == expected_vendor()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
