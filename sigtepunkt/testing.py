"""Fixture builders shared by the test suites: a synthetic municipality, imported for real."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sigtepunkt.config import Settings
from sigtepunkt.hrdata.importing import hr_import
from sigtepunkt.synth import generate_municipality
from sigtepunkt.warehouse.connection import init_warehouse


def synthetic_warehouse(home: Path, *, employees: int, seed: int, extract_date: dt.date,
                        municipalities: int = 1) -> Settings:
    """Generate Eksempel Kommune into `home/export` and import it; return the settings of `home`.

    The real generator and the real importer, so a test built on it meets what a user meets.
    """
    settings = Settings(home=home, key_file=home / "pseudonym.key", suppression_threshold=5)
    init_warehouse(settings)
    generate_municipality(out_dir=home / "export", employees=employees, seed=seed, extract_date=extract_date,
                          municipalities=municipalities)
    report = hr_import(settings=settings, paths=[home / "export"], extract_date=extract_date)
    if report.status != "accepted":
        raise AssertionError([p.text for p in report.errors[:5]])
    return settings
