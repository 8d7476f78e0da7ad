"""Errors answer in Danish, with the right status, on pages that work even when the app does not."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import gettext
from django.views import defaults
from django.views.csrf import csrf_failure

pytestmark = pytest.mark.django_db


def da(msgid: str) -> str:
    with translation.override("da"):
        return gettext(msgid)


def test_an_unknown_address_gets_the_danish_404_page(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{da('Page not found')}</h1>" in html and 'lang="da"' in html


def test_a_unit_outside_the_leaders_centre_gets_the_danish_403_page(client_as, units):
    response = client_as("leder").get(f"/enhed/{units['outside']}/")
    assert response.status_code == 403
    assert f"<h1>{da('You do not have access to this page')}</h1>" in response.content.decode()


def test_the_500_page_renders_without_the_request_context():
    with translation.override("da"):
        response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert f"<h1>{da('Something went wrong')}</h1>" in response.content.decode()


def test_a_failed_csrf_check_explains_itself_in_danish():
    request = RequestFactory().post("/")
    request.user = AnonymousUser()  # the middleware has set it by the time the CSRF check fails
    with translation.override("da"):
        response = csrf_failure(request, reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert f"<h1>{da('The form has expired')}</h1>" in response.content.decode()
    through_the_stack = Client(enforce_csrf_checks=True).post("/login/", {"username": "x"})
    assert through_the_stack.status_code == 403
    assert f"<h1>{da('The form has expired')}</h1>" in through_the_stack.content.decode()
