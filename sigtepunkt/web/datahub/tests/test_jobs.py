"""One job at a time, decided by the database; a job whose server stopped is released, not waited for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sigtepunkt.web.datahub.jobs import JobBusy, job_claim, job_release_stale
from sigtepunkt.web.datahub.models import RUNNING, ImportJob

pytestmark = pytest.mark.django_db


def test_a_second_job_is_refused_while_one_runs():
    job_claim(kind=ImportJob.Kind.RECOMPUTE)
    with pytest.raises(JobBusy):
        job_claim(kind=ImportJob.Kind.IMPORT)
    assert ImportJob.objects.count() == 1


def test_a_job_of_a_stopped_server_process_is_marked_failed_and_frees_the_slot():
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    job = job_claim(kind=ImportJob.Kind.IMPORT)
    ImportJob.objects.filter(pk=job.pk).update(pid=int(gone.stdout))
    job_release_stale()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.running_lock is None and job.message
    assert job_claim(kind=ImportJob.Kind.RECOMPUTE).running_lock == RUNNING
