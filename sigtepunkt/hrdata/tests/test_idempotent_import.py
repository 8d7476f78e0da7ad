"""Importing is idempotent, and a newer extract changes the warehouse as the merge modes say:
``entity`` tables replace all rows of an entity, ``key`` tables replace rows by key, and
``--replace`` lets a file replace its whole table."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from click.testing import CliRunner

from sigtepunkt.cli.main import cli
from sigtepunkt.hrdata.problems import Code
from sigtepunkt.hrdata.tests.support import (
    CLIRUNNER_ENV_CLEAR,
    CRLF,
    FIXTURE_DIR,
    contents,
    find_problem,
    fixture_rows,
    import_log,
    query,
    rows_to_text,
    run_import,
    set_cell,
    variant,
    write_cp1252,
)

D = dt.date
NEXT_EXTRACT = D(2024, 7, 31)
ABSENCE_HEADER = "CPR-nummer;Ansættelses-ID;Fra dato;Til dato;Timer;Dage;Årsag"
JULY_ABSENCE = [
    "070761-4285;E1;01-07-2024;03-07-2024;;3;Egen sygdom",
    "0101904006;E5;15-07-2024;15-07-2024;7,4;;Barns sygdom",
    "0101904006;E5;22-07-2024;26-07-2024;;5;Egen sygdom",
    "2512853208;E6;29-07-2024;31-07-2024;;3;Egen sygdom",
]


def test_it_gives_identical_tables_when_importing_the_same_files_twice(warehouse):
    assert run_import(warehouse, FIXTURE_DIR).status == "accepted"
    once = contents(warehouse)
    second = run_import(warehouse, FIXTURE_DIR)
    assert second.status == "accepted", second.problems
    assert contents(warehouse) == once
    assert [(r[0], r[1]) for r in import_log(warehouse)] == [(1, "accepted"), (2, "accepted")]


def test_it_gives_identical_tables_when_importing_the_same_files_twice_with_replace(warehouse):
    assert run_import(warehouse, FIXTURE_DIR).status == "accepted"
    once = contents(warehouse)
    assert run_import(warehouse, FIXTURE_DIR, replace=True).status == "accepted"
    assert contents(warehouse) == once
    assert [r[2] for r in import_log(warehouse)] == ["merge", "replace"]


def _corrected_e6(rows):
    """The newer extract: E6 is one spell, 32 hours, ended 31-07-2024 by resignation."""
    e6 = [r for r in rows[1:] if r[2] == "E6"]
    first = list(e6[0])
    header = rows[0]
    new = [header, first]
    set_cell(new, 2, "Ugentlig arbejdstid", "32,00")
    set_cell(new, 2, "Slutdato", "31-07-2024")
    set_cell(new, 2, "Fratrædelsesårsag", "Egen opsigelse")
    return new


def test_it_replaces_a_corrected_employment_and_extends_absence(loaded_warehouse, tmp_path):
    before = contents(loaded_warehouse)
    newer = tmp_path / "newer"
    newer.mkdir()
    write_cp1252(newer / "ansaettelser.csv", rows_to_text(_corrected_e6(fixture_rows("ansaettelser.csv"))))
    write_cp1252(newer / "fravaer.csv", ABSENCE_HEADER + CRLF + CRLF.join(JULY_ABSENCE) + CRLF)
    report = run_import(loaded_warehouse, newer, NEXT_EXTRACT)
    assert report.status == "accepted", report.problems

    spells = query(
        loaded_warehouse,
        "SELECT employment_id, start_date, end_date, weekly_hours, end_reason FROM employments ORDER BY ALL",
    )
    # Entity merge: both old spells of E6 are gone, the one new spell is there ...
    assert [s for s in spells if s[0] == "E6"] == [("E6", D(2023, 2, 1), D(2024, 7, 31), Decimal("32"), "resignation")]
    # ... and the other employments are untouched.
    employment_id = before["employments"][0].index("employment_id")
    old = [r for r in before["employments"][1:] if r[employment_id] != "E6"]
    after = contents(loaded_warehouse)
    assert [r for r in after["employments"][1:] if r[employment_id] != "E6"] == old

    # Key merge: the four old absences stay, July is added.
    absences = query(loaded_warehouse, "SELECT employment_id, from_date FROM absences ORDER BY ALL")
    assert len(absences) == 4 + len(JULY_ABSENCE)
    assert set(before["absences"][1:]) < set(after["absences"][1:])

    # Tables the newer extract does not carry stay as they were.
    for name in ("org_units", "job_ads", "education", "development_talks", "course_completions", "persons"):
        assert after[name] == before[name], name
    assert dict(query(loaded_warehouse, "SELECT key, value FROM meta"))["extract_date"] == "2024-07-31"


def test_it_replaces_an_absence_with_the_same_key(loaded_warehouse, tmp_path):
    newer = tmp_path / "newer"
    newer.mkdir()
    # Same employment, first day and cause as fixture row 3; the hours were corrected.
    write_cp1252(
        newer / "fravaer.csv", ABSENCE_HEADER + CRLF + "070761-4285;E1;06-02-2024;07-02-2024;11,1;;Egen sygdom" + CRLF
    )
    assert run_import(loaded_warehouse, newer, NEXT_EXTRACT).status == "accepted"
    rows = query(
        loaded_warehouse,
        "SELECT to_date, hours, _file, _row FROM absences WHERE employment_id = 'E1' AND from_date = DATE '2024-02-06'",
    )
    assert rows == [(D(2024, 2, 7), Decimal("11.1"), "fravaer.csv", 2)]
    assert query(loaded_warehouse, "SELECT count(*) FROM absences") == [(4,)]


def test_it_lets_replace_swap_a_whole_table(loaded_warehouse, tmp_path):
    before = contents(loaded_warehouse)
    newer = tmp_path / "newer"
    newer.mkdir()
    write_cp1252(newer / "fravaer.csv", ABSENCE_HEADER + CRLF + CRLF.join(JULY_ABSENCE) + CRLF)
    report = run_import(loaded_warehouse, newer, NEXT_EXTRACT, replace=True)
    assert report.status == "accepted", report.problems
    after = contents(loaded_warehouse)
    from_date = after["absences"][0].index("from_date")
    assert sorted(r[from_date] for r in after["absences"][1:]) == sorted(
        [D(2024, 7, 1), D(2024, 7, 15), D(2024, 7, 22), D(2024, 7, 29)]
    )
    for name in after:
        if name not in ("absences", "meta"):
            assert after[name] == before[name], name


def test_it_rejects_a_replace_that_orphans_rows_in_other_tables(loaded_warehouse, tmp_path):
    before = contents(loaded_warehouse)
    newer = tmp_path / "newer"
    newer.mkdir()
    # A "full re-extract" of employments that only has E6 would leave E1's and E5's absences orphaned.
    write_cp1252(newer / "ansaettelser.csv", rows_to_text(_corrected_e6(fixture_rows("ansaettelser.csv"))))
    report = run_import(loaded_warehouse, newer, NEXT_EXTRACT, replace=True)
    assert report.status == "rejected"
    find_problem(report, Code.UNKNOWN_EMPLOYMENT, "fravaer.csv", 2, "Ansættelses-ID")
    assert contents(loaded_warehouse) == before


def test_it_replaces_through_the_command_line(loaded_warehouse, tmp_path):
    newer = variant(tmp_path / "newer", fravaer=ABSENCE_HEADER + CRLF + CRLF.join(JULY_ABSENCE) + CRLF)
    env = {"SIGTEPUNKT_HOME": str(loaded_warehouse.home), **CLIRUNNER_ENV_CLEAR}
    result = CliRunner().invoke(
        cli, ["import", str(newer / "fravaer.csv"), "--extract-date", "31-07-2024", "--replace", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "accepted"
    assert query(loaded_warehouse, "SELECT count(*) FROM absences") == [(len(JULY_ABSENCE),)]
    assert import_log(loaded_warehouse)[-1][1:3] == ("accepted", "replace")


PERSON_ROWS = ("employments", "absences", "education", "development_talks", "course_completions")


def _numbers(settings) -> dict[str, int]:
    return dict(query(settings, "SELECT person_key, person_no FROM persons"))


def test_it_numbers_persons_once_and_every_row_carries_the_number(loaded_warehouse, tmp_path):
    """The engine joins a person's rows on `person_no`: a row with another number than its
    person's would count that row for someone else, and a renumbered person would be new."""
    numbers = _numbers(loaded_warehouse)
    assert sorted(numbers.values()) == list(range(1, len(numbers) + 1))
    assert [no for _key, no in sorted(numbers.items())] == sorted(numbers.values())  # in the pseudonyms' order
    newer = tmp_path / "newer"
    newer.mkdir()
    rows = fixture_rows("ansaettelser.csv")
    new = [rows[0], list(rows[1])]
    set_cell(new, 2, "CPR-nummer", "1203921234")
    set_cell(new, 2, "Ansættelses-ID", "E99")
    write_cp1252(newer / "ansaettelser.csv", rows_to_text(new))
    report = run_import(loaded_warehouse, newer, NEXT_EXTRACT)
    assert report.status == "accepted", report.problems
    after = _numbers(loaded_warehouse)
    assert {key: after[key] for key in numbers} == numbers  # nobody renumbered
    assert sorted(set(after) - set(numbers)) and set(after.values()) - set(numbers.values()) == {len(numbers) + 1}
    for name in PERSON_ROWS:
        wrong = query(loaded_warehouse, f"SELECT count(*) FROM {name} t LEFT JOIN persons p USING (person_key) "
                                        "WHERE t.person_no IS DISTINCT FROM p.person_no")
        assert wrong == [(0,)], name
    assert query(loaded_warehouse, "SELECT count(*) FROM employments WHERE person_no = ?", [len(numbers) + 1]) == [(1,)]
