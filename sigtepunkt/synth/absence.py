"""Absence records: sickness (skewed, seasonal, by group and gender), child's sickness, leave.

Sickness episodes are a Poisson process per employment whose rate is the group's days per
FTE (KRL) times a personal frailty (gamma: a few people carry much of the absence), the
year's national level, gender and hot spots; thinning by month gives the winter peak.
Records of one employment never overlap and lie within the employment and the window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigtepunkt.hrdata import enums
from sigtepunkt.synth import calibration as cal
from sigtepunkt.synth.dates import month_of, year_of

CAUSES = enums.ABSENCE_CAUSE.codes()
C = {code: i for i, code in enumerate(CAUSES)}
SICK_DAYS = np.array([g.sick_days for g in cal.GROUPS])
SHIFT = np.array([g.shift_work for g in cal.GROUPS])
MONTH = np.array(cal.SICK_MONTH) / np.mean(cal.SICK_MONTH)


@dataclass
class Absence:
    job: np.ndarray
    start: np.ndarray
    end: np.ndarray
    hours: np.ndarray  # NaN for whole-day records
    days: np.ndarray  # NaN when not given
    cause: np.ndarray


@dataclass
class Exposure:
    """What absence needs to know about a batch of employments."""

    job: np.ndarray
    first: np.ndarray  # first day inside the window
    last: np.ndarray  # last day inside the window and the extract
    group: np.ndarray
    hot: np.ndarray
    female: np.ndarray
    birth: np.ndarray
    frailty: np.ndarray
    parent: np.ndarray
    hours: np.ndarray


def _year_factor(day: np.ndarray) -> np.ndarray:
    year = year_of(day)
    out = np.where(year < 2019, cal.SICK_YEAR_EARLY, cal.SICK_YEAR_LATE)
    for y, f in cal.SICK_YEAR_FACTOR.items():
        out = np.where(year == y, f, out)
    return out


def _events(rng: np.random.Generator, ex: Exposure, rate: np.ndarray, peak: float) -> tuple:
    """Event days by thinning a Poisson process of rate*peak per year on [first, last]."""
    span = ex.last - ex.first + 1
    count = rng.poisson(np.maximum(rate, 0) * peak * span / 365.25)
    idx = np.repeat(np.arange(len(span)), count)
    day = ex.first[idx] + (rng.random(len(idx)) * span[idx]).astype(np.int64)
    return idx, day


def _sickness(rng: np.random.Generator, ex: Exposure, hol: np.ndarray) -> tuple:
    shares = np.array([s for s, _, _ in cal.SICK_EPISODES])
    lows = np.array([lo for _, lo, _ in cal.SICK_EPISODES])
    highs = np.array([hi for _, _, hi in cal.SICK_EPISODES])
    mean_len = float(np.sum(shares * (lows + highs) / 2))
    gender = np.where(ex.female, cal.SICK_GENDER["K"], cal.SICK_GENDER["M"])
    rate = (
        cal.SICK_SCALE
        * SICK_DAYS[ex.group]
        * gender
        * np.where(ex.hot, cal.HOT_SPOT_SICK, 1.0)
        * ex.frailty
        / mean_len
    )
    peak = float(MONTH.max() * max(cal.SICK_YEAR_LATE, *cal.SICK_YEAR_FACTOR.values()))
    idx, day = _events(rng, ex, rate, peak)
    keep = rng.random(len(idx)) * peak < MONTH[month_of(day)] * _year_factor(day)
    idx, day = idx[keep], day[keep]
    cls = rng.choice(len(shares), len(idx), p=shares / shares.sum())
    length = lows[cls] + (rng.random(len(idx)) * (highs[cls] - lows[cls] + 1)).astype(np.int64)
    start = np.busday_offset(day.astype("datetime64[D]"), 0, roll="forward", holidays=hol)
    end = np.busday_offset(start, length - 1, roll="forward", holidays=hol)
    start, end = start.astype(np.int64), end.astype(np.int64)
    daily = ex.hours[idx] / 5
    partial = (cls == 0) & (rng.random(len(idx)) < cal.PARTIAL_DAY_SHARE)
    end = np.where(partial, start, end)
    hours = np.where(partial, np.round(daily * rng.uniform(0.25, 0.75, len(idx)) * 4) / 4, np.nan)
    shift = SHIFT[ex.group[idx]] & ~partial & (rng.random(len(idx)) < cal.SHIFT_HOURS_SHARE)
    cause = np.where(
        rng.random(len(idx)) < cal.WORK_INJURY_SHARE, C["work_injury"], C["own_sickness"]
    )
    return idx, start, end, hours, shift, cause


def _leave(rng: np.random.Generator, ex: Exposure) -> tuple:
    """Child's sickness (parents aged 25-45), parental leave (aged 25-41), other leave."""
    age_mid = ((ex.first + ex.last) / 2 - ex.birth) / 365.25
    child_rate = np.where(ex.parent & (age_mid >= 25) & (age_mid < 46), cal.CHILD_SICK_RATE, 0.0)
    i1, d1 = _events(rng, ex, child_rate, 1.0)
    e1 = d1 + rng.integers(0, 2, len(d1))
    birth_rate = np.where(ex.female, cal.BIRTH_RATE_WOMEN, cal.BIRTH_RATE_MEN)
    birth_rate = np.where((age_mid >= 25) & (age_mid < 42), birth_rate, 0.0)
    i2, d2 = _events(rng, ex, birth_rate, 1.0)
    long_ = np.where(ex.female[i2], rng.integers(240, 340, len(i2)), rng.integers(14, 90, len(i2)))
    d2 = np.where(ex.female[i2], d2 - 28, d2)
    i3, d3 = _events(rng, ex, np.full(len(ex.job), cal.OTHER_LEAVE_RATE), 1.0)
    e3 = d3 + rng.integers(30, 180, len(d3))
    idx = np.concatenate([i1, i2, i3])
    cause = np.concatenate(
        [
            np.full(len(i1), C["child_sickness"]),
            np.full(len(i2), C["parental_leave"]),
            np.full(len(i3), C["other_leave"]),
        ]
    )
    return idx, np.concatenate([d1, d2, d3]), np.concatenate([e1, d2 + long_, e3]), cause


