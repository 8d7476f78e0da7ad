"""Fixtures shared by the whole suite (the web application's live in sigtepunkt.web.testing)."""

pytest_plugins = ["sigtepunkt.web.testing"]
