"""The sentences that show each status rule beside the status, in the active language.

Kept apart from `status` so the rules read as rules; every sentence is an English msgid with
its Danish translation in sigtepunkt/locale.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, assert_never

from sigtepunkt.i18n import gettext as _
from sigtepunkt.strategy.series import Point
from sigtepunkt.strategy.targets import BenchmarkTarget, Direction, RelativeTarget, Target, Threshold, ValueTarget
from sigtepunkt.strategy.text import date_text, number_text

if TYPE_CHECKING:
    from sigtepunkt.strategy.status import Evidence, NoDataReason

logger = logging.getLogger(__name__)


def is_relative(target: Target) -> bool:
    return isinstance(target, RelativeTarget)


def _at_or_better(direction: Direction) -> str:
    match direction:
        case Direction.HIGHER:
            return _("at or above")
        case Direction.LOWER:
            return _("at or below")
        case _:
            assert_never(direction)


def _better(direction: Direction) -> str:
    match direction:
        case Direction.HIGHER:
            return _("above")
        case Direction.LOWER:
            return _("below")
        case _:
            assert_never(direction)


def target_text(target: Target, threshold: Threshold, direction: Direction, unit: str) -> str:
    """One sentence saying what the target is, made concrete for the latest measurement."""
    goal = number_text(threshold.value, unit)
    match target:
        case ValueTarget():
            return _("Target: {comparison} {target}.").format(comparison=_at_or_better(direction), target=goal)
        case BenchmarkTarget(set_name=name, tolerance=tolerance):
            assert threshold.benchmark is not None and threshold.benchmark.value is not None
            return _("Target: at the level of {benchmark_set} ({benchmark} for the period ending {date}) within "
                     "{tolerance}, i.e. {comparison} {target}.").format(
                benchmark_set=name, benchmark=number_text(threshold.benchmark.value, unit),
                date=date_text(threshold.benchmark.end), tolerance=number_text(tolerance, unit),
                comparison=_at_or_better(direction), target=goal)
        case RelativeTarget(margin=margin):
            assert threshold.reference is not None and threshold.reference.value is not None
            reference = number_text(threshold.reference.value, unit)
            when = date_text(threshold.reference.end)
            if margin:
                return _("Target: better than {reference} (the period ending {date}) by at least {margin}, "
                         "i.e. {comparison} {target}.").format(reference=reference, date=when,
                                                               margin=number_text(margin, unit),
                                                               comparison=_at_or_better(direction), target=goal)
            return _("Target: {comparison} {reference}, the value for the period ending {date}.").format(
                comparison=_better(direction), reference=reference, date=when)
        case _:
            assert_never(target)


def reached_text(latest: Point, unit: str) -> str:
    assert latest.value is not None
    return _("Reached: the latest value {latest} (period ending {date}) meets the target.").format(
        latest=number_text(latest.value, unit), date=date_text(latest.end))


def missed_text(latest: Point, deadline: dt.date, unit: str) -> str:
    assert latest.value is not None
    return _("Missed: the deadline {deadline} has passed, and the latest value {latest} (period ending {date}) "
             "does not meet the target.").format(deadline=date_text(deadline), latest=number_text(latest.value, unit),
                                                 date=date_text(latest.end))


def path_text(ahead: bool, *, latest: Point, baseline: Point, path: float, deadline: dt.date, unit: str) -> str:
    assert latest.value is not None and baseline.value is not None
    values = {"latest": number_text(latest.value, unit), "date": date_text(latest.end),
              "baseline": number_text(baseline.value, unit), "baseline_date": date_text(baseline.end),
              "deadline": date_text(deadline), "path": number_text(path, unit)}
    if ahead:
        return _("On track: the latest value {latest} (period ending {date}) is at or ahead of the straight path "
                 "from the baseline {baseline} ({baseline_date}) to the target on {deadline}, which stands at "
                 "{path} on that date.").format(**values)
    return _("At risk: the latest value {latest} (period ending {date}) is behind the straight path from the "
             "baseline {baseline} ({baseline_date}) to the target on {deadline}, which stands at {path} on that "
             "date.").format(**values)


def no_data_text(reason: NoDataReason, *, baseline: Point | None, latest: Point | None, as_of: dt.date | None,
                 target: Target | None) -> str:
    from sigtepunkt.strategy.status import NoDataReason as R

    match reason:
        case R.NO_BASELINE:
            return _("No data: there is no baseline measurement.")
        case R.BASELINE_SUPPRESSED:
            assert baseline is not None
            return _("No data: the baseline measurement (period ending {date}) is suppressed because the group "
                     "is too small.").format(date=date_text(baseline.end))
        case R.NO_LATEST:
            return _("No data: there is no measurement since the baseline on or before {date}.").format(
                date=date_text(as_of) if as_of else "")
        case R.LATEST_SUPPRESSED:
            assert latest is not None
            return _("No data: the latest measurement (period ending {date}) is suppressed because the group is "
                     "too small.").format(date=date_text(latest.end))
        case R.LATEST_EMPTY:
            assert latest is not None
            return _("No data: the latest measurement (period ending {date}) has no value: the group was "
                     "empty.").format(date=date_text(latest.end))
        case R.NO_BENCHMARK:
            name = target.set_name if isinstance(target, BenchmarkTarget) else ""
            return _("No data: {benchmark_set} has no benchmark value for the period of the latest "
                     "measurement or before it.").format(benchmark_set=name)
        case R.NO_REFERENCE:
            return _("No data: the reference measurement is missing or suppressed.")
        case _:
            assert_never(reason)


def evidence_text(evidence: Evidence, due: dt.date) -> str:
    late = evidence.date > due
    sentence = _("Reached: evidence recorded on {date} ({evidence}), after the due date {due}.") if late else \
        _("Reached: evidence recorded on {date} ({evidence}).")
    return sentence.format(date=date_text(evidence.date), evidence=evidence.text or evidence.kind.label,
                           due=date_text(due))


def overdue_text(due: dt.date) -> str:
    return _("Missed: it was due on {due}, and no evidence is recorded.").format(due=date_text(due))


def due_soon_text(due: dt.date, days: int) -> str:
    return _("At risk: it is due on {due}, within {days} days, and no evidence is recorded yet.").format(
        due=date_text(due), days=days)


def due_later_text(due: dt.date, days: int) -> str:
    return _("On track: it is due on {due}, more than {days} days ahead.").format(due=date_text(due), days=days)
