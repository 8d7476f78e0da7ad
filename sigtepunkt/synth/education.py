"""Apprentices and students (elever og studerende): yearly intakes, drop-outs, completions.

Each record is also an employment of type elev or studerende i praktik in its placement
unit; completed apprentices are offered to the person matching as candidates for an
ordinary post within 12 months (the key figure "Elever ansat efter endt uddannelse").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigtepunkt.hrdata import enums
from sigtepunkt.synth import calibration as cal
from sigtepunkt.synth.dates import NO_END, years_to_days
from sigtepunkt.synth.employments import R_NONE, Jobs, R, T
from sigtepunkt.synth.orgtree import Municipality

ROUTE_CODES = enums.EDUCATION_ROUTE.codes()
OUTCOME_CODES = enums.EDUCATION_OUTCOME.codes()
CARE_OF_PROGRAMME = ("sosu", "sosu", "ped", "ped", "nurse")
FEMALE_OF_PROGRAMME = (0.85, 0.86, 0.75, 0.78, 0.92)


@dataclass
class Education:
    programme: np.ndarray
    route: np.ndarray
    adult: np.ndarray
    unit: np.ndarray
    start: np.ndarray
    planned_end: np.ndarray
    actual_end: np.ndarray  # NO_END when ongoing
    outcome: np.ndarray
    jobs: Jobs  # one employment per record, same order
    hire_donor: np.ndarray  # records whose person is offered an ordinary post


def _placements(muni: Municipality, base_day: int) -> dict[str, np.ndarray]:
    """Workplaces valid through the whole history, by the kind of trainee they take."""
    stable = [
        i
        for i, level in enumerate(muni.unit_level)
        if level == "workplace" and muni.unit_open[i] == base_day and muni.unit_close[i] >= 10**6
    ]
    out = {}
    for kind in ("sosu", "ped", "nurse"):
        units = [i for i in stable if muni.unit_care[i] == kind]
        if kind == "nurse":
            units += [i for i in stable if muni.unit_care[i] == "sosu"]
        out[kind] = np.array(units or stable, dtype=np.int64)
    return out


def simulate_education(
    *,
    muni: Municipality,
    rng: np.random.Generator,
    staff: int,
    window_start: int,
    extract_day: int,
    base_day: int,
) -> Education:
    places = _placements(muni, base_day)
    first_year = (
        int(np.datetime64(window_start, "D").astype("datetime64[Y]").astype(int)) + 1970 - 4
    )
    last_year = int(np.datetime64(extract_day, "D").astype("datetime64[Y]").astype(int)) + 1970
    cols: dict[str, list[np.ndarray]] = {k: [] for k in ("prog", "start", "dur", "age")}
    for p, (_, _, share, years, _, dropout, adult) in enumerate(cal.PROGRAMMES):
        intake = share * cal.APPRENTICE_SHARE * staff / (years * (1 - 0.7 * dropout))
        counts = rng.poisson(intake, last_year - first_year + 1)
        for y, k in zip(range(first_year, last_year + 1), counts, strict=True):
            month = np.where(rng.random(k) < 0.4, 1, 7 if years > 1 else 8)
            start = (np.datetime64(f"{y}-01", "M") + month).astype("datetime64[D]").astype(np.int64)
            start = start + rng.integers(0, 20, k)
            is_adult = rng.random(k) < adult
            age = np.where(
                is_adult, 25 + np.minimum(rng.exponential(8, k), 28), 17.5 + 7 * rng.random(k)
            )
            cols["prog"].append(np.full(k, p))
            cols["start"].append(start)
            cols["dur"].append(np.full(k, years))
            cols["age"].append(age)
    prog, start, dur, age = (np.concatenate(cols[k]) for k in ("prog", "start", "dur", "age"))
    route = rng.choice(len(cal.ROUTES), len(prog), p=[w for _, w in cal.ROUTES])
    students = np.array([cal.PROGRAMMES[p][4] == "student" for p in prog])
    route = np.where(students & (route >= 2), 0, route)
    age = np.where(route >= 2, np.maximum(age, 25 + 10 * rng.random(len(age))), age)
    length = years_to_days(dur * np.where(route == 1, 0.7, 1.0))
    planned = start + length - 1
    drop_p = np.array([cal.PROGRAMMES[p][5] for p in prog])
    drop_day = start + (length * rng.uniform(0.05, 0.95, len(prog))).astype(np.int64)
    dropped = (rng.random(len(prog)) < drop_p) & (drop_day <= extract_day)
    actual = np.where(dropped, drop_day, np.where(planned <= extract_day, planned, NO_END))
    keep = (np.minimum(actual, planned) >= window_start) & (start <= extract_day)
    prog, route, start, planned, actual, age, dropped, students = (
        a[keep] for a in (prog, route, start, planned, actual, age, dropped, students)
    )
    n = len(prog)
    outcome = np.where(dropped, 1, np.where(actual == NO_END, 2, 0))
    unit = np.array(
        [
            places[CARE_OF_PROGRAMME[p]][rng.integers(0, len(places[CARE_OF_PROGRAMME[p]]))]
            for p in prog
        ],
        dtype=np.int64,
    )
    group = np.array([cal.GROUP_INDEX[cal.PROGRAMMES[p][1]] for p in prog], dtype=np.int64)
    female = rng.random(n) < np.array(FEMALE_OF_PROGRAMME)[prog]
    reason = np.where(outcome == 0, R["fixed_term_end"], R_NONE)
    quit_reason = rng.choice([R["resignation"], R["dismissal"], R["other"]], n, p=[0.7, 0.1, 0.2])
    reason = np.where(outcome == 1, quit_reason, reason)
    jobs = Jobs(
        unit,
        group,
        np.zeros(n, np.int64),
        np.where(students, T["student"], T["apprentice"]),
        start,
        np.where(outcome == 2, planned, actual),
        reason,
        np.full(n, cal.FULL_TIME_HOURS),
        start - years_to_days(age),
        female,
        np.zeros(n, bool),
    )
    hire = (outcome == 0) & (rng.random(n) < cal.APPRENTICE_HIRED)
    return Education(
        prog,
        route,
        (age >= 25) & ~students,
        unit,
        start,
        planned,
        actual,
        outcome,
        jobs,
        np.flatnonzero(hire),
    )
