"""Turn one municipality's simulated arrays into the string columns of each export file."""

from __future__ import annotations

import numpy as np
import polars as pl

from sigtepunkt.hrdata import enums, schema
from sigtepunkt.synth import calibration as cal
from sigtepunkt.synth.absence import Absence
from sigtepunkt.synth.ads import Ads
from sigtepunkt.synth.education import Education
from sigtepunkt.synth.employments import R_NONE, T
from sigtepunkt.synth.orgtree import Municipality
from sigtepunkt.synth.people import People
from sigtepunkt.synth.spells import Spells
from sigtepunkt.synth.talks import Dated, course_names
from sigtepunkt.synth.writer import booleans, dates, decimals, integers, labels, texts

LEVELS = {c.code: i for i, c in enumerate(enums.UNIT_LEVEL.choices)}
GROUP_LABELS = np.array([g.label_da for g in cal.GROUPS], dtype=object)
GROUP_TITLES = np.array([g.title_da for g in cal.GROUPS], dtype=object)
LEADER_TITLES = np.array(["", "Direktør", "Centerchef", "Områdeleder", "Leder"], dtype=object)
TRAINEE_TITLES = np.array(
    [p[0] + ("elev" if p[4] == "apprentice" else "studerende") for p in cal.PROGRAMMES],
    dtype=object,
)
PROGRAMMES = np.array([p[0] for p in cal.PROGRAMMES], dtype=object)


def ids(prefix: str, first: int, n: int, width: int = 7) -> np.ndarray:
    return np.array([f"{prefix}{i:0{width}d}" for i in range(first, first + n)], dtype=object)


def org_units(rows: list[tuple]) -> dict[str, pl.Series]:
    uid, parent, name, level, start, end = zip(*rows, strict=True) if rows else ([],) * 6
    return {
        "unit_id": texts(np.array(uid, dtype=object)),
        "parent_id": texts(np.array(parent, dtype=object)),
        "name": texts(np.array(name, dtype=object)),
        "level": labels(np.array([LEVELS[lv] for lv in level]), enums.UNIT_LEVEL),
        "valid_from": dates(np.array(start)),
        "valid_to": dates(np.array([10**6 if e is None else e for e in end])),
    }


def employments(
    muni: Municipality,
    people: People,
    spells: Spells,
    cpr: pl.Series,
    emp_ids: np.ndarray,
    rng: np.random.Generator,
) -> dict[str, pl.Series]:
    jobs = people.jobs
    j = spells.job
    unit_ids = np.array(muni.unit_ids, dtype=object)
    trainee = (jobs.etype[j] == T["apprentice"]) | (jobs.etype[j] == T["student"])
    title = np.where(jobs.leader[j] > 0, LEADER_TITLES[jobs.leader[j]], GROUP_TITLES[jobs.group[j]])
    title = np.where(trainee, people_trainee_titles(jobs.group[j]), title)
    norm = np.where(rng.random(len(j)) < 0.6, cal.FULL_TIME_HOURS, np.nan)
    return {
        "cpr": cpr.gather(people.person[j]),
        "employment_id": texts(emp_ids[j]),
        "unit_id": texts(unit_ids[jobs.unit[j]]),
        "job_group": texts(GROUP_LABELS[jobs.group[j]]),
        "job_title": texts(title),
        "is_leader": booleans(jobs.leader[j] > 0),
        "leader_level": texts(
            np.where(jobs.leader[j] > 0, jobs.leader[j].astype(str), "").astype(object)
        ),
        "weekly_hours": decimals(spells.hours),
        "full_time_hours": decimals(norm),
        "employment_type": labels(jobs.etype[j], enums.EMPLOYMENT_TYPE),
        "start_date": dates(spells.start),
        "end_date": dates(spells.end),
        "end_reason": labels(spells.reason, enums.END_REASON, missing=spells.reason == R_NONE),
    }


def people_trainee_titles(group: np.ndarray) -> np.ndarray:
    by_group = {cal.GROUP_INDEX[p[1]]: TRAINEE_TITLES[i] for i, p in enumerate(cal.PROGRAMMES)}
    return np.array([by_group.get(int(g), "Elev") for g in group], dtype=object)


def absences(
    people: People, absence: Absence, cpr: pl.Series, emp_ids: np.ndarray
) -> dict[str, pl.Series]:
    return {
        "cpr": cpr.gather(people.person[absence.job]),
        "employment_id": texts(emp_ids[absence.job]),
        "from_date": dates(absence.start),
        "to_date": dates(absence.end),
        "hours": decimals(absence.hours),
        "days": decimals(absence.days),
        "cause": labels(absence.cause, enums.ABSENCE_CAUSE),
    }


def job_ads(
    muni: Municipality, ads: Ads, ad_ids: np.ndarray, emp_ids: np.ndarray
) -> dict[str, pl.Series]:
    unit_ids = np.array(muni.unit_ids, dtype=object)
    filled = np.where(ads.filled_job >= 0, emp_ids[np.maximum(ads.filled_job, 0)], "")
    return {
        "ad_id": texts(ad_ids),
        "unit_id": texts(unit_ids[ads.unit]),
        "job_group": texts(GROUP_LABELS[ads.group]),
        "weekly_hours": decimals(ads.hours),
        "published": dates(ads.published),
        "deadline": dates(ads.deadline),
        "reposts_ad_id": texts(
            np.where(ads.repost_of >= 0, ad_ids[np.maximum(ads.repost_of, 0)], "")
        ),
        "applicants": integers(ads.applicants),
        "filled_by_employment_id": texts(filled.astype(object)),
    }


def education(
    muni: Municipality, edu: Education, people: People, cpr: pl.Series, first_job: int
) -> dict[str, pl.Series]:
    unit_ids = np.array(muni.unit_ids, dtype=object)
    person = people.person[first_job + np.arange(len(edu.start))]
    return {
        "cpr": cpr.gather(person),
        "programme": texts(PROGRAMMES[edu.programme]),
        "route": labels(edu.route, enums.EDUCATION_ROUTE),
        "is_adult": booleans(edu.adult),
        "unit_id": texts(unit_ids[edu.unit]),
        "start_date": dates(edu.start),
        "planned_end": dates(edu.planned_end),
        "actual_end": dates(edu.actual_end),
        "outcome": labels(edu.outcome, enums.EDUCATION_OUTCOME),
    }


def talks(d: Dated, cpr: pl.Series) -> dict[str, pl.Series]:
    return {
        "cpr": cpr.gather(d.person),
        "talk_date": dates(d.day),
        "kind": labels(d.code, enums.TALK_KIND),
    }


def courses(d: Dated, cpr: pl.Series) -> dict[str, pl.Series]:
    name, category = course_names(d.code)
    return {
        "cpr": cpr.gather(d.person),
        "course": texts(name),
        "category": texts(category),
        "completed_on": dates(d.day),
    }


TABLE = schema.TABLES_BY_NAME
