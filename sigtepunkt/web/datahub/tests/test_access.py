"""Only HR analysts and administrators reach the data page; every other role gets 403 on every URL."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from sigtepunkt.web.accounts.models import AuditEvent
from sigtepunkt.web.datahub.models import ImportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished_job(db):
    return ImportJob.objects.create(kind=ImportJob.Kind.RECOMPUTE, status=ImportJob.Status.DONE, running_lock=None,
                                    data_version="import-1", cells=10)


def _urls(job_id: int, year: int) -> list[tuple[str, str]]:
    return [("get", "/data/"), ("get", f"/data/job/{job_id}/"), ("get", f"/data/startmaaling/?year={year}"),
            ("post", "/data/indlaes/"), ("post", "/data/genberegn/")]


@pytest.mark.parametrize("username", ["leder", "med", "laeser"])
def test_other_roles_get_403_on_every_data_url(client_as, finished_job, username):
    client = client_as(username)
    for method, url in _urls(finished_job.pk, 2025):
        assert getattr(client, method)(url).status_code == 403, (method, url)
    assert not ImportJob.objects.exclude(pk=finished_job.pk).exists()


def test_anonymous_is_sent_to_the_login(client, finished_job):
    assert client.get("/data/").status_code == 302


@pytest.mark.parametrize("username", ["hr", "admin"])
def test_hr_analyst_and_administrator_see_the_data_page(client_as, finished_job, username):
    client = client_as(username)
    page = client.get("/data/")
    assert page.status_code == 200
    html = page.content.decode()
    # the store's version, the periods per table, the import log's files, the upload form
    for text in ("import-1", "Ansættelser", "ansaettelser.csv", 'enctype="multipart/form-data"', 'name="year"'):
        assert text in html, text
    assert client.get(f"/data/job/{finished_job.pk}/").status_code == 200


@pytest.mark.parametrize("username", ["hr", "admin"])
def test_baseline_download_is_a_workbook_and_is_audited(client_as, sp_settings, username):
    from sigtepunkt.web.datahub.selectors import store_overview_read

    year = store_overview_read().years[-1]
    response = client_as(username).get(f"/data/startmaaling/?year={year}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames
    assert AuditEvent.objects.filter(action="export", target=f"startmaaling-{year}.xlsx").exists()


def test_baseline_for_a_year_without_figures_gets_a_message(client_as):
    response = client_as("hr").get("/data/startmaaling/?year=1990", follow=True)
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="export").exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])
