"""The checks a strategy file must pass beyond its shape: unique keys, references, figures, dates.

Each rule looks at the converted document and adds problems with the path to the offending value.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import assert_never

from sigtepunkt.analytics.catalogue import FIGURES_BY_ID, figure_segments
from sigtepunkt.i18n import gettext as _
from sigtepunkt.strategy.document.convert import Converter
from sigtepunkt.strategy.document.model import FORMAT, Measured, StrategyDocument, TargetSpec
from sigtepunkt.strategy.document.problems import Code
from sigtepunkt.strategy.targets import TargetKind

logger = logging.getLogger(__name__)


def document_check(doc: StrategyDocument, c: Converter) -> None:
    if doc.format != FORMAT:
        c.fail(Code.UNKNOWN_FORMAT, "format", doc.format, FORMAT)
    period = doc.strategy.period
    if period.end < period.start:
        c.fail(Code.PERIOD_REVERSED, "strategy.period.end", period.end.isoformat(), period.start.isoformat())
    _unique_keys(doc, c)
    _references(doc, c)
    for t, track in enumerate(doc.tracks):
        for o, objective in enumerate(track.objectives):
            for m, milestone in enumerate(objective.milestones):
                path = f"tracks[{t}].objectives[{o}].milestones[{m}]"
                if (milestone.measured is None) == (milestone.deliverable is None):
                    c.fail(Code.ONE_OF, path, detail="measured, deliverable")
                if milestone.measured is not None:
                    _measured(milestone.measured, f"{path}.measured", doc, c)
                if milestone.deliverable is not None:
                    _within_period(milestone.deliverable.due, f"{path}.deliverable.due", doc, c)
    for i, initiative in enumerate(doc.initiatives):
        if initiative.start and initiative.end and initiative.end < initiative.start:
            c.fail(Code.PERIOD_REVERSED, f"initiatives[{i}].end", initiative.end.isoformat(),
                   initiative.start.isoformat())


def _duplicates(items: Iterable[tuple[str, str]], what: str, c: Converter) -> set[str]:
    seen: dict[str, str] = {}
    for key, path in items:
        if key in seen:
            c.fail(Code.DUPLICATE_KEY, f"{path}.key", key, _("{what}, also at {path}").format(what=what,
                                                                                           path=seen[key]))
        seen.setdefault(key, path)
    return set(seen)


def _unique_keys(doc: StrategyDocument, c: Converter) -> None:
    _duplicates(((f.key, f"forums[{i}]") for i, f in enumerate(doc.forums)), _("forum"), c)
    _duplicates(((t.key, f"tracks[{i}]") for i, t in enumerate(doc.tracks)), _("track"), c)
    _duplicates(((o.key, f"tracks[{i}].objectives[{j}]") for i, t in enumerate(doc.tracks)
                 for j, o in enumerate(t.objectives)), _("objective"), c)
    _duplicates(((m.key, f"tracks[{i}].objectives[{j}].milestones[{k}]") for i, t in enumerate(doc.tracks)
                 for j, o in enumerate(t.objectives) for k, m in enumerate(o.milestones)), _("milestone"), c)
    _duplicates(((x.key, f"initiatives[{i}]") for i, x in enumerate(doc.initiatives)), _("initiative"), c)


def _references(doc: StrategyDocument, c: Converter) -> None:
    forums = {f.key for f in doc.forums}
    tracks = {t.key for t in doc.tracks}
    milestones = {m.key for _t, _o, m in doc.milestones()}
    if doc.strategy.owner_forum not in forums:
        c.fail(Code.UNKNOWN_REFERENCE, "strategy.owner_forum", doc.strategy.owner_forum, _("forum"))
    for i, x in enumerate(doc.initiatives):
        for j, key in enumerate(x.tracks):
            if key not in tracks:
                c.fail(Code.UNKNOWN_REFERENCE, f"initiatives[{i}].tracks[{j}]", key, _("track"))
        for j, key in enumerate(x.milestones):
            if key not in milestones:
                c.fail(Code.UNKNOWN_REFERENCE, f"initiatives[{i}].milestones[{j}]", key, _("milestone"))
        if x.forum is not None and x.forum not in forums:
            c.fail(Code.UNKNOWN_REFERENCE, f"initiatives[{i}].forum", x.forum, _("forum"))
        for j, approval in enumerate(x.approvals):
            if approval.forum not in forums:
                c.fail(Code.UNKNOWN_REFERENCE, f"initiatives[{i}].approvals[{j}].forum", approval.forum, _("forum"))


def _within_period(day: dt.date, path: str, doc: StrategyDocument, c: Converter) -> None:
    period = doc.strategy.period
    if day < period.start:
        c.fail(Code.DATE_BEFORE_PERIOD, path, day.isoformat(), period.start.isoformat())
    elif day > period.end:
        c.fail(Code.DATE_AFTER_PERIOD, path, day.isoformat(), period.end.isoformat(), warning=True)


def _measured(measured: Measured, path: str, doc: StrategyDocument, c: Converter) -> None:
    _within_period(measured.deadline, f"{path}.deadline", doc, c)
    if measured.baseline_year > measured.deadline.year:
        c.fail(Code.BASELINE_AFTER_DEADLINE, f"{path}.baseline_year", measured.baseline_year,
               measured.deadline.isoformat())
    _target(measured.target, f"{path}.target", c)
    if (measured.figure is None) == (measured.indicator is None):
        c.fail(Code.ONE_OF, path, detail="figure, indicator")
        return
    if measured.indicator is not None:
        if measured.direction is None:
            c.fail(Code.DIRECTION_NEEDED, f"{path}.direction", measured.indicator.table)
        return
    assert measured.figure is not None
    figure = FIGURES_BY_ID.get(measured.figure)
    if figure is None:
        c.fail(Code.UNKNOWN_FIGURE, f"{path}.figure", measured.figure)
        return
    if measured.direction is None and figure.better.value == "neutral":
        c.fail(Code.DIRECTION_NEEDED, f"{path}.direction", figure.id)
    segments = figure_segments(figure)
    if measured.segment.dimension != "total" and measured.segment.dimension not in segments:
        c.fail(Code.UNKNOWN_SEGMENT, f"{path}.segment.dimension", measured.segment.dimension, ", ".join(segments))
    elif measured.segment.dimension != "total" and not measured.segment.value:
        c.fail(Code.REQUIRED, f"{path}.segment.value")


def _target(target: TargetSpec, path: str, c: Converter) -> None:
    match target.kind:
        case TargetKind.VALUE:
            name, given = "value", target.value
        case TargetKind.BENCHMARK:
            name, given = "benchmark_set", target.benchmark_set
        case TargetKind.RELATIVE:
            name, given = "reference_year", target.reference_year
        case _:
            assert_never(target.kind)
    if given is None:
        c.fail(Code.TARGET_FIELD_MISSING, f"{path}.{name}", target.kind.value, name)
