"""An uploaded export is imported in the background, the key figures are computed, and one job runs at a time."""

from __future__ import annotations

from sigtepunkt.web.accounts.models import AuditEvent
from sigtepunkt.web.datahub.jobs import job_wait
from sigtepunkt.web.datahub.models import ImportJob
from sigtepunkt.web.datahub.services import JOB_BUSY
from sigtepunkt.web.datahub.staging import staging_root
from sigtepunkt.web.datahub.tests.helpers import upload, warehouse_counts


def test_it_imports_an_upload_computes_the_figures_and_refuses_a_second_upload_meanwhile(
        hr_client, fresh_home, export_dir, settings):
    from sigtepunkt.analytics.store import store_path

    settings.DATAHUB_JOIN_JOB_THREADS = False
    files = sorted(export_dir.iterdir())
    response = upload(hr_client, files)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert not job.is_finished

    refused = upload(hr_client, files[:1], extract_date=job.extract_date)
    assert refused.status_code == 302
    page = hr_client.get("/data/").content.decode()
    assert str(JOB_BUSY) in page
    assert 'hx-trigger="every 1s"' in page and "<progress" in page and 'role="status"' in page
    assert ImportJob.objects.count() == 1

    assert job_wait(job_id=job.pk, timeout=300)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.message
    assert job.import_id == 1 and job.data_version == "import-1" and job.cells > 0
    assert {f["table"] for f in job.files} == {"org_units", "employments", "absences", "job_ads", "education",
                                               "development_talks", "course_completions"}
    assert store_path(fresh_home.home).exists()
    assert warehouse_counts(fresh_home)["employments"] > 0
    assert not any(staging_root(fresh_home.home).iterdir()), "staged files must be removed"
    assert AuditEvent.objects.filter(action="import", target="import:1").exists()

    fragment = hr_client.get(f"/data/job/{job.pk}/").content.decode()
    assert "hx-trigger" not in fragment and 'hx-swap-oob="true"' in fragment
    page = hr_client.get("/data/").content.decode()
    assert "Import nr. 1 blev godkendt" in page or "Import no. 1 was accepted" in page
    assert "import-1" in page and "ansaettelser.csv" in page


def test_it_recomputes_the_figures_without_importing(hr_client, fresh_home, export_dir, settings):
    from sigtepunkt.hrdata.importing import hr_import
    from sigtepunkt.web.datahub.tests.conftest import EXTRACT_DATE

    settings.DATAHUB_JOIN_JOB_THREADS = True
    assert hr_import(settings=fresh_home, paths=[export_dir], extract_date=EXTRACT_DATE).status == "accepted"
    before = warehouse_counts(fresh_home)

    response = hr_client.post("/data/genberegn/")
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.kind == ImportJob.Kind.RECOMPUTE and job.status == ImportJob.Status.DONE, job.message
    assert job.data_version == "import-1"
    assert warehouse_counts(fresh_home) == before
    assert AuditEvent.objects.filter(action="recompute").count() == 1
