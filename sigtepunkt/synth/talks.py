"""Development talks (MUS, GRUS, LUS) and course completions, dated while employed.

MUS coverage varies by unit (a beta draw around ~78%), some units hold group talks (GRUS)
instead, leaders have LUS. Leaders take the course "psykisk arbejdsmiljø for ledere";
MED/AMR members TRIO and the statutory work-environment training; everyone some
competence development.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigtepunkt.synth import calibration as cal
from sigtepunkt.synth.dates import year_of
from sigtepunkt.synth.employments import T
from sigtepunkt.synth.people import People

KINDS = ("MUS", "GRUS", "LUS")
PSYCH = ("Psykisk arbejdsmiljø for ledere", "psykisk arbejdsmiljø for ledere")
TRIO = ("TRIO-uddannelse for MED-udvalg", "TRIO-uddannelse")
AMR = ("Den lovpligtige arbejdsmiljøuddannelse", "arbejdsmiljøuddannelse")
COMPETENCE = (
    "Forflytning og ergonomi",
    "Demens og adfærd",
    "Medicinhåndtering",
    "Førstehjælp",
    "Sprogstimulering i dagtilbud",
    "Konflikthåndtering",
    "Digital dannelse",
    "Projektledelse",
    "Excel for øvede",
    "Sagsbehandling og forvaltningsret",
)


@dataclass
class Dated:
    """Person-dated records (talks or courses): person, day and a code."""

    person: np.ndarray
    day: np.ndarray
    code: np.ndarray


def _periods(people: People, window_start: int, extract_day: int) -> tuple:
    jobs = people.jobs
    ordinary = np.flatnonzero(jobs.etype <= T["fixed_term"])
    first = np.maximum(jobs.start[ordinary], window_start)
    last = np.minimum(jobs.end[ordinary], extract_day)
    keep = first <= last
    return ordinary[keep], first[keep], last[keep]


def _unique(person: np.ndarray, day: np.ndarray, code: np.ndarray) -> Dated:
    key = np.stack([person, day, code])
    _, first = np.unique(key, axis=1, return_index=True)
    first.sort()
    return Dated(person[first], day[first], code[first])


def simulate_talks(
    *, rng: np.random.Generator, people: People, n_units: int, window_start: int, extract_day: int
) -> Dated:
    job, first, last = _periods(people, window_start, extract_day)
    mean, conc = cal.MUS_COVERAGE
    coverage = rng.beta(mean * conc, (1 - mean) * conc, n_units)
    grus = rng.random(n_units) < cal.GRUS_UNIT_SHARE
    y0, y1 = year_of(first), year_of(last)
    count = y1 - y0 + 1
    idx = np.repeat(np.arange(len(job)), count)
    year = y0[idx] + (np.arange(len(idx)) - np.repeat(np.cumsum(count) - count, count))
    ys = (np.array(year - 1970, dtype="datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
    ye = (np.array(year - 1969, dtype="datetime64[Y]").astype("datetime64[D]")).astype(np.int64) - 1
    lo, hi = np.maximum(ys, first[idx]), np.minimum(ye, last[idx])
    jobs = people.jobs
    unit = jobs.unit[job[idx]]
    ok = (hi - lo >= 90) & (rng.random(len(idx)) < coverage[unit])
    idx, lo, hi, unit = idx[ok], lo[ok], hi[ok], unit[ok]
    day = lo + (rng.random(len(idx)) * (hi - lo + 1)).astype(np.int64)
    code = np.where(jobs.leader[job[idx]] > 0, 2, np.where(grus[unit], 1, 0))
    return _unique(people.person[job[idx]], day, code)


def simulate_courses(
    *, rng: np.random.Generator, people: People, window_start: int, extract_day: int
) -> Dated:
    """Courses; code 0 psych (leaders), 1 TRIO, 2 AMR, 3+ competence development."""
    job, first, last = _periods(people, window_start, extract_day)
    jobs = people.jobs
    leader = jobs.leader[job] > 0
    span = last - first + 1
    out_idx, out_day, out_code = [], [], []
    psych = np.flatnonzero(leader & (rng.random(len(job)) < cal.LEADER_PSYCH_COURSE))
    out_idx.append(psych)
    out_day.append(first[psych] + (rng.random(len(psych)) * span[psych]).astype(np.int64))
    out_code.append(np.zeros(len(psych), np.int64))
    for code, rate in (
        (1, np.where(leader, 0.06, cal.TRIO_RATE)),
        (2, np.full(len(job), cal.AMR_RATE)),
        (3, np.full(len(job), cal.COURSE_RATE)),
    ):
        k = rng.poisson(rate * span / 365.25)
        idx = np.repeat(np.arange(len(job)), k)
        out_idx.append(idx)
        out_day.append(first[idx] + (rng.random(len(idx)) * span[idx]).astype(np.int64))
        c = np.full(len(idx), code) if code < 3 else 3 + rng.integers(0, len(COMPETENCE), len(idx))
        out_code.append(c)
    idx = np.concatenate(out_idx)
    return _unique(people.person[job[idx]], np.concatenate(out_day), np.concatenate(out_code))


def course_names(code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Course name and category for course codes."""
    names = np.array([PSYCH[0], TRIO[0], AMR[0], *COMPETENCE], dtype=object)
    cats = np.array(
        [PSYCH[1], TRIO[1], AMR[1]] + ["kompetenceudvikling"] * len(COMPETENCE), dtype=object
    )
    return names[code], cats[code]
