"""Every check on the input, each on a tiny variant of the Danish Excel fixture: the import is
rejected with the problem's code at the right file, row (the header is row 1) and column
(its Danish header), and the warehouse, which already holds the fixture, is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sigtepunkt.cli.main import cli
from sigtepunkt.config import Settings
from sigtepunkt.hrdata.importing import ImportReport
from sigtepunkt.hrdata.problems import Code, Problem
from sigtepunkt.hrdata.tests.support import (
    CLIRUNNER_ENV_CLEAR,
    CRLF,
    contents,
    describe,
    find_problem,
    import_log,
    run_import,
    set_cell,
    variant,
)


def rejected(settings: Settings, tmp_path: Path, **edits) -> ImportReport:
    """Import a variant of the fixture; it must be rejected and leave the warehouse as it was."""
    before = contents(settings)
    log_before = import_log(settings)
    report = run_import(settings, variant(tmp_path / "in", **edits))
    assert report.status == "rejected", describe(report.problems)
    assert contents(settings) == before
    log_after = import_log(settings)
    assert log_after[:-1] == log_before and log_after[-1][1] == "rejected"
    for p in report.errors:
        assert p.text and p.file
    return report


def expect(
    settings: Settings, tmp_path: Path, code: Code, file: str, row: int | None, column: str | None, **edits
) -> Problem:
    return find_problem(rejected(settings, tmp_path, **edits), code, file, row, column)


# --- single cells ------------------------------------------------------------------------------


def test_it_rejects_a_bad_date(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_DATE,
        "fravaer.csv",
        3,
        "Fra dato",
        fravaer=lambda rows: set_cell(rows, 3, "Fra dato", "31-02-2024"),
    )
    assert p.value == "31-02-2024"
    assert "31-02-2024" in p.text and "Fra dato" in p.text


def test_it_rejects_a_bad_number(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_NUMBER,
        "ansaettelser.csv",
        3,
        "Ugentlig arbejdstid",
        ansaettelser=lambda rows: set_cell(rows, 3, "Ugentlig arbejdstid", "5,5,0"),
    )
    assert p.value == "5,5,0"


def test_it_rejects_a_bad_whole_number(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_INTEGER,
        "jobopslag.csv",
        2,
        "Antal ansøgere",
        jobopslag=lambda rows: set_cell(rows, 2, "Antal ansøgere", "2,5"),
    )
    assert p.value == "2,5"


def test_it_rejects_a_bad_yes_no(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_BOOLEAN,
        "ansaettelser.csv",
        5,
        "Leder",
        ansaettelser=lambda rows: set_cell(rows, 5, "Leder", "måske"),
    )


def test_it_rejects_a_bad_choice_and_lists_the_allowed_values(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_CHOICE,
        "fravaer.csv",
        4,
        "Årsag",
        fravaer=lambda rows: set_cell(rows, 4, "Årsag", "Hjemmearbejde"),
    )
    assert p.value == "Hjemmearbejde"
    for label in ("egen sygdom", "arbejdsskade", "barns sygdom", "barsel", "anden orlov"):
        assert label in p.text


def test_it_rejects_a_cpr_number_of_the_wrong_length(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_CPR,
        "samtaler.csv",
        2,
        "CPR-nummer",
        samtaler=lambda rows: set_cell(rows, 2, "CPR-nummer", "070761-428"),
    )
    assert p.value == "070761-****"


def test_it_rejects_a_cpr_number_whose_date_part_is_impossible(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_CPR,
        "samtaler.csv",
        3,
        "CPR-nummer",
        samtaler=lambda rows: set_cell(rows, 3, "CPR-nummer", "320190-1234"),
    )
    assert p.value == "320190-****"
    short = expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_CPR,
        "samtaler.csv",
        3,
        "CPR-nummer",
        samtaler=lambda rows: set_cell(rows, 3, "CPR-nummer", "3201901"),
    )
    assert p.detail != short.detail  # the two reasons are told apart


def test_it_rejects_a_missing_required_column(loaded_warehouse, tmp_path):
    def drop_cause(rows):
        return [row[:-1] for row in rows]  # "Årsag" is the last column

    expect(loaded_warehouse, tmp_path, Code.MISSING_COLUMN, "fravaer.csv", 1, "Årsag", fravaer=drop_cause)


def test_it_rejects_a_missing_required_value(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.REQUIRED_VALUE,
        "ansaettelser.csv",
        4,
        "Faggruppe",
        ansaettelser=lambda rows: set_cell(rows, 4, "Faggruppe", ""),
    )


def test_it_rejects_a_negative_number(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.NEGATIVE_NUMBER,
        "fravaer.csv",
        3,
        "Timer",
        fravaer=lambda rows: set_cell(rows, 3, "Timer", "-3,7"),
    )


def test_it_rejects_more_weekly_hours_than_a_week_has(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.HOURS_TOO_HIGH,
        "ansaettelser.csv",
        2,
        "Ugentlig arbejdstid",
        ansaettelser=lambda rows: set_cell(rows, 2, "Ugentlig arbejdstid", "320,00"),
    )


def test_it_rejects_a_number_too_large_for_the_warehouse(loaded_warehouse, tmp_path):
    # 1,2 billion absence hours is nonsense, and more than DECIMAL(12, 4) holds; it must be a
    # problem on the row, not a crash of the whole import.
    expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_NUMBER,
        "fravaer.csv",
        3,
        "Timer",
        fravaer=lambda rows: set_cell(rows, 3, "Timer", "1234567890,5"),
    )


def test_it_rejects_not_a_number_as_a_number(loaded_warehouse, tmp_path):
    # Polars casts "nan" and "inf" to floats; they are not numbers an export can mean.
    for value in ("nan", "inf"):
        expect(
            loaded_warehouse,
            tmp_path / value,
            Code.BAD_NUMBER,
            "jobopslag.csv",
            2,
            "Ugentlig arbejdstid",
            jobopslag=lambda rows, v=value: set_cell(rows, 2, "Ugentlig arbejdstid", v),
        )


def test_it_rejects_a_file_whose_every_row_is_bad(loaded_warehouse, tmp_path):
    # kurser.csv has one row; when it is bad, no row of the file is left to check further.
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.BAD_DATE,
        "kurser.csv",
        2,
        "Gennemført dato",
        kurser=lambda rows: set_cell(rows, 2, "Gennemført dato", "05-13-2023"),
    )
    assert p.value == "05-13-2023"


# --- single rows ---------------------------------------------------------------------------------


def test_it_rejects_an_end_before_the_start(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.END_BEFORE_START,
        "ansaettelser.csv",
        3,
        "Slutdato",
        ansaettelser=lambda rows: set_cell(rows, 3, "Slutdato", "31-12-2019"),
    )
    assert (p.value, p.detail) == ("31-12-2019", "01-01-2020")


def test_it_rejects_a_talk_after_the_extract_date(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.AFTER_EXTRACT,
        "samtaler.csv",
        3,
        "Dato",
        samtaler=lambda rows: set_cell(rows, 3, "Dato", "01-07-2024"),
    )
    assert p.detail == "30-06-2024"


def test_it_rejects_an_employment_starting_after_the_extract_date(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.AFTER_EXTRACT,
        "ansaettelser.csv",
        2,
        "Startdato",
        ansaettelser=lambda rows: set_cell(rows, 2, "Startdato", "01-07-2024"),
    )


def test_it_rejects_absence_ending_after_the_extract_date(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.AFTER_EXTRACT,
        "fravaer.csv",
        4,
        "Til dato",
        fravaer=lambda rows: set_cell(rows, 4, "Til dato", "01-07-2024"),
    )


def test_it_rejects_duplicate_keys(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.DUPLICATE_KEY,
        "fravaer.csv",
        6,
        "Årsag",
        fravaer=lambda rows: rows + [list(rows[1])],
    )
    assert "2" in (p.detail or "") and "fravaer.csv" in (p.detail or "")


# --- across rows and files -----------------------------------------------------------------------


def test_it_rejects_an_unknown_unit(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.UNKNOWN_UNIT,
        "ansaettelser.csv",
        2,
        "Enheds-ID",
        ansaettelser=lambda rows: set_cell(rows, 2, "Enheds-ID", "9999"),
    )
    assert p.value == "9999"


def test_it_rejects_an_unknown_unit_of_a_job_ad(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.UNKNOWN_UNIT,
        "jobopslag.csv",
        3,
        "Enheds-ID",
        jobopslag=lambda rows: set_cell(rows, 3, "Enheds-ID", "9999"),
    )


def test_it_rejects_an_unknown_employment(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.UNKNOWN_EMPLOYMENT,
        "fravaer.csv",
        5,
        "Ansættelses-ID",
        fravaer=lambda rows: set_cell(rows, 5, "Ansættelses-ID", "E99"),
    )
    assert p.value == "E99"


def test_it_rejects_an_ad_filled_by_an_unknown_employment(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.UNKNOWN_EMPLOYMENT,
        "jobopslag.csv",
        3,
        "Besat med ansættelse",
        jobopslag=lambda rows: set_cell(rows, 3, "Besat med ansættelse", "E99"),
    )


def test_it_rejects_overlapping_spells_of_one_employment(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.OVERLAPPING_SPELLS,
        "ansaettelser.csv",
        8,
        "Startdato",
        ansaettelser=lambda rows: set_cell(rows, 8, "Startdato", "15-05-2023"),
    )
    assert p.value == "E6"


def test_it_rejects_an_employment_id_used_for_two_persons(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.AMBIGUOUS_EMPLOYMENT,
        "ansaettelser.csv",
        8,
        "Ansættelses-ID",
        ansaettelser=lambda rows: set_cell(rows, 8, "CPR-nummer", "0101904006"),
    )


def test_it_rejects_absence_outside_its_employment(loaded_warehouse, tmp_path):
    def before_start(rows):
        set_cell(rows, 5, "Fra dato", "05-01-2023")  # E6 starts 01-02-2023
        set_cell(rows, 5, "Til dato", "07-01-2023")

    p = expect(
        loaded_warehouse, tmp_path, Code.ABSENCE_OUTSIDE_EMPLOYMENT, "fravaer.csv", 5, "Fra dato", fravaer=before_start
    )
    assert p.detail == "01-02-2023 – 31-01-2027"


def test_it_rejects_a_correction_that_leaves_loaded_absence_outside_the_employment(loaded_warehouse, tmp_path):
    # The newer extract ends E1 before its absence of February 2024, which was loaded earlier.
    report = rejected(loaded_warehouse, tmp_path, ansaettelser=lambda rows: set_cell(rows, 2, "Slutdato", "31-01-2024"))
    find_problem(report, Code.ABSENCE_OUTSIDE_EMPLOYMENT, "fravaer.csv", 3, "Fra dato")


def test_it_rejects_absence_of_another_person_than_the_employments(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.PERSON_MISMATCH,
        "fravaer.csv",
        4,
        "CPR-nummer",
        fravaer=lambda rows: set_cell(rows, 4, "CPR-nummer", "070761-4285"),
    )
    assert p.value == "E5"


def test_it_rejects_an_unknown_parent_unit(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.UNKNOWN_PARENT,
        "organisation.csv",
        6,
        "Overordnet enhed",
        organisation=lambda rows: set_cell(rows, 6, "Overordnet enhed", "119"),
    )
    assert p.value == "119"


def test_it_rejects_a_cycle_in_the_unit_tree(loaded_warehouse, tmp_path):
    # 110 under 1111, which is under 111, which is under 110.
    report = rejected(
        loaded_warehouse, tmp_path, organisation=lambda rows: set_cell(rows, 3, "Overordnet enhed", "1111")
    )
    cycle = sorted((p.row, p.value) for p in report.errors if p.code is Code.UNIT_CYCLE)
    assert cycle == [(3, "110"), (4, "111"), (5, "1111")]
    assert {p.column for p in report.errors if p.code is Code.UNIT_CYCLE} == {"Overordnet enhed"}
    assert {p.file for p in report.errors if p.code is Code.UNIT_CYCLE} == {"organisation.csv"}


def test_it_rejects_overlapping_validity_of_a_unit(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.OVERLAPPING_UNIT,
        "organisation.csv",
        9,
        "Gyldig fra",
        organisation=lambda rows: set_cell(rows, 9, "Gyldig fra", "01-06-2021"),
    )
    assert p.value == "1201"


def test_it_rejects_a_talk_for_a_person_with_no_employment(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.UNKNOWN_PERSON,
        "samtaler.csv",
        4,
        "CPR-nummer",
        samtaler=lambda rows: rows + [["1105721234", "01-05-2024", "MUS"]],
    )


def test_it_rejects_a_course_for_a_person_with_no_employment(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.UNKNOWN_PERSON,
        "kurser.csv",
        2,
        "CPR-nummer",
        kurser=lambda rows: set_cell(rows, 2, "CPR-nummer", "1105721234"),
    )


def test_it_rejects_a_repost_of_an_unknown_ad(loaded_warehouse, tmp_path):
    p = expect(
        loaded_warehouse,
        tmp_path,
        Code.UNKNOWN_AD,
        "jobopslag.csv",
        3,
        "Genopslag af",
        jobopslag=lambda rows: set_cell(rows, 3, "Genopslag af", "A0"),
    )
    assert p.value == "A0"


def test_it_rejects_a_repost_published_before_the_original(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.REPOST_BEFORE_ORIGINAL,
        "jobopslag.csv",
        3,
        "Genopslag af",
        jobopslag=lambda rows: (
            set_cell(rows, 3, "Opslået", "30-11-2022") or set_cell(rows, 3, "Ansøgningsfrist", "20-12-2022")
        ),
    )


def test_it_rejects_a_finished_education_without_an_end(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.REQUIRED_VALUE,
        "elever.csv",
        2,
        "Faktisk slut",
        elever=lambda rows: set_cell(rows, 2, "Faktisk slut", ""),
    )


# --- the shape of files --------------------------------------------------------------------------


def test_it_rejects_a_column_given_twice(loaded_warehouse, tmp_path):
    def twice(rows):
        rows[0] = [*rows[0], "Timer"]
        for row in rows[1:]:
            row.append("99")

    p = expect(loaded_warehouse, tmp_path, Code.DUPLICATE_COLUMN, "fravaer.csv", 1, "Timer", fravaer=twice)
    assert p.value == "Timer"


def test_it_rejects_a_column_given_twice_in_two_spellings(loaded_warehouse, tmp_path):
    def twice(rows):
        rows[0] = [*rows[0], "Fraværstimer"]
        for row in rows[1:]:
            row.append("99")

    expect(loaded_warehouse, tmp_path, Code.DUPLICATE_COLUMN, "fravaer.csv", 1, "Timer", fravaer=twice)


def test_it_rejects_a_file_with_only_a_header(loaded_warehouse, tmp_path):
    expect(
        loaded_warehouse,
        tmp_path,
        Code.EMPTY_FILE,
        "kurser.csv",
        None,
        None,
        kurser="CPR-nummer;Kursus;Kategori;Gennemført dato" + CRLF,
    )


def test_it_rejects_an_unrecognised_file(loaded_warehouse, tmp_path):
    src = variant(tmp_path / "in")
    (src / "indkøbsliste.csv").write_bytes("Vare;Antal\r\nMælk;2\r\n".encode("cp1252"))
    before = contents(loaded_warehouse)
    report = run_import(loaded_warehouse, src)
    assert report.status == "rejected"
    find_problem(report, Code.UNKNOWN_FILE, "indkøbsliste.csv", None, None)
    assert contents(loaded_warehouse) == before


def test_it_reports_the_spreadsheet_row_of_an_xlsx_with_a_blank_row(loaded_warehouse, tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    src = variant(tmp_path / "in")
    (src / "fravaer.csv").unlink()
    book = Workbook()
    sheet = book.active
    sheet.append(["CPR-nummer", "Ansættelses-ID", "Fra dato", "Til dato", "Timer", "Dage", "Årsag"])
    sheet.append(["070761-4285", "E1", dt.datetime(2024, 1, 2), dt.datetime(2024, 1, 4), None, 3, "Egen sygdom"])
    sheet.append([None] * 7)  # row 3 left blank
    sheet.append(["0101904006", "E5", dt.datetime(2024, 3, 10), dt.datetime(2024, 3, 12), 22.2, None, "Hjemmearbejde"])
    book.save(src / "fravaer.xlsx")
    before = contents(loaded_warehouse)
    report = run_import(loaded_warehouse, src)
    assert report.status == "rejected"
    # Excel shows the bad cell in row 4; the user must be sent to row 4.
    find_problem(report, Code.BAD_CHOICE, "fravaer.xlsx", 4, "Årsag")
    assert contents(loaded_warehouse) == before


# --- several problems at once --------------------------------------------------------------------


def _many_errors(rows):
    set_cell(rows, 2, "Fra dato", "2024-13-01")  # bad date
    set_cell(rows, 3, "Årsag", "Hjemmearbejde")  # bad choice
    set_cell(rows, 4, "Timer", "mange")  # bad number
    set_cell(rows, 5, "Ansættelses-ID", "E99")  # unknown employment
    rows.append(
        ["0101904006", "E5", "10-03-2024", "12-03-2024", "22,2", "", "Barns sygdom"]
    )  # duplicate of row 4's key


MANY = {
    ("bad_date", 2, "Fra dato", "2024-13-01"),
    ("bad_choice", 3, "Årsag", "Hjemmearbejde"),
    ("bad_number", 4, "Timer", "mange"),
    ("unknown_employment", 5, "Ansættelses-ID", "E99"),
}


def test_it_reports_every_error_in_a_file_not_just_the_first(loaded_warehouse, tmp_path):
    report = rejected(
        loaded_warehouse, tmp_path, fravaer=_many_errors, samtaler=lambda rows: set_cell(rows, 2, "Dato", "01-08-2024")
    )
    found = {(p.code.value, p.row, p.column, p.value) for p in report.errors if p.file == "fravaer.csv"}
    assert MANY <= found
    find_problem(report, Code.AFTER_EXTRACT, "samtaler.csv", 2, "Dato")


def test_it_reports_every_error_as_json_with_exit_code_1(loaded_warehouse, tmp_path):
    src = variant(tmp_path / "in", fravaer=_many_errors)
    before = contents(loaded_warehouse)
    env = {"SIGTEPUNKT_HOME": str(loaded_warehouse.home), **CLIRUNNER_ENV_CLEAR}
    result = CliRunner().invoke(cli, ["import", str(src), "--extract-date", "2024-06-30", "--json"], env=env)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["status"] == "rejected"
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert report["errors"] == len(errors) >= len(MANY)
    for p in errors:
        assert {"code", "file", "row", "column", "value", "message"} <= p.keys()
        assert p["file"] and p["message"]
    found = {(p["code"], p["row"], p["column"], p["value"]) for p in errors if p["file"] == "fravaer.csv"}
    assert MANY <= found
    for p in errors:
        if (p["code"], p["row"], p["column"], p["value"]) in MANY:
            assert p["value"] in p["message"]
    assert contents(loaded_warehouse) == before


def test_it_changes_nothing_with_check_only(loaded_warehouse, tmp_path):
    before = contents(loaded_warehouse, include_log=True)
    newer = variant(tmp_path / "in", ansaettelser=lambda rows: set_cell(rows, 2, "Ugentlig arbejdstid", "30,00"))
    report = run_import(loaded_warehouse, newer, check_only=True)
    assert report.status == "checked" and report.errors == []
    assert contents(loaded_warehouse, include_log=True) == before
