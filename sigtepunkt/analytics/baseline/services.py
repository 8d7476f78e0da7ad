"""Make the baseline (startmåling) workbook from the measurements store."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sigtepunkt.analytics.baseline.selectors import baseline_data, baseline_years
from sigtepunkt.analytics.baseline.workbook import baseline_write
from sigtepunkt.analytics.store import open_store
from sigtepunkt.i18n import gettext as _

logger = logging.getLogger(__name__)


class BaselineError(Exception):
    """The store cannot give a baseline for the year asked (no results, or not that year)."""


@dataclass(frozen=True)
class BaselineReport:
    path: Path
    year: int
    municipalities: int
    centres: int
    rows: dict[str, int]


def baseline_create(*, store: Path, out: Path, year: int | None = None) -> BaselineReport:
    """Write the baseline workbook for `year` (default: the last complete calendar year in the store)."""
    if not store.exists():
        raise BaselineError(_("No key figures are stored yet. Run 'sigtepunkt measure' first."))
    with open_store(store, read_only=True) as con:
        years = baseline_years(con)
        if not years:
            raise BaselineError(_("No key figures are stored yet. Run 'sigtepunkt measure' first."))
        year = year or years[-1]
        if year not in years:
            raise BaselineError(_("The store holds no results for {year}. Years with results: {years}.").format(
                year=year, years=", ".join(str(y) for y in years)))
        data = baseline_data(con, year=year)
    if not data.blocks:
        raise BaselineError(_("The organisation has no unit of level municipality in {year}.").format(year=year))
    rows = baseline_write(data, out)
    return BaselineReport(out, year, len(data.blocks), sum(len(c) for _m, c in data.blocks), rows)
