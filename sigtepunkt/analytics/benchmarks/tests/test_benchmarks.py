"""Benchmarks: the CSV format, validation in Danish, all-or-nothing storage, the shipped national set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl
import pytest
from click.testing import CliRunner

from sigtepunkt.analytics.benchmarks.parsing import benchmarks_read
from sigtepunkt.analytics.benchmarks.problems import BenchmarksRejected, Code
from sigtepunkt.analytics.benchmarks.services import (
    SHIPPED_FILE,
    benchmarks_export,
    benchmarks_import,
    benchmarks_list,
    benchmarks_load_shipped,
)
from sigtepunkt.analytics.benchmarks.table import benchmarks_rows
from sigtepunkt.analytics.catalogue import FIGURES_BY_ID, figure_segments
from sigtepunkt.analytics.store import measurements_export_with_benchmarks, open_store
from sigtepunkt.synth.calibration import GROUPS

HEADER = "Benchmarksæt;Nøgletal;Periodetype;År;Fra;Til;Segment;Segmentværdi;Værdi;Kilde;Kilde-URL;Note"
GOOD_ROWS = [
    "Region Hovedstaden;sickness_absence_days_per_fte;år;2022;;;total;;16,1;KRL;https://example.org/krl;",
    "Region Hovedstaden;Sygefraværsprocent;;;01-01-2022;31-12-2022;;;7,1;KRL;;omtrentlig",
    "Region Hovedstaden;leaver_rate;løbende 12 mdr.;;2021-12-01;2022-11-30;Faggruppe;Social- og sundhedshjælpere;"
    "19,5;BM;;",
    "Region Hovedstaden;turnover_rate;kvartal;;01-04-2023;30-06-2023;job_group;Lærere;3,25;KRL;;",
]


def _write(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8-sig") -> Path:
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding=encoding)
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "measurements.duckdb"
    open_store(path).close()
    return path


def _stored(store: Path) -> list:
    with open_store(store, read_only=True) as con:
        return benchmarks_rows(con)


def test_it_reads_danish_headers_decimal_comma_and_every_way_of_giving_a_period(tmp_path: Path) -> None:
    rows, problems = benchmarks_read(_write(tmp_path / "b.csv", GOOD_ROWS))
    assert problems == []
    assert [(r.figure, r.period_kind, r.period_start, r.period_end, r.segment, r.segment_value, r.value)
            for r in rows] == [
        ("sickness_absence_days_per_fte", "year", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "total", "", 16.1),
        ("sickness_absence_rate", "year", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "total", "", 7.1),
        ("leaver_rate", "rolling12", dt.date(2021, 12, 1), dt.date(2022, 11, 30), "job_group",
         "Social- og sundhedshjælpere", 19.5),
        ("turnover_rate", "quarter", dt.date(2023, 4, 1), dt.date(2023, 6, 30), "job_group", "Lærere", 3.25),
    ]
    assert rows[0].source_url == "https://example.org/krl" and rows[1].note == "omtrentlig"


def test_it_round_trips_a_file_through_the_store(tmp_path: Path, store: Path) -> None:
    benchmarks_import(store=store, path=_write(tmp_path / "b.csv", GOOD_ROWS))
    exported = tmp_path / "out.csv"
    assert benchmarks_export(store=store, path=exported) == 4
    again, problems = benchmarks_read(exported)
    assert problems == []
    assert sorted(again, key=lambda r: r.key) == sorted(_stored(store), key=lambda r: r.key)


def test_it_replaces_a_set_on_reimport_and_leaves_other_sets_alone(tmp_path: Path, store: Path) -> None:
    path = _write(tmp_path / "b.csv", GOOD_ROWS)
    benchmarks_import(store=store, path=path)
    benchmarks_import(store=store, path=path)
    assert len(_stored(store)) == 4
    benchmarks_import(store=store, path=path, set_name="Andet sæt")
    benchmarks_import(store=store, path=_write(tmp_path / "c.csv", GOOD_ROWS[:1]))
    sets = {s.name: s.rows for s in benchmarks_list(store=store)}
    assert sets == {"Region Hovedstaden": 1, "Andet sæt": 4}


def test_it_reads_windows_1252_as_older_danish_excel_writes_it(tmp_path: Path) -> None:
    rows, problems = benchmarks_read(_write(tmp_path / "b.csv", GOOD_ROWS, encoding="cp1252"))
    assert problems == [] and rows[2].segment_value == "Social- og sundhedshjælpere"


BAD_CASES = [
    # (rows, header, expected code, column, Danish message start)
    (["S;no_such_figure;år;2022;;;total;;1;K;;"], HEADER, Code.UNKNOWN_FIGURE, "Nøgletal",
     '"no_such_figure" er ikke et nøgletal i kataloget'),
    (["S;headcount;år;2022;;;total;;mange;K;;"], HEADER, Code.BAD_NUMBER, "Værdi", '"mange" er ikke et tal'),
    (["S;sickness_absence_rate;år;2022;;;total;;105;K;;"], HEADER, Code.OUT_OF_RANGE, "Værdi",
     "Værdien 105 ligger uden for"),
    (["S;headcount;år;2022;;;total;;-3;K;;"], HEADER, Code.OUT_OF_RANGE, "Værdi", "Værdien -3 ligger uden for"),
    (["S;headcount;år;22;;;total;;1;K;;"], HEADER, Code.BAD_YEAR, "År", '"22" er ikke et årstal'),
    (["S;headcount;halvår;2022;;;total;;1;K;;"], HEADER, Code.BAD_PERIOD_KIND, "Periodetype",
     '"halvår" er ikke en periodetype'),
    (["S;headcount;;;32-01-2022;31-12-2022;total;;1;K;;"], HEADER, Code.BAD_DATE, "Fra",
     '"32-01-2022" er ikke en gyldig dato'),
    (["S;headcount;år;;01-02-2022;31-12-2022;total;;1;K;;"], HEADER, Code.NOT_A_PERIOD, "Periodetype",
     "Perioden 01-02-2022 – 31-12-2022 er ikke en hel periode"),
    (["S;leaver_rate;måned;;01-01-2022;31-01-2022;total;;1;K;;"], HEADER, Code.WRONG_PERIOD_LENGTH,
     "Periodetype", 'Nøgletallet "leaver_rate" er kun defineret for perioder på 12 måneder'),
    (["S;headcount;år;2022;;;programme;SOSU;1;K;;"], HEADER, Code.UNKNOWN_SEGMENT, "Segment",
     '"programme" er ikke et segment for dette nøgletal'),
    (["S;headcount;år;2022;;;job_group;;1;K;;"], HEADER, Code.SEGMENT_VALUE_MISSING, "Segmentværdi",
     'Segmentet "job_group" skal have en segmentværdi'),
    (["S;headcount;år;2022;;;total;Lærere;1;K;;"], HEADER, Code.SEGMENT_VALUE_FOR_TOTAL, "Segmentværdi",
     '"Segmentværdi" er "Lærere", men segmentet er total'),
    (["S;headcount;år;2022;;;total;;1;K;www.kl.dk;"], HEADER, Code.BAD_URL, "Kilde-URL",
     '"www.kl.dk" er ikke en webadresse'),
    (["S;headcount;år;2022;;;total;;1;;;"], HEADER, Code.REQUIRED_VALUE, "Kilde",
     '"Kilde" er tom, men skal udfyldes'),
    (["S;headcount;år;2022;;;total;;1;K;;", "S;headcount;år;2022;;;total;;2;K;;"], HEADER, Code.DUPLICATE_ROW,
     None, "Rækken gentager sammenligningsgrundlag, nøgletal, periode og segment fra række 2"),
    (["S;headcount;2022;1;K"], "Benchmarksæt;Nøgletal;År;Værdi;Note", Code.MISSING_COLUMN, "Kilde",
     'Den påkrævede kolonne "Kilde" mangler'),
    (["S;headcount;2022;1;K;K2"], "Benchmarksæt;Nøgletal;År;Værdi;Kilde;kilde", Code.DUPLICATE_COLUMN, "Kilde",
     'Kolonnen "Kilde" findes mere end én gang'),
    ([], HEADER, Code.EMPTY_FILE, None, "Filen har ingen rækker med sammenligningstal"),
]


@pytest.mark.parametrize(("rows", "header", "code", "column", "danish"), BAD_CASES,
                         ids=[case[2].value for case in BAD_CASES])
def test_it_rejects_a_bad_file_with_a_danish_message_and_changes_nothing(
    tmp_path: Path, store: Path, rows: list[str], header: str, code: Code, column: str | None, danish: str,
) -> None:
    benchmarks_import(store=store, path=_write(tmp_path / "good.csv", GOOD_ROWS))
    before = _stored(store)
    bad = _write(tmp_path / "bad.csv", rows, header)
    with pytest.raises(BenchmarksRejected) as rejected:
        benchmarks_import(store=store, path=bad)
    errors = [p for p in rejected.value.errors if p.code is code]
    assert errors, [p.text for p in rejected.value.problems]
    assert errors[0].file == "bad.csv" and errors[0].column == column
    assert errors[0].text.startswith(danish), errors[0].text
    assert _stored(store) == before


def test_it_reports_every_problem_of_every_row_with_its_row_number(tmp_path: Path) -> None:
    rows = ["S;no_such;år;2022;;;total;;1;K;;", "S;headcount;år;2022;;;total;;x;;;",
            "S;headcount;år;2023;;;total;;1;K;;"]
    _, problems = benchmarks_read(_write(tmp_path / "b.csv", rows))
    assert sorted((p.row, p.code.value) for p in problems) == [
        (2, "unknown_figure"), (3, "bad_number"), (3, "required_value")]


def test_it_ignores_an_unknown_column_with_a_warning(tmp_path: Path, store: Path) -> None:
    path = _write(tmp_path / "b.csv", [GOOD_ROWS[0] + ";x"], HEADER + ";Kommentarfelt 2")
    report = benchmarks_import(store=store, path=path)
    assert report.rows == 1 and [w.code for w in report.warnings] == [Code.UNKNOWN_COLUMN]


def test_the_shipped_national_set_loads_and_lines_up_with_the_catalogue_and_the_generator(store: Path) -> None:
    report = benchmarks_load_shipped(store=store)
    assert report is not None and report.warnings == []
    assert report.sets["Landsgennemsnit, kommuner"] >= 30
    assert benchmarks_load_shipped(store=store) is None, "only loaded while no benchmark is stored"
    job_groups = {g.label_da for g in GROUPS}
    for row in _stored(store):
        figure = FIGURES_BY_ID[row.figure]
        assert row.segment == "total" or row.segment in figure_segments(figure)
        assert row.segment != "job_group" or row.segment_value in job_groups, row.segment_value
        assert row.source and row.source_url and row.source_url.startswith("http")
        if row.figure == "sickness_absence_rate":
            assert "tilnærmelsesvist" in (row.note or ""), "KRL's percentage uses 227 working days"
    days = {(r.period_end.year, r.segment_value): r.value for r in _stored(store)
            if r.figure == "sickness_absence_days_per_fte" and r.set_name == "Landsgennemsnit, kommuner"}
    assert days[(2022, "")] == 16.1 and days[(2019, "Social- og sundhedsassistenter")] == 16.3


def test_it_exports_the_benchmarks_beside_the_municipalitys_own_figures(tmp_path: Path, store: Path) -> None:
    benchmarks_import(store=store, path=_write(tmp_path / "b.csv", GOOD_ROWS[:1]))
    with duckdb.connect(str(store)) as con:
        con.execute("INSERT INTO units VALUES ('1', NULL, 'Eksempel Kommune', 'municipality', '2000-01-01', NULL)")
        con.execute("""INSERT INTO measurements VALUES ('sickness_absence_days_per_fte', 1, '1', 'year', '2022-01-01',
            '2022-12-31', 'total', '', 14.5, 100, 6.9, 40, false, NULL, 'import-1', now()),
            ('headcount', 1, '1', 'year', '2022-01-01', '2022-12-31', 'total', '', NULL, NULL, NULL, NULL, true,
             'small', 'import-1', now())""")
    out = tmp_path / "long.csv"
    with open_store(store, read_only=True) as con:
        assert measurements_export_with_benchmarks(con, out, figures=["sickness_absence_days_per_fte"]) == 2
    frame = pl.read_csv(out)
    assert frame["unit_name"].to_list() == ["Eksempel Kommune", "Region Hovedstaden"]
    assert frame["value"].to_list() == [14.5, 16.1]
    assert frame["benchmark_set"].to_list() == [None, "Region Hovedstaden"]


def test_the_cli_imports_lists_and_rejects_in_danish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sigtepunkt.cli.main import cli

    monkeypatch.setenv("SIGTEPUNKT_HOME", str(tmp_path))
    monkeypatch.setenv("SIGTEPUNKT_LANGUAGE", "da")
    runner = CliRunner()
    done = runner.invoke(cli, ["benchmark", "import", str(SHIPPED_FILE)])
    assert done.exit_code == 0 and "Landsgennemsnit, kommuner" in done.output
    assert "Landsgennemsnit, kommuner" in runner.invoke(cli, ["benchmark", "list"]).output
    bad = _write(tmp_path / "bad.csv", ["S;no_such;år;2022;;;total;;1;K;;"])
    rejected = runner.invoke(cli, ["benchmark", "import", str(bad), "--set", "X"])
    assert rejected.exit_code == 1
    assert "bad.csv, række 2, kolonne \"Nøgletal\"" in rejected.output and "Intet blev ændret" in rejected.output
