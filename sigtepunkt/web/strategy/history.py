"""Change history of milestones and initiatives: every save through the services leaves a record.

Kept as field-level before/after values (JSON) rather than whole copies, so that the
history page can say "deadline: 31.12.2025 → 30.06.2026, by anne, 3 March".
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from sigtepunkt.web.strategy.models import ChangeRecord

TRACKED_TYPES = {"Milestone": "milestone", "Initiative": "initiative"}


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(obj: models.Model) -> dict:
    """The object's editable fields as plain values (many-to-many as sorted names)."""
    values = {f.name: _plain(getattr(obj, f.name)) for f in obj._meta.concrete_fields if f.name != "id"}
    if obj.pk:
        for field in obj._meta.many_to_many:
            values[field.name] = sorted(str(o) for o in getattr(obj, field.name).all())
    return values


def history_record(*, obj: models.Model, user, before: dict | None, action: str = "") -> ChangeRecord | None:
    """Store what changed between `before` and the object now; nothing when nothing changed."""
    after = snapshot(obj)
    if before is None:
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [])}
        action = action or "created"
    else:
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        action = action or "changed"
    if not changes and action == "changed":
        return None
    return ChangeRecord.objects.create(user=user if getattr(user, "is_authenticated", False) else None,
                                       object_type=TRACKED_TYPES[type(obj).__name__], object_id=obj.pk,
                                       action=action, changes=changes)


def history_note(*, obj: models.Model, user, action: str, changes: dict) -> ChangeRecord:
    """Record an addition that is not a field of the object itself (a progress line, an approval)."""
    return ChangeRecord.objects.create(user=user if getattr(user, "is_authenticated", False) else None,
                                       object_type=TRACKED_TYPES[type(obj).__name__], object_id=obj.pk,
                                       action=action, changes={k: [None, _plain(v)] for k, v in changes.items()})


def history_list(*, obj: models.Model) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.filter(object_type=TRACKED_TYPES[type(obj).__name__], object_id=obj.pk)
                .select_related("user"))
