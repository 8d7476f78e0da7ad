"""The read API, version 1: key figures, units, cells, benchmarks and meta as JSON under /api/v1/.

django-ninja builds the OpenAPI document from the schemas. Its Swagger page is switched off
(it loads from a CDN, and every asset must come from the app); the guide at
/api/vejledning/ explains the API instead. Every error is JSON with a `detail` sentence.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.renderers import JSONRenderer

from sigtepunkt.insights.reader import StoreMissing
from sigtepunkt.web.api.auth import AUTH
from sigtepunkt.web.api.endpoints import router
from sigtepunkt.web.api.errors import INVALID_PARAMETERS, NO_DATA, NOT_AUTHENTICATED, ApiError
from sigtepunkt.web.api.openapi import openapi_polish

logger = logging.getLogger(__name__)

DESCRIPTION = """Read-only access to sigtepunkt's key figures: aggregates only, for the units you may see.

Authenticate with a personal token (made on /konto/tokens/) in the header
`Authorization: Bearer sp_…`, or open a URL in the browser while signed in.
Cells of groups below the suppression threshold have `suppressed: true` and null numbers.
Dates are ISO 8601. A guide with Excel and Power BI examples is at /api/vejledning/."""

class Utf8Json(JSONRenderer):
    """UTF-8 as it is (æ, ø, å) rather than \\u escapes; NaN is refused, never written."""

    json_dumps_params = {"ensure_ascii": False, "allow_nan": False}


class SigtepunktApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict | None = None):
        return openapi_polish(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = SigtepunktApi(title="sigtepunkt API", version="1", description=DESCRIPTION, urls_namespace="sp-api-v1",
               docs_url=None, openapi_url="/openapi.json", auth=AUTH, renderer=Utf8Json())
api.add_router("/", router)


def _error(request, status: int, detail: str, errors: list[dict] | None = None):
    response = api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="sigtepunkt"'
    return response


def _parameter(error: dict) -> str:
    """The parameter's name from pydantic's location (`["query", "figure", 0]` is the figure filter)."""
    return next((str(part) for part in reversed(error.get("loc", ())) if isinstance(part, str)), "?")


def _message(error: dict) -> str:
    """A sentence for one pydantic error, in the active language where we know the kind."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "literal_error":
        return _("Not one of the allowed values: %(expected)s.") % {"expected": ctx.get("expected", "")}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Must be a whole number.")
    if kind == "greater_than_equal":
        return _("Must be at least %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Must be at most %(limit)s.") % {"limit": ctx.get("le")}
    if kind.startswith("date"):
        return _("Must be a date written YYYY-MM-DD.")
    if kind.startswith("bool"):
        return _("Must be true or false.")
    return str(error.get("msg", ""))


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _error(request, exc.status, exc.message, exc.errors)


@api.exception_handler(AuthenticationError)
def _not_authenticated(request, exc: AuthenticationError):
    return _error(request, 401, str(NOT_AUTHENTICATED))


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    errors = [{"parameter": _parameter(e), "message": _message(e)} for e in exc.errors]
    return _error(request, 422, str(INVALID_PARAMETERS), errors)


@api.exception_handler(StoreMissing)
def _no_data(request, exc: StoreMissing):
    return _error(request, 503, str(NO_DATA))