def absence_for(*, rng: np.random.Generator, ex: Exposure, hol: np.ndarray) -> Absence:
    s_idx, s_start, s_end, s_hours, shift, s_cause = _sickness(rng, ex, hol)
    l_idx, l_start, l_end, l_cause = _leave(rng, ex)
    idx = np.concatenate([s_idx, l_idx])
    start = np.maximum(np.concatenate([s_start, l_start]), ex.first[idx])
    end = np.minimum(np.concatenate([s_end, l_end]), ex.last[idx])
    hours = np.concatenate([s_hours, np.full(len(l_idx), np.nan)])
    shift = np.concatenate([shift, np.zeros(len(l_idx), bool)])
    cause = np.concatenate([s_cause, l_cause])
    ok = start <= end
    # Drop records overlapping an earlier one of the same employment.
    order = np.lexsort((cause, start, idx))
    order = order[ok[order]]
    idx, start, end, hours, shift, cause = (
        a[order] for a in (idx, start, end, hours, shift, cause)
    )
    big = np.int64(10**7)
    reach = np.maximum.accumulate(end + idx * big)
    prev = np.concatenate([[-1], reach[:-1]])
    keep = start + idx * big > prev
    idx, start, end, hours, shift, cause = (a[keep] for a in (idx, start, end, hours, shift, cause))
    wd = np.busday_count(
        start.astype("datetime64[D]"), (end + 1).astype("datetime64[D]"), holidays=hol
    )
    hours = np.where(shift, np.round(wd * ex.hours[idx] / 5, 2), hours)
    whole = np.isnan(hours) & (cause != C["parental_leave"])
    days = np.where(whole & (rng.random(len(idx)) < 0.5), wd.astype(float), np.nan)
    return Absence(ex.job[idx], start, end, hours, days, cause)


def frailty(rng: np.random.Generator, n: int) -> np.ndarray:
    """Personal proneness to sickness, mean 1; a small shape gives the long tail."""
    k = cal.SICK_FRAILTY_SHAPE
    return rng.gamma(k, 1 / k, n)


def parents(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.random(n) < 0.6
