"""One small function per measure of the catalogue, each straight from its one-line meaning.

A measure returns its value and its population: the items it counts (persons, exits or
entries as (person, day), education records, ads) and the distinct persons among them, so
that a cell's n is either (see `Measure.counts_persons`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sigtepunkt.analytics.tests.oracle import segments
from sigtepunkt.analytics.tests.oracle.dates import (
    add_years,
    days,
    is_working_day,
    median,
    one_year_after,
    one_year_before,
)
from sigtepunkt.analytics.tests.oracle.pension import pension_date
from sigtepunkt.analytics.tests.oracle.presence import Cell, active, fraction
from sigtepunkt.analytics.tests.oracle.warehouse import Row

SICKNESS = ("own_sickness", "work_injury")
ALTERNATIVE_ROUTES = ("merit", "training_position", "unskilled_to_skilled")
LEADER_COURSE = "psykisk arbejdsmiljø for ledere"


@dataclass(frozen=True)
class Measured:
    value: Fraction | None
    items: tuple[Any, ...]
    persons: frozenset[str]


def _count(items: Iterable[Any], person_of: Callable[[Any], str]) -> Measured:
    items = tuple(items)
    return Measured(Fraction(len(items)), items, frozenset(person_of(i) for i in items))


def _persons(persons: Iterable[str]) -> Measured:
    return _count(sorted(set(persons)), lambda p: p)


# --- stock at p1 ----------------------------------------------------------------------------


def _stock(cell: Cell) -> dict[str, list[Row]]:
    """Persons present in the scope at p1 (and kept by the segment), with their spells there."""
    found = {p: cell.spells_on(p, cell.p1) for p in cell.persons() if cell.person_ok(p)}
    return {p: spells for p, spells in found.items() if spells}


def _stock_sum(cell: Cell, quantity: Callable[[str, list[Row]], Fraction]) -> Measured:
    stock = _stock(cell)
    return Measured(sum((quantity(p, s) for p, s in stock.items()), Fraction(0)), tuple(stock), frozenset(stock))


def _stock_where(cell: Cell, keep: Callable[[str, list[Row]], bool]) -> Measured:
    return _persons(p for p, spells in _stock(cell).items() if keep(p, spells))


def persons_p1(cell: Cell) -> Measured:
    return _stock_where(cell, lambda p, s: True)


def fte_p1(cell: Cell) -> Measured:
    return _stock_sum(cell, lambda p, spells: sum(fraction(s) for s in spells))


def age_sum_p1(cell: Cell) -> Measured:
    return _stock_sum(cell, lambda p, spells: Fraction(cell.age(p)))


def aged_60_plus_p1(cell: Cell) -> Measured:
    return _stock_where(cell, lambda p, s: cell.age(p) >= 60)


def seniority_sum_p1(cell: Cell) -> Measured:
    return _stock_sum(cell, lambda p, spells: cell.seniority(p, cell.p1))


def part_time_p1(cell: Cell) -> Measured:
    return _stock_where(cell, lambda p, spells: sum(fraction(s) for s in spells) < 1)


def weekly_hours_sum_p1(cell: Cell) -> Measured:
    return _stock_sum(cell, lambda p, spells: sum(Fraction(s["weekly_hours"]) for s in spells))


def _retirements_due(years: int) -> Callable[[Cell], Measured]:
    def measure(cell: Cell) -> Measured:
        horizon = add_years(cell.p1, years)
        return _stock_where(cell, lambda p, s: pension_date(cell.birth[p]) <= horizon)
    return measure


def leaders_p1(cell: Cell) -> Measured:
    return _stock_where(cell, lambda p, spells: any(s["is_leader"] for s in spells))


def _trained(cell: Cell, person: str) -> bool:
    return any(c["person_key"] == person and c["completed_on"] <= cell.p1
               and c["category"].strip().casefold() == LEADER_COURSE for c in cell.data.course_completions)


def leaders_trained_p1(cell: Cell) -> Measured:
    return _stock_where(cell, lambda p, spells: any(s["is_leader"] for s in spells) and _trained(cell, p))


def mus_eligible_p1(cell: Cell) -> Measured:
    return _stock_where(cell, lambda p, s: cell.seniority(p, cell.p1) >= 1)


def _talked(cell: Cell, person: str) -> bool:
    since = one_year_before(cell.p1)
    return any(t["person_key"] == person and since < t["talk_date"] <= cell.p1 for t in cell.data.development_talks)


def mus_done_p1(cell: Cell) -> Measured:
    return _stock_where(cell, lambda p, s: cell.seniority(p, cell.p1) >= 1 and _talked(cell, p))


# --- days of P ------------------------------------------------------------------------------


def _days_present(cell: Cell) -> dict[str, list[dt.date]]:
    found = {p: [d for d in cell.period_days() if d in cell.present_days(p)] for p in cell.persons() if cell.person_ok(p)}
    return {p: ds for p, ds in found.items() if ds}


def persons_in_p(cell: Cell) -> Measured:
    return _persons(_days_present(cell))


def avg_headcount(cell: Cell) -> Measured:
    present = _days_present(cell)
    total = sum(len(ds) for ds in present.values())
    return Measured(Fraction(total, len(cell.period_days())), tuple(present), frozenset(present))


def avg_fte(cell: Cell) -> Measured:
    present = _days_present(cell)
    total = sum(fraction(s) for p, ds in present.items() for d in ds for s in cell.spells_on(p, d))
    return Measured(Fraction(total) / len(cell.period_days()), tuple(present), frozenset(present))


# --- absence --------------------------------------------------------------------------------


def _counted_spell(cell: Cell, employment_id: str, d: dt.date) -> Row | None:
    """The employment's spell on d if it is ordinary, kept by the segment and in the scope on d."""
    for spell in cell.spells_by_employment[employment_id]:
        if active(spell, d) and spell in cell.spells_on(spell["person_key"], d):
            return spell
    return None


