"""Read what the baseline workbook shows from the measurements store: aggregates only.

The baseline never opens the warehouse. It reads the year results, the organisation units
(to find the municipalities and their centres), the store's meta (data date, suppression
threshold) and the stored benchmarks.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

import duckdb

from sigtepunkt.analytics.benchmarks.table import benchmarks_table_exists

logger = logging.getLogger(__name__)

MUNICIPALITY, CENTRE = "municipality", "centre"
JOB_GROUP, TOTAL = "job_group", "total"


@dataclass(frozen=True)
class Cell:
    value: float | None
    n: int | None
    suppressed: bool


@dataclass(frozen=True)
class OrgUnit:
    unit_id: str
    name: str
    level: str
    parent_id: str | None


@dataclass(frozen=True)
class BenchmarkValue:
    set_name: str
    year: int
    value: float
    source: str
    source_url: str | None
    note: str | None


@dataclass
class BaselineData:
    """Everything the workbook needs for one year, keyed for look-up while writing."""

    year: int
    extract_date: dt.date | None
    data_version: str
    computed_at: str
    threshold: int
    root_name: str
    blocks: list[tuple[OrgUnit, list[OrgUnit]]]  # each municipality with its centres
    cells: dict[tuple[str, str, int, str, str], Cell] = field(default_factory=dict)
    job_groups: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (figure, municipality) -> groups
    benchmarks: dict[tuple[str, str, str], list[BenchmarkValue]] = field(default_factory=dict)

    def cell(self, figure: str, unit_id: str, year: int, segment: str = TOTAL, value: str = "") -> Cell | None:
        return self.cells.get((figure, unit_id, year, segment, value))

    def benchmark(self, figure: str, segment: str = TOTAL, value: str = "") -> BenchmarkValue | None:
        """The latest benchmark of the year or before it; the same year's first, then by set name."""
        found = [b for b in self.benchmarks.get((figure, segment, value), []) if b.year <= self.year]
        return max(found, key=lambda b: (b.year, _reverse(b.set_name)), default=None)


def _reverse(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def baseline_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The calendar years with results in the store, oldest first."""
    rows = con.execute("SELECT DISTINCT year(period_end) FROM measurements WHERE period_kind = 'year' ORDER BY 1")
    return [r[0] for r in rows.fetchall()]


def baseline_data(con: duckdb.DuckDBPyConnection, *, year: int) -> BaselineData:
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    units = _units_in_year(con, year)
    blocks = _blocks(units)
    data = BaselineData(
        year=year, extract_date=dt.date.fromisoformat(meta["extract_date"]) if meta.get("extract_date") else None,
        data_version=meta.get("data_version", ""), computed_at=meta.get("computed_at", ""),
        threshold=int(meta.get("suppression_threshold", 5)), root_name=_root_name(units, blocks), blocks=blocks,
    )
    municipality_ids = [m.unit_id for m, _ in blocks]
    unit_ids = municipality_ids + [c.unit_id for _, centres in blocks for c in centres]
    _load_cells(con, data, unit_ids, municipality_ids)
    _load_benchmarks(con, data)
    return data


def _units_in_year(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, OrgUnit]:
    """Each unit valid some day in the year, as its last validity row overlapping the year describes it."""
    rows = con.execute("""
        SELECT unit_id, arg_max(name, valid_from), arg_max(level, valid_from), arg_max(parent_id, valid_from)
        FROM units
        WHERE valid_from <= make_date(?, 12, 31) AND coalesce(valid_to, DATE '9999-12-31') >= make_date(?, 1, 1)
        GROUP BY unit_id ORDER BY unit_id""", [year, year]).fetchall()
    return {r[0]: OrgUnit(*r) for r in rows}


def _municipality_of(unit: OrgUnit, units: dict[str, OrgUnit]) -> str | None:
    seen: set[str] = set()
    current: OrgUnit | None = unit
    while current is not None and current.unit_id not in seen:
        if current.level == MUNICIPALITY:
            return current.unit_id
        seen.add(current.unit_id)
        current = units.get(current.parent_id) if current.parent_id else None
    return None


def _blocks(units: dict[str, OrgUnit]) -> list[tuple[OrgUnit, list[OrgUnit]]]:
    municipalities = sorted((u for u in units.values() if u.level == MUNICIPALITY), key=lambda u: u.name)
    centres: dict[str, list[OrgUnit]] = {m.unit_id: [] for m in municipalities}
    for unit in units.values():
        owner = _municipality_of(unit, units) if unit.level == CENTRE else None
        if owner in centres:
            centres[owner].append(unit)
    return [(m, sorted(centres[m.unit_id], key=lambda u: u.name)) for m in municipalities]


def _root_name(units: dict[str, OrgUnit], blocks: list[tuple[OrgUnit, list[OrgUnit]]]) -> str:
    if len(blocks) == 1:
        return blocks[0][0].name
    roots = sorted(u.name for u in units.values() if not u.parent_id)
    return roots[0] if roots else ""


def _load_cells(con: duckdb.DuckDBPyConnection, data: BaselineData, unit_ids: list[str],
                municipality_ids: list[str]) -> None:
    if not unit_ids:
        return
    rows = con.execute("""
        SELECT figure, unit_id, year(period_end), segment, segment_value, value, n, suppressed
        FROM measurements
        WHERE period_kind = 'year' AND year(period_end) IN (?, ?) AND list_contains(?, unit_id)
          AND (segment = 'total' OR (segment = 'job_group' AND list_contains(?, unit_id)))""",
        [data.year, data.year - 1, unit_ids, municipality_ids]).fetchall()
    groups: dict[tuple[str, str], set[str]] = {}
    for figure, unit_id, year, segment, value, v, n, suppressed in rows:
        data.cells[(figure, unit_id, year, segment, value)] = Cell(v, n, suppressed)
        if segment == JOB_GROUP:
            groups.setdefault((figure, unit_id), set()).add(value)
    data.job_groups = {key: sorted(values) for key, values in groups.items()}


def _load_benchmarks(con: duckdb.DuckDBPyConnection, data: BaselineData) -> None:
    if not benchmarks_table_exists(con):
        return
    rows = con.execute("""
        SELECT figure, segment, segment_value, set_name, year(period_end), value, source, source_url, note
        FROM benchmarks WHERE period_kind = 'year' ORDER BY set_name, period_end""").fetchall()
    for figure, segment, value, *rest in rows:
        data.benchmarks.setdefault((figure, segment, value), []).append(BenchmarkValue(*rest))
