"""The API's error messages, one constant each, and the exception that carries one to the caller.

Tests assert on these constants, never on a copied sentence. The msgids are English; the
Danish catalogue gives the caller Danish text, as on the pages.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

NOT_AUTHENTICATED = _("Sign in, or send your API token in the header Authorization: Bearer sp_…")
TOKEN_INVALID = _("The API token is not valid: it is wrong or revoked, or its user is no longer active.")
UNIT_FORBIDDEN = _("You do not have access to unit %(unit)s.")
UNIT_NOT_FOUND = _("Unit %(unit)s does not exist.")
FIGURE_NOT_FOUND = _("Key figure %(figure)s does not exist.")
INVALID_PARAMETERS = _("The request has invalid parameters; see errors.")
PERIOD_RANGE = _("period_start_from must be on or before period_start_to.")
NO_DATA = _("No key figures have been computed yet.")


class ApiError(Exception):
    """An answer other than 200, with its status and a message for the caller."""

    def __init__(self, status: int, message: str, *, errors: list[dict] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []
