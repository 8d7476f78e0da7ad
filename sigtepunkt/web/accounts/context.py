"""Template context: the user's access, for menus that show only what the user may open."""

from sigtepunkt.web.accounts.access import request_access


def access(request) -> dict:
    return {"access": request_access(request)}
