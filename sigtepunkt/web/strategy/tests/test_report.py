"""The status report: page, print PDF (read back with pdftotext) and XLSX (read back with openpyxl)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import openpyxl
import pytest

from sigtepunkt.web.accounts.models import AuditEvent
from sigtepunkt.web.strategy import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(plan, demo_users):
    services.progress_add(initiative=plan["own"], date=dt.date(2025, 9, 1), text="Halvdelen af teamene er i gang",
                          user=demo_users["leder"])
    services.approval_add(initiative=plan["own"], forum=plan["board"], date=dt.date(2025, 9, 15),
                          minute="Direktionen tog status til efterretning", user=demo_users["hr"])
    return plan


def _pdf_text(data: bytes, tmp_path) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: install poppler-utils (scripts/setup.sh test)"
    path = tmp_path / "rapport.pdf"
    path.write_bytes(data)
    return subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_pdf_has_the_front_page_milestones_initiatives_and_page_numbers(client_as, reported, tmp_path):
    response = client_as("hr").get(f"/strategier/{reported['strategy'].id}/statusrapport.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    text = " ".join(_pdf_text(response.content, tmp_path).split())
    for expected in ("Fastholdelse 2025", "Direktionen", "2026-10-31", "Sygefraværet falder", "Nærvær i centret",
                     "Halvdelen af teamene er i gang", "Direktionen tog status til efterretning"):
        assert expected in text, expected
    status = client_as("hr").get(f"/strategier/{reported['strategy'].id}/statusrapport/").context["report"]
    assert status.rows[0].tracked.status.code.label in text  # the status in Danish
    assert status.rows[0].tracked.status.rule_text.split()[0] in text
    numbers = re.findall(r"(?:Page|Side) (\d+) (?:of|af) (\d+)", text)
    assert len(numbers) >= 2 and numbers[-1][0] == numbers[-1][1]  # page numbers, from a second page on
    assert AuditEvent.objects.filter(action="export", target__endswith=".pdf").exists()


def test_the_xlsx_holds_milestones_with_numbers_and_initiatives(client_as, reported):
    response = client_as("hr").get(f"/strategier/{reported['strategy'].id}/statusrapport.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    milestones, initiatives = book.worksheets
    rows = list(milestones.iter_rows(min_row=5, values_only=True))
    assert rows[0][3] == "Sygefraværet falder" and rows[0][6] == 2024
    assert isinstance(rows[0][7], float) and rows[0][10] == 4.0
    texts = {r[1]: r for r in initiatives.iter_rows(min_row=2, values_only=True)}
    assert texts["Nærvær i centret"][10] == "Halvdelen af teamene er i gang"
    assert "Direktionen tog status til efterretning" in texts["Nærvær i centret"][11]
    assert AuditEvent.objects.filter(action="export", target__endswith=".xlsx").exists()


def test_the_forum_report_gathers_the_forums_strategies_and_initiatives(client_as, reported):
    page = client_as("hr").get(f"/strategier/fora/{reported['board'].id}/statusrapport/")
    html = page.content.decode()
    assert "Sygefraværet falder" in html and "Nærvær i centret" in html and "<svg" in html


def test_a_viewer_reads_the_report_page_but_downloads_no_files(client_as, reported):
    client = client_as("laeser")
    sid = reported["strategy"].id
    assert client.get(f"/strategier/{sid}/statusrapport/").status_code == 200
    assert client.get(f"/strategier/{sid}/statusrapport.pdf").status_code == 403
    assert client.get(f"/strategier/{sid}/statusrapport.xlsx").status_code == 403
