"""Numbers and dates in the active language's way, for the sentences the status rules write.

The web layer formats with Django's locale; the engine has no Django, so the few formats its
sentences need live here (Danish: 5,5 % and 31. dec. 2025).
"""

from __future__ import annotations

import datetime as dt
import logging

from sigtepunkt.i18n import language

logger = logging.getLogger(__name__)

_MONTHS_DA = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number_text(value: float, unit: str = "", *, decimals: int = 2) -> str:
    """`value` rounded to at most `decimals` places, trailing zeros dropped, with its unit."""
    text = f"{round(value, decimals):.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:.0f}"
    if text in ("-0", ""):
        text = "0"
    if language() == "da":
        text = text.replace(".", ",")
    return f"{text} {unit}".rstrip() if unit else text


def date_text(day: dt.date) -> str:
    """A date as people read it: 31. dec. 2025 (Danish) or 31 Dec 2025."""
    if language() == "da":
        return f"{day.day}. {_MONTHS_DA[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
