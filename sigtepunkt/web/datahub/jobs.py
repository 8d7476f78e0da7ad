"""Run an import or a recomputation in a background thread of the server process.

No task queue: the embedded installation is one process (waitress with threads), and STYLE
says add a queue only when measured need shows it. The state lives in `ImportJob` rows, so
any web worker can show a job's progress; the thread only writes to its own row. A job the
server lost (it was stopped mid-job) is found by `job_release_stale` and marked failed: the
import itself is one DuckDB transaction, so an interrupted one changed nothing.

With the setting DATAHUB_JOIN_JOB_THREADS the request waits for the thread to end: the
same code path, run to completion, for tests and scripted use.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import socket
import threading
import time
import traceback
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sigtepunkt import i18n as engine_i18n
from sigtepunkt.web.datahub.models import RUNNING, ImportJob

logger = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(hours=3)  # a job on another host that has said nothing for this long is lost
START_GRACE = dt.timedelta(seconds=30)  # a job of this process not yet in the thread registry is starting
PROGRESS_INTERVAL = 0.5  # seconds between progress writes within one stage
_CPR_LIKE = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")

_threads: dict[int, threading.Thread] = {}
_threads_lock = threading.Lock()


class JobBusy(Exception):
    """Another import or recomputation is running."""


class JobProgress:
    """The progress callback `(stage, done, total)` the engine calls, written to the job's row.

    Writes are throttled within a stage, so a stage with thousands of steps costs a few
    updates a second, not thousands.
    """

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.status = ImportJob.Status.QUEUED
        self._stage, self._last = "", 0.0

    def phase(self, status: str) -> None:
        """Enter a new phase; the previous phase's stage text and counts no longer apply."""
        self.status, self._stage = status, ""
        ImportJob.objects.filter(pk=self.job_id).update(status=status, stage="", done=0, total=0,
                                                        updated_at=timezone.now())

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self._stage and 0 < done < total and now - self._last < PROGRESS_INTERVAL:
            return
        self._stage, self._last = stage, now
        ImportJob.objects.filter(pk=self.job_id).update(
            status=self.status, stage=stage[:200], done=max(done, 0), total=max(total, 0), updated_at=timezone.now())


Work = Callable[[JobProgress], None]


def job_claim(**fields: object) -> ImportJob:
    """Create the running job, or raise JobBusy when one runs (the unique lock decides, across workers)."""
    job_release_stale()
    try:
        with transaction.atomic():
            return ImportJob.objects.create(running_lock=RUNNING, host=socket.gethostname()[:255],
                                            pid=os.getpid(), **fields)
    except IntegrityError as exc:
        raise JobBusy from exc


def job_running() -> ImportJob | None:
    return ImportJob.objects.filter(running_lock=RUNNING).first()


def job_thread_start(*, job: ImportJob, work: Work) -> None:
    """Run `work` for `job` in a daemon thread (and wait for it if DATAHUB_JOIN_JOB_THREADS)."""
    thread = threading.Thread(target=_run, args=(job.pk, job.language, work), name=f"sigtepunkt-job-{job.pk}",
                              daemon=True)
    with _threads_lock:
        _threads[job.pk] = thread
    thread.start()
    if getattr(settings, "DATAHUB_JOIN_JOB_THREADS", False):
        thread.join()


def job_wait(*, job_id: int, timeout: float) -> bool:
    """Wait for a job of this process to end; True when it has (or is not running here)."""
    with _threads_lock:
        thread = _threads.get(job_id)
    if thread is not None:
        thread.join(timeout)
        return not thread.is_alive()
    return True


def jobs_wait_all(*, timeout: float) -> None:
    """Wait for every job thread of this process (tests, and a server that stops gracefully)."""
    with _threads_lock:
        threads = list(_threads.values())
    for thread in threads:
        thread.join(timeout)


def job_finish(job_id: int, *, status: str, **fields: object) -> None:
    """Mark the job finished and release the lock, so the next job can start."""
    ImportJob.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), updated_at=timezone.now(),
                                               running_lock=None, **fields)


def _run(job_id: int, language: str, work: Work) -> None:
    translation.activate(language)
    engine_i18n.activate(language)
    try:
        ImportJob.objects.filter(pk=job_id).update(started_at=timezone.now(), updated_at=timezone.now())
        work(JobProgress(job_id))
    except BaseException as exc:  # noqa: BLE001 - whatever stops the job, the row must say so
        _log_failure(job_id, exc)
        job_finish(job_id, status=ImportJob.Status.FAILED, message=_(
            "An unexpected error stopped the job. An import that had not finished changed nothing; "
            "the key figures are as before. Try again, or ask your administrator to look in the server log."))
    finally:
        with _threads_lock:
            _threads.pop(job_id, None)
        connections.close_all()


def _log_failure(job_id: int, exc: BaseException) -> None:
    """Log the failure without the data: CPR-like digits masked, frames but no local values."""
    text = _CPR_LIKE.sub("**********", str(exc))[:500]
    frames = "".join(traceback.format_tb(exc.__traceback__))
    logger.error("job %s failed: %s: %s\n%s", job_id, type(exc).__name__, text, frames)


def job_release_stale() -> None:
    """Mark running jobs that no thread will finish as failed (their server was stopped)."""
    for job in ImportJob.objects.filter(running_lock=RUNNING):
        if _is_lost(job):
            logger.warning("job %s was interrupted; marking it failed", job.pk)
            with translation.override(job.language):
                job_finish(job.pk, status=ImportJob.Status.FAILED, message=_(
                    "The job was interrupted (the server was stopped). An import that had not finished "
                    "changed nothing. Start it again."))


def _is_lost(job: ImportJob) -> bool:
    quiet_for = timezone.now() - job.updated_at
    if job.host != socket.gethostname() or not job.pid:
        return quiet_for > STALE_AFTER
    if job.pid == os.getpid():
        with _threads_lock:
            running_here = job.pk in _threads
        return not running_here and quiet_for > START_GRACE
    return not _pid_alive(job.pid)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
