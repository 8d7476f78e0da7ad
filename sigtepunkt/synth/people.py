"""Who holds which employment: internal moves, re-hires, apprentices hired, second jobs.

Every employment starts out with its own (phantom) holder. Then, in date order, people
who leave are matched to posts that are filled shortly after: an internal move takes a
post in another unit within days, a re-hire comes back within or after 90 days, a newly
qualified apprentice is hired within 12 months. A matched post takes over the person's
birth date and gender, and ends at that person's retirement if it comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigtepunkt.synth import calibration as cal
from sigtepunkt.synth.dates import NO_END
from sigtepunkt.synth.employments import R_CLOSURE, R_NONE, R_VOLUNTARY, Jobs, R, T, retire_day

R_MOVE_CANDIDATE = 92
INTERNAL, REHIRE, APPRENTICE = 0, 1, 2


@dataclass
class People:
    jobs: Jobs
    person: np.ndarray  # person index per employment
    birth: np.ndarray  # per person
    female: np.ndarray  # per person
    internal_hire: np.ndarray  # per employment: filled by an internal move (no job ad)


class _Receivers:
    """Hires of one job group sorted by start, with a skip-list of the ones already taken."""

    def __init__(self, idx: np.ndarray, start: np.ndarray) -> None:
        order = np.argsort(start[idx], kind="stable")
        self.idx = idx[order]
        self.start = start[self.idx]
        self.nxt = np.arange(len(idx) + 1)

    def find(self, i: int) -> int:
        root = i
        while self.nxt[root] != root:
            root = self.nxt[root]
        while self.nxt[i] != root:
            self.nxt[i], i = root, self.nxt[i]
        return root

    def take(self, i: int) -> None:
        self.nxt[i] = i + 1


def _split_voluntary(rng: np.random.Generator, jobs: Jobs) -> np.ndarray:
    """Turn generic exits into reasons; some become candidates for an internal move."""
    n = len(jobs)
    codes = np.array([R[c] for c, _ in cal.EXIT_REASONS])
    p = np.array([w for _, w in cal.EXIT_REASONS])
    reason = np.where(jobs.reason == R_VOLUNTARY, rng.choice(codes, n, p=p / p.sum()), jobs.reason)
    ordinary = jobs.etype <= T["fixed_term"]
    move = ordinary & (jobs.reason == R_VOLUNTARY) & (rng.random(n) < cal.INTERNAL_MOVE_SHARE)
    move |= (jobs.reason == R_CLOSURE) & (rng.random(n) < 0.7)
    reason = np.where(move, R_MOVE_CANDIDATE, reason)
    return np.where(reason == R_CLOSURE, R["dismissal"], reason)


def assign_people(
    *,
    rng: np.random.Generator,
    ordinary: Jobs,
    trainees: Jobs,
    trainee_hired: np.ndarray,
    side: Jobs,
    window_start: int,
    extract_day: int,
) -> People:
    jobs = Jobs.concat([ordinary, trainees, side])
    n_ord, n_tr = len(ordinary), len(trainees)
    jobs.reason = _split_voluntary(rng, jobs)
    person = np.arange(len(jobs))
    p_retire = retire_day(rng, jobs.birth)
    closure = ordinary.reason == R_CLOSURE
    # Donor events: (day, kind, employment, window low, window high).
    move = np.flatnonzero(jobs.reason[:n_ord] == R_MOVE_CANDIDATE)
    left = np.flatnonzero(
        np.isin(jobs.reason[:n_ord], [R["resignation"], R["fixed_term_end"]])
        & (jobs.end[:n_ord] < extract_day)
    )
    u = rng.random(len(left))
    short, long_ = (
        left[u < cal.REHIRE_SHORT],
        left[(u >= cal.REHIRE_SHORT) & (u < cal.REHIRE_SHORT + cal.REHIRE_LONG)],
    )
    trained = n_ord + trainee_hired
    ev_job = np.concatenate([move, short, long_, trained])
    ev_kind = np.concatenate(
        [
            np.full(len(move), INTERNAL),
            np.full(len(short) + len(long_), REHIRE),
            np.full(len(trained), APPRENTICE),
        ]
    )
    lo = np.concatenate(
        [
            np.full(len(move), 1),
            np.full(len(short), 14),
            np.full(len(long_), 91),
            np.full(len(trained), 1),
        ]
    )
    hi = np.concatenate(
        [
            np.full(len(move), 6),
            np.full(len(short), 90),
            rng.integers(200, 1500, len(long_)),
            np.full(len(trained), 330),
        ]
    )
    ev_day = jobs.end[ev_job]
    order = np.lexsort((ev_job, ev_day))
    hires = np.flatnonzero(~jobs.initial[:n_ord] & (jobs.start[:n_ord] >= window_start))
    receivers = {
        g: _Receivers(hires[jobs.group[hires] == g], jobs.start) for g in range(len(cal.GROUPS))
    }
    matched_move = np.zeros(len(jobs), bool)
    internal_hire = np.zeros(len(jobs), bool)
    for e in order:
        j, kind, day = int(ev_job[e]), int(ev_kind[e]), int(ev_day[e])
        if jobs.end[j] != day or (
            kind != APPRENTICE
            and jobs.reason[j] not in (R_MOVE_CANDIDATE, R["resignation"], R["fixed_term_end"])
        ):
            continue  # this employment was cut short after the event was planned
        rec = receivers[int(jobs.group[j])]
        i = rec.find(int(np.searchsorted(rec.start, day + lo[e])))
        for _ in range(6):
            if i >= len(rec.idx) or rec.start[i] > day + hi[e]:
                break
            r = int(rec.idx[i])
            p = person[j]
            if (kind != INTERNAL or jobs.unit[r] != jobs.unit[j]) and jobs.start[r] < p_retire[
                p
            ] - 60:
                rec.take(i)
                _claim(jobs, person, p_retire, r, p, extract_day)
                matched_move[j] = internal_hire[r] = kind == INTERNAL
                break
            i = rec.find(i + 1)
    jobs.reason = np.where(matched_move, R["internal_move"], jobs.reason)
    unmatched = jobs.reason == R_MOVE_CANDIDATE
    jobs.reason = np.where(
        unmatched & np.concatenate([closure, np.zeros(len(jobs) - n_ord, bool)]),
        R["dismissal"],
        np.where(unmatched, R["resignation"], jobs.reason),
    )
    _second_jobs(rng, jobs, person, n_ord, n_ord + n_tr, extract_day)
    return _compress(jobs, person, internal_hire)


def _claim(
    jobs: Jobs, person: np.ndarray, p_retire: np.ndarray, r: int, p: int, extract_day: int
) -> None:
    """Give post r to person p; it ends at p's retirement if that comes first."""
    person[r] = p
    jobs.birth[r], jobs.female[r] = jobs.birth[p], jobs.female[p]
    if p_retire[p] < min(jobs.end[r], extract_day + 1):
        jobs.end[r], jobs.reason[r] = p_retire[p], R["retirement"]
    elif jobs.reason[r] == R["retirement"]:
        jobs.reason[r] = R["resignation"]


