"""Writes of the data page: import an uploaded export, recompute the key figures, make the baseline.

The import is the engine's own `hr_import` (all or nothing, idempotent) and the
recomputation its `key_figures_measure`; this module stages the upload, runs them as a job
(see `jobs`), records the outcome on the job and in the audit log, and removes the staged
files whatever happens.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sigtepunkt.analytics.baseline.services import baseline_create
from sigtepunkt.analytics.service import key_figures_measure
from sigtepunkt.analytics.store import store_path
from sigtepunkt.config import Settings
from sigtepunkt.hrdata.importing import ImportReport, hr_import
from sigtepunkt.i18n import gettext as engine_gettext
from sigtepunkt.warehouse.connection import WarehouseError
from sigtepunkt.web.accounts.services import audit_record
from sigtepunkt.web.datahub.jobs import JobBusy, JobProgress, job_claim, job_finish, job_running, job_thread_start
from sigtepunkt.web.datahub.models import ImportJob
from sigtepunkt.web.datahub.staging import (
    ZIP_SUFFIX,
    StagingError,
    staging_remove,
    staging_sweep,
    upload_max_bytes,
    zip_unpack,
)

logger = logging.getLogger(__name__)

MAX_STORED_PROBLEMS = 2000
SHA_PREFIX = 12

JOB_BUSY = _("An import or a recomputation is already running. Wait until it has finished, then try again.")
UPLOAD_TOO_LARGE = _("The upload is larger than %(mb)s MB and was not received. Upload the tables in smaller "
                     "parts (each import adds to what is there), or ask your administrator to import it with "
                     "'sigtepunkt import'.")
BASELINE_NO_YEAR = _("Choose a year with computed key figures for the baseline.")
UPLOAD_MESSAGES = {
    "zip_damaged": _("The ZIP file cannot be opened. Make it again, or upload the CSV/XLSX files themselves."),
    "zip_empty": _("The ZIP file holds no CSV or XLSX files. Put the export files in it and upload it again."),
    "zip_too_large": _("The ZIP file unpacks to more than the upload limit allows. Upload fewer or smaller files."),
}


@dataclass(frozen=True)
class UploadedExport:
    """An export staged by `staging.StagingUploadHandler`: its folder and the files in it."""

    folder: Path
    paths: tuple[Path, ...]
    extract_date: dt.date


def import_job_start(*, user, export: UploadedExport, language: str) -> ImportJob:
    """Start importing a staged export; from here on the job owns (and removes) the folder.

    Raises JobBusy when another job runs and StagingError for a ZIP that cannot be used;
    in both cases the caller still owns the folder.
    """
    if job_running() is not None:
        raise JobBusy
    paths = list(export.paths)
    if len(paths) == 1 and paths[0].suffix.lower() == ZIP_SUFFIX:
        paths = zip_unpack(paths[0], max_bytes=upload_max_bytes())
    job = job_claim(kind=ImportJob.Kind.IMPORT, user=user, username=user.get_username(), language=language,
                    extract_date=export.extract_date, file_names=sorted(p.name for p in paths))
    sp = settings.SIGTEPUNKT
    staging_sweep(home=sp.home)
    job_thread_start(job=job, work=lambda progress: _import_work(job, sp=sp, export=export, progress=progress))
    return job


def recompute_job_start(*, user, language: str) -> ImportJob:
    """Start recomputing the key figures from the warehouse as it is; raises JobBusy."""
    job = job_claim(kind=ImportJob.Kind.RECOMPUTE, user=user, username=user.get_username(), language=language,
                    status=ImportJob.Status.MEASURING)
    sp = settings.SIGTEPUNKT
    staging_sweep(home=sp.home)
    job_thread_start(job=job, work=lambda progress: _recompute_work(job, sp=sp, progress=progress))
    return job


def _import_work(job: ImportJob, *, sp: Settings, export: UploadedExport, progress: JobProgress) -> None:
    reading = engine_gettext("Reading files")
    progress.phase(ImportJob.Status.VALIDATING)

    def import_progress(stage: str, done: int, total: int) -> None:
        if stage != reading and progress.status == ImportJob.Status.VALIDATING:
            progress.status = ImportJob.Status.IMPORTING
        progress(stage, done, total)

    try:
        report = hr_import(settings=sp, paths=[export.folder], extract_date=export.extract_date,
                           user_name=job.username, progress=import_progress)
    except WarehouseError as exc:
        _audit(job, "import_rejected", detail={"failed": True})
        job_finish(job.pk, status=ImportJob.Status.FAILED, message=str(exc))
        return
    except Exception:
        _audit(job, "import_rejected", detail={"failed": True})
        raise
    finally:
        staging_remove(export.folder)
    ImportJob.objects.filter(pk=job.pk).update(**_report_fields(report))
    if report.status != "accepted":
        _audit(job, "import_rejected", detail={"errors": len(report.errors), "files": job.file_names})
        job_finish(job.pk, status=ImportJob.Status.REJECTED)
        return
    _audit(job, "import", target=f"import:{report.import_id}",
           detail={"import_id": report.import_id, "rows": report.rows_read, "files": job.file_names,
                   "extract_date": report.extract_date.isoformat()})
    _measure(job, sp=sp, progress=progress)


def _recompute_work(job: ImportJob, *, sp: Settings, progress: JobProgress) -> None:
    _measure(job, sp=sp, progress=progress)


def _measure(job: ImportJob, *, sp: Settings, progress: JobProgress) -> None:
    progress.phase(ImportJob.Status.MEASURING)
    try:
        measured = key_figures_measure(settings=sp, progress=progress)
    except WarehouseError as exc:
        job_finish(job.pk, status=ImportJob.Status.FAILED, message=str(exc))
        return
    if job.kind == ImportJob.Kind.RECOMPUTE:
        _audit(job, "recompute", target=f"data:{measured.data_version}",
               detail={"data_version": measured.data_version, "cells": measured.cells})
    job_finish(job.pk, status=ImportJob.Status.DONE, data_version=measured.data_version, cells=measured.cells)


def _report_fields(report: ImportReport) -> dict[str, object]:
    """What the job keeps of the importer's report: counts, files, and the problems (CPR already masked)."""
    ordered = report.errors + report.warnings
    return {
        "files": [{"name": f.name, "table": f.table, "rows": f.rows, "sha256": f.sha256[:SHA_PREFIX]}
                  for f in report.files],
        "problems": [p.as_dict() for p in ordered[:MAX_STORED_PROBLEMS]],
        "error_count": len(report.errors), "warning_count": len(report.warnings),
        "rows_read": report.rows_read, "import_id": report.import_id,
    }


def _audit(job: ImportJob, action: str, *, target: str = "", detail: dict) -> None:
    audit_record(action=action, user=job.user, username=job.username, target=target or f"job:{job.pk}",
                 detail={"job": job.pk} | detail)


def baseline_file_create(*, request, year: int) -> Path:
    """Write the baseline workbook for `year` to a private temporary file and audit the export.

    The caller streams the file and removes it. Raises BaselineError (a Danish message)
    when the store has no results for the year.
    """
    fd, name = tempfile.mkstemp(prefix="sigtepunkt-startmaaling-", suffix=".xlsx")
    os.close(fd)
    out = Path(name)
    try:
        report = baseline_create(store=store_path(settings.SIGTEPUNKT.home), out=out, year=year)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    audit_record(action="export", request=request, target=f"startmaaling-{year}.xlsx",
                 detail={"year": year, "municipalities": report.municipalities, "centres": report.centres})
    return out


__all__ = ["BASELINE_NO_YEAR", "JOB_BUSY", "UPLOAD_MESSAGES", "UPLOAD_TOO_LARGE", "JobBusy", "StagingError",
           "UploadedExport", "baseline_file_create", "import_job_start", "recompute_job_start"]
