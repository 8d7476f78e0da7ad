"""Fixtures for the import tests: an initialised warehouse, empty or holding the fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sigtepunkt.config import Settings
from sigtepunkt.hrdata.tests.support import FIXTURE_DIR, make_settings, new_warehouse, run_import


@pytest.fixture
def warehouse(tmp_path: Path) -> Settings:
    """An initialised, empty warehouse (and its key) in tmp_path/home."""
    return new_warehouse(tmp_path / "home")


@pytest.fixture(scope="session")
def _loaded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("loaded") / "home"
    settings = new_warehouse(home)
    report = run_import(settings, FIXTURE_DIR)
    assert report.status == "accepted", report.problems
    return home


@pytest.fixture
def loaded_warehouse(tmp_path: Path, _loaded_template: Path) -> Settings:
    """A warehouse that already holds the Danish Excel fixture (import no. 1, extract 30-06-2024)."""
    home = tmp_path / "home"
    shutil.copytree(_loaded_template, home)
    return make_settings(home)
