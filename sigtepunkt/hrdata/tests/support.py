"""Shared helpers for the import tests: the Danish Excel fixture, variants of it, and the
warehouse's contents as comparable data.

Importable as `sigtepunkt.hrdata.tests.support` from the warehouse tests too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb

from sigtepunkt.config import Settings
from sigtepunkt.hrdata.importing import ImportReport, hr_import
from sigtepunkt.hrdata.problems import Code, Problem
from sigtepunkt.warehouse.connection import init_warehouse

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "danish_excel"
FIXTURE_FILES = tuple(sorted(p.name for p in FIXTURE_DIR.glob("*.csv")))
EXTRACT_DATE = dt.date(2024, 6, 30)
ENCODING = "cp1252"
CRLF = "\r\n"

# A CPR number as it appears in an export: ten digits, with or without the hyphen.
CPR_PATTERN = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")
CPR_PATTERN_BYTES = re.compile(rb"(?<!\d)(\d{6})-?(\d{4})(?!\d)")


def make_settings(home: Path, key_file: Path | None = None) -> Settings:
    return Settings(home=home, key_file=key_file or home / "pseudonym.key", suppression_threshold=5)


def new_warehouse(home: Path, key_file: Path | None = None) -> Settings:
    settings = make_settings(home, key_file)
    init_warehouse(settings)
    return settings


def run_import(
    settings: Settings, paths: Path | Iterable[Path], extract_date: dt.date = EXTRACT_DATE, **kwargs: object
) -> ImportReport:
    paths = [paths] if isinstance(paths, Path) else list(paths)
    return hr_import(settings=settings, paths=paths, extract_date=extract_date, **kwargs)


# --- the fixture as text --------------------------------------------------------------------


def fixture_text(name: str) -> str:
    """A fixture file decoded (it is Windows-1252, or ASCII which is the same)."""
    return (FIXTURE_DIR / name).read_bytes().decode(ENCODING)


def fixture_rows(name: str) -> list[list[str]]:
    """A fixture file as rows of cells (header first); the fixture has no quoted fields."""
    return [line.split(";") for line in fixture_text(name).split(CRLF) if line]


def rows_to_text(rows: list[list[str]]) -> str:
    return "".join(";".join(row) + CRLF for row in rows)


def copy_fixture(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in FIXTURE_FILES:
        shutil.copyfile(FIXTURE_DIR / name, dest / name)
    return dest


def write_cp1252(path: Path, text: str) -> Path:
    path.write_bytes(text.encode(ENCODING))
    return path


Edit = Callable[[list[list[str]]], list[list[str]] | None]


def variant(dest: Path, **edits: Edit | str) -> Path:
    """Copy the fixture to `dest` and change some files, Danish-Excel style (cp1252, CRLF, ';').

    Each keyword is a file stem (e.g. ``fravaer``); its value is either the whole new text, or
    a function that edits the rows (header first) in place or returns new rows.
    """
    copy_fixture(dest)
    for stem, edit in edits.items():
        path = dest / f"{stem}.csv"
        if isinstance(edit, str):
            write_cp1252(path, edit)
            continue
        rows = fixture_rows(path.name)
        result = edit(rows)
        write_cp1252(path, rows_to_text(result if result is not None else rows))
    return dest


def set_cell(rows: list[list[str]], row: int, header: str, value: str) -> None:
    """Set a cell addressed as a spreadsheet shows it: `row` 2 is the first data row."""
    rows[row - 1][rows[0].index(header)] = value


def cell(rows: list[list[str]], row: int, header: str) -> str:
    return rows[row - 1][rows[0].index(header)]


def fixture_cprs(texts: Iterable[str] | None = None) -> set[str]:
    """Every CPR number in the given export texts (default: the fixture), as ten digits."""
    if texts is None:
        texts = [fixture_text(n) for n in FIXTURE_FILES]
    return {a + b for text in texts for a, b in CPR_PATTERN.findall(text)}


# --- the warehouse's contents ---------------------------------------------------------------

Contents = dict[str, list[tuple[object, ...]]]


def contents(settings: Settings, *, include_log: bool = False) -> Contents:
    """Every table of the warehouse, rows sorted, with its columns; the import log only if asked."""
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
            ).fetchall()
        ]
        out: Contents = {}
        for name in names:
            if name == "import_log" and not include_log:
                continue
            cols = tuple(r[0] for r in con.execute(f'DESCRIBE "{name}"').fetchall())
            rows = con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall()
            out[name] = [cols, *rows]
        return out
    finally:
        con.close()


def content_hash(settings: Settings) -> str:
    return hashlib.sha256(repr(contents(settings)).encode()).hexdigest()


def import_log(settings: Settings) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute(
            "SELECT import_id, status, mode, extract_date, files FROM import_log ORDER BY import_id"
        ).fetchall()
    finally:
        con.close()


def query(settings: Settings, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def table(settings: Settings, name: str, columns: str = "*", order: str = "ALL") -> list[dict[str, object]]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        cur = con.execute(f'SELECT {columns} FROM "{name}" ORDER BY {order}')
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


# --- problems -------------------------------------------------------------------------------


def describe(problems: Iterable[Problem]) -> list[tuple[object, ...]]:
    return [(p.code.value, p.file, p.row, p.column, p.value, p.is_warning) for p in problems]


def find_problem(report: ImportReport, code: Code, file: str, row: int | None, column: str | None) -> Problem:
    for p in report.problems:
        if (p.code, p.file, p.row, p.column) == (code, file, row, column):
            return p
    raise AssertionError(
        f"no {code.value} at {file} row {row} column {column!r}; problems: {describe(report.problems)}"
    )


# --- the command line -----------------------------------------------------------------------


def cli_env(home: Path) -> dict[str, str]:
    """The environment for a `sigtepunkt` subprocess using `home` (Danish, default key file)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SIGTEPUNKT_PSEUDONYM_KEY_FILE", "SIGTEPUNKT_LANGUAGE", "SIGTEPUNKT_TEST_PAUSE_BEFORE_COMMIT")
    }
    env["SIGTEPUNKT_HOME"] = str(home)
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "sigtepunkt.cli.main", *args]


CLIRUNNER_ENV_CLEAR = {
    "SIGTEPUNKT_PSEUDONYM_KEY_FILE": None,
    "SIGTEPUNKT_LANGUAGE": None,
    "SIGTEPUNKT_TEST_PAUSE_BEFORE_COMMIT": None,
}
