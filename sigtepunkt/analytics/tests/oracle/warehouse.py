"""The warehouse as plain rows: loaded from DuckDB or from a golden case, and written back to DuckDB.

Every table is a tuple of dicts keyed by the warehouse's column names (`person_key` for the
CPR column; provenance columns `_file`/`_row` are dropped). Decimal columns hold `Decimal`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sigtepunkt.hrdata.schema import TABLES_BY_NAME, Kind
from sigtepunkt.warehouse.ddl import PERSON_NO, PERSONS_SQL, create_table_sql, names_persons, warehouse_columns

Row = dict[str, Any]

PERSONS_COLUMNS = ("person_key", "birth_date", "gender")
TABLE_NAMES = ("org_units", "employments", "absences", "job_ads", "education", "development_talks",
               "course_completions")

# Values a golden case may leave out (everything else must be written out).
CASE_DEFAULTS: dict[str, Row] = {
    "org_units": {"parent_id": None, "name": "", "valid_to": None},
    "employments": {"job_group": "Pædagoger", "job_title": None, "is_leader": False, "leader_level": None,
                    "full_time_hours": None, "end_date": None, "end_reason": None},
    "absences": {"hours": None, "days": None},
    "job_ads": {"job_group": "Pædagoger", "weekly_hours": None, "reposts_ad_id": None, "applicants": None,
                "filled_by_employment_id": None},
    "education": {"route": "ordinary", "is_adult": False, "planned_end": None, "actual_end": None,
                  "outcome": "ongoing"},
    "development_talks": {"kind": "MUS"},
    "course_completions": {"course": ""},
}


def columns(table: str) -> tuple[str, ...]:
    if table == "persons":
        return PERSONS_COLUMNS
    return tuple(name for name, _ in warehouse_columns(TABLES_BY_NAME[table])
                 if not name.startswith("_") and name != PERSON_NO)


def _kinds(table: str) -> dict[str, Kind]:
    if table == "persons":
        return {"person_key": Kind.TEXT, "birth_date": Kind.DATE, "gender": Kind.TEXT}
    return {("person_key" if c.kind is Kind.CPR else c.name): c.kind for c in TABLES_BY_NAME[table].columns}


def _coerce(value: Any, kind: Kind) -> Any:
    if value is None or value == "":
        return None
    if kind is Kind.DECIMAL:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if kind is Kind.DATE:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if kind is Kind.INTEGER:
        return int(value)
    if kind is Kind.BOOLEAN:
        return bool(value)
    return str(value)


def _row(table: str, raw: Row) -> Row:
    kinds = _kinds(table)
    full = {**CASE_DEFAULTS.get(table, {}), **raw}
    unknown = set(full) - set(kinds)
    missing = set(kinds) - set(full)
    if unknown or missing:
        raise ValueError(f"{table} row {raw}: unknown columns {sorted(unknown)}, missing {sorted(missing)}")
    return {name: _coerce(full[name], kinds[name]) for name in columns(table)}


@dataclass(frozen=True)
class Warehouse:
    org_units: tuple[Row, ...] = ()
    employments: tuple[Row, ...] = ()
    absences: tuple[Row, ...] = ()
    job_ads: tuple[Row, ...] = ()
    education: tuple[Row, ...] = ()
    development_talks: tuple[Row, ...] = ()
    course_completions: tuple[Row, ...] = ()
    persons: tuple[Row, ...] = ()

    @classmethod
    def from_case(cls, case: dict[str, Any]) -> Warehouse:
        """A golden case's `tables` mapping (see cases/README.md), with the documented defaults."""
        tables = case.get("tables", case)
        return cls(**{t: tuple(_row(t, r) for r in tables.get(t) or ()) for t in (*TABLE_NAMES, "persons")})

    @classmethod
    def from_duckdb(cls, con: Any) -> Warehouse:
        """Read the warehouse tables from a DuckDB connection."""
        loaded = {}
        for table in (*TABLE_NAMES, "persons"):
            names = columns(table)
            sql = "SELECT " + ", ".join(f'"{c}"' for c in names) + f' FROM "{table}"'
            loaded[table] = tuple(_row(table, dict(zip(names, r, strict=True))) for r in con.execute(sql).fetchall())
        return cls(**loaded)

    def to_duckdb(self, con: Any) -> None:
        """Create the warehouse tables (if missing) and insert these rows (provenance `case`, row i).

        Persons are numbered in their pseudonyms' order, as an import into an empty warehouse
        numbers them (`ddl.PERSON_NO`), and every row carries its person's number.
        """
        con.execute(PERSONS_SQL)
        for table in TABLE_NAMES:
            con.execute(create_table_sql(TABLES_BY_NAME[table]))
        number = {key: no for no, key in enumerate(sorted(p["person_key"] for p in self.persons), start=1)}
        for table in (*TABLE_NAMES, "persons"):
            names = columns(table)
            numbered = table == "persons" or names_persons(TABLES_BY_NAME[table])
            extra = ((PERSON_NO,) if numbered else ()) + (() if table == "persons" else ("_file", "_row"))
            cols = ", ".join(f'"{c}"' for c in (*names, *extra))
            marks = ", ".join("?" for _ in (*names, *extra))
            for i, row in enumerate(getattr(self, table), start=1):
                values = ([row[c] for c in names] + ([number.get(row["person_key"])] if numbered else [])
                          + ([] if table == "persons" else ["case", i]))
                con.execute(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', values)
