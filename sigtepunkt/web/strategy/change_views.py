"""Editing what exists and deleting it: strategies, tracks, objectives, milestones, initiatives.

Deleting asks first (a confirmation page, then a POST); the history of a deleted milestone or
initiative keeps a last record of who deleted it and when.
"""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sigtepunkt.web.accounts.access import request_access
from sigtepunkt.web.store import unit_tree
from sigtepunkt.web.strategy import services
from sigtepunkt.web.strategy.edit_views import (
    fresh_copy,
    initiative_editable,
    saved_or_form,
    strategy_editable,
    units_for,
)
from sigtepunkt.web.strategy.forms import ObjectiveForm, StrategyForm, TrackForm
from sigtepunkt.web.strategy.models import Initiative, Milestone, Objective, Track


@login_required
def strategy_edit(request, strategy_id: int):
    strategy = strategy_editable(request, strategy_id)
    whole = any(r in request_access(request).visible for r in unit_tree().roots)
    form = StrategyForm(request.POST or None, instance=fresh_copy(strategy), units=units_for(request), whole=whole)
    return saved_or_form(request, form, partial(services.strategy_update, strategy=strategy),
                         to=("sp-strategy", strategy.id), title=_("Edit strategy"), submit=_("Save"))


@login_required
def track_edit(request, track_id: int):
    track = get_object_or_404(Track, pk=track_id)
    strategy = strategy_editable(request, track.strategy_id)
    return saved_or_form(request, TrackForm(request.POST or None, instance=fresh_copy(track)),
                         partial(services.track_update, track=track),
                         to=("sp-strategy", strategy.id), title=_("Edit track"), submit=_("Save"))


@login_required
def objective_edit(request, objective_id: int):
    objective = get_object_or_404(Objective.objects.select_related("track"), pk=objective_id)
    strategy = strategy_editable(request, objective.track.strategy_id)
    initial = {"track": objective.track_id, "title": objective.title}
    return saved_or_form(request, ObjectiveForm(request.POST or None, strategy=strategy, initial=initial),
                         partial(services.objective_update, objective=objective),
                         to=("sp-strategy", strategy.id), title=_("Edit objective"), submit=_("Save"))


def _confirm(request, *, what: str, name: str, back: str):
    return render(request, "strategy/confirm_delete.html", {"nav": "strategy", "what": what, "name": name,
                                                            "back": back})


@login_required
def strategy_delete(request, strategy_id: int):
    strategy = strategy_editable(request, strategy_id)
    if request.method == "POST":
        services.strategy_delete(strategy=strategy)
        return redirect("sp-strategies")
    return _confirm(request, what=_("the strategy with its tracks, objectives, milestones and initiatives"),
                    name=strategy.title, back=reverse("sp-strategy", args=[strategy.id]))


@login_required
def milestone_delete(request, milestone_id: int):
    milestone = get_object_or_404(Milestone.objects.select_related("objective__track"), pk=milestone_id)
    strategy = strategy_editable(request, milestone.objective.track.strategy_id)
    if request.method == "POST":
        services.milestone_delete(milestone=milestone, user=request.user)
        return redirect("sp-strategy", strategy.id)
    return _confirm(request, what=_("the milestone"), name=milestone.title,
                    back=reverse("sp-milestone", args=[milestone.id]))


@login_required
def initiative_delete(request, initiative_id: int):
    initiative: Initiative = initiative_editable(request, initiative_id)
    if request.method == "POST":
        services.initiative_delete(initiative=initiative, user=request.user)
        return redirect("sp-strategy", initiative.strategy_id)
    return _confirm(request, what=_("the initiative with its progress log and approvals"), name=initiative.title,
                    back=reverse("sp-initiative", args=[initiative.id]))
