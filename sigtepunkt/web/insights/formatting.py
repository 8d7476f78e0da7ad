"""Numbers as a Danish reader expects them (1.234,5 %), and suppressed cells as words, never numbers."""

from __future__ import annotations

from django.utils import numberformat
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language
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


class CellFormat:
    """Formats the many cells of one page in the active language, as `format_cell` and friends do.

    A page shows a few hundred cells; `number_format` looks the separators up in the language's
    formats on every call, and a template tag per cell costs more than the formatting itself.
    A page builder makes one `CellFormat` and hands the template ready strings.
    """

    def __init__(self, threshold: int) -> None:
        lang = get_language()
        self.decimal = get_format("DECIMAL_SEPARATOR", lang, use_l10n=True)
        self.grouping = get_format("NUMBER_GROUPING", lang, use_l10n=True)
        self.thousand = get_format("THOUSAND_SEPARATOR", lang, use_l10n=True)
        self.suppressed = suppressed_text(threshold)

    def number(self, value: float | None, decimals: int = 1) -> str:
        if value is None:
            return "–"
        return numberformat.format(round(value, decimals), self.decimal, decimals, self.grouping, self.thousand,
                                   force_grouping=True, use_l10n=True)

    def value(self, value: float | None, figure: KeyFigure) -> str:
        text = self.number(value, DECIMALS[figure.unit])
        return f"{text} %" if figure.unit is Unit.PERCENT and value is not None else text

    def cell(self, cell: dict | None, figure: KeyFigure) -> str:
        if cell is None:
            return "–"
        if cell.get("suppressed"):
            return self.suppressed
        return self.value(cell.get("value"), figure)

    def count(self, cell: dict | None) -> str:
        """A cell's n, or '–' when there is none or it is suppressed."""
        return self.number(cell.get("n"), 0) if cell and not cell.get("suppressed") else "–"
