"""The public entry point: generate a synthetic municipality (or a nation of them) as CSV exports.

Work is done one municipality at a time and appended to the open files, so memory is
bounded by the largest municipality, not by the whole run. Every random draw comes from a
`numpy.random.Generator(PCG64)` seeded from (seed, municipality number): the same
arguments give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sigtepunkt.hrdata import schema
from sigtepunkt.i18n import gettext as _
from sigtepunkt.synth import absence as absence_mod
from sigtepunkt.synth import tables
from sigtepunkt.synth.ads import simulate_ads
from sigtepunkt.synth.cprgen import CprAllocator
from sigtepunkt.synth.dates import day, holidays, year_of
from sigtepunkt.synth.education import simulate_education
from sigtepunkt.synth.employments import T, simulate_side_jobs, simulate_slots, slot_rates
from sigtepunkt.synth.names import REGION_SHARES, REGIONS
from sigtepunkt.synth.orgtree import IdCounter, build_municipality
from sigtepunkt.synth.people import People, assign_people
from sigtepunkt.synth.spells import split_spells
from sigtepunkt.synth.talks import simulate_courses, simulate_talks
from sigtepunkt.synth.writer import TableWriter

Progress = Callable[[str, int, int], None]
ABSENCE_CHUNK = 40_000  # employments per absence batch: bounds memory in big municipalities


@dataclass(frozen=True)
class GenerationSummary:
    out_dir: Path
    extract_date: dt.date
    files: dict[str, Path]
    rows: dict[str, int]
    employees_at_extract: int
    municipalities: int


@dataclass
class _Run:
    writer: TableWriter
    cprs: CprAllocator
    ids: IdCounter
    window_start: int
    extract_day: int
    base_day: int
    hol: np.ndarray
    next_employment: int = 0
    next_ad: int = 0
    headcount: int = 0


def municipality_sizes(employees: int, municipalities: int, rng: np.random.Generator) -> np.ndarray:
    """Split the staff over municipalities with a realistic skew (capital ≫ small island)."""
    if municipalities == 1:
        return np.array([employees])
    rank = np.arange(1, municipalities + 1)
    weight = rank**-0.8 * rng.lognormal(0, 0.15, municipalities)
    weight[-1] *= 0.2  # the small island municipality
    sizes = np.maximum(np.round(employees * weight / weight.sum()).astype(np.int64), 60)
    return sizes


def generate_municipality(
    *,
    out_dir: Path,
    employees: int,
    seed: int,
    extract_date: dt.date,
    municipalities: int = 1,
    encoding: str = "utf-8-sig",
    progress: Progress | None = None,
) -> GenerationSummary:
    """Write one CSV per import table for `employees` staff in `municipalities` municipalities."""
    if employees < 50 * municipalities or municipalities < 1:
        raise ValueError("at least 50 employees per municipality are needed")
    report = progress or (lambda label, done, total: None)
    out_dir = Path(out_dir)
    x = day(extract_date)
    # History from 1 January ten years back, so the first of the ten complete calendar years the
    # engine computes by default is fully covered (absence, ads, talks start at `w`).
    w = day(dt.date(extract_date.year - 10, 1, 1))
    seq = np.random.SeedSequence(seed)
    top = np.random.Generator(np.random.PCG64(seq.spawn(1)[0]))
    sizes = municipality_sizes(employees, municipalities, top)
    with TableWriter(out_dir, encoding) as writer:
        run = _Run(
            writer,
            CprAllocator(),
            IdCounter(1000),
            w,
            x,
            day(dt.date(extract_date.year - 45, 1, 1)),
            holidays(int(year_of(np.array([w]))[0]) - 1, extract_date.year + 3),
        )
        parents = _national_tree(run, municipalities)
        done = 0
        for m, (staff, child) in enumerate(zip(sizes, seq.spawn(municipalities), strict=True)):
            name = "Eksempel Kommune" if municipalities == 1 else f"Eksempel Kommune {m + 1:02d}"
            _one_municipality(
                run,
                m,
                name,
                parents[m],
                int(staff),
                np.random.Generator(np.random.PCG64(child)),
                report,
                done,
                int(sizes.sum()),
            )
            done += int(staff)
        report(_("Generating the synthetic municipality"), int(sizes.sum()), int(sizes.sum()))
    return GenerationSummary(
        out_dir, extract_date, dict(writer.paths), dict(writer.rows), run.headcount, municipalities
    )


def _national_tree(run: _Run, municipalities: int) -> list[str | None]:
    """Above several municipalities: Danmark and its five regions; returns each one's parent."""
    if municipalities == 1:
        return [None]
    root = run.ids.take()
    rows = [(root, None, "Danmark", "national", run.base_day, None)]
    shares = np.array(REGION_SHARES, dtype=float)
    counts = np.maximum(np.round(municipalities * shares / shares.sum()).astype(int), 1)
    counts[-1] = municipalities - counts[:-1].sum() if municipalities - counts[:-1].sum() > 0 else 1
    parents: list[str | None] = []
    for name, k in zip(REGIONS, counts, strict=True):
        rid = run.ids.take()
        rows.append((rid, root, name, "region", run.base_day, None))
        parents += [rid] * int(k)
    run.writer.write(schema.ORG_UNITS, tables.org_units(rows))
    parents = (parents + [parents[-1]] * municipalities)[:municipalities]
    return parents


