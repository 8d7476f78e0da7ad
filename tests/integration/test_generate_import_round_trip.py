"""Generate a synthetic municipality, import it through the CLI, and find it whole in the warehouse."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from sigtepunkt.cli.main import cli
from sigtepunkt.hrdata.schema import TABLES

EXTRACT = dt.date(2026, 10, 31)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    home = tmp_path_factory.mktemp("home")
    env = {"SIGTEPUNKT_HOME": str(home), "SIGTEPUNKT_LANGUAGE": "da"}
    runner = CliRunner()
    assert runner.invoke(cli, ["init"], env=env).exit_code == 0
    out = home / "export"
    generated = runner.invoke(cli, ["generate", "--employees", "1500", "--seed", "7", "--extract-date",
                                    EXTRACT.isoformat(), "--out", str(out), "--quiet"], env=env)
    assert generated.exit_code == 0, generated.output
    result = runner.invoke(cli, ["import", str(out), "--extract-date", EXTRACT.isoformat(), "--json"], env=env)
    assert result.exit_code == 0, result.output
    return home, json.loads(result.output)


def test_it_imports_every_generated_row(imported: tuple[Path, dict[str, object]]) -> None:
    home, report = imported
    assert report["status"] == "accepted" and report["errors"] == 0
    files = {f["table"]: f["rows"] for f in report["files"]}
    assert set(files) == {t.name for t in TABLES}
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        for table in TABLES:
            stored = con.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
            assert stored == files[table.name], table.name


def test_it_finds_the_generated_headcount_in_the_warehouse(imported: tuple[Path, dict[str, object]]) -> None:
    home, _report = imported
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        headcount = con.execute(
            """SELECT count(DISTINCT person_key) FROM employments
               WHERE employment_type IN ('permanent', 'fixed_term')
                 AND start_date <= ? AND coalesce(end_date, DATE '9999-12-31') >= ?""",
            [EXTRACT, EXTRACT],
        ).fetchone()[0]
        persons = con.execute("SELECT count(*) FROM persons").fetchone()[0]
        people_with_jobs = con.execute("SELECT count(DISTINCT person_key) FROM employments").fetchone()[0]
    assert 1350 <= headcount <= 1650
    assert persons == people_with_jobs


def test_it_gives_the_same_warehouse_when_the_same_export_is_imported_again(
    imported: tuple[Path, dict[str, object]],
) -> None:
    home, _report = imported
    env = {"SIGTEPUNKT_HOME": str(home)}

    def snapshot() -> dict[str, str]:
        with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
            return {
                t.name: con.execute(
                    f'SELECT md5(string_agg(CAST(x AS VARCHAR), \'|\' ORDER BY CAST(x AS VARCHAR))) FROM "{t.name}" x'
                ).fetchone()[0]
                for t in TABLES
            }

    before = snapshot()
    again = CliRunner().invoke(cli, ["import", str(home / "export"), "--extract-date", EXTRACT.isoformat(),
                                     "--quiet"], env=env)
    assert again.exit_code == 0, again.output
    assert snapshot() == before


def test_it_reports_the_import_in_status(imported: tuple[Path, dict[str, object]]) -> None:
    home, report = imported
    result = CliRunner().invoke(cli, ["status", "--json"], env={"SIGTEPUNKT_HOME": str(home)})
    assert result.exit_code == 0, result.output
    status = json.loads(result.output)
    assert status["extract_date"] == EXTRACT.isoformat()
    assert status["imports"][-1]["status"] == "accepted"
    rows = {t["name"]: t["rows"] for t in status["tables"]}
    assert rows["absences"] > 10_000
