"""Fixtures of the data page's tests: a synthetic export on disk, a fresh data home, an HR analyst.

The export is generated once per module by the real generator; each test gets its own data
home (a new warehouse and key), so imports in one test never touch another's data, nor the
measured municipality the other web tests share.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

EXTRACT_DATE = dt.date(2026, 10, 31)


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory) -> Path:
    """Eksempel Kommune with 300 employees as the seven CSV files of an export."""
    from sigtepunkt.synth import generate_municipality

    out = tmp_path_factory.mktemp("export")
    generate_municipality(out_dir=out, employees=300, seed=5, extract_date=EXTRACT_DATE)
    return out


@pytest.fixture
def fresh_home(settings, tmp_path, transactional_db):
    """An initialised, empty data home that the web application points at for one test.

    Transactional, because the job thread has its own database connection and must see the
    job row; and no job thread outlives the test (it would write into the next one).
    """
    from sigtepunkt.config import Settings
    from sigtepunkt.warehouse.connection import init_warehouse
    from sigtepunkt.web.datahub.jobs import jobs_wait_all

    home = tmp_path / "home"
    sp = Settings(home=home, key_file=home / "pseudonym.key", suppression_threshold=5)
    init_warehouse(sp)
    settings.SIGTEPUNKT = dataclasses.replace(sp)
    yield sp
    jobs_wait_all(timeout=600)


@pytest.fixture
def hr_client(client, fresh_home):
    """The test client logged in as an HR analyst of the whole organisation."""
    from sigtepunkt.web.accounts.models import Role
    from sigtepunkt.web.accounts.services import user_create

    user = user_create(username="hr-analytiker", password="x" * 16, roles=[(Role.HR_ANALYST, "")])
    client.force_login(user)
    return client
