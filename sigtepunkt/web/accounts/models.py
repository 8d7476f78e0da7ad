"""Who may see what: roles granted on a unit of the organisation tree, and what happened."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    HR_ANALYST = "hr_analyst", _("HR analyst")
    LEADER = "leader", _("Leader")
    MED_MEMBER = "med_member", _("MED member")
    VIEWER = "viewer", _("Viewer")


class RoleAssignment(models.Model):
    """A role on a unit and everything under it; no unit means the whole installation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments",
                             verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit_id = models.CharField(_("unit"), max_length=64, blank=True,
                               help_text=_("The unit's id from the organisation file. Empty: the whole organisation."))
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit_id"], name="unique_role_on_unit")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.unit_id or '*'}"


class AuditEvent(models.Model):
    """One line of the audit log: logins, failed logins, exports, imports, changes to users and roles."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logout")
        EXPORT = "export", _("Export")
        API_READ = "api_read", _("API read")
        IMPORT = "import", _("Import")
        IMPORT_REJECTED = "import_rejected", _("Rejected import")
        RECOMPUTE = "recompute", _("Recomputation")
        USER_CHANGED = "user_changed", _("User changed")
        ROLE_CHANGED = "role_changed", _("Role changed")
        TOKEN_CHANGED = "token_changed", _("API token changed")
        ACCESS_DENIED = "access_denied", _("Access denied")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             verbose_name=_("user"))
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    target = models.CharField(_("object"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")


class ApiToken(models.Model):
    """A personal token for the read API; only its SHA-256 is stored, the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
