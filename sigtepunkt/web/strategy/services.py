"""Writes of strategy work: load a strategy file, record progress and approvals, import indicators.

Every write of a milestone or an initiative leaves a `ChangeRecord` (see `history`).
Loading a file whose strategy key exists replaces that strategy whole, in one transaction:
a file is the strategy, so the same file twice gives the same tables.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.text import slugify

from sigtepunkt.strategy.document import model as doc
from sigtepunkt.strategy.document.units import OrgUnit
from sigtepunkt.strategy.external.model import ExternalSeries as ExternalSeriesData
from sigtepunkt.web.strategy.history import history_note, history_record, snapshot
from sigtepunkt.web.strategy.models import (
    Approval,
    ExternalPoint,
    ExternalSeries,
    Forum,
    Initiative,
    Milestone,
    Objective,
    ProgressEntry,
    Strategy,
    Track,
)


def org_units_of(tree) -> list[OrgUnit]:
    """The current units as the strategy file's unit resolver wants them."""
    return [OrgUnit(u.unit_id, u.name, u.level, u.parent_id) for u in tree.units.values() if u.is_current]


def _forums(document: doc.StrategyDocument) -> dict[str, Forum]:
    forums = {}
    for f in document.forums:
        forums[f.key], _ = Forum.objects.update_or_create(key=f.key, defaults={
            "name": f.name, "kind": f.kind.value, "unit_id": (f.unit.unit_id or "") if f.unit else ""})
    for key in {document.strategy.owner_forum} - set(forums):
        forums[key] = Forum.objects.get(key=key)
    return forums


def _milestone_fields(m: doc.Milestone) -> dict:
    if m.deliverable is not None:
        ev = m.deliverable.evidence
        return {"kind": Milestone.Kind.DELIVERABLE, "deadline": m.deliverable.due,
                "evidence_kind": ev.kind.value if ev else "", "evidence_date": ev.date if ev else None,
                "evidence": ev.text if ev else ""}
    me = m.measured
    assert me is not None
    t = me.target
    return {"kind": Milestone.Kind.MEASURED, "deadline": me.deadline, "figure_id": me.figure or "",
            "indicator_table": me.indicator.table if me.indicator else "",
            "indicator_area": (me.indicator.area or "") if me.indicator else "",
            "indicator_labels": [list(p) for p in me.indicator.labels] if me.indicator else [],
            "unit_id": (me.unit.unit_id or "") if me.unit else "", "segment": me.segment.dimension,
            "segment_value": me.segment.value, "baseline_year": me.baseline_year, "target_kind": t.kind.value,
            "target_value": t.value, "benchmark_set": t.benchmark_set or "", "tolerance": t.tolerance,
            "reference_year": t.reference_year, "margin": t.margin,
            "direction": me.direction.value if me.direction else ""}


def _tracks(strategy: Strategy, document: doc.StrategyDocument, user) -> tuple[dict, dict]:
    tracks, milestones = {}, {}
    for i, t in enumerate(document.tracks):
        track = Track.objects.create(strategy=strategy, key=t.key, kind=t.kind.value, title=t.title,
                                     vision=t.vision, order=i)
        tracks[t.key] = track
        for j, o in enumerate(t.objectives):
            objective = Objective.objects.create(track=track, key=o.key, title=o.title, order=j)
            for k, m in enumerate(o.milestones):
                milestone = Milestone.objects.create(objective=objective, key=m.key, title=m.title, order=k,
                                                     **_milestone_fields(m))
                history_record(obj=milestone, user=user, before=None, action="imported")
                milestones[m.key] = milestone
    return tracks, milestones


def _initiatives(strategy, document, forums, tracks, milestones, user) -> None:
    for i in document.initiatives:
        initiative = Initiative.objects.create(
            strategy=strategy, key=i.key, title=i.title, description=i.description, level=i.level.value,
            unit_id=(i.unit.unit_id or "") if i.unit else "", forum=forums.get(i.forum) if i.forum else None,
            responsible=i.responsible, start=i.start, end=i.end, status=i.status.value)
        initiative.tracks.set([tracks[k] for k in i.tracks])
        initiative.milestones.set([milestones[k] for k in i.milestones])
        ProgressEntry.objects.bulk_create([ProgressEntry(initiative=initiative, date=p.date, text=p.text)
                                           for p in i.progress])
        Approval.objects.bulk_create([Approval(initiative=initiative, forum=forums[a.forum], date=a.date,
                                               minute=a.minute) for a in i.approvals])
        history_record(obj=initiative, user=user, before=None, action="imported")


@transaction.atomic
def strategy_import(*, document: doc.StrategyDocument, user=None, unit_id: str = "") -> Strategy:
    """Create the strategy of a parsed file, replacing a strategy with the same key."""
    forums = _forums(document)
    head = document.strategy
    Strategy.objects.filter(key=head.key).delete()
    strategy = Strategy.objects.create(key=head.key, title=head.title, owner_forum=forums[head.owner_forum],
                                       unit_id=unit_id, period_start=head.period.start, period_end=head.period.end,
                                       purpose=head.purpose)
    tracks, milestones = _tracks(strategy, document, user)
    _initiatives(strategy, document, forums, tracks, milestones, user)
    return strategy


@transaction.atomic
def progress_add(*, initiative: Initiative, date: dt.date, text: str, user) -> ProgressEntry:
    entry = ProgressEntry.objects.create(initiative=initiative, date=date, text=text, author=user)
    history_note(obj=initiative, user=user, action="progress", changes={"progress": f"{date.isoformat()}: {text}"})
    return entry


