"""Presence, exits, entries and seniority of persons, day by day, for one cell.

A cell is (unit, period [p0, p1], extract date, segment). Presence "in the scope" uses the
ordinary spells that pass the segment's spell filter; presence "in the municipality" (for
external exits, entries, seniority and the education hiring check) uses all ordinary spells:
the segment filters the scope, never the person's standing in the municipality.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction

from sigtepunkt.analytics.tests.oracle import segments
from sigtepunkt.analytics.tests.oracle.dates import ONE_DAY, age_at, days, seniority_years
from sigtepunkt.analytics.tests.oracle.tree import OrgTree
from sigtepunkt.analytics.tests.oracle.warehouse import Row, Warehouse

ORDINARY = ("permanent", "fixed_term")
GAP = 90  # a run of at most 90 days without presence is bridged
REASON_RANK = {"death": 0, "retirement": 1}  # death wins over retirement, which wins over the rest


def fraction(spell: Row) -> Fraction:
    norm = spell["full_time_hours"] if spell["full_time_hours"] is not None else 37
    return Fraction(spell["weekly_hours"]) / Fraction(norm)


def active(spell: Row, d: dt.date) -> bool:
    return spell["start_date"] <= d and (spell["end_date"] is None or d <= spell["end_date"])


class Cell:
    def __init__(self, data: Warehouse, *, unit_id: str, p0: dt.date, p1: dt.date, extract_date: dt.date,
                 segment: str = "total", segment_value: str = "") -> None:
        if not p0 <= p1 <= extract_date:
            raise ValueError(f"need p0 ≤ p1 ≤ extract date, got {p0}, {p1}, {extract_date}")
        self.data, self.unit, self.p0, self.p1, self.extract = data, unit_id, p0, p1, extract_date
        self.segment, self.segment_value = segment, segment_value
        self.tree = OrgTree(data.org_units)
        self.spells: dict[str, list[Row]] = defaultdict(list)
        self.spells_by_employment: dict[str, list[Row]] = defaultdict(list)
        for spell in data.employments:
            self.spells[spell["person_key"]].append(spell)
            self.spells_by_employment[spell["employment_id"]].append(spell)
        self.birth = {p["person_key"]: p["birth_date"] for p in data.persons}
        self.gender = {p["person_key"]: p["gender"] for p in data.persons}
        self._presence: dict[tuple[str, str, bool], frozenset[dt.date]] = {}
        self._runs: dict[tuple[str, str, str, bool], list[dt.date]] = {}  # remembered exit and entry days

    # --- the period, the municipality -------------------------------------------------------

    def period_days(self) -> list[dt.date]:
        return list(days(self.p0, self.p1))

    def in_period(self, d: dt.date | None) -> bool:
        return d is not None and self.p0 <= d <= self.p1

    def municipality(self, d: dt.date) -> str:
        return self.tree.municipality_of(self.unit, d)

    def persons(self) -> list[str]:
        return sorted(self.spells)

    # --- filters ----------------------------------------------------------------------------

    def spell_ok(self, spell: Row, filtered: bool = True) -> bool:
        """An ordinary spell, kept by the segment's spell filter when `filtered`."""
        if spell["employment_type"] not in ORDINARY:
            return False
        return not filtered or segments.spell_matches(self.segment, self.segment_value, spell)

    def person_ok(self, person: str) -> bool:
        if self.segment == "gender":
            return self.gender.get(person) == self.segment_value
        if self.segment == "age_band":
            return person in self.birth and segments.age_band(self.age(person)) == self.segment_value
        if self.segment == "seniority_band":
            years = self.seniority(person, self.p1)
            return years is not None and segments.seniority_band(years) == self.segment_value
        return True

    def age(self, person: str) -> int:
        return age_at(self.birth[person], self.p1)

    # --- presence ---------------------------------------------------------------------------

    def spells_on(self, person: str, d: dt.date, scope: str | None = None, filtered: bool = True) -> list[Row]:
        """The person's ordinary spells active on d (≤ extract date) whose unit is in the scope on d."""
        scope = self.unit if scope is None else scope
        if d > self.extract:
            return []
        return [s for s in self.spells[person]
                if self.spell_ok(s, filtered) and active(s, d) and self.tree.in_scope(s["unit_id"], scope, d)]

    def present_days(self, person: str, scope: str | None = None, filtered: bool = True) -> frozenset[dt.date]:
        """Every day up to the extract date on which the person is present in the scope."""
        scope = self.unit if scope is None else scope
        key = (person, scope, filtered)
        if key not in self._presence:
            found = set()
            for spell in self.spells[person]:
                if not self.spell_ok(spell, filtered):
                    continue
                last = min(spell["end_date"] or self.extract, self.extract)
                found.update(d for d in days(spell["start_date"], last)
                             if self.tree.in_scope(spell["unit_id"], scope, d))
            self._presence[key] = frozenset(found)
        return self._presence[key]

    def continues(self, person: str, scope: str, filtered: bool) -> bool:
        """Whether presence runs on past the extract date (a spell in scope then, ending after it or never)."""
        return any(s["end_date"] is None or s["end_date"] > self.extract
                   for s in self.spells_on(person, self.extract, scope, filtered))

    def exit_days(self, person: str, scope: str | None = None, filtered: bool = True) -> list[dt.date]:
        """Days e of presence followed by more than 90 days without presence (up to the extract date)."""
        scope = self.unit if scope is None else scope
        key = ("exit", person, scope, filtered)
        if key not in self._runs:
            self._runs[key] = self._exit_days(person, scope, filtered)
        return self._runs[key]

    def _exit_days(self, person: str, scope: str, filtered: bool) -> list[dt.date]:
        present = set(self.present_days(person, scope, filtered))
        if self.continues(person, scope, filtered):
            present.add(self.extract + ONE_DAY)  # known to go on: not an exit on the extract date
        return sorted(e for e in present if e <= self.extract
                      and not any(e + k * ONE_DAY in present for k in range(1, GAP + 2)))

    def entry_days(self, person: str, scope: str, filtered: bool = False) -> list[dt.date]:
        """Days s of presence with no presence in the 91 days before s (or never before)."""
        key = ("entry", person, scope, filtered)
        if key not in self._runs:
            present = self.present_days(person, scope, filtered)
            self._runs[key] = sorted(s for s in present if not any(s - k * ONE_DAY in present for k in range(1, GAP + 2)))
        return self._runs[key]

    def seniority(self, person: str, d: dt.date) -> Fraction | None:
        """Years since the entry starting the person's current presence in the municipality (None if absent on d)."""
        municipality = self.municipality(d)
        if d not in self.present_days(person, municipality, filtered=False):
            return None
        entry = max(s for s in self.entry_days(person, municipality) if s <= d)
        return seniority_years(entry, d)

    # --- exits ------------------------------------------------------------------------------

    def exit_reason(self, person: str, e: dt.date, scope: str, filtered: bool) -> str:
        reasons = [s["end_reason"] or "other" for s in self.spells_on(person, e, scope, filtered) if s["end_date"] == e]
        return min(reasons or ["other"], key=lambda r: REASON_RANK.get(r, 2))

    def is_external(self, person: str, e: dt.date) -> bool:
        return e in self.exit_days(person, self.municipality(e), filtered=False)

    def exits(self, person: str) -> list[tuple[dt.date, bool, str]]:
        """(day, external?, reason) of every exit of the person from the scope, any day up to the extract date."""
        return [(e, self.is_external(person, e), self.exit_reason(person, e, self.unit, True))
                for e in self.exit_days(person)]

    def municipality_exit_reason(self, person: str, e: dt.date) -> str:
        return self.exit_reason(person, e, self.municipality(e), False)

    # --- entries ----------------------------------------------------------------------------

    def entries_in_period(self, person: str) -> list[dt.date]:
        """Entry days s in P into the municipality with a first unit (kept by the filter) in the scope on s."""
        found = []
        for municipality in sorted({self.municipality(d) for d in self.period_days()}):
            for s in self.entry_days(person, municipality):
                if self.in_period(s) and self.municipality(s) == municipality and self.spells_on(person, s):
                    found.append(s)
        return found
