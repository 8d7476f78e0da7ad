"""The data page (HR analysts and administrators only): imports, upload with progress, recompute, baseline."""

from __future__ import annotations

import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from sigtepunkt.analytics.baseline.services import BaselineError
from sigtepunkt.web.accounts.access import request_access, require
from sigtepunkt.web.datahub import selectors, services
from sigtepunkt.web.datahub.forms import BaselineForm, UploadForm
from sigtepunkt.web.datahub.staging import (
    StagingUploadHandler,
    staging_folder_create,
    staging_remove,
    upload_max_bytes,
)

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def data_managers_only(view):
    """Login, then the HR analyst or administrator role, before anything else (also before the method)."""
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        require(request, allowed=request_access(request).can_manage_data)
        return view(request, *args, **kwargs)
    return wrapped


def _page_context(request, *, form: UploadForm | None = None) -> dict:
    page = selectors.data_page_read(language=request.LANGUAGE_CODE)
    return {"nav": "data", "page": page, "form": form or UploadForm(),
            "baseline_form": BaselineForm(years=page.store.years if page.store else ()),
            "import_tables": selectors.import_tables(language=request.LANGUAGE_CODE),
            "max_mb": upload_max_bytes() // (1024 * 1024)}


def _render_page(request, *, form: UploadForm | None = None, status: int = 200):
    return render(request, "datahub/data.html", _page_context(request, form=form), status=status)


@data_managers_only
def data_page(request):
    return _render_page(request)


@data_managers_only
def job_status(request, job_id: int):
    """The polled fragment: progress while the job runs; its result and a fresh page (out of band) when it ends."""
    job = selectors.job_get(job_id=job_id)
    if job is None:
        raise Http404(job_id)
    context = _page_context(request) | {"oob": True} if job.is_finished else {}
    return render(request, "datahub/_job_fragment.html", context | {"job": job})


@csrf_exempt  # checked by `_upload_checked` once the upload handler is in place (Django's documented order)
@data_managers_only
def upload(request):
    """Stream the files into a private folder under the data home, then start the import."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    folder = staging_folder_create(home=settings.SIGTEPUNKT.home)
    handler = StagingUploadHandler(request, folder=folder, max_bytes=upload_max_bytes())
    request.upload_handlers = [handler]
    try:
        return _upload_checked(request, handler=handler)
    finally:
        if not handler.handed_over:  # refused, invalid or a failed CSRF check: the files go at once
            staging_remove(folder)


@csrf_protect
def _upload_checked(request, *, handler: StagingUploadHandler):
    files = request.FILES  # parse the upload (through the handler) before asking it anything
    if handler.too_large:
        messages.error(request, services.UPLOAD_TOO_LARGE % {"mb": upload_max_bytes() // (1024 * 1024)})
        return redirect("sp-data")
    form = UploadForm(request.POST, files)
    if not form.is_valid():
        return _render_page(request, form=form, status=400)
    export = services.UploadedExport(handler.folder, tuple(f.path for f in form.cleaned_data["files"]),
                                     form.cleaned_data["extract_date"])
    try:
        services.import_job_start(user=request.user, export=export, language=request.LANGUAGE_CODE)
    except services.JobBusy:
        messages.error(request, services.JOB_BUSY)
    except services.StagingError as exc:
        messages.error(request, services.UPLOAD_MESSAGES[exc.code])
    else:
        handler.handed_over = True
    return redirect("sp-data")


@data_managers_only
@require_POST
def recompute(request):
    try:
        services.recompute_job_start(user=request.user, language=request.LANGUAGE_CODE)
    except services.JobBusy:
        messages.error(request, services.JOB_BUSY)
    return redirect("sp-data")


@data_managers_only
def baseline(request):
    """The baseline workbook (startmåling) for the chosen year, written to a temporary file and streamed."""
    store = selectors.store_overview_read()
    form = BaselineForm(request.GET, years=store.years if store else ())
    if not form.is_valid():
        messages.error(request, services.BASELINE_NO_YEAR)
        return redirect("sp-data")
    year = form.cleaned_data["year"]
    try:
        path = services.baseline_file_create(request=request, year=year)
    except BaselineError as exc:
        messages.error(request, str(exc))
        return redirect("sp-data")
    handle = path.open("rb")
    path.unlink()  # the open handle keeps the bytes until the response is sent
    return FileResponse(handle, as_attachment=True, filename=f"sigtepunkt-startmaaling-{year}.xlsx",
                        content_type=XLSX)
