"""Fixtures for the warehouse tests: a warehouse in tmp_path, empty or holding the Danish Excel fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigtepunkt.config import Settings
from sigtepunkt.hrdata.tests.support import FIXTURE_DIR, new_warehouse, run_import


@pytest.fixture
def warehouse(tmp_path: Path) -> Settings:
    return new_warehouse(tmp_path / "home")


@pytest.fixture
def loaded_warehouse(warehouse: Settings) -> Settings:
    report = run_import(warehouse, FIXTURE_DIR)
    assert report.status == "accepted", report.problems
    return warehouse
