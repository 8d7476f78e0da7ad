"""Forms for strategy work: forums, strategies, tracks, objectives, initiatives, progress, approvals, files.

Choices that depend on who asks (units, forums) are passed in by the view from the user's
access, so a form can never offer a unit the user cannot see. The milestone form, which also
depends on the measurements store, is in `milestone_form`.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sigtepunkt.web.strategy.models import Forum, Initiative, Milestone, Strategy, Track

MAX_FILE_BYTES = 2 * 1024 * 1024


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"invalid": _("Write the date as DD-MM-YYYY, e.g. 31-12-2026."),
                                           "required": _("Give a date.")})


def unit_choices(tree, visible, *, empty: str | None = None) -> list[tuple[str, str]]:
    """The current units the user sees, in tree order, indented by depth (the select's only structure)."""
    choices = [("", empty)] if empty is not None else []
    order: list[tuple[str, str]] = []

    def walk(unit_id: str, depth: int) -> None:
        if unit_id in visible:
            order.append((unit_id, "\u2003" * depth + tree.units[unit_id].name))
        for child in sorted(tree.current_children(unit_id), key=lambda u: tree.units[u].name):
            walk(child, depth + (unit_id in visible))
    for root in tree.roots:
        if tree.units[root].is_current:
            walk(root, 0)
    return choices + order


class ForumForm(forms.ModelForm):
    unit_id = forms.ChoiceField(label=_("Unit"), required=False,
                                help_text=_("The unit the forum belongs to, if it has one."))

    class Meta:
        model = Forum
        fields = ["name", "kind", "unit_id"]
        labels = {"name": _("Name"), "kind": _("Kind")}
        error_messages = {"name": {"required": _("Give the forum a name.")}}

    def __init__(self, *args, units: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_id"].choices = [("", _("No unit")), *units]


class StrategyForm(forms.ModelForm):
    unit_id = forms.ChoiceField(label=_("Unit"), required=False,
                                help_text=_("The unit the strategy covers; empty: the whole organisation."))
    period_start = date_field(_("Period start"))
    period_end = date_field(_("Period end"))

    class Meta:
        model = Strategy
        fields = ["title", "owner_forum", "unit_id", "period_start", "period_end", "purpose"]
        labels = {"title": _("Title"), "owner_forum": _("Owner forum"), "purpose": _("Purpose")}
        error_messages = {"title": {"required": _("Give the strategy a title.")},
                          "owner_forum": {"required": _("Choose the forum that owns the strategy.")}}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, units: list, whole: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_id"].choices = ([("", _("The whole organisation"))] if whole else []) + units
        self.fields["unit_id"].required = not whole

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        return data


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = ["title", "kind", "vision"]
        labels = {"title": _("Title"), "kind": _("Kind"), "vision": _("Vision")}
        error_messages = {"title": {"required": _("Give the track a title.")}}
        widgets = {"vision": forms.Textarea(attrs={"rows": 3})}


class ObjectiveForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.none(),
                                   error_messages={"required": _("Choose the track the objective belongs to.")})
    title = forms.CharField(label=_("Objective"), widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": _("Write the objective.")})

    def __init__(self, *args, strategy: Strategy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = strategy.tracks.all()


class InitiativeForm(forms.ModelForm):
    unit_id = forms.ChoiceField(label=_("Owning unit"), required=False)
    start = date_field(_("Start"), required=False)
    end = date_field(_("End"), required=False)
    effect_figure_id = forms.ChoiceField(
        label=_("Key figure the initiative should move"), required=False,
        help_text=_("Used for the indicative estimate of what works."))
    effect_units = forms.MultipleChoiceField(
        label=_("Units with the initiative"), required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The units where the initiative is carried out; they are compared with units of the same "
                    "level without it."))

    class Meta:
        model = Initiative
        fields = ["title", "description", "tracks", "milestones", "level", "unit_id", "forum", "responsible",
                  "start", "end", "status", "effect_figure_id", "effect_units"]
        labels = {"title": _("Title"), "description": _("Description"), "tracks": _("Tracks"),
                  "milestones": _("Milestones"), "level": _("Level"), "forum": _("Forum"),
                  "responsible": _("Responsible"), "status": _("Status")}
        error_messages = {"title": {"required": _("Give the initiative a title.")}}
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "tracks": forms.CheckboxSelectMultiple,
                   "milestones": forms.CheckboxSelectMultiple}

    def __init__(self, *args, strategy: Strategy, units: list, figures: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tracks"].queryset = strategy.tracks.all()
        self.fields["milestones"].queryset = Milestone.objects.filter(objective__track__strategy=strategy)
        self.fields["unit_id"].choices = [("", _("No unit")), *units]
        self.fields["effect_units"].choices = units
        self.fields["effect_figure_id"].choices = [("", _("None")), *figures]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The initiative must end after it starts."))
        if data.get("effect_units") and not data.get("effect_figure_id"):
            self.add_error("effect_figure_id", _("Choose the key figure the units should be compared on."))
        return data


class ProgressForm(forms.Form):
    date = date_field(_("Date"))
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Write what has happened.")})


class ApprovalForm(forms.Form):
    forum = forms.ModelChoiceField(label=_("Forum"), queryset=Forum.objects.none(),
                                   error_messages={"required": _("Choose the forum that approved the progress.")})
    date = date_field(_("Date of the meeting"))
    minute = forms.CharField(label=_("Minute"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Write the text of the minute.")})

    def __init__(self, *args, forums, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums


class FileForm(forms.Form):
    """One uploaded file with the suffixes given; small (a strategy or an indicator table)."""

    file = forms.FileField(label=_("File"), error_messages={"required": _("Choose a file.")})

    def __init__(self, *args, suffixes: tuple[str, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.suffixes = suffixes
        self.fields["file"].widget.attrs["accept"] = ",".join(suffixes)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(self.suffixes):
            raise forms.ValidationError(_("The file must end in %(suffixes)s.")
                                        % {"suffixes": ", ".join(self.suffixes)})
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload
