"""Spells: an employment split into rows when its weekly hours change.

The new row keeps the employment id and starts the day after the previous row ends, so
the spells of one employment never overlap; the end reason stays on the last row. No
change is dated after the extract date.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigtepunkt.synth import calibration as cal
from sigtepunkt.synth.dates import NO_END
from sigtepunkt.synth.employments import R_NONE, Jobs, T, draw_hours


@dataclass
class Spells:
    job: np.ndarray  # employment index
    start: np.ndarray
    end: np.ndarray
    hours: np.ndarray
    reason: np.ndarray


def split_spells(*, rng: np.random.Generator, jobs: Jobs, extract_day: int) -> Spells:
    n = len(jobs)
    lo = jobs.start + 90
    hi = np.minimum(jobs.end, extract_day) - 30
    span = np.maximum(hi - lo, 0)
    ordinary = jobs.etype <= T["fixed_term"]
    k = np.where(ordinary & (span > 0), rng.poisson(cal.HOURS_CHANGE_RATE * span / 365.25), 0)
    k = np.minimum(k, np.where(span >= 400, 2, 1))
    rows = k + 1
    job = np.repeat(np.arange(n), rows)
    first = np.cumsum(rows) - rows
    pos = np.arange(len(job)) - first[job]
    u = rng.random(len(job))
    two = k[job] == 2
    frac = np.where(two, np.where(pos == 1, u * 0.5, 0.5 + u * 0.5), u)
    change = lo[job] + (frac * span[job]).astype(np.int64)
    start = np.where(pos == 0, jobs.start[job], change)
    last = pos == k[job]
    nxt_start = np.append(start[1:], 0)
    end = np.where(last, jobs.end[job], nxt_start - 1)
    hours = jobs.hours[job].copy()
    for p in (1, 2):
        at = np.flatnonzero(pos == p)
        new = draw_hours(rng, jobs.group[job[at]])
        prev = hours[at - 1]
        toggle = np.where(prev >= cal.FULL_TIME_HOURS, new - 4.0, cal.FULL_TIME_HOURS)
        hours[at] = np.where(new == prev, np.maximum(toggle, 8.0), new)
    reason = np.where(last, jobs.reason[job], R_NONE)
    end = np.where(end >= NO_END, NO_END, end)
    return Spells(job, start, end, hours, reason)
