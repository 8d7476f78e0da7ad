"""Measures: the shared aggregates that figures are built from.

Each measure belongs to a **family**, which the engine computes in one pass (one set of
scans and joins) for every unit, period and segment; a family's population decides which
segments apply. Adding a figure usually adds no measure; adding a measure means adding it
to its family's query and to the oracle.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Population(Enum):
    ORDINARY = "ordinary"  # ordinary staff (permanent and fixed-term)
    EDUCATION = "education"  # apprentice and student records
    ADS = "ads"  # job ads


SEGMENTS = {
    Population.ORDINARY: ("job_group", "leader", "age_band", "employment_type", "gender"),
    Population.EDUCATION: ("programme", "route", "adult", "age_band", "gender"),
    Population.ADS: ("job_group",),
}


@dataclass(frozen=True)
class Measure:
    id: str
    family: str
    population: Population
    description: str
    counts_persons: bool = True  # whether n is the number of distinct persons (else items)


def _m(id: str, family: str, population: Population, description: str, counts_persons: bool = True) -> Measure:
    return Measure(id, family, population, description, counts_persons)


ORD, EDU, AD = Population.ORDINARY, Population.EDUCATION, Population.ADS

MEASURES: tuple[Measure, ...] = (
    _m("persons_p1", "stock", ORD, "distinct persons present at p1"),
    _m("fte_p1", "stock", ORD, "sum of fractions of active ordinary employments at p1"),
    _m("age_sum_p1", "stock", ORD, "sum over persons present at p1 of age in whole years at p1"),
    _m("aged_60_plus_p1", "stock", ORD, "persons present at p1 aged 60 or more"),
    _m("seniority_sum_p1", "stock", ORD, "sum over persons present at p1 of seniority in years"),
    _m("part_time_p1", "stock", ORD, "persons present at p1 whose fraction in scope is below 1"),
    _m("weekly_hours_sum_p1", "stock", ORD, "sum over persons present at p1 of their weekly hours in scope"),
    _m("retirements_due_1y", "stock", ORD, "persons present at p1 reaching pension age by p1 + 1 year"),
    _m("retirements_due_3y", "stock", ORD, "persons present at p1 reaching pension age by p1 + 3 years"),
    _m("retirements_due_5y", "stock", ORD, "persons present at p1 reaching pension age by p1 + 5 years"),
    _m("leaders_p1", "stock", ORD, "persons present at p1 in a leader employment"),
    _m("leaders_trained_p1", "stock", ORD, "of leaders_p1, those with the leaders' psychological work-environment course"),
    _m("mus_eligible_p1", "stock", ORD, "persons present at p1 with seniority of at least one year"),
    _m("mus_done_p1", "stock", ORD, "of mus_eligible_p1, those with a talk in the 12 months ending p1"),
    _m("persons_in_p", "days", ORD, "distinct persons present on some day of P"),
    _m("avg_headcount", "days", ORD, "average over the days of P of persons present"),
    _m("avg_fte", "days", ORD, "average over the days of P of the sum of fractions present"),
    _m("sick_hours", "absence", ORD, "sickness hours (own sickness, work injury) in P"),
    _m("planned_hours", "absence", ORD, "planned hours in P (weekly hours ÷ 5 on working days)"),
    _m("exits_external", "exits", ORD, "external exits from the scope in P, death excluded"),
    _m("exits_internal", "exits", ORD, "internal exits from the scope in P"),
    _m("exit_seniority_median", "exits", ORD, "median seniority on the exit day of external exits in P"),
    _m("cohort_p0", "cohort", ORD, "persons present at p0"),
    _m("cohort_p0_left", "cohort", ORD, "of cohort_p0, those exiting in P before p1 (not by retirement or death)"),
    _m("present_p0_p1", "hours_change", ORD, "persons present at both p0 and p1"),
    _m("hours_up", "hours_change", ORD, "of present_p0_p1, those with more weekly hours at p1"),
    _m("hours_down", "hours_change", ORD, "of present_p0_p1, those with fewer weekly hours at p1"),
    _m("entries", "entries", ORD, "entries into the municipality in P with first unit in scope"),
    _m("entries_matured", "entries", ORD, "of entries, those whose first year has passed by the extract date"),
    _m("entries_matured_left", "entries", ORD, "of entries_matured, those leaving the municipality within a year"),
    _m("apprentices_p1", "education", EDU, "persons with an education record active at p1"),
    _m("education_started", "education", EDU, "education records starting in P", counts_persons=False),
    _m("education_started_alternative", "education", EDU, "records starting in P by an alternative route",
       counts_persons=False),
    _m("education_ended", "education", EDU, "records with actual end in P", counts_persons=False),
    _m("education_dropped", "education", EDU, "records with actual end in P and outcome dropped out",
       counts_persons=False),
    _m("education_completed_matured", "education", EDU, "completed records ending in P, one year passed",
       counts_persons=False),
    _m("education_completed_hired", "education", EDU, "of those, persons ordinary staff within 12 months after",
       counts_persons=False),
    _m("ads_published", "ads", AD, "ads published in P", counts_persons=False),
    _m("ads_reposts", "ads", AD, "ads published in P that re-post an earlier ad", counts_persons=False),
    _m("ads_deadline", "ads", AD, "ads with deadline in P", counts_persons=False),
    _m("ads_unfilled", "ads", AD, "ads with deadline in P not filled", counts_persons=False),
    _m("ads_with_applicants", "ads", AD, "ads published in P with a number of applicants", counts_persons=False),
    _m("applicants_median", "ads", AD, "median number of applicants of ads published in P", counts_persons=False),
)

MEASURES_BY_ID = {m.id: m for m in MEASURES}
FAMILIES = tuple(dict.fromkeys(m.family for m in MEASURES))