def _second_jobs(
    rng: np.random.Generator,
    jobs: Jobs,
    person: np.ndarray,
    n_ord: int,
    side0: int,
    extract_day: int,
) -> None:
    """Give some hourly jobs to people holding an ordinary job at the time (two concurrent jobs)."""
    hourly = np.flatnonzero((np.arange(len(jobs)) >= side0) & (jobs.etype == T["hourly"]))
    hourly = hourly[rng.random(len(hourly)) < cal.CONCURRENT_HOURLY]
    for _ in range(8):
        if not len(hourly):
            break
        host = rng.integers(0, n_ord, len(hourly))
        s = jobs.start[hourly]
        ok = (jobs.start[host] <= s) & (np.minimum(jobs.end[host], extract_day) >= s + 30)
        h, o = hourly[ok], host[ok]
        person[h] = person[o]
        jobs.birth[h], jobs.female[h] = jobs.birth[o], jobs.female[o]
        cut = (jobs.end[o] <= extract_day) & (jobs.end[o] < jobs.end[h])
        jobs.end[h] = np.where(cut, jobs.end[o], jobs.end[h])
        same = np.isin(jobs.reason[o], [R["death"], R["retirement"]])
        jobs.reason[h] = np.where(
            cut, np.where(same, jobs.reason[o], R["resignation"]), jobs.reason[h]
        )
        hourly = hourly[~ok]
    jobs.reason = np.where(jobs.end == NO_END, R_NONE, jobs.reason)


def _compress(jobs: Jobs, person: np.ndarray, internal_hire: np.ndarray) -> People:
    _, first, inverse = np.unique(person, return_index=True, return_inverse=True)
    return People(jobs, inverse, jobs.birth[first], jobs.female[first], internal_hire)
