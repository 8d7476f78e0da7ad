"""Strategy pages: list, strategy with computed milestone status, milestone, initiative, action plan."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from sigtepunkt.web.accounts.access import request_access
from sigtepunkt.web.store import unit_tree
from sigtepunkt.web.strategy import selectors
from sigtepunkt.web.strategy.charts import milestone_chart
from sigtepunkt.web.strategy.history import history_list
from sigtepunkt.web.strategy.models import Forum, Initiative, Milestone, Strategy, Track
from sigtepunkt.web.strategy.permissions import (
    forum_can_approve,
    initiative_can_edit,
    strategy_can_edit,
    strategy_can_view,
)
from sigtepunkt.web.strategy.tracking import milestone_track
from sigtepunkt.web.strategy.whatworks import initiative_effect


def strategy_for_user(request, strategy_id: int) -> tuple[Strategy, bool]:
    """The strategy and whether the user may edit it; 403 when they may not see it."""
    strategy = get_object_or_404(Strategy.objects.select_related("owner_forum"), pk=strategy_id)
    access = request_access(request)
    if not strategy_can_view(access=access, strategy=strategy):
        raise PermissionDenied
    return strategy, strategy_can_edit(access=access, strategy=strategy)


@login_required
def strategy_list(request):
    access = request_access(request)
    strategies = selectors.strategy_list_for_user(access=access)
    return render(request, "strategy/list.html", {"nav": "strategy", "strategies": strategies,
                                                  "can_create": access.can_manage_data})


@login_required
def strategy_detail(request, strategy_id: int):
    strategy, can_edit = strategy_for_user(request, strategy_id)
    view = selectors.strategy_tracked(strategy=strategy)
    return render(request, "strategy/detail.html", {"nav": "strategy", "view": view, "can_edit": can_edit,
                                                    "tree": unit_tree()})


@login_required
def milestone_detail(request, milestone_id: int):
    milestone = get_object_or_404(Milestone.objects.select_related("objective__track__strategy"),
                                  pk=milestone_id)
    strategy, can_edit = strategy_for_user(request, milestone.objective.track.strategy_id)
    tracked = milestone_track(milestone=milestone)
    return render(request, "strategy/milestone.html", {
        "nav": "strategy", "strategy": strategy, "tracked": tracked, "can_edit": can_edit,
        "chart": milestone_chart(tracked),
        "history": history_list(obj=milestone), "tree": unit_tree()})


@login_required
def initiative_detail(request, initiative_id: int):
    initiative = get_object_or_404(Initiative.objects.select_related("strategy", "forum"), pk=initiative_id)
    strategy_for_user(request, initiative.strategy_id)
    access, tree = request_access(request), unit_tree()
    return render(request, "strategy/initiative.html", {
        "nav": "strategy", "initiative": initiative, "tree": tree,
        "can_edit": initiative_can_edit(access=access, initiative=initiative),
        "can_approve": any(forum_can_approve(access=access, forum=f, initiative=initiative)
                           for f in Forum.objects.all()),
        "effect": initiative_effect(initiative=initiative, access=access, tree=tree),
        "history": history_list(obj=initiative)})


@login_required
def action_plan(request):
    """The initiatives of a unit (and under it) or of a forum, filterable by track and status."""
    access, tree = request_access(request), unit_tree()
    unit_id = request.GET.get("enhed", "")
    forum_id = request.GET.get("forum", "")
    track_id = request.GET.get("spor", "")
    status = request.GET.get("status", "")
    if unit_id and not access.can_see(unit_id):
        raise PermissionDenied
    units = tree.subtree(unit_id) & access.visible if unit_id else access.visible
    items = selectors.initiatives_filter(units=units if (unit_id or not forum_id.isdigit()) else None,
                                         forum_id=int(forum_id) if forum_id.isdigit() else None,
                                         track_id=int(track_id) if track_id.isdigit() else None,
                                         status=status if status in Initiative.Status.values else "")
    context = {"nav": "strategy", "initiatives": items, "tree": tree, "forums": Forum.objects.all(),
               "tracks": Track.objects.select_related("strategy"), "statuses": Initiative.Status.choices,
               "selected": {"unit": unit_id, "forum": forum_id, "track": track_id, "status": status}}
    return render(request, "strategy/action_plan.html", context)
