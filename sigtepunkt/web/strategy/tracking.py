"""Milestone status from the data: the model's fields turned into the strategy core's inputs.

Key-figure milestones read yearly cells of the measurements store (aggregates only; a
suppressed cell becomes a point without a value, and the status says so); external
indicators read their imported series. The as-of date of a key figure is the store's
extract date, of a deliverable today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from sigtepunkt.analytics.catalogue import FIGURES_BY_ID
from sigtepunkt.insights import selectors
from sigtepunkt.insights.reader import StoreMissing
from sigtepunkt.strategy.milestones import target_from_spec
from sigtepunkt.strategy.series import Point, Series
from sigtepunkt.strategy.status import (
    Evidence,
    EvidenceKind,
    MilestoneStatus,
    NoDataReason,
    StatusCode,
    milestone_status_deliverable,
    milestone_status_measured,
)
from sigtepunkt.strategy.targets import Direction, direction_resolve
from sigtepunkt.web.insights.pages.common import context_read
from sigtepunkt.web.store import store_cursor
from sigtepunkt.web.strategy.document_build import target_spec_of
from sigtepunkt.web.strategy.models import ExternalSeries, Milestone


@dataclass(frozen=True)
class Tracked:
    milestone: Milestone
    status: MilestoneStatus
    series: Series
    benchmark: Series | None = None


def _figure_series(con, m: Milestone) -> Series:
    frame = selectors.cells_select(con, unit_ids=[m.unit_id], figures=[m.figure_id], period_kind="year",
                                   segment=m.segment or "total", segment_values=[m.segment_value or ""])
    return Series(tuple(Point(r["period_end"], None if r["suppressed"] else r["value"], bool(r["suppressed"]))
                        for r in frame.iter_rows(named=True)))


def _benchmark_series(con, m: Milestone) -> Series:
    frame = selectors.benchmark_cells(con, figures=[m.figure_id], segment=m.segment or "total")
    rows = [r for r in frame.iter_rows(named=True)
            if r["set_name"] == m.benchmark_set and (r["segment_value"] or "") == (m.segment_value or "")]
    return Series(tuple(Point(r["period_end"], r["value"]) for r in rows))


def _external_series(m: Milestone) -> Series:
    """The imported indicator series the milestone names (table, area, other variables); empty if not imported."""
    found = ExternalSeries.objects.filter(table_id=m.indicator_table, area=m.indicator_area)
    series = next((s for s in found if [list(p) for p in s.labels] == [list(p) for p in m.indicator_labels]), None)
    if series is None:
        return Series()
    return Series(tuple(Point(p.end, p.value, p.not_available) for p in series.points.all()))


def _direction(m: Milestone) -> Direction | None:
    explicit = Direction(m.direction) if m.direction else None
    if m.indicator_table:
        return explicit
    figure = FIGURES_BY_ID.get(m.figure_id)
    return direction_resolve(better=figure.better.value if figure else "", explicit=explicit)


def _deliverable(m: Milestone) -> Tracked:
    evidence = None
    if m.evidence_date:
        evidence = Evidence(EvidenceKind(m.evidence_kind or "date"), m.evidence_date, m.evidence)
    status = milestone_status_deliverable(due=m.deadline, evidence=evidence, as_of=timezone.localdate())
    return Tracked(m, status, Series())


def _no_store(m: Milestone) -> Tracked:
    status = MilestoneStatus(StatusCode.NO_DATA, "", reason=NoDataReason.NO_LATEST)
    return Tracked(m, status, Series())


def milestone_track(*, milestone: Milestone, con=None, as_of: dt.date | None = None) -> Tracked:
    """The milestone's status now, with the series it was judged on."""
    m = milestone
    if m.kind == Milestone.Kind.DELIVERABLE:
        return _deliverable(m)
    benchmark = None
    if m.indicator_table:
        series, as_of = _external_series(m), as_of or timezone.localdate()
    else:
        try:
            con = con or store_cursor()
        except StoreMissing:
            return _no_store(m)
        series = _figure_series(con, m)
        benchmark = _benchmark_series(con, m) if m.target_kind == Milestone.TargetKind.BENCHMARK else None
        as_of = as_of or dt.date.fromisoformat(context_read(con).meta["extract_date"])
    direction = _direction(m) or Direction.HIGHER
    baseline = series.in_year(m.baseline_year) if m.baseline_year else None
    figure = FIGURES_BY_ID.get(m.figure_id)
    unit = "" if m.indicator_table else (figure.unit.value if figure else "")
    target = target_from_spec(spec=target_spec_of(m), series=series, benchmark=benchmark)
    status = milestone_status_measured(series=series, baseline=baseline, target=target,
                                       direction=direction, deadline=m.deadline, as_of=as_of, unit=unit)
    return Tracked(m, status, series, benchmark)
