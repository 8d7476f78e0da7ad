"""The baseline workbook, on a small generated municipality measured through the real services."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from sigtepunkt.analytics.baseline.services import BaselineError, baseline_create
from sigtepunkt.analytics.benchmarks.services import benchmarks_load_shipped
from sigtepunkt.analytics.calendar import standard_periods
from sigtepunkt.analytics.catalogue import FIGURES
from sigtepunkt.analytics.service import key_figures_measure
from sigtepunkt.analytics.store import store_path
from sigtepunkt.config import Settings
from sigtepunkt.i18n import activate
from sigtepunkt.testing import synthetic_warehouse

EXTRACT = dt.date(2025, 10, 31)
YEAR = 2024
SHEETS = ["Om startmålingen", "Tværgående", "Fastholdelse", "Uddannelse", "Rekruttering", "Sammenligningstal",
          "Definitioner"]
TRACKS = SHEETS[1:5]
FIRST_DATA_ROW = 5  # title, data line, blank, header


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    activate("da")
    home = tmp_path_factory.mktemp("baseline")
    settings = synthetic_warehouse(home, employees=150, seed=11, extract_date=EXTRACT)
    periods = standard_periods(EXTRACT, years=2, months=0, quarters=0, rolling=0)
    key_figures_measure(settings=settings, dims=("job_group",), periods=periods)
    benchmarks_load_shipped(store=store_path(home))
    return settings


@pytest.fixture(scope="module")
def workbook(measured: Settings) -> openpyxl.Workbook:
    out = measured.home / "startmaaling.xlsx"
    report = baseline_create(store=store_path(measured.home), out=out)
    assert report.year == YEAR and report.municipalities == 1 and report.centres > 0
    return openpyxl.load_workbook(out)


@pytest.fixture(scope="module")
def store(measured: Settings) -> dict[tuple, tuple]:
    with duckdb.connect(str(store_path(measured.home)), read_only=True) as con:
        rows = con.execute("""
            SELECT m.figure, u.name, year(m.period_end), m.segment_value, m.value, m.n, m.suppressed
            FROM measurements m JOIN units u USING (unit_id)
            WHERE m.period_kind = 'year' AND m.segment IN ('total', 'job_group')""").fetchall()
    return {(f, unit, y, seg): (v, n, s) for f, unit, y, seg, v, n, s in rows}


def _data_rows(sheet) -> list[tuple]:
    return [r for r in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True) if r[0] is not None]


def test_it_has_a_front_sheet_four_track_sheets_benchmarks_and_definitions(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == SHEETS
    for name in TRACKS:
        sheet = workbook[name]
        assert sheet["A1"].value == "Startmåling 2024 — Eksempel Kommune"
        assert "udtræksdato 31-10-2025" in sheet["A2"].value and "færre end 5" in sheet["A2"].value
        assert sheet.freeze_panes == "B5"
        assert [c.value for c in sheet[4]][5:8] == ["Værdi 2024", "Værdi 2023", "Ændring"]


def test_every_figure_of_a_track_is_on_its_sheet_for_municipality_centres_and_job_groups(
    workbook: openpyxl.Workbook,
) -> None:
    by_sheet = dict(zip(("tvaergaaende", "fastholdelse", "uddannelse", "rekruttering"), TRACKS, strict=True))
    for figure in FIGURES:
        rows = [r for r in _data_rows(workbook[by_sheet[figure.track.value]]) if r[12] == figure.id]
        levels = {r[3] for r in rows}
        assert levels == {"Kommune", "Center"}, figure.id
        assert rows[0][2] == "Eksempel Kommune" and rows[0][4] == "Alle"
    sickness = [r for r in _data_rows(workbook["Fastholdelse"]) if r[12] == "sickness_absence_days_per_fte"]
    assert {r[4] for r in sickness} >= {"Alle", "Lærere", "Pædagoger"}


def test_the_values_in_the_sheets_are_the_stores_values(workbook: openpyxl.Workbook, store: dict) -> None:
    checked = 0
    for name in TRACKS:
        for r in _data_rows(workbook[name]):
            segment = "" if r[4] == "Alle" else r[4]
            for column, year in ((5, YEAR), (6, YEAR - 1)):
                expected = store.get((r[12], r[2], year, segment))
                if expected is None:
                    assert r[column] is None
                elif expected[2]:
                    assert r[column] == "færre end 5"
                elif expected[0] is None:
                    assert r[column] is None
                else:
                    assert r[column] == pytest.approx(expected[0], rel=1e-12)
                    checked += 1
            now = store.get((r[12], r[2], YEAR, segment))
            assert r[11] == (None if now is None else "færre end 5" if now[2] else now[1])
    assert checked > 500


def test_suppressed_cells_read_faerre_end_5_and_numbers_are_numeric_cells(workbook: openpyxl.Workbook) -> None:
    hidden = numbers = 0
    for name in TRACKS:
        for row in workbook[name].iter_rows(min_row=FIRST_DATA_ROW, min_col=6, max_col=12):
            for cell in row:
                if cell.value == "færre end 5":
                    hidden += 1
                elif cell.value is not None and cell.column != 10:
                    assert cell.data_type == "n", (name, cell.coordinate, cell.value)
                    assert cell.number_format in ("#,##0", "#,##0.0", "0", "+#,##0.0;-#,##0.0;0.0", "+#,##0;-#,##0;0")
                    numbers += 1
    assert hidden > 0 and numbers > 500


def test_the_change_is_this_year_minus_last_year(workbook: openpyxl.Workbook) -> None:
    rows = [r for r in _data_rows(workbook["Tværgående"]) if isinstance(r[7], float | int)]
    assert rows
    for r in rows:
        assert r[7] == pytest.approx(r[5] - r[6])


def test_the_benchmark_is_the_latest_published_value_of_the_year_or_before(workbook: openpyxl.Workbook) -> None:
    rows = {(r[12], r[2], r[4]): r for r in _data_rows(workbook["Fastholdelse"])}
    total = rows[("sickness_absence_days_per_fte", "Eksempel Kommune", "Alle")]
    assert total[8:11] == (16.2, "Landsgennemsnit, kommuner", 2023)
    teachers = rows[("sickness_absence_days_per_fte", "Eksempel Kommune", "Lærere")]
    assert teachers[8:11] == (10.9, "Landsgennemsnit, kommuner", 2019)
    listed = _data_rows(workbook["Sammenligningstal"])
    assert len(listed) >= 30 and all(r[6] for r in listed)


def test_the_definitions_sheet_defines_every_figure(workbook: openpyxl.Workbook) -> None:
    rows = list(workbook["Definitioner"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [f.id for f in FIGURES]
    sickness = next(r for r in rows if r[0] == "sickness_absence_rate")
    assert sickness[1] == "Sygefraværsprocent" and sickness[7] == "%" and sickness[8] == "lavere er bedre"
    assert all(r[4] and r[9] and r[11] for r in rows)


def test_the_front_sheet_explains_the_baseline_suppression_and_data_date(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["Om startmålingen"]
    text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)
    assert "Startmåling 2024 — Eksempel Kommune" in text
    assert "færre end 5" in text and "import-" in text
    assert sheet["B4"].value == dt.datetime(2025, 10, 31)


def test_it_holds_no_person_level_data(workbook: openpyxl.Workbook) -> None:
    person_like = re.compile(r"^(\d{6}-?\d{4}|[0-9a-f]{16,})$")
    for sheet in workbook.worksheets:
        headers = " ".join(str(c.value).lower() for c in sheet[4 if sheet.title in SHEETS[1:6] else 1] if c.value)
        assert not re.search(r"cpr|person_key|pseudonym|fødselsdato", headers), sheet.title
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(c, str) and person_like.match(c) for c in row), sheet.title


def test_it_refuses_a_year_the_store_does_not_hold(measured: Settings, tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="2019"):
        baseline_create(store=store_path(measured.home), out=tmp_path / "x.xlsx", year=2019)
    with pytest.raises(BaselineError):
        baseline_create(store=tmp_path / "none.duckdb", out=tmp_path / "x.xlsx")


def test_the_cli_writes_the_workbook(measured: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sigtepunkt.cli.main import cli

    monkeypatch.setenv("SIGTEPUNKT_HOME", str(measured.home))
    out = tmp_path / "b.xlsx"
    result = CliRunner().invoke(cli, ["baseline", "--year", "2023", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out)["Tværgående"]["A1"].value == "Startmåling 2023 — Eksempel Kommune"
