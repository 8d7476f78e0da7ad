"""What every page needs from the store: the years with results, the threshold, the data date.

Views call one builder per page (`pages.<page>`); the same builder feeds the page's CSV/XLSX
export, so an export is exactly what the page shows, suppression included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sigtepunkt.insights import selectors


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


def context_read(con) -> Context:
    meta = selectors.store_meta(con)
    return Context(selectors.period_starts(con, period_kind="year"), int(meta.get("suppression_threshold", 5)), meta)


