"""Ten years of employments: each slot is held by a chain of employees, hire after exit.

Tenures are drawn from a mixture of two exponentials (many new hires leave early, the rest
stay long), cut short by retirement, death and workplace closure. In a steady state a
slot's exit rate is one over the mean tenure, which is how the group's exit rate in
`calibration` becomes the municipality's turnover.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from sigtepunkt.hrdata import enums
from sigtepunkt.synth import calibration as cal
from sigtepunkt.synth.dates import NO_END, add_years, pension_age_months, years_to_days
from sigtepunkt.synth.orgtree import Municipality

REASONS = enums.END_REASON.codes()
R = {code: i for i, code in enumerate(REASONS)}
R_NONE, R_VOLUNTARY, R_CLOSURE = -1, 90, 91
ETYPES = enums.EMPLOYMENT_TYPE.codes()
T = {code: i for i, code in enumerate(ETYPES)}

_G = cal.GROUPS
FIXED_P = np.array([g.fixed_term for g in _G])
EXIT_RATE = np.array([g.exit_rate for g in _G]) * cal.EXIT_SCALE
HIRE_AGE = np.array([g.hire_age for g in _G])
FEMALE = np.array([g.female for g in _G])
FULL_TIME = np.array([g.full_time for g in _G])


@dataclass
class Jobs:
    """Employments of one municipality as parallel arrays (one element per employment)."""

    unit: np.ndarray
    group: np.ndarray
    leader: np.ndarray
    etype: np.ndarray
    start: np.ndarray
    end: np.ndarray  # NO_END when running
    reason: np.ndarray
    hours: np.ndarray
    birth: np.ndarray  # the holder's birth day; the person matching may replace it
    female: np.ndarray
    initial: np.ndarray  # held since before the window: not a hire

    @classmethod
    def concat(cls, parts: list[Jobs]) -> Jobs:
        return cls(
            **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)}
        )

    def __len__(self) -> int:
        return len(self.start)


def draw_hours(rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
    """Weekly hours: full time by the group's share, else one of its usual part-time norms."""
    out = np.full(len(group), cal.FULL_TIME_HOURS)
    part = rng.random(len(group)) >= FULL_TIME[group]
    for g in np.unique(group[part]):
        idx = np.flatnonzero(part & (group == g))
        out[idx] = rng.choice(np.array(_G[g].part_hours), len(idx))
    return out


