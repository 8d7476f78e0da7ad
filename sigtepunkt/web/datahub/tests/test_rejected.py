"""A broken export is rejected whole: the Danish report names file, row and column, and nothing changes."""

from __future__ import annotations

import zipfile

from sigtepunkt.hrdata.importing import hr_import
from sigtepunkt.web.accounts.models import AuditEvent
from sigtepunkt.web.datahub.models import ImportJob
from sigtepunkt.web.datahub.staging import staging_root
from sigtepunkt.web.datahub.tests.conftest import EXTRACT_DATE
from sigtepunkt.web.datahub.tests.helpers import copy_export, upload, warehouse_counts


def _break(path, *, row: int, column: int, value: str) -> str:
    """Put `value` in a cell (row as a spreadsheet counts, the header is row 1); return the CPR of the row."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[row - 1].split(";")
    cells[column] = value
    lines[row - 1] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cells[0]


def test_it_rejects_a_broken_zip_with_a_danish_report_and_changes_nothing(
        hr_client, fresh_home, export_dir, settings, tmp_path):
    settings.DATAHUB_JOIN_JOB_THREADS = True
    assert hr_import(settings=fresh_home, paths=[export_dir], extract_date=EXTRACT_DATE).status == "accepted"
    before = warehouse_counts(fresh_home)

    broken = copy_export(export_dir, tmp_path / "broken")
    cpr = _break(broken / "ansaettelser.csv", row=3, column=10, value="31-02-2026")
    _break(broken / "ansaettelser.csv", row=5, column=2, value="UKENDT-ENHED")
    archive = tmp_path / "udtraek.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(broken.iterdir()):
            zf.write(path, f"udtraek/{path.name}")

    assert upload(hr_client, [archive]).status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REJECTED and job.error_count >= 2
    assert warehouse_counts(fresh_home) == before
    assert not any(staging_root(fresh_home.home).iterdir()), "staged files must be removed"
    assert AuditEvent.objects.filter(action="import_rejected").count() == 1
    assert not AuditEvent.objects.filter(action="import").exists()

    bad_date = next(p for p in job.problems if p["value"] == "31-02-2026")
    assert (bad_date["file"], bad_date["row"], bad_date["column"]) == ("ansaettelser.csv", 3, "Startdato")
    assert "er ikke en gyldig dato" in bad_date["message"]  # the importer's Danish sentence, with what to do
    assert any(p["value"] == "UKENDT-ENHED" and p["row"] == 5 for p in job.problems)

    page = hr_client.get("/data/").content.decode()
    assert "Importen blev afvist – intet er ændret" in page
    assert "31-02-2026" in page and "UKENDT-ENHED" in page and "ansaettelser.csv" in page
    assert bad_date["message"] in page.replace("&quot;", '"')
    assert cpr not in page


def test_it_refuses_files_that_are_not_csv_xlsx_or_zip(hr_client, fresh_home, tmp_path):
    notes = tmp_path / "noter.docx"
    notes.write_bytes(b"not a spreadsheet")
    response = upload(hr_client, [notes])
    assert response.status_code == 400
    assert "noter.docx" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not any(staging_root(fresh_home.home).iterdir())


def test_it_refuses_an_upload_over_the_limit(hr_client, fresh_home, export_dir, settings):
    settings.DATAHUB_UPLOAD_MAX_BYTES = 1000
    response = upload(hr_client, sorted(export_dir.iterdir()))
    assert response.status_code == 302
    assert not ImportJob.objects.exists()
    assert not any(staging_root(fresh_home.home).iterdir())
    page = hr_client.get("/data/").content.decode()
    assert "MB" in page and ("blev ikke modtaget" in page or "was not received" in page)


def test_an_upload_without_the_csrf_token_is_refused_and_leaves_no_files(fresh_home, export_dir):
    from django.test import Client

    from sigtepunkt.web.accounts.models import Role
    from sigtepunkt.web.accounts.services import user_create

    client = Client(enforce_csrf_checks=True)
    client.force_login(user_create(username="hr-csrf", password="x" * 16, roles=[(Role.HR_ANALYST, "")]))
    assert upload(client, sorted(export_dir.iterdir())).status_code == 403
    assert not ImportJob.objects.exists()
    assert not any(staging_root(fresh_home.home).iterdir())
