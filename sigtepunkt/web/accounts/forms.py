from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from sigtepunkt.web.accounts.models import AuditEvent


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is wrong. Both are case sensitive."),
        "inactive": _("This user is not active. Ask your administrator."),
    }


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name of the token"), max_length=100,
                           help_text=_("For example 'Power BI, HR dashboard'."))


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False,
                               choices=[("", _("All actions")), *AuditEvent.Action.choices])
    username = forms.CharField(label=_("User name"), required=False, max_length=150)

    def filter(self, events):
        if action := self.cleaned_data.get("action"):
            events = events.filter(action=action)
        if username := self.cleaned_data.get("username"):
            events = events.filter(username__icontains=username)
        return events
