"""The API guide: how to make a token and read the figures with curl, Excel and Power BI."""

from __future__ import annotations

import logging

from django.shortcuts import render
from django.utils.translation import get_language

logger = logging.getLogger(__name__)


def guide(request):
    """The guide in the active language; long prose is kept whole per language rather than cut into msgids."""
    template = "api/guide_en.html" if (get_language() or "da").startswith("en") else "api/guide.html"
    base = request.build_absolute_uri("/api/v1/")
    return render(request, template, {"base": base, "nav": "api"})