def retire_day(rng: np.random.Generator, birth: np.ndarray) -> np.ndarray:
    """The day a person leaves for pension: folkepensionsalder plus an offset (efterløn etc.)."""
    offsets = np.array([o for o, _ in cal.RETIRE_BEFORE_PENSION])
    p = np.array([w for _, w in cal.RETIRE_BEFORE_PENSION])
    months = pension_age_months(birth) + np.round(
        rng.choice(offsets, len(birth), p=p / p.sum()) * 12
    )
    return add_years(birth, months.astype(np.int64) // 12) + (months.astype(np.int64) % 12) * 30


def _tenure_days(rng: np.random.Generator, rate: np.ndarray, length_biased: bool) -> tuple:
    """Tenure (or, length-biased, elapsed and residual tenure) from the two-type mixture."""
    share, short_mean = cal.SHORT_STAYER
    long_mean = np.maximum((1 / rate - share * short_mean) / (1 - share), short_mean * 2)
    p_short = np.full(len(rate), share)
    if length_biased:  # a post held at a given day is more likely held by a long-stayer
        p_short = share * short_mean / (share * short_mean + (1 - share) * long_mean)
    mean = np.where(rng.random(len(rate)) < p_short, short_mean, long_mean)
    return years_to_days(rng.exponential(mean)), years_to_days(rng.exponential(mean))


def simulate_slots(
    *,
    muni: Municipality,
    slot_unit: np.ndarray,
    slot_group: np.ndarray,
    slot_leader: np.ndarray,
    rate: np.ndarray,
    rng: np.random.Generator,
    window_start: int,
    extract_day: int,
    base_day: int,
) -> Jobs:
    """Fill every slot with a chain of holders from before the window to the extract date."""
    unit_open = np.array(muni.unit_open)[slot_unit]
    unit_close = np.array(muni.unit_close)[slot_unit]
    slots = (slot_unit, slot_group, slot_leader)
    parts: list[Jobs] = []
    n = len(slot_unit)
    at_start = unit_open <= window_start
    held = at_start & (rng.random(n) < 0.98)
    idx = np.flatnonzero(held)
    first = _initial_holders(
        rng, slots, idx, rate[idx], (window_start, base_day, extract_day), unit_close[idx]
    )
    parts.append(first)
    nxt = np.zeros(n, np.int64)
    nxt[idx] = first.end + rng.integers(*cal.VACANCY_GAP_DAYS, len(idx))
    nxt[at_start & ~held] = window_start + rng.integers(0, 90, int((at_start & ~held).sum()))
    nxt[~at_start] = unit_open[~at_start] + rng.integers(20, 60, int((~at_start).sum()))
    stopped = np.zeros(n, bool)
    stopped[idx] = first.reason == R_NONE  # still running, or fixed-term beyond the extract
    active = np.flatnonzero(~stopped & (nxt <= extract_day) & (nxt < unit_close))
    while len(active):
        job = _hire(rng, slots, active, nxt[active], rate[active], unit_close[active], extract_day)
        parts.append(job)
        nxt[active] = job.end + rng.integers(*cal.VACANCY_GAP_DAYS, len(active))
        go = (
            (job.reason != R_NONE)
            & (nxt[active] <= extract_day)
            & (nxt[active] < unit_close[active])
        )
        active = active[go]
    return Jobs.concat(parts)


def slot_rates(muni: Municipality) -> np.ndarray:
    """Annual exit hazard of each ordinary slot: its group's rate, raised in hot spots."""
    hot = np.array(muni.unit_hot)[muni.slot_unit]
    return EXIT_RATE[muni.slot_group] * np.where(hot, cal.HOT_SPOT_EXIT, 1.0)


def simulate_side_jobs(
    *,
    muni: Municipality,
    rng: np.random.Generator,
    window_start: int,
    extract_day: int,
    base_day: int,
) -> Jobs:
    """Hourly-paid and flex-job posts, copied from random ordinary posts' unit and group."""
    n_slots = len(muni.slot_unit)
    ordinary = np.flatnonzero(muni.slot_leader == 0)
    kinds = []
    for etype, share, rate in (
        ("hourly", cal.HOURLY_SHARE, 0.45),
        ("flex_job", cal.FLEX_SHARE, 0.12),
    ):
        k = max(1, int(round(n_slots * share)))
        pick = rng.choice(ordinary, k)
        jobs = simulate_slots(
            muni=muni,
            slot_unit=muni.slot_unit[pick],
            slot_group=muni.slot_group[pick],
            slot_leader=np.zeros(k, np.int64),
            rate=np.full(k, rate),
            rng=rng,
            window_start=window_start,
            extract_day=extract_day,
            base_day=base_day,
        )
        jobs.etype[:] = T[etype]
        jobs.reason = np.where(jobs.reason == R["fixed_term_end"], R_VOLUNTARY, jobs.reason)
        jobs.end = np.where((jobs.reason == R_NONE) & (jobs.end != NO_END), NO_END, jobs.end)
        hours = (8.0, 10.0, 12.0, 15.0) if etype == "hourly" else (12.0, 15.0, 18.0, 20.0, 25.0)
        jobs.hours = rng.choice(np.array(hours), len(jobs))
        kinds.append(jobs)
    return Jobs.concat(kinds)


def _age_factor(age: np.ndarray) -> np.ndarray:
    """Exit hazard by age: the young move on more, staff past 50 stay (benchmark.dk: turnover is
    highest among the youngest; the oldest leave mostly by retirement, drawn separately)."""
    return np.where(age < 30, cal.EXIT_AGE_YOUNG, np.where(age >= 50, cal.EXIT_AGE_SENIOR, 1.0))


def _finish(
    rng: np.random.Generator,
    start: np.ndarray,
    tenure_end: np.ndarray,
    birth: np.ndarray,
    fixed: np.ndarray,
    close: np.ndarray,
    extract_day: int,
) -> tuple[np.ndarray, np.ndarray]:
    """End day and reason from the competing ends: tenure, retirement, death, closure."""
    n = len(start)
    retire = np.maximum(retire_day(rng, birth), start + 30)
    death = start + years_to_days(rng.exponential(1 / cal.DEATH_RATE, n))
    ends = np.stack([tenure_end, retire, death, close])
    which = np.argmin(ends, axis=0)
    # A tenure drawn as zero days would end the day before it starts: keep at least one day.
    end = np.maximum(ends[which, np.arange(n)], start)
    reason = np.array([R_VOLUNTARY, R["retirement"], R["death"], R_CLOSURE])[which]
    reason = np.where(fixed & (which == 0), R["fixed_term_end"], reason)
    future = end > extract_day
    reason = np.where(future, R_NONE, reason)
    end = np.where(future & ~(fixed & (which == 0)), NO_END, end)
    return end, reason


def _initial_holders(rng, slots, idx, rate, days, close) -> Jobs:
    window_start, base_day, extract_day = days
    slot_unit, slot_group, slot_leader = slots
    n = len(idx)
    lo, hi, p = (np.array(c) for c in zip(*cal.STOCK_AGE_BANDS, strict=True))
    band = rng.choice(len(p), n, p=p / p.sum())
    age = lo[band] + rng.random(n) * (hi[band] - lo[band])
    birth = window_start - years_to_days(age)
    group = slot_group[idx]
    retire = retire_day(rng, birth)
    birth = np.where(retire <= window_start + 30, birth + (retire - window_start) - 400, birth)
    elapsed, residual = _tenure_days(rng, rate * _age_factor(age), length_biased=True)
    fixed = rng.random(n) < FIXED_P[group] * 0.3
    ft_len = rng.integers(60, 365, n)
    elapsed = np.where(fixed, (rng.random(n) * ft_len).astype(np.int64), elapsed)
    residual = np.where(fixed, ft_len - elapsed, residual)
    earliest = np.maximum(base_day, birth + years_to_days(18.5))
    start = np.maximum(window_start - elapsed, earliest)
    end, reason = _finish(rng, start, window_start + residual, birth, fixed, close, extract_day)
    return _jobs(rng, slot_unit[idx], group, slot_leader[idx], fixed, start, end, reason, birth, initial=True)


def _hire(rng, slots, idx, start, rate, close, extract_day) -> Jobs:
    slot_unit, slot_group, slot_leader = slots
    n = len(idx)
    group = slot_group[idx]
    leader = slot_leader[idx]
    age = np.clip(rng.normal(HIRE_AGE[group] + cal.HIRE_AGE_SHIFT, 11.0), 18.2, 63.0)
    age = np.where(leader > 0, np.clip(rng.normal(46, 7, n), 30, 62), age)
    birth = start - years_to_days(age)
    fixed = rng.random(n) < FIXED_P[group]
    tenure, _ = _tenure_days(rng, rate * _age_factor(age), length_biased=False)
    months = rng.integers(*cal.FIXED_TERM_MONTHS, n, endpoint=True)
    tenure = np.where(fixed, (months * 30.44).astype(np.int64), tenure)
    end, reason = _finish(rng, start, start + tenure - 1, birth, fixed, close, extract_day)
    return _jobs(rng, slot_unit[idx], group, leader, fixed, start, end, reason, birth, initial=False)


def _jobs(rng: np.random.Generator, unit: np.ndarray, group: np.ndarray, leader: np.ndarray, fixed: np.ndarray,
          start: np.ndarray, end: np.ndarray, reason: np.ndarray, birth: np.ndarray, *, initial: bool) -> Jobs:
    """Jobs of holders drawn at the window's start (`initial`) or hired later; hours and gender drawn here."""
    n = len(unit)
    hours = draw_hours(rng, group)  # drawn before gender, in this order, so a seed keeps its files
    female = rng.random(n) < FEMALE[group]
    return Jobs(unit, group, leader, np.where(fixed, T["fixed_term"], T["permanent"]), start, end, reason,
                hours, birth, female, np.full(n, initial, bool))
