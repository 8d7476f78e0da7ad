"""`sigtepunkt status` says what the warehouse holds, and says to run init when there is none."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from sigtepunkt.cli.main import cli
from sigtepunkt.config import Settings
from sigtepunkt.hrdata.schema import TABLES
from sigtepunkt.hrdata.tests.support import (
    CLIRUNNER_ENV_CLEAR,
    FIXTURE_DIR,
    cli_command,
    cli_env,
    run_import,
    set_cell,
    variant,
)


def _status_json(settings: Settings) -> dict:
    env = {"SIGTEPUNKT_HOME": str(settings.home), **CLIRUNNER_ENV_CLEAR}
    result = CliRunner().invoke(cli, ["status", "--json"], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_it_lists_every_table_with_rows_and_periods(loaded_warehouse):
    status = _status_json(loaded_warehouse)
    tables = {t["name"]: t for t in status["tables"]}
    assert list(tables) == [t.name for t in TABLES]
    assert {n: t["rows"] for n, t in tables.items()} == {
        "org_units": 8,
        "employments": 7,
        "absences": 4,
        "job_ads": 2,
        "education": 1,
        "development_talks": 2,
        "course_completions": 1,
    }
    assert (tables["absences"]["first_date"], tables["absences"]["last_date"]) == ("2023-06-05", "2024-03-12")
    assert (tables["development_talks"]["first_date"], tables["development_talks"]["last_date"]) == (
        "2024-04-14",
        "2024-04-20",
    )
    assert tables["employments"]["first_date"] == "2010-03-01"
    assert tables["employments"]["title_da"] == "Ansættelser"
    assert status["persons"] == 3
    assert status["extract_date"] == "2024-06-30"
    assert status["home"] == str(loaded_warehouse.home)


def test_it_shows_the_latest_import_first(loaded_warehouse, tmp_path):
    bad = variant(tmp_path / "bad", samtaler=lambda rows: set_cell(rows, 2, "Dato", "01-07-2024"))
    assert run_import(loaded_warehouse, bad).status == "rejected"
    status = _status_json(loaded_warehouse)
    latest, first = status["imports"][0], status["imports"][-1]
    assert (latest["import_id"], latest["status"], latest["errors"]) == (2, "rejected", 1)
    assert (first["import_id"], first["status"], first["mode"]) == (1, "accepted", "merge")
    assert first["extract_date"] == "2024-06-30"
    assert first["rows_read"] == 25
    assert {f["name"]: f["rows"] for f in first["files"]}["fravaer.csv"] == 4
    assert all(len(f["sha256"]) == 64 for f in first["files"])


def test_it_shows_an_empty_warehouse(warehouse):
    status = _status_json(warehouse)
    assert [t["rows"] for t in status["tables"]] == [0] * len(TABLES)
    assert all(t["first_date"] is None for t in status["tables"])
    assert status["imports"] == [] and status["extract_date"] is None


def test_it_prints_a_readable_status(loaded_warehouse):
    env = {"SIGTEPUNKT_HOME": str(loaded_warehouse.home), **CLIRUNNER_ENV_CLEAR}
    result = CliRunner().invoke(cli, ["status"], env=env)
    assert result.exit_code == 0, result.output
    assert "Ansættelser" in result.output and "30-06-2024" in result.output


def _assert_says_run_init(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 3, (result.returncode, result.stdout, result.stderr)
    message = " ".join((result.stdout + result.stderr).split())
    assert "sigtepunkt init" in message
    assert "Traceback" not in message


def test_it_says_to_run_init_before_there_is_a_warehouse(tmp_path: Path):
    home = tmp_path / "nothing-here"
    for args in (["status"], ["status", "--json"]):
        _assert_says_run_init(
            subprocess.run(cli_command(*args), env=cli_env(home), capture_output=True, text=True, timeout=60)
        )
    assert not home.exists()  # status creates nothing


def test_it_says_to_run_init_before_an_import_without_warehouse(tmp_path: Path):
    result = subprocess.run(
        cli_command("import", str(FIXTURE_DIR), "--extract-date", "30-06-2024"),
        env=cli_env(tmp_path / "nothing-here"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    _assert_says_run_init(result)
