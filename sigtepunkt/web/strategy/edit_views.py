"""Editing pages: forums, strategies, tracks, objectives, milestones, initiatives, progress and approvals.

Each view resolves its object through the access helpers (403 when the user may not edit),
validates a form whose choices come from the user's access, and calls one service, which keeps
the history. Forms are plain POST forms with CSRF; no JavaScript is needed to fill them in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sigtepunkt.web.accounts.access import request_access, require
from sigtepunkt.web.store import unit_tree
from sigtepunkt.web.strategy import services
from sigtepunkt.web.strategy.forms import (
    ApprovalForm,
    ForumForm,
    InitiativeForm,
    ObjectiveForm,
    ProgressForm,
    StrategyForm,
    TrackForm,
    unit_choices,
)
from sigtepunkt.web.strategy.milestone_form import MilestoneForm, figure_choices
from sigtepunkt.web.strategy.models import Forum, Initiative, Milestone
from sigtepunkt.web.strategy.permissions import forum_can_approve, initiative_can_edit
from sigtepunkt.web.strategy.selectors import store_choices
from sigtepunkt.web.strategy.views import strategy_for_user


def form_page(request, form, *, title: str, back: str, submit: str, multipart: bool = False):
    return render(request, "strategy/form.html", {"nav": "strategy", "form": form, "title": title, "back": back,
                                                  "submit": submit, "multipart": multipart})


def saved_or_form(request, form, save: Callable[..., object], *, to: tuple[str, int], title: str, submit: str):
    """The shape of the editing views: a valid POST goes to `save(**cleaned_data)` and then to the
    page `to` (URL name, id); otherwise the form page, whose way back is that same page."""
    if request.method == "POST" and form.is_valid():
        save(**form.cleaned_data)
        return redirect(*to)
    return form_page(request, form, title=title, back=reverse(to[0], args=[to[1]]), submit=submit)


def units_for(request) -> list:
    return unit_choices(unit_tree(), request_access(request).visible)


@login_required
def forum_list(request):
    """The forums, and (for administrators and HR analysts) a form to add one."""
    access = request_access(request)
    form = ForumForm(request.POST or None, units=units_for(request)) if access.can_manage_data else None
    if request.method == "POST":
        require(request, allowed=access.can_manage_data)
        if form.is_valid():
            services.forum_create(**form.cleaned_data)
            return redirect("sp-forums")
    return render(request, "strategy/forums.html", {"nav": "strategy", "forums": Forum.objects.all(),
                                                    "form": form, "tree": unit_tree()})


@login_required
def strategy_create(request):
    access, tree = request_access(request), unit_tree()
    require(request, allowed=access.can_manage_data)
    whole = any(r in access.visible for r in tree.roots)
    form = StrategyForm(request.POST or None, units=units_for(request), whole=whole)
    if request.method == "POST" and form.is_valid():
        strategy = services.strategy_create(**form.cleaned_data)
        return redirect("sp-strategy", strategy.id)
    return form_page(request, form, title=_("New strategy"), back=reverse("sp-strategies"), submit=_("Create strategy"))


def strategy_editable(request, strategy_id: int):
    strategy, can_edit = strategy_for_user(request, strategy_id)
    require(request, allowed=can_edit)
    return strategy


@login_required
def track_create(request, strategy_id: int):
    strategy = strategy_editable(request, strategy_id)
    return saved_or_form(request, TrackForm(request.POST or None), partial(services.track_create, strategy=strategy),
                         to=("sp-strategy", strategy.id), title=_("New track or focus area"), submit=_("Add track"))


@login_required
def objective_create(request, strategy_id: int):
    strategy = strategy_editable(request, strategy_id)
    return saved_or_form(request, ObjectiveForm(request.POST or None, strategy=strategy), services.objective_create,
                         to=("sp-strategy", strategy.id), title=_("New objective"), submit=_("Add objective"))


def fresh_copy(instance):
    """A fresh copy for the form: a ModelForm writes into its instance while validating, and the
    service must see the object as it was to record what changed."""
    return type(instance).objects.get(pk=instance.pk) if instance is not None else None


def _milestone_form(request, strategy, instance=None):
    choices = store_choices()
    return MilestoneForm(request.POST or None, instance=fresh_copy(instance), strategy=strategy,
                         units=units_for(request), years=choices.years, benchmark_sets=choices.benchmark_sets,
                         initial={"objective": request.GET.get("maal")} if instance is None else None)


@login_required
def milestone_create(request, strategy_id: int):
    strategy = strategy_editable(request, strategy_id)
    form = _milestone_form(request, strategy)
    if request.method == "POST" and form.is_valid():
        milestone = services.milestone_create(objective=form.cleaned_data["objective"], user=request.user,
                                              **form.milestone_fields())
        return redirect("sp-milestone", milestone.id)
    return form_page(request, form, title=_("New milestone"), back=reverse("sp-strategy", args=[strategy.id]),
                 submit=_("Add milestone"))


@login_required
def milestone_edit(request, milestone_id: int):
    milestone = get_object_or_404(Milestone.objects.select_related("objective__track"), pk=milestone_id)
    strategy = strategy_editable(request, milestone.objective.track.strategy_id)
    form = _milestone_form(request, strategy, milestone)
    if request.method == "POST" and form.is_valid():
        services.milestone_update(milestone=milestone, user=request.user, objective=form.cleaned_data["objective"],
                                  **form.milestone_fields())
        return redirect("sp-milestone", milestone.id)
    return form_page(request, form, title=_("Edit milestone"), back=reverse("sp-milestone", args=[milestone.id]),
                 submit=_("Save"))


def _initiative_form(request, strategy, instance=None):
    return InitiativeForm(request.POST or None, instance=fresh_copy(instance), strategy=strategy,
                          units=units_for(request), figures=figure_choices())


@login_required
def initiative_create(request, strategy_id: int):
    strategy = strategy_editable(request, strategy_id)
    form = _initiative_form(request, strategy)
    if request.method == "POST" and form.is_valid():
        initiative = services.initiative_create(strategy=strategy, user=request.user, **form.cleaned_data)
        return redirect("sp-initiative", initiative.id)
    return form_page(request, form, title=_("New initiative"), back=reverse("sp-strategy", args=[strategy.id]),
                 submit=_("Add initiative"))


def initiative_editable(request, initiative_id: int) -> Initiative:
    initiative = get_object_or_404(Initiative.objects.select_related("strategy", "forum"), pk=initiative_id)
    strategy_for_user(request, initiative.strategy_id)
    require(request, allowed=initiative_can_edit(access=request_access(request), initiative=initiative))
    return initiative


@login_required
def initiative_edit(request, initiative_id: int):
    initiative = initiative_editable(request, initiative_id)
    return saved_or_form(request, _initiative_form(request, initiative.strategy, initiative),
                         partial(services.initiative_update, initiative=initiative, user=request.user),
                         to=("sp-initiative", initiative.id), title=_("Edit initiative"), submit=_("Save"))


@login_required
def progress_add(request, initiative_id: int):
    initiative = initiative_editable(request, initiative_id)
    return saved_or_form(request, ProgressForm(request.POST or None),
                         partial(services.progress_add, initiative=initiative, user=request.user),
                         to=("sp-initiative", initiative.id), title=_("Add progress"), submit=_("Add progress"))


@login_required
def approval_add(request, initiative_id: int):
    """A forum's approval: only for forums whose unit the user's role is on (or a strategist's)."""
    initiative = get_object_or_404(Initiative.objects.select_related("strategy"), pk=initiative_id)
    strategy_for_user(request, initiative.strategy_id)
    access = request_access(request)
    allowed = [f.id for f in Forum.objects.all() if forum_can_approve(access=access, forum=f, initiative=initiative)]
    require(request, allowed=bool(allowed))
    form = ApprovalForm(request.POST or None, forums=Forum.objects.filter(id__in=allowed))
    return saved_or_form(request, form, partial(services.approval_add, initiative=initiative, user=request.user),
                         to=("sp-initiative", initiative.id), title=_("Record an approval"),
                         submit=_("Record approval"))
