"""Strategy files in and out through the pages, and the StatBank indicator upload."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sigtepunkt.web.accounts.models import AuditEvent
from sigtepunkt.web.strategy.document_build import strategy_document_build
from sigtepunkt.web.strategy.loading import EXAMPLES
from sigtepunkt.web.strategy.models import ExternalSeries, Milestone, Strategy

pytestmark = pytest.mark.django_db


def _upload(client, name: str, data: bytes):
    return client.post("/strategier/indlaes/", {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_downloaded_strategy_loads_back_into_the_same_strategy(client_as, plan, fmt):
    client = client_as("hr")
    before = strategy_document_build(strategy=plan["strategy"])
    download = client.get(f"/strategier/{plan['strategy'].id}/strategi.{fmt}")
    assert download["Content-Disposition"].endswith(f'.{fmt}"')
    assert AuditEvent.objects.filter(action="export", target__endswith=f".{fmt}").exists()
    response = _upload(client, f"strategi.{fmt}", download.content)
    assert response.status_code == 302
    strategy = Strategy.objects.get(key=before.strategy.key)
    assert strategy_document_build(strategy=strategy) == before
    assert Strategy.objects.count() == 1


def test_a_broken_file_is_rejected_with_the_danish_report_and_nothing_changes(client_as, plan):
    text = (EXAMPLES / "direktion.yaml").read_text(encoding="utf-8")
    broken = text.replace("figure: leaders_trained_psych_env", "figure: findes_ikke").replace(
        "due: 2025-06-30", "due: 30-06-2025", 1)
    milestones = Milestone.objects.count()
    page = _upload(client_as("hr"), "direktion.yaml", broken.encode())
    html = page.content.decode()
    assert page.status_code == 200 and 'role="alert"' in html
    assert "tracks[0].objectives[0].milestones[0].deliverable.due" in html
    assert "findes_ikke" in html and "nøgletal" in html  # the core's Danish sentence says what to do
    assert Milestone.objects.count() == milestones and not Strategy.objects.filter(key="direktion-2025").exists()


def test_only_yaml_and_json_files_are_taken(client_as, db, demo_users):
    page = _upload(client_as("hr"), "strategi.docx", b"x")
    assert page.status_code == 200 and page.context["form"].errors["file"]


def test_an_indicator_file_is_imported_and_a_broken_one_reported(client_as, db, demo_users):
    client = client_as("hr")
    good = next(EXAMPLES.glob("FOLK1A*.csv"))
    page = client.post("/strategier/indikatorer/", {"file": SimpleUploadedFile(good.name, good.read_bytes())})
    assert page.context["imported"] > 0 and ExternalSeries.objects.filter(table_id="FOLK1A").exists()
    count = ExternalSeries.objects.count()
    page = client.post("/strategier/indikatorer/", {"file": SimpleUploadedFile("FOLK1A.csv", b"hello;world\n1;2\n")})
    assert page.context["problems"] and not page.context["imported"]
    assert 'role="alert"' in page.content.decode()
    assert ExternalSeries.objects.count() == count
