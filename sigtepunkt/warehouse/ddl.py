"""The warehouse's tables, derived from the import formats, and its schema version.

The warehouse is derived data: it is rebuilt from the exports, never migrated by hand. A
change to the layout bumps `SCHEMA_VERSION`; a warehouse of another version is refused
with a message that says to re-import (see `connection.open_warehouse`).

Person-level tables carry `person_key` (the keyed pseudonym) where the export had the CPR
number, the person's number beside it (`person_no`, see `PERSON_NO`), and two provenance
columns, `_file` and `_row`, so that a later import can point at the exact row an
inconsistency comes from.
"""

from __future__ import annotations

from sigtepunkt.hrdata.schema import TABLES, Kind, Table

SCHEMA_VERSION = 2

# A person's number in this warehouse: given by the import that first sees the pseudonym (the
# next numbers after the largest, in the pseudonyms' order) and kept while any row names the
# person. Every person-level row carries it beside the pseudonym, so that the key-figure engine
# joins a person's rows on a 4-byte integer instead of hashing a 32-character pseudonym in
# every table (at 500,000 employees the engine's start took 7 CPU seconds for that; 4 now).
# It is no more identifying than the pseudonym: a number for the same pseudonymised person.
PERSON_NO = "person_no"

_SQL_TYPES = {
    Kind.TEXT: "VARCHAR",
    Kind.INTEGER: "BIGINT",
    Kind.DECIMAL: "DECIMAL(12, 4)",
    Kind.DATE: "DATE",
    Kind.BOOLEAN: "BOOLEAN",
    Kind.CHOICE: "VARCHAR",
}


def warehouse_columns(table: Table) -> list[tuple[str, str]]:
    """Return (name, SQL type) of a table's warehouse columns, in order."""
    columns = []
    for column in table.columns:
        if column.kind is Kind.CPR:
            columns += [("person_key", "VARCHAR"), (PERSON_NO, "INTEGER")]
        else:
            columns.append((column.name, _SQL_TYPES[column.kind]))
    return columns + [("_file", "VARCHAR"), ("_row", "BIGINT")]


def names_persons(table: Table) -> bool:
    """Whether the table's rows name a person (a CPR column: `person_key` and `person_no` in the warehouse)."""
    return any(column.kind is Kind.CPR for column in table.columns)


def key_columns(table: Table) -> tuple[str, ...]:
    return tuple("person_key" if c == "cpr" else c for c in table.key)


def create_table_sql(table: Table, name: str | None = None, temporary: bool = False) -> str:
    cols = ", ".join(f'"{n}" {t}' for n, t in warehouse_columns(table))
    temp = "TEMPORARY " if temporary else ""
    return f'CREATE {temp}TABLE IF NOT EXISTS "{name or table.name}" ({cols})'


PERSONS_SQL = f"""CREATE TABLE IF NOT EXISTS persons (
    person_key VARCHAR PRIMARY KEY, birth_date DATE NOT NULL, gender VARCHAR NOT NULL,
    {PERSON_NO} INTEGER NOT NULL UNIQUE)"""

META_SQL = (
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    PERSONS_SQL,
    """CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1""",
    """CREATE TABLE IF NOT EXISTS import_log (
        import_id BIGINT PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP NOT NULL,
        extract_date DATE NOT NULL,
        mode VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        files JSON NOT NULL,
        rows_read BIGINT NOT NULL,
        errors BIGINT NOT NULL,
        warnings BIGINT NOT NULL,
        user_name VARCHAR)""",  # timestamps are UTC
)


def all_ddl() -> list[str]:
    return [*META_SQL, *(create_table_sql(t) for t in TABLES)]
