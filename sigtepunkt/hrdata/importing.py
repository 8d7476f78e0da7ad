"""Import HR exports into the warehouse: all or nothing, idempotent, pseudonymised at the door.

The whole import is one DuckDB transaction. New rows are staged, merged into the tables
(see the merge modes in `schema`), the merged state is checked, and only an import with no
errors is committed; a killed process leaves the transaction uncommitted, which DuckDB
discards on the next open. Importing the same files again gives the same tables.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sigtepunkt.config import Settings
from sigtepunkt.hrdata import consistency
from sigtepunkt.hrdata.parsing import FILE, PERSON_KEY, ParsedTable, parse, row_problems
from sigtepunkt.hrdata.problems import Code, Problem
from sigtepunkt.hrdata.reading import ROW, RawTable, discover, read_export
from sigtepunkt.hrdata.schema import TABLES, Table
from sigtepunkt.i18n import gettext as _
from sigtepunkt.warehouse.connection import open_warehouse, read_key
from sigtepunkt.warehouse.ddl import PERSON_NO, create_table_sql, key_columns, names_persons, warehouse_columns

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
# Fault injection for the kill-during-import test: seconds to sleep before COMMIT.
PAUSE_ENV = "SIGTEPUNKT_TEST_PAUSE_BEFORE_COMMIT"


@dataclass(frozen=True)
class FileReport:
    name: str
    table: str
    sha256: str
    encoding: str
    rows: int
    dropped_columns: tuple[str, ...]


@dataclass
class ImportReport:
    status: str  # "accepted", "rejected" or "checked"
    extract_date: dt.date
    files: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    import_id: int | None = None
    seconds: float = 0.0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.is_warning]

    @property
    def rows_read(self) -> int:
        return sum(f.rows for f in self.files)

    def as_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "import_id": self.import_id,
            "extract_date": self.extract_date.isoformat(),
            "seconds": round(self.seconds, 3),
            "rows_read": self.rows_read,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "files": [f.__dict__ | {"dropped_columns": list(f.dropped_columns)} for f in self.files],
            "problems": [p.as_dict() for p in self.problems],
        }


def _noop(stage: str, done: int, total: int) -> None:
    return None


def hr_import(
    *,
    settings: Settings,
    paths: list[Path],
    extract_date: dt.date,
    replace: bool = False,
    check_only: bool = False,
    user_name: str | None = None,
    progress: Progress = _noop,
) -> ImportReport:
    """Validate the exports at `paths` and, if nothing is wrong, load them into the warehouse."""
    started = _utc_now()
    clock = time.perf_counter()
    report = ImportReport(status="rejected", extract_date=extract_date)
    key = read_key(settings)
    files = discover(paths)
    if not files:
        report.problems.append(Problem(Code.NO_FILES, ", ".join(str(p) for p in paths)))
        return report
    con = open_warehouse(settings)
    try:
        con.execute("BEGIN TRANSACTION")
        staged = _read_and_stage(con, files, key, extract_date, report, progress)
        _merge(con, staged, replace, report, progress)
        progress(_("Checking consistency"), 0, 1)
        report.problems.extend(consistency.run_checks(con, None if replace else {t.name for t in staged}))
        progress(_("Checking consistency"), 1, 1)
        if report.errors or check_only:
            con.execute("ROLLBACK")
            report.status = "rejected" if report.errors else "checked"
            if report.errors:
                _log(con, report, started, replace, user_name)
        else:
            report.status = "accepted"
            _log(con, report, started, replace, user_name)
            _pause_for_test()
            con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            logger.debug("no transaction to roll back")
        raise
    finally:
        con.close()
    report.seconds = time.perf_counter() - clock
    return report


def _utc_now() -> dt.datetime:
    """UTC as a naive timestamp: the log stores UTC and the display edge converts it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _pause_for_test() -> None:
    pause = os.environ.get(PAUSE_ENV)
    if pause:
        print("PAUSE_BEFORE_COMMIT", flush=True)
        time.sleep(float(pause))


def _read_and_stage(
    con: duckdb.DuckDBPyConnection, files: list[Path], key: bytes, extract_date: dt.date,
    report: ImportReport, progress: Progress,
) -> list[Table]:
    """Read, parse and stage one file at a time, so memory holds one file, not the whole extract."""
    con.execute("CREATE TEMPORARY TABLE staged_persons "
                "(person_key VARCHAR, birth_date DATE, gender VARCHAR)")
    staged: list[Table] = []
    pseudonyms: dict[str, str] = {}  # CPR digits -> pseudonym, for this import only
    for number, path in enumerate(files):
        progress(_("Reading files"), number, len(files))
        raw = read_export(path, report.problems)
        if raw is None:
            continue
        parsed = parse(raw, key=key, problems=report.problems, pseudonyms=pseudonyms)
        parsed = row_problems(parsed, extract_date=extract_date, problems=report.problems)
        report.files.append(_file_report(raw))
        if raw.table not in staged:
            con.execute(create_table_sql(raw.table, f"staged_{raw.table.name}", temporary=True))
            staged.append(raw.table)
        _stage(con, raw.table, parsed)
    progress(_("Reading files"), len(files), len(files))
    return [t for t in TABLES if t in staged]


def _file_report(raw: RawTable) -> FileReport:
    return FileReport(raw.path.name, raw.table.name, raw.sha256, raw.encoding, raw.frame.height,
                      tuple(raw.dropped_columns))


