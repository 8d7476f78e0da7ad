"""Django settings for development, the demo and the tests; production adds `settings_production`.

Everything that differs between installations comes from the environment, so that the same
code runs embedded (SQLite beside the DuckDB files in the data folder) and in production
(PostgreSQL, several stateless web workers). A bad value stops the start-up with a message.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.utils.translation import gettext_lazy as _

from sigtepunkt.config import get_settings

BASE_DIR = Path(__file__).resolve().parent
SIGTEPUNKT = get_settings()


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    return default if raw == "" else raw in ("1", "true", "yes", "ja")


def _database(url: str | None) -> dict:
    """SQLite in the data folder unless SIGTEPUNKT_DATABASE_URL names a PostgreSQL database."""
    if not url:
        # The tests' database is a file too (in the temporary folder), not SQLite's shared
        # in-memory cache: there a write by a background job (an import) locks the table for
        # the request thread at once ("database table is locked"), where with a file the other
        # connection waits for it (Django's busy timeout), as it does in production.
        test_name = Path(tempfile.gettempdir()) / f"sigtepunkt-test-{os.getpid()}.sqlite3"
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": SIGTEPUNKT.home / "app.sqlite3",
                "TEST": {"NAME": str(test_name)}}
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"SIGTEPUNKT_DATABASE_URL must start with postgresql://, not {parsed.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql", "NAME": parsed.path.lstrip("/"),
        "USER": unquote(parsed.username or ""), "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "", "PORT": str(parsed.port or ""), "CONN_MAX_AGE": 60,
    }


def _development_secret_key() -> str:
    """A key kept in the data folder (mode 0600), so that sessions survive a restart of the demo."""
    path = SIGTEPUNKT.home / "web-secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SIGTEPUNKT_SECRET_KEY") or _development_secret_key()
DEBUG = _env_bool("SIGTEPUNKT_DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SIGTEPUNKT_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "sigtepunkt.web.accounts",
    "sigtepunkt.web.insights",
    "sigtepunkt.web.datahub",
    "sigtepunkt.web.api",
    "sigtepunkt.web.strategy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sigtepunkt.web.language.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]
if _env_bool("SIGTEPUNKT_SERVER_TIMING", False):  # the web benchmark reads the server's own time per request
    MIDDLEWARE.insert(0, "sigtepunkt.web.timing.server_timing_middleware")

ROOT_URLCONF = "sigtepunkt.web.urls"
WSGI_APPLICATION = "sigtepunkt.web.wsgi.application"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "sigtepunkt.web.accounts.context.access",
    ]},
}]

DATABASES = {"default": _database(os.environ.get("SIGTEPUNKT_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "sp-login"
LOGIN_REDIRECT_URL = "sp-home"
LOGOUT_REDIRECT_URL = "sp-login"

# Rate-limited login (django-axes): five failures for a user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script anywhere: chart specs travel as JSON data blocks read by a served file.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],  # Vega sets style attributes on the SVG it draws
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = False  # figures are grouped by `insights.formatting`; years stay 2025
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step for the demo
WHITENOISE_MAX_AGE = 3600

# An HR export upload on the data page: larger files are refused with a Danish message.
DATAHUB_UPLOAD_MAX_BYTES = int(os.environ.get("SIGTEPUNKT_UPLOAD_MAX_MB") or 200) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1, "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SIGTEPUNKT_LOG_LEVEL", "WARNING")},
}
