"""What every page needs from the store: the years with results, the threshold, the data date.

Views call one builder per page (`pages.<page>`); the same builder feeds the page's CSV/XLSX
export, so an export is exactly what the page shows, suppression included.

What here depends on the store's contents alone (the periods, the meta data, the benchmarks)
is read once per store version (`version_cached`): asking the store for the distinct periods
of a kind scans the whole measurements table, far more than a page's own cells cost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sigtepunkt.insights import selectors
from sigtepunkt.insights.reader import version_cached
from sigtepunkt.web.insights.cells import BenchmarkIndex


@dataclass
class Context:
    """What every page needs from the store: years with results and the suppression threshold."""

    years: list[dt.date]
    threshold: int
    meta: dict[str, str]

    @property
    def latest(self) -> dt.date | None:
        return self.years[-1] if self.years else None

    @property
    def previous(self) -> dt.date | None:
        return self.years[-2] if len(self.years) > 1 else None


def _context(con) -> Context:
    meta = selectors.store_meta(con)
    return Context(period_starts(con, period_kind="year"), int(meta.get("suppression_threshold", 5)), meta)


def context_read(con) -> Context:
    """The page context of the store version; shared between requests, so never changed by a page."""
    return version_cached(con, ("context",), _context)


def period_starts(con, *, period_kind: str) -> list[dt.date]:
    """The period starts of a kind with results, oldest first (a shared list: do not change it)."""
    return version_cached(con, ("period_starts", period_kind),
                          lambda c: selectors.period_starts(c, period_kind=period_kind))


def benchmarks_read(con) -> BenchmarkIndex:
    """The stored benchmarks (year, total segment), indexed by figure."""
    return version_cached(con, ("benchmarks",), lambda c: BenchmarkIndex(selectors.benchmark_cells(c)))
