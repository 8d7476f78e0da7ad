"""Import, list and export external benchmarks; load the shipped national set.

The services open the measurements store themselves (one short write transaction each), so
the command line and, later, the web app call one function per use case.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sigtepunkt.analytics.benchmarks.parsing import benchmarks_read
from sigtepunkt.analytics.benchmarks.problems import BenchmarksRejected, Problem
from sigtepunkt.analytics.benchmarks.table import (
    BenchmarkSet,
    benchmarks_replace,
    benchmarks_rows,
    benchmarks_sets,
    benchmarks_table_exists,
    benchmarks_write_csv,
)
from sigtepunkt.analytics.store import open_store, store_writing

logger = logging.getLogger(__name__)

SHIPPED_FILE = Path(__file__).parent / "national.csv"


@dataclass
class BenchmarkImportReport:
    file: str
    sets: dict[str, int]  # set name -> rows stored
    warnings: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.sets.values())


def benchmarks_import(*, store: Path, path: Path, set_name: str | None = None) -> BenchmarkImportReport:
    """Validate the file and replace the sets it holds; raise `BenchmarksRejected` and change nothing on error."""
    rows, problems = benchmarks_read(path, set_name=set_name)
    if any(not p.is_warning for p in problems):
        raise BenchmarksRejected(problems)
    with store_writing(store) as con:
        benchmarks_replace(con, rows, file=path.name)
    sets: dict[str, int] = {}
    for row in rows:
        sets[row.set_name] = sets.get(row.set_name, 0) + 1
    return BenchmarkImportReport(path.name, sets, problems)


def benchmarks_load_shipped(*, store: Path, only_if_empty: bool = True) -> BenchmarkImportReport | None:
    """Import the shipped national set; with `only_if_empty`, only when no benchmark is stored yet."""
    if only_if_empty and store.exists():
        with open_store(store, read_only=True) as con:
            if benchmarks_table_exists(con) and con.execute("SELECT count(*) FROM benchmarks").fetchall()[0][0]:
                return None
    return benchmarks_import(store=store, path=SHIPPED_FILE)


def benchmarks_list(*, store: Path) -> list[BenchmarkSet]:
    if not store.exists():
        return []
    with open_store(store, read_only=True) as con:
        return benchmarks_sets(con)


def benchmarks_export(*, store: Path, path: Path, set_name: str | None = None) -> int:
    """Write the stored benchmarks (or one set) in the import format; return the number of rows."""
    rows = []
    if store.exists():
        with open_store(store, read_only=True) as con:
            rows = benchmarks_rows(con, set_name=set_name)
    return benchmarks_write_csv(rows, path)