def _one_municipality(
    run: _Run,
    m: int,
    name: str,
    parent: str | None,
    staff: int,
    rng: np.random.Generator,
    report: Progress,
    done: int,
    total: int,
) -> None:
    x, w, b = run.extract_day, run.window_start, run.base_day
    report(_("Generating the synthetic municipality"), done, total)
    muni = build_municipality(
        index=m,
        name=name,
        parent=parent,
        staff=staff,
        rng=rng,
        ids=run.ids,
        base_day=b,
        extract_day=x,
    )
    run.writer.write(schema.ORG_UNITS, tables.org_units(muni.units))
    ordinary = simulate_slots(
        muni=muni,
        slot_unit=muni.slot_unit,
        slot_group=muni.slot_group,
        slot_leader=muni.slot_leader,
        rate=slot_rates(muni),
        rng=rng,
        window_start=w,
        extract_day=x,
        base_day=b,
    )
    edu = simulate_education(
        muni=muni, rng=rng, staff=staff, window_start=w, extract_day=x, base_day=b
    )
    side = simulate_side_jobs(muni=muni, rng=rng, window_start=w, extract_day=x, base_day=b)
    people = assign_people(
        rng=rng,
        ordinary=ordinary,
        trainees=edu.jobs,
        trainee_hired=edu.hire_donor,
        side=side,
        window_start=w,
        extract_day=x,
    )
    cpr = run.cprs.allocate(people.birth, people.female)
    emp_ids = tables.ids("E", run.next_employment, len(people.jobs), width=8)
    run.next_employment += len(people.jobs)
    spells = split_spells(rng=rng, jobs=people.jobs, extract_day=x)
    run.writer.write(
        schema.EMPLOYMENTS, tables.employments(muni, people, spells, cpr, emp_ids, rng)
    )
    run.writer.write(schema.EDUCATION, tables.education(muni, edu, people, cpr, len(ordinary)))
    report(_("Generating the synthetic municipality"), done + staff // 3, total)
    ads = simulate_ads(
        rng=rng,
        people=people,
        window_start=w,
        extract_day=x,
        unit_open=np.array(muni.unit_open),
        unit_close=np.array(muni.unit_close),
    )
    run.writer.write(
        schema.JOB_ADS,
        tables.job_ads(muni, ads, tables.ids("A", run.next_ad, len(ads.unit)), emp_ids),
    )
    run.next_ad += len(ads.unit)
    talks = simulate_talks(
        rng=rng, people=people, n_units=len(muni.unit_ids), window_start=w, extract_day=x
    )
    run.writer.write(schema.DEVELOPMENT_TALKS, tables.talks(talks, cpr))
    run.writer.write(
        schema.COURSES,
        tables.courses(
            simulate_courses(rng=rng, people=people, window_start=w, extract_day=x), cpr
        ),
    )
    report(_("Generating the synthetic municipality"), done + 2 * staff // 3, total)
    _absence(run, muni, people, rng, cpr, emp_ids)
    jobs = people.jobs
    present = (jobs.etype <= T["fixed_term"]) & (jobs.start <= x) & (jobs.end >= x)
    run.headcount += len(np.unique(people.person[present]))


def _absence(
    run: _Run, muni, people: People, rng: np.random.Generator, cpr, emp_ids: np.ndarray
) -> None:
    """Absence in batches of employments, written as it is made."""
    jobs = people.jobs
    frail = absence_mod.frailty(rng, len(people.birth))
    parent = absence_mod.parents(rng, len(people.birth))
    first = np.maximum(jobs.start, run.window_start)
    last = np.minimum(jobs.end, run.extract_day)
    eligible = np.flatnonzero((first <= last) & (jobs.etype != T["hourly"]))
    hot = np.array(muni.unit_hot)
    for lo in range(0, len(eligible), ABSENCE_CHUNK):
        j = eligible[lo : lo + ABSENCE_CHUNK]
        p = people.person[j]
        ex = absence_mod.Exposure(
            j,
            first[j],
            last[j],
            jobs.group[j],
            hot[jobs.unit[j]],
            people.female[p],
            people.birth[p],
            frail[p],
            parent[p],
            jobs.hours[j],
        )
        records = absence_mod.absence_for(rng=rng, ex=ex, hol=run.hol)
        run.writer.write(schema.ABSENCES, tables.absences(people, records, cpr, emp_ids))
