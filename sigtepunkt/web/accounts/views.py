"""Login and logout, the user's own API tokens, and the administrator's audit log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigtepunkt.web.accounts.access import request_access, require
from sigtepunkt.web.accounts.forms import AuditFilterForm, LoginForm, TokenForm
from sigtepunkt.web.accounts.models import ApiToken, AuditEvent
from sigtepunkt.web.accounts.services import api_token_create, api_token_revoke


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def audit_log(request):
    require(request, allowed=request_access(request).is_administrator)
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.all()
    if form.is_valid():
        events = form.filter(events)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"form": form, "page": page})


@login_required
def tokens(request):
    new_token = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    items = ApiToken.objects.filter(user=request.user)
    return render(request, "accounts/tokens.html", {"form": form, "tokens": items, "new_token": new_token})


@login_required
@require_POST
def token_revoke(request, token_id: int):
    api_token_revoke(user=request.user, token_id=token_id)
    messages.success(request, _("The token was revoked."))
    return redirect("sp-tokens")
