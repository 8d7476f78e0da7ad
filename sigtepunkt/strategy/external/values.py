"""StatBank time codes and values: 2023, 2023H1, 2023K1, 2023M01; decimal comma; ".." when not available.

Danmarks Statistik writes its time variable TID as these codes in every table; a period is
kept as its first and last day (both inclusive), as the engine's periods are.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass
from enum import Enum

logger = logging.getLogger(__name__)

_PERIOD = re.compile(r"^(\d{4})(?:(H)([12])|(K)([1-4])|(M)(0[1-9]|1[0-2]))?$")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}\.\d{3}$")
MISSING = ("..", ".", "")  # ".." is DST's mark for "not available or confidential"


class PeriodKind(Enum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"


@dataclass(frozen=True)
class StatPeriod:
    code: str
    kind: PeriodKind
    start: dt.date
    end: dt.date


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_parse(code: str) -> StatPeriod | None:
    """The period of a StatBank time code, or None when it is not one."""
    found = _PERIOD.match(code.strip().upper())
    if not found or not 1800 <= int(found.group(1)) <= 2200:
        return None
    year = int(found.group(1))
    if found.group(2):
        first = 1 + 6 * (int(found.group(3)) - 1)
        return StatPeriod(code, PeriodKind.HALF, dt.date(year, first, 1), _month_end(year, first + 5))
    if found.group(4):
        first = 1 + 3 * (int(found.group(5)) - 1)
        return StatPeriod(code, PeriodKind.QUARTER, dt.date(year, first, 1), _month_end(year, first + 2))
    if found.group(6):
        month = int(found.group(7))
        return StatPeriod(code, PeriodKind.MONTH, dt.date(year, month, 1), _month_end(year, month))
    return StatPeriod(code, PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))


class NumberError(Enum):
    NOT_A_NUMBER = "not_a_number"
    AMBIGUOUS = "ambiguous"


def value_parse(text: str) -> float | None | NumberError:
    """A StatBank value: None when missing (".."), the number, or why it is not one.

    A point followed by exactly three digits ("1.234") is refused as ambiguous: DST's Danish
    downloads use decimal comma, so it is more likely a thousands separator from a spreadsheet.
    """
    text = text.strip().replace("\u00a0", "")
    if text in MISSING:
        return None
    if _THOUSANDS.match(text):
        return NumberError.AMBIGUOUS
    if not _NUMBER.match(text):
        return NumberError.NOT_A_NUMBER
    return float(text.replace(",", "."))
