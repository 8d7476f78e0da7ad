"""Translation for the engine and the command line: English msgids, Danish by default.

The engine imports no Django, so it uses the standard library's gettext with its own
catalogue (`sigtepunkt/locale/<lang>/LC_MESSAGES/sigtepunkt.po`, compiled to `.mo`).
The language is Danish unless `SIGTEPUNKT_LANGUAGE` says otherwise ("en" for English);
the web layer can switch it per request with `activate`.
"""

from __future__ import annotations

import gettext as _gettext
import logging
import os
from contextvars import ContextVar
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

DOMAIN = "sigtepunkt"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "da"
LANGUAGES = ("da", "en")

_active: ContextVar[str | None] = ContextVar("sigtepunkt_language", default=None)


@cache
def _translations(language: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def language() -> str:
    """Return the active language: the one activated, else the environment's, else Danish."""
    chosen = _active.get() or os.environ.get("SIGTEPUNKT_LANGUAGE") or DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def activate(lang: str) -> None:
    """Make `lang` the language of this context (thread or task)."""
    _active.set(lang)


def gettext(message: str) -> str:
    """Translate an English message into the active language."""
    return _translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count."""
    return _translations(language()).ngettext(singular, plural, n)
