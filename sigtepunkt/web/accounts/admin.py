"""User and role administration through Django's admin, with every change in the audit log."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from sigtepunkt.web.accounts.models import ApiToken, AuditEvent, RoleAssignment
from sigtepunkt.web.accounts.services import administrator_flags_sync, audit_record


def _administrators_only(request) -> bool:
    """Only users with the administrator role open the admin pages (staff alone is not enough)."""
    user = request.user
    return user.is_active and user.is_staff and RoleAssignment.objects.filter(user=user, role="administrator").exists()


admin.site.has_permission = _administrators_only


class AuditedAdmin(admin.ModelAdmin):
    """Writes the audit log beside Django's own admin history."""

    audit_action = "user_changed"

    def log_addition(self, request, obj, message):
        audit_record(action=self.audit_action, request=request, target=f"{obj._meta.model_name}:{obj}",
                     detail={"added": True})
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit_record(action=self.audit_action, request=request, target=f"{obj._meta.model_name}:{obj}",
                     detail={"changed": str(message)[:500]})
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_record(action=self.audit_action, request=request, target=f"{obj._meta.model_name}:{obj}",
                         detail={"deleted": True})
        return super().log_deletions(request, queryset)


class RoleAssignmentForm(forms.ModelForm):
    """A role's unit must exist in the organisation tree, or the user would silently see nothing."""

    class Meta:
        model = RoleAssignment
        fields = ("user", "role", "unit_id")

    def clean_unit_id(self):
        from sigtepunkt.web.store import unit_tree

        unit_id = self.cleaned_data["unit_id"].strip()
        tree = unit_tree()
        if unit_id and tree.units and unit_id not in tree.units:
            raise forms.ValidationError(_("There is no unit with the id %(unit)s in the organisation. Use an id "
                                          "from the organisation file, or leave it empty for the whole "
                                          "organisation."), params={"unit": unit_id})
        return unit_id


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    form = RoleAssignmentForm
    extra = 1


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class SigtepunktUserAdmin(AuditedAdmin, UserAdmin):
    inlines = [RoleInline]

    def save_formset(self, request, form, formset, change):
        if formset.has_changed():
            audit_record(action="role_changed", request=request, target=f"user:{form.instance.username}",
                         detail={"changed": [str(f.instance) for f in formset.forms if f.has_changed()]})
        super().save_formset(request, form, formset, change)
        administrator_flags_sync(user=form.instance)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    form = RoleAssignmentForm
    audit_action = "role_changed"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        administrator_flags_sync(user=obj.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        administrator_flags_sync(user=obj.user)
    list_display = ("user", "role", "unit_id", "granted_at")
    list_filter = ("role",)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "action", "target", "ip_address")
    list_filter = ("action",)
    search_fields = ("username", "target")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at")
    readonly_fields = ("prefix", "digest")
