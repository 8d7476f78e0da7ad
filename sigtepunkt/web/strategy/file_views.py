"""Strategy files and indicator files: upload with the Danish problem report, download as YAML or JSON.

An upload is all or nothing: the parser collects every problem with its path in the document
(or row and column in a CSV) and what to do, and nothing is stored unless there is no error.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from sigtepunkt.web.accounts.access import request_access, require
from sigtepunkt.web.accounts.services import audit_record
from sigtepunkt.web.strategy.document_build import strategy_file_text
from sigtepunkt.web.strategy.forms import FileForm
from sigtepunkt.web.strategy.loading import indicator_upload, strategy_upload
from sigtepunkt.web.strategy.models import ExternalSeries
from sigtepunkt.web.strategy.views import strategy_for_user

FILE_TYPES = {"yaml": "application/yaml; charset=utf-8", "json": "application/json; charset=utf-8"}


@login_required
def strategy_file_upload(request):
    require(request, allowed=request_access(request).can_manage_data)
    form = FileForm(request.POST or None, request.FILES or None, suffixes=(".yaml", ".yml", ".json"))
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        strategy, problems = strategy_upload(data=upload.read(), file=upload.name, user=request.user)
        if strategy is not None:
            audit_record(action="strategy_upload", request=request, target=f"strategy:{strategy.key}")
            return redirect("sp-strategy", strategy.id)
    return render(request, "strategy/upload.html", {"nav": "strategy", "form": form, "problems": problems,
                                                    "kind": "strategy"})


@login_required
def strategy_file_download(request, strategy_id: int, fmt: str):
    if fmt not in FILE_TYPES:
        raise Http404(fmt)
    strategy, _can_edit = strategy_for_user(request, strategy_id)
    text = strategy_file_text(strategy=strategy, fmt=fmt)
    audit_record(action="export", request=request, target=f"strategy:{strategy.key}.{fmt}")
    response = HttpResponse(text.encode("utf-8"), content_type=FILE_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{strategy.key}.{fmt}"'
    return response


@login_required
def indicators(request):
    """The imported external indicators, and (for administrators and HR analysts) an upload form."""
    access = request_access(request)
    form = FileForm(request.POST or None, request.FILES or None, suffixes=(".csv",)) if access.can_manage_data \
        else None
    problems, imported = [], None
    if request.method == "POST":
        require(request, allowed=access.can_manage_data)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            imported, problems = indicator_upload(data=upload.read(), file=upload.name)
            if imported:
                audit_record(action="indicator_upload", request=request, target=upload.name[:200])
    series = ExternalSeries.objects.prefetch_related("points")
    return render(request, "strategy/indicators.html", {"nav": "strategy", "form": form, "problems": problems,
                                                        "imported": imported, "series": series})
