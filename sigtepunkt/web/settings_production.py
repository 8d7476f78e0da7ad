"""Production settings: HTTPS only, secrets and hosts from the environment, nothing defaulted.

Use with DJANGO_SETTINGS_MODULE=sigtepunkt.web.settings_production. `manage.py check --deploy`
is clean under these settings (a test keeps it so).
"""

from __future__ import annotations

import os

from sigtepunkt.web.settings import *  # noqa: F403
from sigtepunkt.web.settings import _env_bool

try:
    SECRET_KEY = os.environ["SIGTEPUNKT_SECRET_KEY"]
except KeyError as exc:
    raise RuntimeError("Set SIGTEPUNKT_SECRET_KEY (at least 50 random characters) for production") from exc
if not os.environ.get("SIGTEPUNKT_ALLOWED_HOSTS"):
    raise RuntimeError("Set SIGTEPUNKT_ALLOWED_HOSTS to the host names the application is served at")

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = _env_bool("SIGTEPUNKT_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STATIC_ROOT = SIGTEPUNKT.home / "static"  # noqa: F405  (collectstatic target)
STATIC_ROOT = SIGTEPUNKT.home / "static"  # noqa: F405  (the collectstatic target)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("SIGTEPUNKT_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