def _sick_hours_of(cell: Cell, record: Row) -> Fraction:
    length = (record["to_date"] - record["from_date"]).days + 1
    last = min(record["to_date"], cell.p1, cell.extract)
    hours = Fraction(0)
    for d in days(max(record["from_date"], cell.p0), last):
        spell = _counted_spell(cell, record["employment_id"], d)
        if spell is None or not cell.person_ok(spell["person_key"]):
            continue
        if record["hours"] is not None:
            hours += Fraction(record["hours"]) / length
        elif is_working_day(d):
            hours += Fraction(spell["weekly_hours"]) / 5
    return hours


def sick_hours(cell: Cell) -> Measured:
    records = [r for r in cell.data.absences if r["cause"] in SICKNESS]
    total = sum((_sick_hours_of(cell, r) for r in records), Fraction(0))
    persons = persons_in_p(cell)
    return Measured(total, persons.items, persons.persons)


def planned_hours(cell: Cell) -> Measured:
    total = Fraction(0)
    for person in cell.persons():
        if cell.person_ok(person):
            for d in cell.period_days():
                if is_working_day(d):
                    total += sum((Fraction(s["weekly_hours"]) / 5 for s in cell.spells_on(person, d)), Fraction(0))
    persons = persons_in_p(cell)
    return Measured(total, persons.items, persons.persons)


# --- exits ----------------------------------------------------------------------------------


def _exits(cell: Cell, external: bool) -> list[tuple[str, dt.date]]:
    return [(p, e) for p in cell.persons() if cell.person_ok(p)
            for e, is_external, reason in cell.exits(p)
            if cell.in_period(e) and is_external == external and reason != "death"]


def exits_external(cell: Cell) -> Measured:
    return _count(_exits(cell, True), lambda item: item[0])


def exits_internal(cell: Cell) -> Measured:
    return _count(_exits(cell, False), lambda item: item[0])


def exit_seniority_median(cell: Cell) -> Measured:
    exits = exits_external(cell)
    return Measured(median([cell.seniority(p, e) for p, e in exits.items]), exits.items, exits.persons)