@transaction.atomic
def approval_add(*, initiative: Initiative, forum: Forum, date: dt.date, minute: str, user) -> Approval:
    approval = Approval.objects.create(initiative=initiative, forum=forum, date=date, minute=minute, recorded_by=user)
    history_note(obj=initiative, user=user, action="approved",
                 changes={"approval": f"{forum.name}, {date.isoformat()}: {minute}"})
    return approval


@transaction.atomic
def initiative_update(*, initiative: Initiative, user, **fields) -> Initiative:
    """Change an initiative's fields (and its tracks/milestones when given) and keep the history."""
    before = snapshot(initiative)
    relations = {k: fields.pop(k) for k in ("tracks", "milestones") if k in fields}
    _fields_save(initiative, fields)
    for name, value in relations.items():
        getattr(initiative, name).set(value)
    history_record(obj=initiative, user=user, before=before)
    return initiative


@transaction.atomic
def milestone_update(*, milestone: Milestone, user, **fields) -> Milestone:
    before = snapshot(milestone)
    _fields_save(milestone, fields)
    history_record(obj=milestone, user=user, before=before)
    return milestone


@transaction.atomic
def external_series_import(*, series: list[ExternalSeriesData], file: str) -> int:
    """Store parsed indicator series, replacing series with the same table, area and variables."""
    for s in series:
        labels = [list(p) for p in s.labels]
        for old in ExternalSeries.objects.filter(table_id=s.table_id, area=s.area or ""):
            if old.labels == labels:
                old.delete()
        stored = ExternalSeries.objects.create(table_id=s.table_id, area=s.area or "", labels=labels, name=s.name,
                                               file=file)
        ExternalPoint.objects.bulk_create([ExternalPoint(series=stored, code=p.code, start=p.start, end=p.end,
                                                         value=p.value, not_available=p.not_available)
                                           for p in s.points])
    return len(series)


# --- Editing on the pages: every create leaves a history record like a change does. ---

def key_unique(*, title: str, taken: set[str]) -> str:
    """A slug key from the title, made unique among `taken` (keys appear in files, never in URLs)."""
    base = slugify(title)[:50].strip("-") or "punkt"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def strategy_milestone_keys(strategy: Strategy) -> set[str]:
    return set(Milestone.objects.filter(objective__track__strategy=strategy).values_list("key", flat=True))


@transaction.atomic
def forum_create(*, name: str, kind: str, unit_id: str = "") -> Forum:
    key = key_unique(title=name, taken=set(Forum.objects.values_list("key", flat=True)))
    return Forum.objects.create(key=key, name=name, kind=kind, unit_id=unit_id)


@transaction.atomic
def strategy_create(*, title: str, owner_forum: Forum, period_start: dt.date, period_end: dt.date,
                    unit_id: str = "", purpose: str = "") -> Strategy:
    key = key_unique(title=title, taken=set(Strategy.objects.values_list("key", flat=True)))
    return Strategy.objects.create(key=key, title=title, owner_forum=owner_forum, unit_id=unit_id,
                                   period_start=period_start, period_end=period_end, purpose=purpose)


@transaction.atomic
def track_create(*, strategy: Strategy, title: str, kind: str, vision: str = "") -> Track:
    taken = set(strategy.tracks.values_list("key", flat=True))
    return Track.objects.create(strategy=strategy, key=key_unique(title=title, taken=taken), title=title,
                                kind=kind, vision=vision, order=len(taken))


@transaction.atomic
def objective_create(*, track: Track, title: str) -> Objective:
    taken = set(Objective.objects.filter(track__strategy=track.strategy).values_list("key", flat=True))
    return Objective.objects.create(track=track, key=key_unique(title=title, taken=taken), title=title,
                                    order=track.objectives.count())


@transaction.atomic
def milestone_create(*, objective: Objective, user, **fields) -> Milestone:
    key = key_unique(title=fields["title"], taken=strategy_milestone_keys(objective.track.strategy))
    milestone = Milestone.objects.create(objective=objective, key=key, order=objective.milestones.count(), **fields)
    history_record(obj=milestone, user=user, before=None)
    return milestone


@transaction.atomic
def initiative_create(*, strategy: Strategy, user, **fields) -> Initiative:
    relations = {k: fields.pop(k) for k in ("tracks", "milestones") if k in fields}
    key = key_unique(title=fields["title"], taken=set(strategy.initiatives.values_list("key", flat=True)))
    initiative = Initiative.objects.create(strategy=strategy, key=key, **fields)
    for name, value in relations.items():
        getattr(initiative, name).set(value)
    history_record(obj=initiative, user=user, before=None)
    return initiative


def _fields_save(obj, fields: dict):
    """Set the fields a form cleaned on the object and save it."""
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    return obj


@transaction.atomic
def strategy_update(*, strategy: Strategy, **fields) -> Strategy:
    return _fields_save(strategy, fields)


@transaction.atomic
def track_update(*, track: Track, **fields) -> Track:
    return _fields_save(track, fields)


@transaction.atomic
def objective_update(*, objective: Objective, track: Track, title: str) -> Objective:
    return _fields_save(objective, {"track": track, "title": title})


@transaction.atomic
def strategy_delete(*, strategy: Strategy) -> None:
    """Delete a strategy with its tracks, objectives, milestones and initiatives (forums stay)."""
    strategy.delete()


@transaction.atomic
def milestone_delete(*, milestone: Milestone, user) -> None:
    history_note(obj=milestone, user=user, action="deleted", changes={"title": milestone.title})
    milestone.delete()


@transaction.atomic
def initiative_delete(*, initiative: Initiative, user) -> None:
    history_note(obj=initiative, user=user, action="deleted", changes={"title": initiative.title})
    initiative.delete()
