"""What the warehouse holds: tables, rows, the periods they cover, and the latest imports."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import asdict, dataclass

import duckdb

from sigtepunkt.hrdata.schema import TABLES
from sigtepunkt.warehouse.ddl import SCHEMA_VERSION

logger = logging.getLogger(__name__)

# The dates that say which period a table's rows cover.
PERIOD_COLUMNS = {
    "org_units": ("valid_from", "valid_from"),
    "employments": ("start_date", "least(coalesce(end_date, start_date), (SELECT CAST(value AS DATE) FROM meta "
                    "WHERE key = 'extract_date'))"),
    "absences": ("from_date", "to_date"),
    "job_ads": ("published", "published"),
    "education": ("start_date", "start_date"),
    "development_talks": ("talk_date", "talk_date"),
    "course_completions": ("completed_on", "completed_on"),
}


@dataclass(frozen=True)
class TableStatus:
    name: str
    title_da: str
    rows: int
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True)
class ImportEntry:
    import_id: int
    finished_at: dt.datetime
    extract_date: dt.date
    status: str
    mode: str
    rows_read: int
    errors: int
    files: list[dict[str, object]]


@dataclass(frozen=True)
class WarehouseStatus:
    schema_version: int
    extract_date: dt.date | None
    persons: int
    tables: list[TableStatus]
    imports: list[ImportEntry]

    def as_dict(self) -> dict[str, object]:
        return json.loads(json.dumps(asdict(self), default=str))


def warehouse_status(con: duckdb.DuckDBPyConnection, *, last_imports: int = 5) -> WarehouseStatus:
    """Summarise the warehouse for `sigtepunkt status` and the data page."""
    tables = []
    for table in TABLES:
        first, last = PERIOD_COLUMNS[table.name]
        rows, lo, hi = con.execute(
            f'SELECT count(*), min({first}), max(greatest({first}, {last})) FROM "{table.name}"'
        ).fetchone()
        tables.append(TableStatus(table.name, table.title_da, rows, lo, hi))
    extract = con.execute("SELECT CAST(value AS DATE) FROM meta WHERE key = 'extract_date'").fetchone()
    persons = con.execute("SELECT count(*) FROM persons").fetchone()[0]
    log = con.execute(
        "SELECT import_id, finished_at, extract_date, status, mode, rows_read, errors, files "
        "FROM import_log ORDER BY import_id DESC LIMIT ?", [last_imports]
    ).fetchall()
    imports = [ImportEntry(i, f, e, s, m, r, err, json.loads(fl)) for i, f, e, s, m, r, err, fl in log]
    return WarehouseStatus(SCHEMA_VERSION, extract[0] if extract else None, persons, tables, imports)
