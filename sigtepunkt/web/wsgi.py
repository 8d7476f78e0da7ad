"""The WSGI entry point, for `sigtepunkt serve` and any WSGI server (gunicorn, waitress, mod_wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sigtepunkt.web.settings")
application = get_wsgi_application()
