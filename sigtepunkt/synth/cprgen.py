"""Valid, unique synthetic CPR numbers from birth date and gender.

The 7th digit is chosen so that `sigtepunkt.hrdata.cpr.century` gives back the birth
century (0-3 for 1900-1999, 4-9 for 2000-2036), the last digit is odd for men and even for
women. Within one birth date and gender the k-th person gets serial number k scrambled by a
bijection, so numbers look random but never repeat in a run.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from sigtepunkt.synth.dates import day

_FIRST = day(dt.date(1900, 1, 1))
_LAST = day(dt.date(2036, 12, 31))


class CprAllocator:
    def __init__(self) -> None:
        self.used = np.zeros((_LAST - _FIRST + 1) * 2, dtype=np.int64)

    def allocate(self, birth: np.ndarray, female: np.ndarray) -> pl.Series:
        """Ten-digit CPR strings for persons (birth day numbers, female flags)."""
        birth = np.asarray(birth, dtype=np.int64)
        if len(birth) and (birth.min() < _FIRST or birth.max() > _LAST):
            raise ValueError("birth dates outside 1900-2036 cannot get a CPR number")
        key = (birth - _FIRST) * 2 + female.astype(np.int64)
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        group_first = np.searchsorted(sorted_key, sorted_key, side="left")
        rank = np.empty(len(key), np.int64)
        rank[order] = np.arange(len(key)) - group_first
        k = self.used[key] + rank
        np.add.at(self.used, key, 1)
        dates = np.asarray(birth, dtype="datetime64[D]")
        year = dates.astype("datetime64[Y]").astype(np.int64) + 1970
        modern = year >= 2000
        cap = np.where(modern, 3000, 2000)
        if np.any(k >= cap):
            raise ValueError("too many synthetic persons share one birth date")
        s = (k * 7919 + (birth % 997) * 13) % cap
        digit7 = np.where(modern, 4, 0) + (s // 5) // 100
        d89 = (s // 5) % 100
        last = 2 * (s % 5) + np.where(female, 0, 1)
        month = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
        dom = (dates - dates.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
        head = dom * 10000 + month * 100 + year % 100
        serial = digit7 * 1000 + d89 * 10 + last
        return pl.Series(head).cast(pl.String).str.zfill(6) + pl.Series(serial).cast(
            pl.String
        ).str.zfill(4)