# --- cohort at p0, hours at p0 and p1 -------------------------------------------------------


def cohort_p0(cell: Cell) -> Measured:
    return _persons(p for p in cell.persons() if cell.person_ok(p) and cell.p0 in cell.present_days(p))


def cohort_p0_left(cell: Cell) -> Measured:
    return _persons(p for p in cohort_p0(cell).items
                    if any(cell.p0 <= e < cell.p1 and reason not in ("retirement", "death")
                           for e, _, reason in cell.exits(p)))


def present_p0_p1(cell: Cell) -> Measured:
    return _persons(p for p in cohort_p0(cell).items if cell.p1 in cell.present_days(p))


def _weekly_hours(cell: Cell, person: str, d: dt.date) -> Fraction:
    return sum((Fraction(s["weekly_hours"]) for s in cell.spells_on(person, d)), Fraction(0))


def hours_up(cell: Cell) -> Measured:
    return _persons(p for p in present_p0_p1(cell).items
                    if _weekly_hours(cell, p, cell.p1) > _weekly_hours(cell, p, cell.p0))


def hours_down(cell: Cell) -> Measured:
    return _persons(p for p in present_p0_p1(cell).items
                    if _weekly_hours(cell, p, cell.p1) < _weekly_hours(cell, p, cell.p0))


# --- entries into the municipality ----------------------------------------------------------


def entries(cell: Cell) -> Measured:
    return _count(((p, s) for p in cell.persons() if cell.person_ok(p) for s in cell.entries_in_period(p)),
                  lambda item: item[0])


def entries_matured(cell: Cell) -> Measured:
    return _count((item for item in entries(cell).items if one_year_after(item[1]) <= cell.extract),
                  lambda item: item[0])


def _left_within_a_year(cell: Cell, person: str, s: dt.date) -> bool:
    municipality = cell.municipality(s)
    return any(s <= e < one_year_after(s) and cell.exit_reason(person, e, municipality, False) != "death"
               for e in cell.exit_days(person, municipality, filtered=False))


def entries_matured_left(cell: Cell) -> Measured:
    return _count((item for item in entries_matured(cell).items if _left_within_a_year(cell, *item)),
                  lambda item: item[0])


# --- education records ----------------------------------------------------------------------


def _records(cell: Cell, day_of: Callable[[Row], dt.date | None], keep: Callable[[Row, dt.date], bool]) -> Measured:
    """Records kept by the segment whose unit is in the scope on their day (day_of), and kept by `keep`."""
    found = []
    for i, r in enumerate(cell.data.education):
        d = day_of(r)
        if d is None or not segments.record_matches(cell.segment, cell.segment_value, r):
            continue
        if cell.person_ok(r["person_key"]) and cell.tree.in_scope(r["unit_id"], cell.unit, d) and keep(r, d):
            found.append((i, r["person_key"]))
    return _count(found, lambda item: item[1])


def apprentices_p1(cell: Cell) -> Measured:
    records = _records(cell, lambda r: cell.p1,
                       lambda r, d: r["start_date"] <= d and (r["actual_end"] is None or r["actual_end"] >= d))
    return _persons(records.persons)


def education_started(cell: Cell) -> Measured:
    return _records(cell, lambda r: r["start_date"], lambda r, d: cell.in_period(d))


def education_started_alternative(cell: Cell) -> Measured:
    return _records(cell, lambda r: r["start_date"],
                    lambda r, d: cell.in_period(d) and r["route"] in ALTERNATIVE_ROUTES)


def education_ended(cell: Cell) -> Measured:
    return _records(cell, lambda r: r["actual_end"], lambda r, d: cell.in_period(d))


def education_dropped(cell: Cell) -> Measured:
    return _records(cell, lambda r: r["actual_end"], lambda r, d: cell.in_period(d) and r["outcome"] == "dropped_out")


def _completed_matured(r: Row, d: dt.date, cell: Cell) -> bool:
    return cell.in_period(d) and r["outcome"] == "completed" and one_year_after(d) <= cell.extract


