"""The milestone form: measured (a key figure against a target) or a deliverable (a due date and evidence).

Its choices come from the catalogue (key figures, their segments) and the measurements store
(years with results, the stored benchmark sets), so a milestone can only name what exists.
A milestone tied to an external indicator keeps its indicator fields (set by a strategy file);
the form edits the rest.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sigtepunkt.analytics.catalogue import FIGURES, FIGURES_BY_ID, figure_segments
from sigtepunkt.web.insights.figures import figure_name
from sigtepunkt.web.strategy.forms import date_field
from sigtepunkt.web.strategy.models import Milestone, Objective, Strategy

MEASURED_BLANK = {"figure_id": "", "unit_id": "", "segment": "total", "segment_value": "", "baseline_year": None,
                  "target_kind": "", "target_value": None, "benchmark_set": "", "tolerance": 0.0,
                  "reference_year": None, "margin": 0.0, "direction": "", "indicator_table": "",
                  "indicator_area": "", "indicator_labels": []}


def figure_choices() -> list[tuple[str, str]]:
    return sorted(((f.id, figure_name(f)) for f in FIGURES), key=lambda c: c[1])


def _segment_choices() -> list[tuple[str, str]]:
    dims = sorted({d for f in FIGURES for d in figure_segments(f)})
    return [("total", _("All (no segment)")), *((d, d) for d in dims)]


class MilestoneForm(forms.ModelForm):
    objective = forms.ModelChoiceField(label=_("Objective"), queryset=Objective.objects.none(),
                                       error_messages={"required": _("Choose the objective the milestone serves.")})
    deadline = date_field(_("Deadline (for a deliverable: the due date)"))
    figure_id = forms.ChoiceField(label=_("Key figure"), required=False)
    unit_id = forms.ChoiceField(label=_("Unit"), required=False)
    segment = forms.ChoiceField(label=_("Segment"), required=False, choices=_segment_choices)
    baseline_year = forms.TypedChoiceField(label=_("Baseline year"), required=False, coerce=int, empty_value=None)
    reference_year = forms.TypedChoiceField(label=_("Reference year"), required=False, coerce=int,
                                            empty_value=None,
                                            help_text=_("For a target relative to an earlier measurement."))
    benchmark_set = forms.ChoiceField(label=_("Benchmark set"), required=False,
                                      help_text=_("For a target at the level of a benchmark."))
    evidence_date = date_field(_("Evidence date"), required=False)

    class Meta:
        model = Milestone
        fields = ["objective", "title", "kind", "deadline", "figure_id", "unit_id", "segment", "segment_value",
                  "baseline_year", "target_kind", "target_value", "benchmark_set", "tolerance", "reference_year",
                  "margin", "direction", "evidence_kind", "evidence_date", "evidence"]
        labels = {"title": _("Milestone"), "kind": _("Kind"), "segment_value": _("Segment value"),
                  "target_kind": _("Target"), "target_value": _("Target value"),
                  "tolerance": _("Tolerance"), "margin": _("Margin"), "direction": _("Which way is better"),
                  "evidence_kind": _("Kind of evidence"), "evidence": _("Evidence")}
        help_texts = {"tolerance": _("How far from the benchmark still counts as at its level."),
                      "margin": _("How much better than the reference year the target is."),
                      "segment_value": _("E.g. a job group, when a segment is chosen.")}
        error_messages = {"title": {"required": _("Write the milestone.")}}
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "evidence": forms.Textarea(attrs={"rows": 2}),
                   "kind": forms.RadioSelect}

    def __init__(self, *args, strategy: Strategy, units: list, years: list[int], benchmark_sets: list[str],
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(track__strategy=strategy)
        self.fields["figure_id"].choices = [("", _("Choose a key figure")), *figure_choices()]
        self.fields["unit_id"].choices = [("", _("Choose a unit")), *units]
        year_choices = [("", "–"), *((y, str(y)) for y in reversed(years))]
        self.fields["baseline_year"].choices = year_choices
        self.fields["reference_year"].choices = year_choices
        self.fields["benchmark_set"].choices = [("", "–"), *((s, s) for s in benchmark_sets)]
        self.fields["target_kind"].required = False
        self.fields["tolerance"].required = self.fields["margin"].required = False
        self.external = bool(self.instance.pk and self.instance.indicator_table)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == Milestone.Kind.MEASURED and not self.external:
            self._clean_measured(data)
        for name in ("tolerance", "margin"):
            data[name] = data.get(name) or 0.0
        if data.get("segment") in (None, ""):
            data["segment"] = "total"
        return data

    def _clean_measured(self, data: dict) -> None:
        figure = FIGURES_BY_ID.get(data.get("figure_id") or "")
        if figure is None:
            self.add_error("figure_id", _("Choose the key figure the milestone follows."))
        if not data.get("unit_id"):
            self.add_error("unit_id", _("Choose the unit the key figure is measured for."))
        if not data.get("baseline_year"):
            self.add_error("baseline_year", _("Choose the baseline year."))
        elif data.get("deadline") and data["baseline_year"] > data["deadline"].year:
            self.add_error("baseline_year", _("The baseline year must come before the deadline."))
        segment = data.get("segment") or "total"
        if figure is not None and segment != "total" and segment not in figure_segments(figure):
            self.add_error("segment", _("This key figure cannot be split by %(segment)s. Use one of: %(choices)s.")
                           % {"segment": segment, "choices": ", ".join(figure_segments(figure))})
        if segment != "total" and not data.get("segment_value"):
            self.add_error("segment_value", _("Give the segment value, e.g. a job group."))
        if figure is not None and figure.better.value == "neutral" and not data.get("direction"):
            self.add_error("direction", _("This key figure has no better direction: say whether higher or lower "
                                          "is better."))
        self._clean_target(data)

    def _clean_target(self, data: dict) -> None:
        kind = data.get("target_kind")
        if not kind:
            self.add_error("target_kind", _("Choose the kind of target."))
        elif kind == Milestone.TargetKind.VALUE and data.get("target_value") is None:
            self.add_error("target_value", _("Give the target value."))
        elif kind == Milestone.TargetKind.BENCHMARK and not data.get("benchmark_set"):
            self.add_error("benchmark_set", _("Choose the benchmark the target follows."))
        elif kind == Milestone.TargetKind.RELATIVE and not data.get("reference_year"):
            self.add_error("reference_year", _("Choose the year the target is relative to."))

    def milestone_fields(self) -> dict:
        """The cleaned values for the service: a deliverable drops the measured fields and vice versa."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "objective"}
        if data["kind"] == Milestone.Kind.DELIVERABLE:
            data.update(MEASURED_BLANK)
        else:
            data.update(evidence_kind="", evidence_date=None, evidence="")
        if self.external:
            for name in ("figure_id", "unit_id"):
                data[name] = getattr(self.instance, name)
        return data