def _merge(
    con: duckdb.DuckDBPyConnection, tables: list[Table], replace: bool, report: ImportReport, progress: Progress,
) -> None:
    con.execute(NEW_PERSONS)
    for number, table in enumerate(tables):
        progress(_("Loading tables"), number, len(tables))
        report.problems.extend(_duplicate_keys(con, table))
        _replace_rows(con, table, replace)
    # A pseudonym can lose its last row only when rows are replaced whole or entities change.
    if replace or any(t.merge == "entity" for t in tables):
        _prune_persons(con)
    progress(_("Loading tables"), len(tables), len(tables))


# The pseudonyms this import sees first, numbered after the largest number (`ddl.PERSON_NO`): the
# same files give the same numbers, and a person keeps theirs through every later import.
NEW_PERSONS = f"""
    INSERT INTO persons (person_key, birth_date, gender, {PERSON_NO})
    SELECT person_key, birth_date, gender,
           CAST((SELECT coalesce(max({PERSON_NO}), 0) FROM persons)
                + row_number() OVER (ORDER BY person_key) AS INTEGER)
    FROM (SELECT DISTINCT ON (person_key) s.* FROM staged_persons s ANTI JOIN persons p USING (person_key))"""


def _prune_persons(con: duckdb.DuckDBPyConnection) -> None:
    """Forget the birth date and gender of pseudonyms no table refers to any more (after --replace)."""
    used = " UNION ".join(f'SELECT person_key FROM "{t.name}"' for t in TABLES if names_persons(t))
    con.execute(f"DELETE FROM persons WHERE person_key NOT IN ({used})")


def _stage(con: duckdb.DuckDBPyConnection, table: Table, parsed: ParsedTable) -> None:
    """Add a file's parsed rows to the table's staging table, in the warehouse's column types."""
    names = [n for n, _t in warehouse_columns(table) if n != PERSON_NO]  # numbered as rows are added
    source = parsed.frame.rename({FILE: "_file", ROW: "_row"}).select(names)
    con.register("incoming", source.to_arrow())
    cols = ", ".join(f'"{n}"' for n in names)
    con.execute(f'INSERT INTO "staged_{table.name}" ({cols}) SELECT {cols} FROM incoming')
    con.unregister("incoming")
    con.register("incoming_persons", parsed.persons.to_arrow())
    con.execute("INSERT INTO staged_persons SELECT * FROM incoming_persons")
    con.unregister("incoming_persons")


def _duplicate_keys(con: duckdb.DuckDBPyConnection, table: Table) -> list[Problem]:
    keys = key_columns(table)
    part = ", ".join(f'"{k}"' for k in keys)
    shown = " || ' / ' || ".join(
        f"coalesce(CAST(\"{k}\" AS VARCHAR), '')" for k in keys if k != PERSON_KEY
    )
    rows = con.execute(f"""
        SELECT _file, _row, {shown}, first_file, first_row FROM (
            SELECT *, row_number() OVER w AS n,
                   first_value(_file) OVER w AS first_file, first_value(_row) OVER w AS first_row
            FROM "staged_{table.name}" WINDOW w AS (PARTITION BY {part} ORDER BY _file, _row))
        WHERE n > 1 ORDER BY _file, _row""").fetchall()
    column = table.column(table.key[-1]).header_da
    where = _("row {row} of {file}")
    return [
        Problem(Code.DUPLICATE_KEY, f, row=r, column=column, value=v, detail=where.format(row=fr, file=ff))
        for f, r, v, ff, fr in rows
    ]


def _replace_rows(con: duckdb.DuckDBPyConnection, table: Table, replace: bool) -> None:
    """Remove what the incoming rows replace, then add them (see the merge modes in `schema`)."""
    staged = f'"staged_{table.name}"'
    if replace:
        con.execute(f'DELETE FROM "{table.name}"')
    elif table.merge == "entity":
        ent = ", ".join(f'"{c}"' for c in table.entity)
        con.execute(f'DELETE FROM "{table.name}" WHERE ({ent}) IN (SELECT {ent} FROM {staged})')
    else:
        match = " AND ".join(f't."{k}" IS NOT DISTINCT FROM s."{k}"' for k in key_columns(table))
        con.execute(f'DELETE FROM "{table.name}" t USING {staged} s WHERE {match}')
    if names_persons(table):
        con.execute(f'INSERT INTO "{table.name}" SELECT s.* REPLACE (p.{PERSON_NO} AS {PERSON_NO}) '
                    f"FROM {staged} s LEFT JOIN persons p USING (person_key)")
    else:
        con.execute(f'INSERT INTO "{table.name}" SELECT * FROM {staged}')


def _log(
    con: duckdb.DuckDBPyConnection, report: ImportReport, started: dt.datetime, replace: bool,
    user_name: str | None,
) -> None:
    import_id = con.execute("SELECT nextval('import_id_seq')").fetchone()[0]
    report.import_id = int(import_id)
    files = json.dumps([{"name": f.name, "table": f.table, "sha256": f.sha256, "rows": f.rows} for f in report.files])
    con.execute(
        "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [report.import_id, started, _utc_now(), report.extract_date,
         "replace" if replace else "merge", report.status, files, report.rows_read,
         len(report.errors), len(report.warnings), user_name],
    )
    if report.status == "accepted":
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('extract_date', "
            "CAST(greatest(?, coalesce((SELECT CAST(value AS DATE) FROM meta WHERE key = 'extract_date'), ?))"
            " AS VARCHAR))",
            [report.extract_date, report.extract_date],
        )
