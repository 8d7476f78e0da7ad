"""Reads of the data page: the warehouse's import log and periods, the store's version, the jobs."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings

from sigtepunkt.analytics.baseline.selectors import baseline_years
from sigtepunkt.hrdata.schema import TABLES, TABLES_BY_NAME
from sigtepunkt.insights.reader import StoreMissing
from sigtepunkt.insights.selectors import store_meta
from sigtepunkt.warehouse.import_log import WarehouseOverview, warehouse_overview_read
from sigtepunkt.web.datahub.jobs import job_release_stale
from sigtepunkt.web.datahub.models import ImportJob
from sigtepunkt.web.store import store_cursor

logger = logging.getLogger(__name__)

RECENT_JOBS = 10


@dataclass(frozen=True)
class StoreOverview:
    """The measurements store's version: which import it was computed from, and when."""

    data_version: str
    extract_date: dt.date | None
    computed_at: dt.datetime | None  # aware, UTC
    threshold: int | None
    years: tuple[int, ...]


@dataclass(frozen=True)
class PeriodRow:
    title: str
    rows: int
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True)
class ImportTable:
    title: str
    file_name: str


@dataclass(frozen=True)
class DataPage:
    warehouse: WarehouseOverview
    periods: tuple[PeriodRow, ...]
    store: StoreOverview | None
    threshold: int
    job: ImportJob | None  # the running job, else the latest
    recent_jobs: tuple[ImportJob, ...]

    @property
    def job_running(self) -> bool:
        return self.job is not None and not self.job.is_finished


def _date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _utc(raw: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(raw).replace(tzinfo=dt.UTC) if raw else None
    except ValueError:
        return None


def store_overview_read() -> StoreOverview | None:
    """The store's meta and the years a baseline can be made for; None before the first computation."""
    try:
        con = store_cursor()
    except StoreMissing:
        return None
    meta = store_meta(con)
    threshold = meta.get("suppression_threshold")
    return StoreOverview(meta.get("data_version", ""), _date(meta.get("extract_date")), _utc(meta.get("computed_at")),
                         int(threshold) if threshold and threshold.isdigit() else None, tuple(baseline_years(con)))


def _title(name: str, language: str) -> str:
    table = TABLES_BY_NAME[name]
    return table.title_da if language == "da" else table.title_en


def import_tables(*, language: str) -> tuple[ImportTable, ...]:
    """The seven tables of an export, as the upload form lists them."""
    return tuple(ImportTable(_title(t.name, language), t.file_da) for t in TABLES)


def data_page_read(*, language: str) -> DataPage:
    """Everything the data page shows; the warehouse is not opened while a job may hold it.

    A job whose server was stopped is marked failed first (`job_release_stale`), so the page
    never shows progress that will not come.
    """
    job_release_stale()
    jobs = tuple(ImportJob.objects.all()[:RECENT_JOBS])
    running = next((j for j in jobs if not j.is_finished), None)
    sp = settings.SIGTEPUNKT
    warehouse = WarehouseOverview(busy=True) if running else warehouse_overview_read(settings=sp)
    periods = tuple(PeriodRow(_title(t.name, language), t.rows, t.first_date, t.last_date) for t in warehouse.tables)
    return DataPage(warehouse, periods, store_overview_read(), sp.suppression_threshold,
                    running or (jobs[0] if jobs else None), jobs)


def job_get(*, job_id: int) -> ImportJob | None:
    return ImportJob.objects.filter(pk=job_id).first()
