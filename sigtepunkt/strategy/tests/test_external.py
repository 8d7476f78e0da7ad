"""StatBank downloads: good files in both encodings, every time code, and each kind of bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sigtepunkt.strategy.external import Code, ExternalRejected, external_load, external_read
from sigtepunkt.strategy.external.values import PeriodKind, period_parse

EXAMPLES = Path(__file__).parents[1] / "examples"
NEET = EXAMPLES / "EKSUNG1_unge_uden_uddannelse_eller_job.csv"
POPULATION = EXAMPLES / "FOLK1A_eksempel_kommune.csv"


def _write(path: Path, lines: list[str], encoding: str = "utf-8-sig") -> Path:
    path.write_text("\r\n".join(lines) + "\r\n", encoding=encoding)
    return path


def _codes(path: Path, **kwargs: str) -> list[Code]:
    series, problems = external_read(path=path, **kwargs)
    assert series == []  # all or nothing
    return [p.code for p in problems]


def test_it_reads_the_example_neet_file_with_its_title_line_and_a_not_available_value() -> None:
    series = external_load(path=NEET)
    assert {s.area for s in series} == {"Eksempel Kommune", "Region Hovedstaden"}
    ours = next(s for s in series if s.area == "Eksempel Kommune")
    assert ours.table_id == "EKSUNG1" and ours.name.startswith("Eksempeltal")
    assert ours.labels == (("ALDER", "16-24 år"),) and ours.label("alder") == "16-24 år"
    assert [p.code for p in ours.points][:2] == ["2015", "2016"] and len(ours.points) == 11
    assert ours.points[0].value == 7.8 and ours.points[0].end == dt.date(2015, 12, 31)
    hidden = ours.points[5]
    assert hidden.code == "2020" and hidden.value is None and hidden.not_available
    assert ours.as_series().at(dt.date(2020, 12, 31)).suppressed


def test_it_reads_the_windows_1252_population_file_as_one_series_per_age_group() -> None:
    series = external_load(path=POPULATION)
    assert len(series) == 7 and {s.table_id for s in series} == {"FOLK1A"}
    oldest = next(s for s in series if s.label("ALDER") == "100 år og derover")
    assert oldest.points[0].code == "2015K1"
    assert (oldest.points[0].start, oldest.points[0].end) == (dt.date(2015, 1, 1), dt.date(2015, 3, 31))


def test_it_takes_the_table_id_from_the_argument_else_the_file_name(tmp_path: Path) -> None:
    lines = ["KOMK;ALDER;TID;INDHOLD", "Eksempel Kommune;16-24 år;2023M01;1234,5"]
    named = external_load(path=_write(tmp_path / "AUS08_udtraek.csv", lines))
    assert named[0].table_id == "AUS08" and named[0].area == "Eksempel Kommune"
    given = external_load(path=_write(tmp_path / "data.csv", lines), table_id="neet1", name="Unge uden job")
    assert given[0].table_id == "NEET1" and given[0].name == "Unge uden job"
    assert given[0].points[0].value == 1234.5


@pytest.mark.parametrize(("code", "kind", "start", "end"), [
    ("2023", PeriodKind.YEAR, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ("2023H2", PeriodKind.HALF, dt.date(2023, 7, 1), dt.date(2023, 12, 31)),
    ("2023K1", PeriodKind.QUARTER, dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
    ("2024M02", PeriodKind.MONTH, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
])
def test_it_knows_the_statbank_time_codes(code: str, kind: PeriodKind, start: dt.date, end: dt.date) -> None:
    period = period_parse(code)
    assert period is not None and (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize("code", ["2023K5", "2023M13", "23", "2023Q1", "2023/2024"])
def test_it_refuses_other_time_codes(code: str) -> None:
    assert period_parse(code) is None


HEADER = "OMRÅDE;ALDER;TID;INDHOLD"


@pytest.mark.parametrize(("lines", "code"), [
    ([HEADER], Code.EMPTY_FILE),
    (["OMRÅDE;ALDER;INDHOLD", "Eksempel Kommune;16-24 år;7,1"], Code.MISSING_COLUMN),
    (["OMRÅDE;ALDER;TID", "Eksempel Kommune;16-24 år;2023"], Code.MISSING_COLUMN),
    (["OMRÅDE;ALDER;ALDER;TID;INDHOLD", "Eksempel Kommune;a;b;2023;1"], Code.DUPLICATE_COLUMN),
    ([HEADER, "Eksempel Kommune;16-24 år;2023;7,1;x"], Code.ROW_LENGTH),
    ([HEADER, "Eksempel Kommune;16-24 år;2023Q1;7,1"], Code.BAD_PERIOD),
    ([HEADER, "Eksempel Kommune;16-24 år;2023;syv"], Code.BAD_NUMBER),
    ([HEADER, "Eksempel Kommune;16-24 år;2023;1.234"], Code.AMBIGUOUS_NUMBER),
    ([HEADER, "Eksempel Kommune;;2023;7,1"], Code.EMPTY_LABEL),
    ([HEADER, "Eksempel Kommune;16-24 år;2023;7,1", "Eksempel Kommune;16-24 år;2023;7,2"], Code.DUPLICATE_ROW),
    ([HEADER, "Eksempel Kommune;16-24 år;2023;7,1", "Eksempel Kommune;16-24 år;2024K1;7,2"], Code.MIXED_PERIODS),
])
def test_it_rejects_each_kind_of_bad_input_with_a_located_danish_problem(tmp_path: Path, lines: list[str],
                                                                         code: Code) -> None:
    path = _write(tmp_path / "FOLK1A.csv", lines)
    series, problems = external_read(path=path)
    assert series == [] and code in [p.code for p in problems]
    problem = next(p for p in problems if p.code is code)
    assert problem.file == "FOLK1A.csv" and problem.text and "{" not in problem.text
    with pytest.raises(ExternalRejected):
        external_load(path=path)


def test_a_bad_row_is_located_by_its_spreadsheet_row_after_the_title_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.csv", ["FOLK1A: Befolkning", HEADER, "Eksempel Kommune;0 år;2023K1;10",
                                       "Eksempel Kommune;1 år;2023K1;ti"])
    _, problems = external_read(path=path)
    assert [(p.code, p.row, p.column, p.value) for p in problems] == [(Code.BAD_NUMBER, 4, "INDHOLD", "ti")]
    assert "decimalkomma" in problems[0].text


def test_it_needs_a_table_id(tmp_path: Path) -> None:
    assert _codes(_write(tmp_path / "data.csv", [HEADER, "Eksempel Kommune;0 år;2023;1"])) == [Code.NO_TABLE_ID]


def test_it_says_when_the_file_is_missing(tmp_path: Path) -> None:
    assert _codes(tmp_path / "FOLK1A.csv") == [Code.UNREADABLE_FILE]
