"""Writes about users: the audit log, roles, API tokens, demo logins."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sigtepunkt.web.accounts.models import ApiToken, AuditEvent, RoleAssignment

TOKEN_PREFIX = "sp_"


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def audit_record(*, action: str, request=None, user=None, username: str = "", target: str = "",
                 detail: dict | None = None, ip_address: str | None = None) -> AuditEvent:
    """Append one event to the audit log (never updated, never deleted by the application).

    `ip_address` is for work that outlives its request (an import in a background thread).
    """
    if user is None and request is not None and getattr(request, "user", None) is not None \
            and request.user.is_authenticated:
        user = request.user
    return AuditEvent.objects.create(
        action=action, user=user, username=username or (user.get_username() if user else ""),
        target=target[:300], detail=detail or {}, ip_address=ip_address or client_ip(request),
    )


@transaction.atomic
def user_create(*, username: str, password: str, roles: list[tuple[str, str]], email: str = "",
                first_name: str = "", actor=None) -> object:
    """Create (or reset) a user with the given (role, unit_id) pairs, and log it."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    user.set_password(password)
    user.email, user.first_name, user.is_active = email, first_name, True
    user.save()
    RoleAssignment.objects.filter(user=user).delete()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r, unit_id=u) for r, u in roles])
    administrator_flags_sync(user=user)
    audit_record(action="user_changed", user=actor, target=f"user:{username}",
                 detail={"created": created, "roles": [f"{r}@{u or '*'}" for r, u in roles]})
    return user


def administrator_flags_sync(*, user) -> None:
    """Django's admin pages (users and roles) follow the administrator role: staff and superuser exactly then."""
    from sigtepunkt.web.accounts.models import Role

    is_admin = RoleAssignment.objects.filter(user=user, role=Role.ADMINISTRATOR).exists()
    if (user.is_staff, user.is_superuser) != (is_admin, is_admin):
        user.is_staff = user.is_superuser = is_admin
        user.save(update_fields=["is_staff", "is_superuser"])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user, name: str) -> str:
    """Make a new token and return it; it cannot be shown again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, prefix=token[:8], digest=_digest(token))
    audit_record(action="token_changed", user=user, target=f"token:{name}", detail={"created": True})
    return token


def api_token_revoke(*, user, token_id: int) -> None:
    deleted, _ = ApiToken.objects.filter(user=user, id=token_id).delete()
    if deleted:
        audit_record(action="token_changed", user=user, target=f"token:{token_id}", detail={"revoked": True})


def api_token_user(*, token: str):
    """The active user a token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    found = ApiToken.objects.select_related("user").filter(digest=_digest(token)).first()
    if found is None or not found.user.is_active:
        return None
    if found.last_used_at is None or (timezone.now() - found.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(id=found.id).update(last_used_at=timezone.now())
    return found.user


DEMO_PASSWORD = "sigtepunkt-demo"


def demo_users_create(*, tree) -> list[tuple[str, str, str]]:
    """Demo logins on the synthetic municipality, one per role: (user name, role, unit name)."""
    from sigtepunkt.web.accounts.models import Role

    municipality = next((u for u in tree.units.values() if u.level == "municipality" and u.is_current), None)
    centre = next((tree.units[c] for c in tree.current_children(municipality.unit_id)), None) if municipality else None
    area = next((tree.units[c] for c in tree.current_children(centre.unit_id)), None) if centre else None
    workplace = next((tree.units[c] for c in tree.current_children(area.unit_id)), None) if area else None
    plan = [
        ("admin", Role.ADMINISTRATOR, None), ("hr", Role.HR_ANALYST, municipality), ("leder", Role.LEADER, centre),
        ("med", Role.MED_MEMBER, area), ("laeser", Role.VIEWER, workplace),
    ]
    made = []
    for username, role, unit in plan:
        user_create(username=username, password=DEMO_PASSWORD, roles=[(role, unit.unit_id if unit else "")])
        made.append((username, str(role.label), unit.name if unit else "*"))
    return made
