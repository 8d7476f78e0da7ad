"""The `benchmarks` table in the measurements store: external comparison values, one set at a time.

The table lives beside `measurements` (aggregates only, like everything in that store) and is
created here with CREATE TABLE IF NOT EXISTS, so a store made before benchmarks existed gains
it on the first import. Importing a set replaces every stored row of that set, in one
transaction: the same file twice gives the same table.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb

from sigtepunkt.analytics.benchmarks import format as fmt
from sigtepunkt.analytics.benchmarks.parsing import Benchmark

logger = logging.getLogger(__name__)

COLUMNS = (
    "set_name", "figure", "period_kind", "period_start", "period_end", "segment", "segment_value", "value",
    "source", "source_url", "note",
)
DDL = """CREATE TABLE IF NOT EXISTS benchmarks (
    set_name VARCHAR NOT NULL, figure VARCHAR NOT NULL, period_kind VARCHAR NOT NULL,
    period_start DATE NOT NULL, period_end DATE NOT NULL, segment VARCHAR NOT NULL,
    segment_value VARCHAR NOT NULL, value DOUBLE NOT NULL, source VARCHAR NOT NULL, source_url VARCHAR,
    note VARCHAR, file VARCHAR, imported_at TIMESTAMP NOT NULL)"""


@dataclass(frozen=True)
class BenchmarkSet:
    """What `benchmark list` shows of one stored set."""

    name: str
    rows: int
    figures: int
    first_year: int
    last_year: int
    file: str | None
    imported_at: dt.datetime


def benchmarks_table_exists(con: duckdb.DuckDBPyConnection) -> bool:
    rows = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'benchmarks'").fetchall()
    return bool(rows[0][0])


def benchmarks_replace(con: duckdb.DuckDBPyConnection, rows: list[Benchmark], *, file: str) -> int:
    """Replace the stored rows of every set named in `rows` with `rows`, in one transaction."""
    con.execute(DDL)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    sets = sorted({r.set_name for r in rows})
    con.execute("BEGIN TRANSACTION")
    try:
        con.executemany("DELETE FROM benchmarks WHERE set_name = ?", [[s] for s in sets])
        con.executemany(
            f"INSERT INTO benchmarks ({', '.join(COLUMNS)}, file, imported_at) VALUES ({', '.join('?' * 13)})",
            [[getattr(r, c) for c in COLUMNS] + [file, now] for r in rows],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(rows)


def benchmarks_rows(con: duckdb.DuckDBPyConnection, *, set_name: str | None = None) -> list[Benchmark]:
    """The stored benchmarks, in a stable order (set, figure, period, segment)."""
    if not benchmarks_table_exists(con):
        return []
    where, params = ("WHERE set_name = ?", [set_name]) if set_name else ("", [])
    found = con.execute(
        f"SELECT {', '.join(COLUMNS)} FROM benchmarks {where} "
        "ORDER BY set_name, figure, period_end, period_kind, segment, segment_value", params,
    ).fetchall()
    return [Benchmark(*row) for row in found]


def benchmarks_sets(con: duckdb.DuckDBPyConnection) -> list[BenchmarkSet]:
    if not benchmarks_table_exists(con):
        return []
    found = con.execute("""
        SELECT set_name, count(*), count(DISTINCT figure), min(year(period_end)), max(year(period_end)),
               any_value(file), max(imported_at)
        FROM benchmarks GROUP BY set_name ORDER BY set_name""").fetchall()
    return [BenchmarkSet(*row) for row in found]


def benchmarks_write_csv(rows: list[Benchmark], path: Path) -> int:
    """Write `rows` in the import format (Danish headers, semicolons, decimal comma, UTF-8 with BOM)."""
    headers = [fmt.SET, fmt.FIGURE, fmt.PERIOD_KIND, fmt.PERIOD_START, fmt.PERIOD_END, fmt.SEGMENT,
               fmt.SEGMENT_VALUE, fmt.VALUE, fmt.SOURCE, fmt.SOURCE_URL, fmt.NOTE]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow([c.header_da for c in headers])
        for r in rows:
            writer.writerow([
                r.set_name, r.figure, fmt.PERIOD_KIND_LABELS_DA[r.period_kind], r.period_start.isoformat(),
                r.period_end.isoformat(), r.segment, r.segment_value, format_decimal(r.value), r.source,
                r.source_url or "", r.note or "",
            ])
    return len(rows)


def format_decimal(value: float) -> str:
    """The shortest decimal-comma text that reads back as `value` (16.1 → "16,1", 12.0 → "12")."""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",")
