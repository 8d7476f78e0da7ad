"""The guide and the schema are served by the app itself: no Swagger page, nothing from a CDN."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_guide_is_linked_from_the_tokens_page(client_as):
    html = client_as("leder").get("/konto/tokens/").content.decode()
    assert 'href="/api/vejledning/"' in html


@pytest.mark.parametrize("phrase", ["Authorization: Bearer", "curl", "Power Query", "Power BI", "List.Generate",
                                    "/api/v1/measurements", "suppressed"])
def test_the_guide_explains_tokens_curl_excel_and_power_bi(client_as, phrase):
    response = client_as("leder").get("/api/vejledning/")
    assert response.status_code == 200
    assert phrase in response.content.decode()


def test_the_guide_has_no_script_and_no_foreign_assets(client_as):
    html = client_as("leder").get("/api/vejledning/").content.decode()
    assert "cdn" not in html.lower() and "<script>" not in html


def test_no_swagger_page(client):
    assert client.get("/api/v1/docs").status_code == 404


def test_the_schema_documents_every_error(client):
    schema = client.get("/api/v1/openapi.json").json()
    measurements = schema["paths"]["/api/v1/measurements"]["get"]
    assert set(measurements["responses"]) == {"200", "401", "403", "404", "422", "503"}
    assert all(r["description"] for r in measurements["responses"].values())
    assert "ApiTokenAuth" in schema["components"]["securitySchemes"]
    assert all("examples" not in p for p in measurements["parameters"])  # OpenAPI wants `example` there


def test_the_guide_in_english_for_who_chose_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/api/vejledning/").content.decode()
    assert "How to use the API" in html and "List.Generate" in html
