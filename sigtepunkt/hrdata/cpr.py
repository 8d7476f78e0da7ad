"""CPR numbers: validation, what may be derived from them, and the keyed pseudonym.

A CPR number is DDMMYY-SSSS. The 7th digit with the year gives the century (CPR-kontoret's
rule, in force since 1968); the last digit is odd for men and even for women. Since 2007
numbers need not satisfy the modulus-11 check, so it is not applied.

Only the pseudonym, the birth date and the gender leave this module: the number itself is
discarded at the door and never written anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import re

logger = logging.getLogger(__name__)

_CPR_RE = re.compile(r"^\s*(\d{6})-?(\d{4})\s*$")


def century(year2: int, digit7: int) -> int | None:
    """Return the century (1800, 1900 or 2000) for a two-digit year and the 7th digit."""
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if year2 <= 36 else 1900
    if 5 <= digit7 <= 8:
        return 2000 if year2 <= 57 else 1800
    return None


def normalise(value: str) -> str | None:
    """Return the ten digits of a CPR number, or None when it is not ten digits."""
    match = _CPR_RE.match(value)
    return match.group(1) + match.group(2) if match else None


def birth_date(digits: str) -> dt.date | None:
    """Return the birth date encoded in ten CPR digits, or None when there is no such day."""
    day, month, year2 = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    cent = century(year2, int(digits[6]))
    if cent is None:
        return None
    try:
        return dt.date(cent + year2, month, day)
    except ValueError:
        return None


def gender(digits: str) -> str:
    """Return "M" or "K" (mand, kvinde) from the last digit."""
    return "M" if int(digits[9]) % 2 else "K"


def pseudonym(digits: str, key: bytes) -> str:
    """Return the keyed pseudonym of ten CPR digits: HMAC-SHA256, hex, 32 characters.

    Without the key, the 3.65 million possible CPR numbers of a century cannot be hashed
    to find a person; with it, the same person gets the same pseudonym in every extract.
    """
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()[:32]


def mask(value: str) -> str:
    """Return a CPR-like value safe to print: the date part kept, the serial hidden."""
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 6:
        return f"{digits[:6]}-****"
    return "*" * len(value)
