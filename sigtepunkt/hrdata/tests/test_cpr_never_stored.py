"""No CPR number is ever stored: not in any table or column, not in the raw bytes of the
warehouse file or its write-ahead log, not in the import log, and not in the report of a
rejected import (bad CPR values are shown masked, "DDMMYY-****")."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import duckdb
from click.testing import CliRunner

from sigtepunkt.cli.main import cli
from sigtepunkt.hrdata.tests.support import (
    CLIRUNNER_ENV_CLEAR,
    CRLF,
    EXTRACT_DATE,
    FIXTURE_DIR,
    FIXTURE_FILES,
    fixture_cprs,
    fixture_text,
    import_log,
    new_warehouse,
    run_import,
    set_cell,
    variant,
)

_DIGIT_RUN = re.compile(r"[\d-]{10,}")
_DIGIT_RUN_BYTES = re.compile(rb"[\d-]{10,}")
_DIGIT_RUN_UTF16 = re.compile(rb"(?:[\d-]\x00){10,}")


def _windows(digits: str) -> Iterable[str]:
    return (digits[i : i + 10] for i in range(len(digits) - 9))


def cprs_in_text(text: str, cprs: set[str]) -> set[str]:
    """The CPR numbers (ten digits) found in `text`, with or without hyphens, even inside longer runs."""
    found = set()
    for run in _DIGIT_RUN.findall(text):
        found.update(w for w in _windows(run.replace("-", "")) if w in cprs)
    return found


def cprs_in_bytes(data: bytes, cprs: set[str]) -> set[str]:
    found = set()
    for run in _DIGIT_RUN_BYTES.findall(data):
        found.update(w for w in _windows(run.replace(b"-", b"").decode()) if w in cprs)
    # UTF-16 text (two bytes a character) would hide from the search above.
    for run in _DIGIT_RUN_UTF16.findall(data):
        found.update(w for w in _windows(run.decode("utf-16-le").replace("-", "")) if w in cprs)
    return found


def cprs_in_warehouse(home: Path, cprs: set[str]) -> dict[str, set[str]]:
    """Search every column of every table (cast to text) and the raw bytes of the files."""
    found: dict[str, set[str]] = {}
    warehouse = home / "warehouse.duckdb"
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
            ).fetchall()
        ]
        for name in tables:
            for column, *_rest in con.execute(f'DESCRIBE "{name}"').fetchall():
                values = con.execute(f'SELECT DISTINCT CAST("{column}" AS VARCHAR) FROM "{name}"').fetchall()
                hits = cprs_in_text("\n".join(v for (v,) in values if v is not None), cprs)
                if hits:
                    found[f"{name}.{column}"] = hits
    finally:
        con.close()
    for path in (warehouse, warehouse.with_name(warehouse.name + ".wal")):
        if path.exists() and (hits := cprs_in_bytes(path.read_bytes(), cprs)):
            found[path.name] = hits
    return found


def test_it_finds_the_fixtures_cpr_numbers():
    # The search itself must work, or the tests below prove nothing.
    cprs = fixture_cprs()
    assert cprs == {"0707614285", "0101904006", "2512853208"}
    assert cprs_in_text("x 070761-4285 y", cprs) == {"0707614285"}
    assert cprs_in_text("1" + "0101904006" + "2", cprs) == {"0101904006"}
    assert cprs_in_bytes(b"\x00\x01251285-3208\x00", cprs) == {"2512853208"}
    assert cprs_in_bytes("0707614285".encode("utf-16-le"), cprs) == {"0707614285"}


def test_it_stores_no_cpr_number_from_the_fixture(warehouse):
    cprs = fixture_cprs()
    report = run_import(warehouse, FIXTURE_DIR)
    assert report.status == "accepted"
    assert cprs_in_warehouse(warehouse.home, cprs) == {}


def test_it_stores_no_cpr_number_while_the_wal_holds_the_import(warehouse):
    # While another connection keeps the database open, closing the import's connection does not
    # checkpoint, so the committed import is still in the write-ahead log: search its bytes.
    cprs = fixture_cprs()
    holder = duckdb.connect(str(warehouse.warehouse_path))
    try:
        holder.execute("SET checkpoint_threshold = '1GB'")
        assert run_import(warehouse, FIXTURE_DIR).status == "accepted"
        wal = warehouse.warehouse_path.with_name("warehouse.duckdb.wal")
        assert wal.exists() and wal.stat().st_size > 0
        assert holder.execute("SELECT count(*) FROM employments").fetchone() == (7,)
        assert cprs_in_bytes(wal.read_bytes(), cprs) == set()
        assert cprs_in_bytes(warehouse.warehouse_path.read_bytes(), cprs) == set()
    finally:
        holder.close()
    assert cprs_in_warehouse(warehouse.home, cprs) == {}


def _cpr_column_values(folder: Path) -> set[str]:
    """Every value of every CPR column in the export files of `folder`, as ten digits."""
    found = set()
    for path in folder.glob("*.csv"):
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
        header = lines[0].split(";")
        if "CPR-nummer" in header:
            i = header.index("CPR-nummer")
            found.update(line.split(";")[i].replace("-", "") for line in lines[1:] if line)
    return found


def test_it_stores_no_cpr_number_from_a_generated_municipality(tmp_path):
    from sigtepunkt.synth import generate_municipality

    out = tmp_path / "generated"
    generate_municipality(out_dir=out, employees=200, seed=7, extract_date=EXTRACT_DATE)
    cprs = _cpr_column_values(out)
    assert len(cprs) >= 200 and all(len(c) == 10 and c.isdigit() for c in cprs)
    assert fixture_cprs([p.read_bytes().decode("utf-8-sig") for p in out.glob("*.csv")]) >= cprs

    settings = new_warehouse(tmp_path / "home")
    holder = duckdb.connect(str(settings.warehouse_path))  # keeps the import in the WAL
    try:
        holder.execute("SET checkpoint_threshold = '1GB'")
        report = run_import(settings, out)
        assert report.status == "accepted", report.errors[:5]
        wal = settings.warehouse_path.with_name("warehouse.duckdb.wal")
        assert wal.exists()
        assert cprs_in_bytes(wal.read_bytes(), cprs) == set()
    finally:
        holder.close()
    assert cprs_in_warehouse(settings.home, cprs) == {}
    assert cprs_in_text(repr(import_log(settings)), cprs) == set()
    assert cprs_in_text(json.dumps(report.as_dict(), default=str), cprs) == set()


def _cli_import(home: Path, *paths: Path) -> tuple[int, dict, str]:
    """Run `sigtepunkt import` twice, with and without --json: exit code, JSON report, all output."""
    env = {"SIGTEPUNKT_HOME": str(home), **CLIRUNNER_ENV_CLEAR}
    args = ["import", *map(str, paths), "--extract-date", "30-06-2024"]
    json_run = CliRunner().invoke(cli, [*args, "--json"], env=env)
    text_run = CliRunner().invoke(cli, args, env=env)
    assert json_run.exit_code == text_run.exit_code
    return json_run.exit_code, json.loads(json_run.stdout), json_run.output + "\n" + text_run.output


def test_it_masks_bad_cpr_numbers_in_the_report_and_log(loaded_warehouse, tmp_path):
    bad = {"3201904006": "320190-****", "0707614285-1": "070761-****", "2512853209X": "251285-****"}

    def edit(rows):
        set_cell(rows, 2, "CPR-nummer", "320190-4006")  # no 32nd of January
        set_cell(rows, 3, "CPR-nummer", "0707614285-1")  # eleven digits
        set_cell(rows, 4, "CPR-nummer", "2512853209X")

    src = variant(tmp_path / "in", fravaer=edit)
    code, report, output = _cli_import(loaded_warehouse.home, src)
    assert code == 1
    masked = sorted(p["value"] for p in report["problems"] if p["code"] == "bad_cpr")
    assert masked == sorted(bad.values())
    cprs = fixture_cprs() | {"3201904006", "2512853209"}
    assert cprs_in_text(output, cprs) == set()
    assert cprs_in_text(repr(import_log(loaded_warehouse)), cprs) == set()
    assert cprs_in_warehouse(loaded_warehouse.home, cprs) == {}


def test_it_names_no_cpr_number_in_problems_about_valid_numbers(loaded_warehouse, tmp_path):
    # Valid CPR numbers in rows that are wrong for other reasons: a person without employment,
    # an absence on someone else's employment, a bad date next to the CPR number.
    src = variant(
        tmp_path / "in",
        samtaler=lambda rows: rows + [["1105721234", "01-05-2024", "MUS"]],
        fravaer=lambda rows: (
            set_cell(rows, 4, "CPR-nummer", "2512853208") or set_cell(rows, 2, "Fra dato", "2024-13-01")
        ),
    )
    code, _report, output = _cli_import(loaded_warehouse.home, src)
    assert code == 1
    assert '"unknown_person"' in output and '"person_mismatch"' in output and '"bad_date"' in output
    assert cprs_in_text(output, fixture_cprs() | {"1105721234"}) == set()


def test_it_names_no_cpr_number_when_the_header_row_is_missing(loaded_warehouse, tmp_path):
    # An export saved without its header row: the first data row is read as headers.
    text = fixture_text("fravaer.csv")
    src = variant(tmp_path / "in", fravaer=text.split(CRLF, 1)[1])
    code, _report, output = _cli_import(loaded_warehouse.home, src / "fravaer.csv")
    assert code == 1
    assert cprs_in_text(output, fixture_cprs()) == set()


def test_it_reads_old_mac_line_endings_and_names_no_cpr_number(loaded_warehouse, tmp_path):
    # Excel's "CSV (Macintosh)" ends lines with a bare CR; the reader treats it as a line end.
    text = fixture_text("fravaer.csv").replace(CRLF, "\r")
    src = variant(tmp_path / "in", fravaer=text)
    code, _report, output = _cli_import(loaded_warehouse.home, src / "fravaer.csv")
    assert code == 0
    assert cprs_in_text(output, fixture_cprs()) == set()


def test_it_searches_every_fixture_file_that_names_persons():
    # Sanity: every fixture file that names persons does so by CPR number (so the searches above
    # are searching for something real).
    with_cpr = {n for n in FIXTURE_FILES if fixture_cprs([fixture_text(n)])}
    assert with_cpr == {"ansaettelser.csv", "elever.csv", "fravaer.csv", "kurser.csv", "samtaler.csv"}
