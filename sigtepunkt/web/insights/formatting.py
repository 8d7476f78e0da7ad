"""Numbers as a Danish reader expects them (1.234,5 %), and suppressed cells as words, never numbers."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sigtepunkt.analytics.catalogue.model import KeyFigure, Unit

DECIMALS = {Unit.PERSONS: 0, Unit.ADS: 0, Unit.RECORDS: 0, Unit.APPLICANTS: 1, Unit.PERCENT: 1,
            Unit.FTE: 1, Unit.YEARS: 1, Unit.DAYS: 1, Unit.HOURS: 1}


def format_number(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_value(value: float | None, figure: KeyFigure) -> str:
    text = format_number(value, DECIMALS[figure.unit])
    return f"{text} %" if figure.unit is Unit.PERCENT and value is not None else text


def unit_suffix(figure: KeyFigure) -> str:
    return "" if figure.unit is Unit.PERCENT else figure.unit.value


def suppressed_text(threshold: int) -> str:
    return _("fewer than %(n)s") % {"n": threshold}


def format_cell(cell: dict | None, figure: KeyFigure, threshold: int) -> str:
    """A stored cell for the screen: its value, 'fewer than 5' if suppressed, '–' if there is none."""
    if cell is None:
        return "–"
    if cell.get("suppressed"):
        return suppressed_text(threshold)
    return format_value(cell.get("value"), figure)


def format_change(now: float | None, before: float | None, figure: KeyFigure) -> str:
    if now is None or before is None:
        return ""
    delta = now - before
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    text = format_number(abs(delta), DECIMALS[figure.unit])
    return f"{sign}{text}" + (" %-point" if figure.unit is Unit.PERCENT else "")


def change_class(now: float | None, before: float | None, figure: KeyFigure) -> str:
    """'better', 'worse' or 'same', by the figure's better direction (neutral figures are 'same')."""
    if now is None or before is None or now == before or figure.better.value == "neutral":
        return "same"
    up = now > before
    return "better" if up == (figure.better.value == "higher") else "worse"