def _hired_after(cell: Cell, person: str, end: dt.date) -> bool:
    present = cell.present_days(person, cell.municipality(end), filtered=False)
    return any(end < d <= one_year_after(end) for d in present)


def education_completed_matured(cell: Cell) -> Measured:
    return _records(cell, lambda r: r["actual_end"], lambda r, d: _completed_matured(r, d, cell))


def education_completed_hired(cell: Cell) -> Measured:
    return _records(cell, lambda r: r["actual_end"],
                    lambda r, d: _completed_matured(r, d, cell) and _hired_after(cell, r["person_key"], d))


# --- job ads --------------------------------------------------------------------------------


def _ads(cell: Cell, day: str, keep: Callable[[Row], bool] = lambda ad: True) -> list[Row]:
    return [ad for ad in cell.data.job_ads
            if cell.in_period(ad[day]) and ad[day] <= cell.extract
            and segments.ad_matches(cell.segment, cell.segment_value, ad)
            and cell.tree.in_scope(ad["unit_id"], cell.unit, ad[day]) and keep(ad)]


def _ad_count(ads: list[Row]) -> Measured:
    return _count([ad["ad_id"] for ad in ads], lambda ad_id: ad_id)


def ads_published(cell: Cell) -> Measured:
    return _ad_count(_ads(cell, "published"))


def ads_reposts(cell: Cell) -> Measured:
    return _ad_count(_ads(cell, "published", lambda ad: ad["reposts_ad_id"] is not None))


def ads_deadline(cell: Cell) -> Measured:
    return _ad_count(_ads(cell, "deadline"))


def ads_unfilled(cell: Cell) -> Measured:
    return _ad_count(_ads(cell, "deadline", lambda ad: ad["filled_by_employment_id"] is None))


def ads_with_applicants(cell: Cell) -> Measured:
    return _ad_count(_ads(cell, "published", lambda ad: ad["applicants"] is not None))


def applicants_median(cell: Cell) -> Measured:
    ads = _ads(cell, "published", lambda ad: ad["applicants"] is not None)
    counted = _ad_count(ads)
    return Measured(median([Fraction(ad["applicants"]) for ad in ads]), counted.items, counted.persons)


MEASURE_FUNCTIONS: dict[str, Callable[[Cell], Measured]] = {
    "persons_p1": persons_p1, "fte_p1": fte_p1, "age_sum_p1": age_sum_p1, "aged_60_plus_p1": aged_60_plus_p1,
    "seniority_sum_p1": seniority_sum_p1, "part_time_p1": part_time_p1, "weekly_hours_sum_p1": weekly_hours_sum_p1,
    "retirements_due_1y": _retirements_due(1), "retirements_due_3y": _retirements_due(3),
    "retirements_due_5y": _retirements_due(5), "leaders_p1": leaders_p1, "leaders_trained_p1": leaders_trained_p1,
    "mus_eligible_p1": mus_eligible_p1, "mus_done_p1": mus_done_p1,
    "persons_in_p": persons_in_p, "avg_headcount": avg_headcount, "avg_fte": avg_fte,
    "sick_hours": sick_hours, "planned_hours": planned_hours,
    "exits_external": exits_external, "exits_internal": exits_internal, "exit_seniority_median": exit_seniority_median,
    "cohort_p0": cohort_p0, "cohort_p0_left": cohort_p0_left,
    "present_p0_p1": present_p0_p1, "hours_up": hours_up, "hours_down": hours_down,
    "entries": entries, "entries_matured": entries_matured, "entries_matured_left": entries_matured_left,
    "apprentices_p1": apprentices_p1, "education_started": education_started,
    "education_started_alternative": education_started_alternative, "education_ended": education_ended,
    "education_dropped": education_dropped, "education_completed_matured": education_completed_matured,
    "education_completed_hired": education_completed_hired,
    "ads_published": ads_published, "ads_reposts": ads_reposts, "ads_deadline": ads_deadline,
    "ads_unfilled": ads_unfilled, "ads_with_applicants": ads_with_applicants, "applicants_median": applicants_median,
}
