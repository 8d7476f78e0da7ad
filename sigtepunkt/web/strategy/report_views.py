"""The status report of a strategy or a forum: page, PDF and XLSX (the files are exports, audited)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from sigtepunkt.web.accounts.access import request_access, require
from sigtepunkt.web.accounts.services import audit_record
from sigtepunkt.web.store import unit_tree
from sigtepunkt.web.strategy.models import Forum
from sigtepunkt.web.strategy.report import Report, forum_report, strategy_report
from sigtepunkt.web.strategy.report_files import report_pdf, report_xlsx
from sigtepunkt.web.strategy.views import strategy_for_user

CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _respond(request, report: Report, *, name: str, fmt: str | None, links: dict) -> HttpResponse:
    if fmt is None:
        return render(request, "strategy/report.html", {"nav": "strategy", "report": report, "links": links,
                                                        "tree": unit_tree()})
    if fmt not in CONTENT_TYPES:
        raise Http404(fmt)
    require(request, allowed=request_access(request).can_export)
    body = report_pdf(report=report, request=request) if fmt == "pdf" else report_xlsx(report=report, tree=unit_tree())
    audit_record(action="export", request=request, target=f"{name}.{fmt}", detail={"milestones": len(report.rows)})
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="statusrapport-{name}-{dt.date.today().isoformat()}.{fmt}"'
    return response


@login_required
def strategy_status_report(request, strategy_id: int, fmt: str | None = None):
    strategy, _can_edit = strategy_for_user(request, strategy_id)
    report = strategy_report(strategy=strategy, tree=unit_tree())
    return _respond(request, report, name=strategy.key, fmt=fmt,
                    links={"pdf": "sp-strategy-report-file", "args": [strategy.id], "strategy": strategy})


@login_required
def forum_status_report(request, forum_id: int, fmt: str | None = None):
    forum = get_object_or_404(Forum, pk=forum_id)
    report = forum_report(forum=forum, access=request_access(request), tree=unit_tree())
    return _respond(request, report, name=forum.key, fmt=fmt,
                    links={"pdf": "sp-forum-report-file", "args": [forum.id]})
