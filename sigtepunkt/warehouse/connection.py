"""Create and open the warehouse, and the pseudonymisation key beside it."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass

import duckdb

from sigtepunkt.config import Settings
from sigtepunkt.i18n import gettext as _
from sigtepunkt.warehouse.ddl import SCHEMA_VERSION, all_ddl

logger = logging.getLogger(__name__)


class WarehouseError(Exception):
    """The warehouse or its key is missing or unusable; the message says what to do."""


@dataclass(frozen=True)
class InitResult:
    created_warehouse: bool
    created_key: bool


def init_warehouse(settings: Settings) -> InitResult:
    """Create the data folder, the key (once; never overwritten) and the warehouse schema."""
    settings.home.mkdir(parents=True, exist_ok=True)
    created_key = False
    if not settings.key_file.exists():
        settings.key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(settings.key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        created_key = True
    created = not settings.warehouse_path.exists()
    with duckdb.connect(str(settings.warehouse_path)) as con:
        for statement in all_ddl():
            con.execute(statement)
        version = stored_schema_version(con)
        if version is None:
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        elif version != SCHEMA_VERSION:
            raise WarehouseError(_schema_mismatch(version))
    return InitResult(created_warehouse=created, created_key=created_key)


def stored_schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version a warehouse was created with (None: not recorded yet)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def _schema_mismatch(found: int) -> str:
    return _(
        "The warehouse has schema version {found}, this version of sigtepunkt uses {expected}. "
        "The warehouse is derived data: move the file away, run 'sigtepunkt init' and import the exports again."
    ).format(found=found, expected=SCHEMA_VERSION)


def read_key(settings: Settings) -> bytes:
    """Return the pseudonymisation key; refuse to go on without it rather than make a new one.

    A new key would give every person a new pseudonym and split the history in two.
    """
    try:
        text = settings.key_file.read_text().strip()
    except FileNotFoundError as exc:
        raise WarehouseError(
            _("The pseudonymisation key {path} is missing. "
              "Run 'sigtepunkt init' (or restore the key from its backup).").format(
                path=settings.key_file
            )
        ) from exc
    if len(text) < 32:
        raise WarehouseError(_("The pseudonymisation key {path} is too short.").format(path=settings.key_file))
    return text.encode("ascii")


def open_warehouse(settings: Settings, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse after checking it exists and has this version's schema."""
    if not settings.warehouse_path.exists():
        raise WarehouseError(
            _("There is no warehouse in {home}. Run 'sigtepunkt init' first.").format(home=settings.home)
        )
    try:
        con = duckdb.connect(str(settings.warehouse_path), read_only=read_only)
    except duckdb.IOException as exc:
        raise WarehouseError(
            _("The warehouse {path} is in use by another process (an import or the web application). "
              "Try again when it has finished.").format(path=settings.warehouse_path)
        ) from exc
    version = stored_schema_version(con)
    if version != SCHEMA_VERSION:
        con.close()
        raise WarehouseError(_schema_mismatch(version or 0))
    return con
