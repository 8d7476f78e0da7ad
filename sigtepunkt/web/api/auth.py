"""Who is calling: a personal API token (`Authorization: Bearer sp_…`) or the browser's session.

The token's user becomes `request.user`, so the API resolves access exactly as the pages do
(`request_access`). A token that is sent but not valid is refused outright rather than
falling back to a session: a script should learn that its token stopped working.
"""

from __future__ import annotations

import logging

from ninja.security import HttpBearer, SessionAuth

from sigtepunkt.web.accounts.services import api_token_user
from sigtepunkt.web.api.errors import TOKEN_INVALID, ApiError

logger = logging.getLogger(__name__)


class ApiTokenAuth(HttpBearer):
    """A personal token made on /konto/tokens/; only its SHA-256 is stored."""

    def authenticate(self, request, token: str):
        user = api_token_user(token=token.strip())
        if user is None:
            raise ApiError(401, str(TOKEN_INVALID))
        request.user = user
        return user


class BrowserSession(SessionAuth):
    """The signed-in user of the site, for links opened in the browser (the API only reads)."""

    def authenticate(self, request, key: str | None):
        user = request.user
        return user if user.is_authenticated and user.is_active else None


AUTH = [ApiTokenAuth(), BrowserSession()]
