"""The hand-made Danish Excel fixture imports, with every value typed and correct, and the
same data as UTF-8 with BOM or as a real XLSX workbook gives the same warehouse."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from sigtepunkt.hrdata import cpr as cprlib
from sigtepunkt.hrdata.tests.support import (
    FIXTURE_DIR,
    FIXTURE_FILES,
    contents,
    fixture_rows,
    fixture_text,
    new_warehouse,
    query,
    run_import,
    table,
)
from sigtepunkt.warehouse.connection import read_key

D = dt.date


def _by(rows: list[dict[str, object]], *keys: str) -> dict[object, dict[str, object]]:
    return {tuple(r[k] for k in keys) if len(keys) > 1 else r[keys[0]]: r for r in rows}


def test_it_imports_the_danish_excel_fixture(warehouse):
    report = run_import(warehouse, FIXTURE_DIR)
    assert report.status == "accepted", report.problems
    assert report.errors == []
    assert {f.name: (f.table, f.rows) for f in report.files} == {
        "ansaettelser.csv": ("employments", 7),
        "elever.csv": ("education", 1),
        "fravaer.csv": ("absences", 4),
        "jobopslag.csv": ("job_ads", 2),
        "kurser.csv": ("course_completions", 1),
        "organisation.csv": ("org_units", 8),
        "samtaler.csv": ("development_talks", 2),
    }
    assert {f.name: f.encoding for f in report.files}["ansaettelser.csv"] == "cp1252"
    assert report.import_id == 1


def test_it_types_employment_values(loaded_warehouse):
    spells = _by(table(loaded_warehouse, "employments"), "employment_id", "start_date")
    e1 = spells[("E1", D(2010, 3, 1))]
    assert e1["weekly_hours"] == Decimal("32.00")
    assert e1["full_time_hours"] == Decimal("37.00")
    assert e1["end_date"] is None and e1["end_reason"] is None
    assert e1["employment_type"] == "permanent"
    assert e1["is_leader"] is False
    assert e1["unit_id"] == "1111"
    assert e1["job_group"] == "Social- og sundhedsassistenter"
    e2 = spells[("E2", D(2020, 1, 1))]
    assert e2["weekly_hours"] == Decimal("5.50")
    assert e2["employment_type"] == "hourly"
    assert e2["end_date"] == D(2020, 12, 31)
    assert e2["end_reason"] == "fixed_term_end"
    e3 = spells[("E3", D(2016, 8, 15))]
    assert e3["weekly_hours"] == Decimal("37")
    assert e3["full_time_hours"] is None  # empty cell: the norm defaults later, not at import
    assert (e3["end_date"], e3["end_reason"]) == (D(2022, 7, 31), "resignation")
    assert e3["job_group"] == "Pædagoger"
    e4 = spells[("E4", D(2022, 8, 1))]
    assert (e4["is_leader"], e4["leader_level"], e4["end_reason"]) == (True, "3", "internal_move")
    assert e4["job_title"] == "Områdeleder"
    assert spells[("E6", D(2023, 2, 1))]["employment_type"] == "fixed_term"
    assert spells[("E6", D(2023, 6, 1))]["end_date"] == D(2027, 1, 31)  # fixed-term end after extract
    assert spells[("E6", D(2023, 6, 1))]["job_group"] == "Social- og sundhedshjælpere"
    assert len(spells) == 7


def test_it_types_absences_and_maps_causes_to_codes(loaded_warehouse):
    absences = _by(table(loaded_warehouse, "absences"), "employment_id", "from_date")
    a = absences[("E1", D(2024, 1, 2))]
    assert (a["to_date"], a["hours"], a["days"], a["cause"]) == (D(2024, 1, 4), None, Decimal("3"), "own_sickness")
    b = absences[("E1", D(2024, 2, 6))]
    assert (b["hours"], b["cause"]) == (Decimal("3.7"), "own_sickness")
    c = absences[("E5", D(2024, 3, 10))]
    assert (c["to_date"], c["hours"], c["cause"]) == (D(2024, 3, 12), Decimal("22.2"), "child_sickness")
    assert absences[("E6", D(2023, 6, 5))]["cause"] == "work_injury"


def test_it_keeps_danish_letters_and_maps_unit_levels(loaded_warehouse):
    units = _by(table(loaded_warehouse, "org_units"), "unit_id", "valid_from")
    assert units[("111", D(2015, 1, 1))]["name"] == "Ældreområde Nord"
    assert units[("111", D(2015, 1, 1))]["level"] == "area"
    assert units[("1111", D(2015, 1, 1))]["name"] == "Plejecenter Søndergården"
    assert units[("1111", D(2015, 1, 1))]["level"] == "workplace"
    assert units[("100", D(2015, 1, 1))]["parent_id"] is None
    assert units[("100", D(2015, 1, 1))]["level"] == "municipality"
    assert units[("110", D(2015, 1, 1))]["level"] == "centre"
    moved_from = units[("1201", D(2015, 1, 1))]
    moved_to = units[("1201", D(2021, 7, 1))]
    assert moved_from["name"] == moved_to["name"] == "Børnehuset Æblehaven"
    assert (moved_from["parent_id"], moved_from["valid_to"]) == ("120", D(2021, 6, 30))
    assert (moved_to["parent_id"], moved_to["valid_to"]) == ("111", None)


def test_it_types_ads_education_talks_and_courses(loaded_warehouse):
    ads = _by(table(loaded_warehouse, "job_ads"), "ad_id")
    assert ads["A2"]["reposts_ad_id"] == "A1"
    assert ads["A2"]["applicants"] == 4
    assert ads["A2"]["filled_by_employment_id"] == "E6"
    assert ads["A1"]["weekly_hours"] == Decimal("28")
    assert (ads["A1"]["published"], ads["A1"]["deadline"]) == (D(2022, 12, 1), D(2022, 12, 20))
    [edu] = table(loaded_warehouse, "education")
    assert edu["route"] == "unskilled_to_skilled" and edu["outcome"] == "completed"
    assert edu["is_adult"] is True and edu["programme"] == "Social- og sundhedshjælper"
    assert (edu["start_date"], edu["planned_end"], edu["actual_end"]) == (D(2021, 2, 1), D(2023, 1, 31), D(2023, 1, 31))
    talks = table(loaded_warehouse, "development_talks", order="talk_date")
    assert [(t["talk_date"], t["kind"]) for t in talks] == [(D(2024, 4, 14), "MUS"), (D(2024, 4, 20), "LUS")]
    [course] = table(loaded_warehouse, "course_completions")
    assert course["course"] == "Psykisk arbejdsmiljø for ledere"
    assert course["completed_on"] == D(2023, 11, 5)


def test_it_drops_the_name_column_everywhere(loaded_warehouse):
    names = {"Jens Hansen", "Mette Sørensen", "Ida Ørsted", "Jens", "Hansen", "Mette", "Sørensen", "Ørsted"}
    for name, rows in contents(loaded_warehouse, include_log=True).items():
        columns, *data = rows
        if name != "org_units":  # units have a name of their own
            assert not {"name", "navn"} & {c.lower() for c in columns}, name
        text = " ".join(str(v) for row in data for v in row)
        assert not [n for n in names if n in text], name


def test_it_reports_the_name_column_as_dropped(warehouse):
    report = run_import(warehouse, FIXTURE_DIR)
    dropped = {f.name: f.dropped_columns for f in report.files}
    assert dropped["ansaettelser.csv"] == ("Navn",)
    # A personal column is dropped silently, not warned about as an unknown column.
    assert report.warnings == []


def test_it_derives_birth_date_and_gender_from_cpr(loaded_warehouse):
    key = read_key(loaded_warehouse)
    persons = {r["person_key"]: (r["birth_date"], r["gender"]) for r in table(loaded_warehouse, "persons")}
    assert persons == {
        cprlib.pseudonym("0707614285", key): (D(1961, 7, 7), "M"),
        cprlib.pseudonym("0101904006", key): (D(1990, 1, 1), "K"),
        cprlib.pseudonym("2512853208", key): (D(1985, 12, 25), "K"),
    }
    # The same person gets the same pseudonym with and without the hyphen, in every table.
    by_emp = dict(query(loaded_warehouse, "SELECT DISTINCT employment_id, person_key FROM employments"))
    assert by_emp["E1"] == by_emp["E2"] == cprlib.pseudonym("0707614285", key)
    assert by_emp["E3"] == by_emp["E5"] == cprlib.pseudonym("0101904006", key)
    talk_people = {r[0] for r in query(loaded_warehouse, "SELECT person_key FROM development_talks")}
    assert talk_people == {by_emp["E1"], by_emp["E3"]}


# --- the same data, other encodings -----------------------------------------------------------

_DMY = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")
_DECIMAL = re.compile(r"^\d+,\d+$")
_WHOLE = re.compile(r"^[1-9]\d*$")


def _excel_value(header: str, text: str) -> object:
    """What a cell holds once Excel has had the file: real dates and numbers; CPR stays text."""
    if text == "":
        return None
    if header == "CPR-nummer":
        return text
    if m := _DMY.match(text):
        return dt.datetime(int(m[3]), int(m[2]), int(m[1]))
    if _DECIMAL.match(text):
        return float(text.replace(",", "."))
    if _WHOLE.match(text):
        return int(text)
    return text


def _write_xlsx(name: str, dest: Path) -> Path:
    rows = fixture_rows(name)
    book = Workbook()
    sheet = book.active
    sheet.title = Path(name).stem
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([_excel_value(h, v) for h, v in zip(rows[0], row, strict=True)])
    for cells in sheet.iter_rows(min_row=2):
        for c in cells:
            if isinstance(c.value, dt.datetime):
                c.number_format = "DD-MM-YYYY"
    path = dest / (Path(name).stem + ".xlsx")
    book.save(path)
    return path


def _without_file_suffix(data):
    out = {}
    for name, (columns, *rows) in data.items():
        if "_file" in columns:
            i = columns.index("_file")
            rows = [(*r[:i], Path(r[i]).stem, *r[i + 1 :]) for r in rows]
        out[name] = [columns, *sorted(rows, key=repr)]
    return out


def test_it_gives_the_same_warehouse_from_utf8_with_bom(tmp_path):
    key = tmp_path / "shared.key"
    cp1252 = new_warehouse(tmp_path / "cp1252", key)
    utf8 = new_warehouse(tmp_path / "utf8", key)
    src = tmp_path / "utf8-files"
    src.mkdir()
    for name in FIXTURE_FILES:
        (src / name).write_bytes(fixture_text(name).encode("utf-8-sig"))
    assert run_import(cp1252, FIXTURE_DIR).status == "accepted"
    report = run_import(utf8, src)
    assert report.status == "accepted", report.problems
    assert {f.encoding for f in report.files} == {"utf-8-sig"}
    assert contents(utf8) == contents(cp1252)


def test_it_gives_the_same_warehouse_from_xlsx(tmp_path):
    key = tmp_path / "shared.key"
    cp1252 = new_warehouse(tmp_path / "cp1252", key)
    xlsx = new_warehouse(tmp_path / "xlsx", key)
    src = tmp_path / "xlsx-files"
    src.mkdir()
    for name in FIXTURE_FILES:
        _write_xlsx(name, src)
    assert run_import(cp1252, FIXTURE_DIR).status == "accepted"
    report = run_import(xlsx, src)
    assert report.status == "accepted", report.problems
    assert {f.encoding for f in report.files} == {"xlsx"}
    assert {f.name for f in report.files} == {n.replace(".csv", ".xlsx") for n in FIXTURE_FILES}
    assert _without_file_suffix(contents(xlsx)) == _without_file_suffix(contents(cp1252))
