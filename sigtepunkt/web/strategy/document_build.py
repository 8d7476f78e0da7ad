"""A stored strategy back as the exchange format, for download: the inverse of `services.strategy_import`.

Units are written by id (the file format accepts a name or an id; an id survives a renamed
unit), so a downloaded file loads back into the same strategy. Only the forums the strategy
refers to are written. The effect fields of an initiative (`effect_figure_id`, `effect_units`)
are not part of the format yet and are not written.
"""

from __future__ import annotations

from sigtepunkt.strategy.document import model as doc
from sigtepunkt.strategy.document.writing import strategy_document_dump
from sigtepunkt.strategy.status import EvidenceKind
from sigtepunkt.strategy.targets import Direction, TargetKind
from sigtepunkt.web.strategy.models import Forum, Initiative, Milestone, Strategy


def _unit(unit_id: str) -> doc.UnitRef | None:
    return doc.UnitRef(unit_id, unit_id) if unit_id else None


def _forum(f: Forum) -> doc.Forum:
    return doc.Forum(key=f.key, name=f.name, kind=doc.ForumKind(f.kind), unit=_unit(f.unit_id))


def target_spec_of(m: Milestone) -> doc.TargetSpec:
    """A stored milestone's target as the exchange format (and the status rules) state it."""
    return doc.TargetSpec(kind=TargetKind(m.target_kind or "value"), value=m.target_value,
                          benchmark_set=m.benchmark_set or None, tolerance=m.tolerance or 0.0,
                          reference_year=m.reference_year, margin=m.margin or 0.0)


def _measured(m: Milestone) -> doc.Measured:
    target = target_spec_of(m)
    indicator = None
    if m.indicator_table:
        indicator = doc.IndicatorRef(m.indicator_table, m.indicator_area or None,
                                     tuple(tuple(p) for p in m.indicator_labels))
    return doc.Measured(baseline_year=m.baseline_year or m.deadline.year, target=target, deadline=m.deadline,
                        figure=m.figure_id or None, indicator=indicator, unit=_unit(m.unit_id),
                        segment=doc.Segment(m.segment or "total", m.segment_value or ""),
                        direction=Direction(m.direction) if m.direction else None)


def _milestone(m: Milestone) -> doc.Milestone:
    if m.kind == Milestone.Kind.DELIVERABLE:
        evidence = None
        if m.evidence_date:
            evidence = doc.EvidenceSpec(EvidenceKind(m.evidence_kind or "date"), m.evidence_date, m.evidence)
        return doc.Milestone(m.key, m.title, deliverable=doc.Deliverable(m.deadline, evidence))
    return doc.Milestone(m.key, m.title, measured=_measured(m))


def _initiative(i: Initiative) -> doc.Initiative:
    return doc.Initiative(
        key=i.key, title=i.title, level=doc.Level(i.level), description=i.description,
        tracks=tuple(t.key for t in i.tracks.all()), milestones=tuple(m.key for m in i.milestones.all()),
        unit=_unit(i.unit_id), forum=i.forum.key if i.forum else None, responsible=i.responsible,
        start=i.start, end=i.end, status=doc.InitiativeStatus(i.status),
        progress=tuple(doc.ProgressEntry(p.date, p.text) for p in reversed(i.progress.all())),
        approvals=tuple(doc.Approval(a.forum.key, a.date, a.minute) for a in reversed(i.approvals.all())))


def strategy_document_build(*, strategy: Strategy) -> doc.StrategyDocument:
    """The strategy, its tracks, objectives, milestones, initiatives and the forums they name."""
    initiatives = list(strategy.initiatives.select_related("forum").prefetch_related(
        "tracks", "milestones", "progress", "approvals__forum"))
    forums = {strategy.owner_forum.key: strategy.owner_forum}
    for i in initiatives:
        forums.update({f.key: f for f in [i.forum, *(a.forum for a in i.approvals.all())] if f})
    tracks = tuple(
        doc.Track(key=t.key, title=t.title, kind=doc.TrackKind(t.kind), vision=t.vision,
                  objectives=tuple(doc.Objective(o.key, o.title, tuple(_milestone(m) for m in o.milestones.all()))
                                   for o in t.objectives.all()))
        for t in strategy.tracks.prefetch_related("objectives__milestones"))
    head = doc.StrategyHead(key=strategy.key, title=strategy.title, owner_forum=strategy.owner_forum.key,
                            period=doc.DatePeriod(strategy.period_start, strategy.period_end),
                            purpose=strategy.purpose)
    return doc.StrategyDocument(format=doc.FORMAT, strategy=head, forums=tuple(_forum(f) for f in forums.values()),
                                tracks=tracks, initiatives=tuple(_initiative(i) for i in initiatives))


def strategy_file_text(*, strategy: Strategy, fmt: str) -> str:
    return strategy_document_dump(document=strategy_document_build(strategy=strategy), fmt=fmt)
