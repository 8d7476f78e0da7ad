"""Who may call the API: a valid token or a signed-in session; everyone else gets 401 in JSON."""

import pytest

from sigtepunkt.web.api.errors import NOT_AUTHENTICATED, TOKEN_INVALID

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/units"


def test_it_answers_a_valid_token(api_get):
    response = api_get(UNITS, as_user="leder")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_it_records_when_a_token_was_last_used(demo_users, token_for, api_get):
    from sigtepunkt.web.accounts.models import ApiToken

    token = token_for("med")
    api_get(UNITS, token=token)
    assert ApiToken.objects.get(prefix=token[:8]).last_used_at is not None


def test_it_refuses_no_credentials_with_a_sentence(api_get):
    response = api_get(UNITS)
    assert response.status_code == 401
    assert response.json() == {"detail": str(NOT_AUTHENTICATED), "errors": []}
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer sp_wrong", "Bearer nottoken", "Bearer "])
def test_it_refuses_a_wrong_token(client, demo_users, header):
    response = client.get(UNITS, headers={"Authorization": header})
    assert response.status_code == 401


def test_it_says_when_the_token_is_wrong(api_get):
    response = api_get(UNITS, token="sp_" + "x" * 43)
    assert response.json()["detail"] == str(TOKEN_INVALID)


def test_it_refuses_a_revoked_token(demo_users, token_for, api_get):
    from sigtepunkt.web.accounts.models import ApiToken
    from sigtepunkt.web.accounts.services import api_token_revoke

    token = token_for("leder")
    assert api_get(UNITS, token=token).status_code == 200
    api_token_revoke(user=demo_users["leder"], token_id=ApiToken.objects.get(prefix=token[:8]).id)
    assert api_get(UNITS, token=token).status_code == 401


def test_it_refuses_the_token_of_an_inactive_user(demo_users, token_for, api_get):
    token = token_for("leder")
    demo_users["leder"].is_active = False
    demo_users["leder"].save()
    assert api_get(UNITS, token=token).status_code == 401


def test_a_wrong_token_is_refused_even_beside_a_session(client_as):
    client = client_as("hr")
    assert client.get(UNITS, headers={"Authorization": "Bearer sp_wrong"}).status_code == 401


def test_the_browser_session_reads_the_api(client_as):
    response = client_as("laeser").get("/api/v1/figures")
    assert response.status_code == 200


def test_the_api_only_reads(client_as, token_for):
    token = token_for("admin")
    response = client_as("admin").post(UNITS, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 405
