"""Reads of strategy work for the pages: strategies a user may see, with their milestones tracked."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from sigtepunkt.insights.reader import StoreMissing
from sigtepunkt.strategy.status import StatusCode
from sigtepunkt.web.accounts.access import Access
from sigtepunkt.web.store import store_cursor
from sigtepunkt.web.strategy.models import Forum, Initiative, Milestone, Objective, Strategy, Track
from sigtepunkt.web.strategy.permissions import strategy_can_view
from sigtepunkt.web.strategy.tracking import Tracked, milestone_track

STATUS_ORDER = (StatusCode.REACHED, StatusCode.ON_TRACK, StatusCode.AT_RISK, StatusCode.MISSED, StatusCode.NO_DATA)


def strategy_list_for_user(*, access: Access) -> list[Strategy]:
    return [s for s in Strategy.objects.select_related("owner_forum") if strategy_can_view(access=access, strategy=s)]


@dataclass
class TrackView:
    track: Track
    objectives: list[tuple[Objective, list[Tracked]]] = field(default_factory=list)


@dataclass
class StrategyView:
    strategy: Strategy
    tracks: list[TrackView]
    initiatives: list[Initiative]
    counts: list[tuple[StatusCode, int]]


def _store_or_none():
    try:
        return store_cursor()
    except StoreMissing:
        return None


def strategy_tracked(*, strategy: Strategy) -> StrategyView:
    """The strategy with every milestone's status computed now (one store cursor for all)."""
    con = _store_or_none()
    milestones = Prefetch("objectives__milestones", queryset=Milestone.objects.all())
    tracks = []
    for track in strategy.tracks.prefetch_related("objectives", milestones):
        view = TrackView(track)
        for objective in track.objectives.all():
            tracked = [milestone_track(milestone=m, con=con) for m in objective.milestones.all()]
            view.objectives.append((objective, tracked))
        tracks.append(view)
    counts = Counter(t.status.code for v in tracks for _o, ts in v.objectives for t in ts)
    initiatives = list(strategy.initiatives.select_related("forum").prefetch_related("tracks", "progress",
                                                                             "approvals__forum"))
    return StrategyView(strategy, tracks, initiatives, [(c, counts.get(c, 0)) for c in STATUS_ORDER])


def initiatives_filter(*, units: frozenset[str] | None = None, forum_id: int | None = None,
                       track_id: int | None = None, status: str = "") -> QuerySet[Initiative]:
    """An action plan: the initiatives of some units or of a forum, filtered by track and status."""
    items = Initiative.objects.select_related("strategy", "forum").prefetch_related("tracks", "progress")
    if units is not None:
        items = items.filter(unit_id__in=sorted(units))
    if forum_id:
        items = items.filter(forum_id=forum_id)
    if track_id:
        items = items.filter(tracks__id=track_id)
    if status:
        items = items.filter(status=status)
    return items.distinct()


@dataclass(frozen=True)
class StoreChoices:
    """What the milestone form may offer from the measurements store."""

    years: list[int]
    benchmark_sets: list[str]
    extract_date: str = ""


def store_choices() -> StoreChoices:
    con = _store_or_none()
    if con is None:
        return StoreChoices([], [])
    from sigtepunkt.insights import selectors as store

    years = sorted({d.year for d in store.period_starts(con, period_kind="year")})
    sets = sorted(set(store.benchmark_cells(con)["set_name"].to_list()))
    return StoreChoices(years, sets, store.store_meta(con).get("extract_date", ""))


def forum_strategies(*, forum: Forum, access: Access) -> list[Strategy]:
    return [s for s in forum.strategies.select_related("owner_forum") if strategy_can_view(access=access, strategy=s)]


def forum_initiatives(*, forum: Forum, access: Access) -> list[Initiative]:
    """The initiatives the forum follows: its own, and those of the strategies it owns; only visible ones."""
    from django.db.models import Q

    items = (Initiative.objects.filter(Q(forum=forum) | Q(strategy__owner_forum=forum))
             .select_related("strategy", "forum").prefetch_related("tracks", "progress", "approvals__forum"))
    return [i for i in items.distinct() if strategy_can_view(access=access, strategy=i.strategy)]
