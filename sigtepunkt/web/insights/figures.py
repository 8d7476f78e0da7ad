"""The catalogue as the screens present it: names in the active language, tracks, headlines."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sigtepunkt.analytics.catalogue import FIGURES, get_figure
from sigtepunkt.analytics.catalogue.model import KeyFigure, Track

TRACK_NAMES = {
    Track.CROSS_CUTTING: _("Cross-cutting"),
    Track.RETENTION: _("Retention"),
    Track.EDUCATION: _("Education"),
    Track.RECRUITMENT: _("Recruitment"),
}
# The figures on the overview page, per track: the ones the source strategies name as goals.
HEADLINES = {
    Track.RETENTION: ("sickness_absence_rate", "turnover_rate", "new_hire_first_year_leaver_rate"),
    Track.EDUCATION: ("apprentice_intake", "apprentice_dropout_rate", "apprentice_hired_rate"),
    Track.RECRUITMENT: ("unfilled_ad_share", "part_time_share", "new_hires"),
    Track.CROSS_CUTTING: ("headcount", "fte", "retirements_due_5y_share"),
}
SEGMENT_NAMES = {
    "total": _("All"), "job_group": _("Job group"), "leader": _("Leader or employee"), "age_band": _("Age band"),
    "employment_type": _("Employment type"), "gender": _("Gender"), "seniority_band": _("Seniority"),
    "programme": _("Programme"), "route": _("Route"), "adult": _("Adult apprentice"),
}
LEVEL_NAMES = {
    "region": _("Region"), "municipality": _("Municipality"), "centre": _("Centre"), "area": _("Area"),
    "workplace": _("Workplace"),
}


def english() -> bool:
    return (get_language() or "da").startswith("en")


def figure_name(figure: KeyFigure) -> str:
    return figure.name_en if english() else figure.name_da


def figure_description(figure: KeyFigure) -> str:
    return figure.description_en if english() else figure.description_da


def figures_by_track() -> list[tuple[Track, str, list[KeyFigure]]]:
    return [(t, TRACK_NAMES[t], [f for f in FIGURES if f.track is t]) for t in Track]


def figure_or_none(figure_id: str) -> KeyFigure | None:
    try:
        return get_figure(figure_id)
    except KeyError:
        return None
