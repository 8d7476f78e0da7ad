"""Finishing touches to the OpenAPI document django-ninja generates from the schemas.

Ninja names error responses by their HTTP phrase only and copies a field's `examples` list
onto the parameter, where OpenAPI wants a single `example`. Here each error gets a sentence
and an example body, and parameter examples get the form the specification asks for.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

ERRORS = {
    "401": ("No session and no token, or a token that is wrong, revoked or belongs to an inactive user.",
            "Log ind, eller send din API-nøgle i headeren Authorization: Bearer sp_…"),
    "403": ("A unit in the `unit` filter is outside the units you may see.",
            "Du har ikke adgang til enheden 1001."),
    "404": ("The unit or key figure does not exist.", "Enheden 9999 findes ikke."),
    "422": ("A parameter is not valid; `errors` names each one.",
            "Forespørgslen har ugyldige parametre; se errors."),
    "503": ("No key figures have been computed yet.", "Der er endnu ikke beregnet nøgletal."),
}
SECURITY = {
    "ApiTokenAuth": "A personal token from /konto/tokens/: `Authorization: Bearer sp_…`.",
    "BrowserSession": "The session cookie of a user signed in on the site (for opening URLs in the browser).",
}


def _error_example(status: str, detail: str) -> dict:
    errors = [{"parameter": "period_kind", "message": "Ikke en af de tilladte værdier: 'year', 'quarter', "
                                                      "'month' eller 'rolling12'."}] if status == "422" else []
    return {"detail": detail, "errors": errors}


def _polish_operation(operation: dict) -> None:
    for parameter in operation.get("parameters", []):
        examples = parameter.pop("examples", None)
        if examples:
            parameter["example"] = examples[0]
    for status, response in operation.get("responses", {}).items():
        if status in ERRORS:
            description, detail = ERRORS[status]
            response["description"] = description
            for media in response.get("content", {}).values():
                media["example"] = _error_example(status, detail)


def openapi_polish(schema: dict) -> dict:
    """Describe every error response and security scheme; make parameter examples valid OpenAPI."""
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            _polish_operation(operation)
    for name, scheme in schema.get("components", {}).get("securitySchemes", {}).items():
        if name in SECURITY:
            scheme["description"] = SECURITY[name]
    return schema
