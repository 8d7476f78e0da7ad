"""`Server-Timing: app;dur=<ms>` on every response, for the web benchmark (`benchmarks/web.py`).

Enabled only when SIGTEPUNKT_SERVER_TIMING=1 (see settings): the benchmark needs the time the
application spends on a request, apart from the network and the client's own queueing, and
a production server has no reason to tell its timings to every browser.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)


def server_timing_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Time everything below this middleware (put it first, so that it wraps all the others)."""
    def middleware(request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        response = get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.2f}"
        return response
    return middleware
