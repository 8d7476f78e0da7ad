"""The import log and the periods the warehouse covers, read briefly and read-only for a screen.

The data page shows what was imported and when. The import log holds no person-level data
(file names, SHA-256, row counts, the outcome), and the periods are minimum and maximum
dates per table, as `sigtepunkt status` prints them. The warehouse is opened read-only and
closed again at once: an import needs the file to itself.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

import duckdb

from sigtepunkt.config import Settings
from sigtepunkt.warehouse.connection import WarehouseError, open_warehouse
from sigtepunkt.warehouse.status import TableStatus, warehouse_status

logger = logging.getLogger(__name__)

SHA_PREFIX = 12


@dataclass(frozen=True)
class LoggedFile:
    name: str
    table: str
    rows: int
    sha256_prefix: str


@dataclass(frozen=True)
class LoggedImport:
    import_id: int
    started_at: dt.datetime  # aware, UTC
    finished_at: dt.datetime  # aware, UTC
    extract_date: dt.date
    mode: str
    status: str
    rows_read: int
    errors: int
    warnings: int
    user_name: str | None
    files: tuple[LoggedFile, ...]

    @property
    def accepted(self) -> bool:
        return self.status == "accepted"


@dataclass(frozen=True)
class WarehouseOverview:
    """What the data page shows of the warehouse; when it cannot be read, `busy` or `problem` says why."""

    extract_date: dt.date | None = None
    persons: int = 0
    tables: tuple[TableStatus, ...] = ()
    imports: tuple[LoggedImport, ...] = ()
    problem: str | None = None
    busy: bool = False


def _files(raw: str) -> tuple[LoggedFile, ...]:
    return tuple(
        LoggedFile(str(f.get("name", "")), str(f.get("table", "")), int(f.get("rows", 0)),
                   str(f.get("sha256", ""))[:SHA_PREFIX])
        for f in json.loads(raw)
    )


def import_log_list(con: duckdb.DuckDBPyConnection, *, limit: int = 50) -> list[LoggedImport]:
    """The latest imports, accepted and rejected, newest first."""
    rows = con.execute(
        "SELECT import_id, started_at, finished_at, extract_date, mode, status, rows_read, errors, warnings, "
        "user_name, files FROM import_log ORDER BY import_id DESC LIMIT ?", [limit]
    ).fetchall()
    return [
        LoggedImport(int(i), s.replace(tzinfo=dt.UTC), f.replace(tzinfo=dt.UTC), e, m, st, int(r), int(err),
                     int(w), u, _files(fl))
        for i, s, f, e, m, st, r, err, w, u, fl in rows
    ]


def warehouse_overview_read(*, settings: Settings, limit: int = 50) -> WarehouseOverview:
    """Open the warehouse read-only, read the import log and the periods, and close it again.

    A missing warehouse or one held by an import (in this process or another) is not an
    error for a screen: the overview then carries the reason in `problem`.
    """
    try:
        con = open_warehouse(settings, read_only=True)
    except WarehouseError as exc:
        return WarehouseOverview(problem=str(exc))
    except duckdb.Error as exc:  # same file opened read-write in this process (an import running)
        logger.info("warehouse busy: %s", type(exc).__name__)
        return WarehouseOverview(busy=True)
    try:
        status = warehouse_status(con, last_imports=0)
        imports = import_log_list(con, limit=limit)
    finally:
        con.close()
    return WarehouseOverview(status.extract_date, status.persons, tuple(status.tables), tuple(imports))
