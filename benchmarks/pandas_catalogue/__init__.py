"""The whole key-figure catalogue as a competent analyst would write it in pandas.

This is the benchmark's comparison, not part of sigtepunkt: the warehouse tables are read
into pandas DataFrames and every figure is computed with merges, group-bys and vectorised
date arithmetic (dates as integer day numbers), looping over the periods as an analyst
would. It follows `KEY-FIGURES.md` and `docs/key-figure-conventions.md`, with one
simplification:

* **The organisation tree at each period's end.** Every unit is placed in the tree as it is
  on p1 (a unit that does not exist on p1 keeps its nearest version: its last one if it has
  closed, its first if it opens later). The engine follows the tree day by day. Periods whose
  p1 sees the same tree share one computation of the history (presence, exits, entries). The
  difference shows only in periods around a reorganisation and in units that closed or
  opened (see `docs/performance.md` for the measured agreement).

Figures that need no tree history (headcount, fte, sickness, ...) agree exactly with the
engine when the tree does not change.

    from benchmarks.pandas_catalogue import compute_catalogue
    cells = compute_catalogue(warehouse_path, extract_date, periods)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from sigtepunkt.analytics.calendar import Period, is_working_day
from sigtepunkt.analytics.catalogue import FIGURES, figure_segments
from sigtepunkt.analytics.catalogue.measures import MEASURES_BY_ID
from sigtepunkt.analytics.catalogue.model import Aggregation, KeyFigure
from sigtepunkt.analytics.pension import STEPS

ORDINARY = ("permanent", "fixed_term")
SICKNESS = ("own_sickness", "work_injury")
ALTERNATIVE_ROUTES = ("merit", "training_position", "unskilled_to_skilled")
LEADER_COURSE = "psykisk arbejdsmiljø for ledere"
GAP = 90
HOME_LEVELS = ("municipality", "region", "national")
ABOVE_MUNICIPALITY = ("region", "national")
EVENT_COUNTS = {"exits_external", "entries", "entries_matured"}
EPOCH = np.datetime64("1970-01-01", "D")
KEY = ["scope_id", "dim", "val"]
RESULT_COLUMNS = ["figure", "unit_id", "period_kind", "period_start", "period_end", "segment", "segment_value",
                  "value", "numerator", "denominator", "n"]


# --- dates as integer day numbers -------------------------------------------------------

def day(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


def days_of(series: pd.Series, missing: int | None = None) -> np.ndarray:
    """A date column as int64 day numbers; missing dates become `missing` (or -1)."""
    values = pd.to_datetime(series).values.astype("datetime64[D]")
    out = (values - EPOCH).astype(np.int64)
    nat = np.isnat(values)
    out[nat] = -10**9 if missing is None else missing
    return out


def add_years(days: np.ndarray, years: int) -> np.ndarray:
    """The same calendar date `years` later (29 February → 28 February)."""
    dates = pd.to_datetime(EPOCH + days.astype("timedelta64[D]"))
    shifted = (pd.DatetimeIndex(dates) + pd.DateOffset(years=years)).values.astype("datetime64[D]")
    return (shifted - EPOCH).astype(np.int64)


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    dates = pd.DatetimeIndex(EPOCH + days.astype("timedelta64[D]"))
    return dates.year.values, dates.month.values, dates.day.values


def age_at(birth: np.ndarray, on: dt.date) -> np.ndarray:
    by, bm, bd = ymd(birth)
    leap = on.year % 4 == 0 and (on.year % 100 != 0 or on.year % 400 == 0)
    bd = np.where((bm == 2) & (bd == 29) & (not leap), 28, bd)
    passed = (on.month > bm) | ((on.month == bm) & (on.day >= bd))
    return on.year - by - np.where(passed, 0, 1)


def pension_day(birth: np.ndarray) -> np.ndarray:
    months = np.full(len(birth), STEPS[0][1])
    for born_from, age in STEPS[1:]:
        months = np.where(birth >= day(born_from), age, months)
    by, bm, bd = ymd(birth)
    total = by * 12 + (bm - 1) + months
    year, month = total // 12, total % 12 + 1
    first = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1})).values.astype("datetime64[D]")
    nxt = pd.to_datetime(pd.DataFrame({"year": (total + 1) // 12, "month": (total + 1) % 12 + 1, "day": 1}))
    last = (nxt.values.astype("datetime64[D]") - first).astype(np.int64)
    return (first - EPOCH).astype(np.int64) + np.minimum(bd, last) - 1


# --- reading ------------------------------------------------------------------------------

def read_tables(warehouse: Path) -> dict[str, pd.DataFrame]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        def q(sql: str) -> pd.DataFrame:
            return con.execute(sql).df()
        return {
            "org": q("SELECT unit_id, parent_id, level, valid_from, valid_to FROM org_units"),
            "emp": q("SELECT person_key, employment_id, unit_id, job_group, is_leader, weekly_hours, full_time_hours, "
                     "employment_type, start_date, end_date, end_reason FROM employments"),
            "persons": q("SELECT person_key, birth_date, gender FROM persons"),
            "absences": q("SELECT employment_id, from_date, to_date, hours, cause FROM absences"),
            "ads": q("SELECT ad_id, unit_id, job_group, published, deadline, reposts_ad_id, applicants, "
                     "filled_by_employment_id FROM job_ads"),
            "education": q("SELECT person_key, programme, route, is_adult, unit_id, start_date, actual_end, outcome "
                           "FROM education"),
            "talks": q("SELECT person_key, talk_date FROM development_talks"),
            "courses": q("SELECT person_key, category, completed_on FROM course_completions"),
        }


# --- the tree at a day --------------------------------------------------------------------

def tree_at(org: pd.DataFrame, on: int, x: int) -> pd.DataFrame:
    """unit_id, scope_id (the unit and every ancestor), scope_level: each unit's nearest version to `on`."""
    o = org.assign(vf=days_of(org["valid_from"]), vt=np.minimum(days_of(org["valid_to"], missing=x), x))
    o = o[o.vf <= o.vt]
    o = o.assign(dist=np.where(on < o.vf, o.vf - on, np.where(on > o.vt, on - o.vt, 0)))
    o = o.sort_values(["unit_id", "dist", "vf"]).drop_duplicates("unit_id")
    level = o.set_index("unit_id")["level"]
    parent = o.loc[o.parent_id.notna(), ["unit_id", "parent_id"]]
    frontier = pd.DataFrame({"unit_id": o.unit_id.values, "scope_id": o.unit_id.values})
    found = [frontier]
    for _ in range(50):
        frontier = frontier.merge(parent.rename(columns={"unit_id": "scope_id"}), on="scope_id")[
            ["unit_id", "parent_id"]].rename(columns={"parent_id": "scope_id"})
        if frontier.empty:
            break
        found.append(frontier)
    paths = pd.concat(found, ignore_index=True)
    paths["scope_level"] = paths.scope_id.map(level)
    return paths


# --- history per tree ---------------------------------------------------------------------

def islands(df: pd.DataFrame, keys: list[str], gap: int) -> pd.DataFrame:
    """Runs per key where pieces overlap or are at most `gap` days apart (s, e inclusive)."""
    df = df.sort_values([*keys, "s", "e"], ignore_index=True)
    gid = df.groupby(keys, sort=False).ngroup()
    prev = df["e"].groupby(gid).cummax().groupby(gid).shift()
    starts = prev.isna() | (df["s"] > prev + gap + 1)
    df["run"] = starts.cumsum()
    agg = df.groupby("run").agg(
        **{k: (k, "first") for k in keys}, scope_level=("scope_level", "first"), s=("s", "min"),
        e=("e", "max"), open_end=("open_end", "any"), reason_key=("reason_key", "max"))
    return agg.reset_index(drop=True)


def segments(scoped: pd.DataFrame, dims: tuple[str, ...]) -> pd.DataFrame:
    parts = [scoped.assign(dim="total", val="")]
    for d in dims:
        value = scoped[d] if d != "leader" else np.where(scoped.is_leader, "leader", "employee")
        parts.append(scoped.assign(dim=d, val=value))
    return pd.concat(parts, ignore_index=True)


class History:
    """Everything that depends on the whole history under one tree: seg, presence, exits, entries, tenure."""

    def __init__(self, spells: pd.DataFrame, paths: pd.DataFrame, dims: tuple[str, ...], x: int):
        scoped = spells.merge(paths, on="unit_id")
        self.paths = paths
        self.seg = segments(scoped, dims)
        self.presence = islands(self.seg, ["scope_id", "dim", "val", "person_key"], 0)
        episodes = islands(self.presence, ["scope_id", "dim", "val", "person_key"], GAP)
        ex = episodes[~episodes.open_end & (episodes.e <= x)].rename(columns={"e": "exit_day"})
        ex = ex.assign(reason_class=np.select(
            [ex.reason_key // 10 != ex.exit_day, ex.reason_key % 10 == 3, ex.reason_key % 10 == 2],
            ["other", "death", "retirement"], "other"))
        muni = ex.loc[(ex.scope_level == "municipality") & (ex.dim == "total"), ["person_key", "exit_day"]]
        muni = muni.drop_duplicates().assign(external=True)
        ex = ex.merge(muni, on=["person_key", "exit_day"], how="left")
        ex["external"] = ex["external"].notna()
        tot = episodes[episodes.dim == "total"]
        self.tenure = tot.loc[tot.scope_level == "municipality", ["person_key", "s", "e"]]
        since = self.since(ex[["person_key", "exit_day"]].drop_duplicates().rename(columns={"exit_day": "d"}))
        ex = ex.merge(since.rename(columns={"d": "exit_day"}), on=["person_key", "exit_day"], how="left")
        ex["seniority"] = (ex.exit_day - ex.since) / 365.25
        self.exits = ex
        self.entries = self._entries(tot)

    def since(self, asked: pd.DataFrame) -> pd.DataFrame:
        """person_key, d -> since: the first day of the person's current stay in the municipality on d."""
        m = asked.merge(self.tenure, on="person_key")
        m = m[(m.s <= m.d) & (m.d <= m.e)]
        return m.groupby(["person_key", "d"], as_index=False).agg(since=("s", "min"))

    def _entries(self, tot: pd.DataFrame) -> pd.DataFrame:
        starts = tot.loc[tot.scope_level.isin(HOME_LEVELS), ["scope_id", "scope_level", "person_key", "s", "e",
                                                             "open_end", "reason_key"]]
        starts = starts.rename(columns={"scope_id": "home_id", "scope_level": "home_level", "s": "entry_day",
                                        "e": "stay_end"})
        seg = self.seg[["scope_id", "person_key", "dim", "val", "unit_id", "s", "e"]]
        first = starts.merge(seg.rename(columns={"scope_id": "home_id"}), on=["home_id", "person_key"])
        first = first[(first.s <= first.entry_day) & (first.entry_day <= first.e)].drop(columns=["s", "e"])
        first = first.drop_duplicates()
        placed = first.merge(self.paths, on="unit_id")
        keep = ((placed.home_level == "municipality") & ~placed.scope_level.isin(ABOVE_MUNICIPALITY)) | (
            placed.scope_id == placed.home_id)
        cols = ["scope_id", "dim", "val", "person_key", "entry_day", "stay_end", "open_end", "reason_key"]
        return placed.loc[keep, cols].drop_duplicates()


# --- the catalogue ------------------------------------------------------------------------

def compute_catalogue(warehouse: Path, extract_date: dt.date, periods: list[Period] | tuple[Period, ...],
                      dims: tuple[str, ...] = ("job_group",)) -> pd.DataFrame:
    t = read_tables(warehouse)
    x = day(extract_date)
    periods = [p for p in periods if p.p1 <= extract_date]

    emp = t["emp"]
    emp = emp[emp.employment_type.isin(ORDINARY)].copy()
    emp["s"] = days_of(emp.start_date)
    emp = emp[emp.s <= x]
    end = days_of(emp.end_date, missing=10**7)
    emp["e"] = np.minimum(end, x)
    emp["open_end"] = end > x
    emp["weekly_hours"] = emp.weekly_hours.astype(float)
    emp["fraction"] = emp.weekly_hours / emp.full_time_hours.astype(float).fillna(37.0)
    reason = emp.end_reason.fillna("other")
    prio = np.select([reason == "death", reason == "retirement"], [3, 2], 1)
    emp["reason_key"] = np.where(end <= x, emp.e * 10 + prio, np.nan)
    spells = emp[["person_key", "employment_id", "unit_id", "job_group", "is_leader", "employment_type",
                  "weekly_hours", "fraction", "s", "e", "open_end", "reason_key"]].reset_index(drop=True)

    persons = t["persons"].assign(birth=lambda p: days_of(p.birth_date))
    persons["pension"] = pension_day(persons.birth.values)
    birth = persons.set_index("person_key")["birth"]
    pension = persons.set_index("person_key")["pension"]

    first_day = min(int(spells.s.min()) if len(spells) else x, min(day(p.p0) for p in periods)) - 1
    cal_days = np.arange(first_day, x + 2)
    wd = np.array([is_working_day(dt.date(1970, 1, 1) + dt.timedelta(days=int(d))) for d in cal_days])
    wd_cum = np.cumsum(wd)

    def workdays(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:  # working days in [lo, hi]
        return wd_cum[hi - first_day] - wd_cum[lo - 1 - first_day]

    ab = t["absences"]
    ab = ab[ab.cause.isin(SICKNESS)].assign(a0=lambda a: days_of(a.from_date), a1=lambda a: days_of(a.to_date),
                                            rec_hours=lambda a: a.hours.astype(float))
    sick_spells = ab[["employment_id", "a0", "a1", "rec_hours"]].merge(
        spells[["employment_id", "unit_id", "job_group", "is_leader", "employment_type", "weekly_hours", "s", "e"]],
        on="employment_id")
    sick_spells = sick_spells[(sick_spells.s <= sick_spells.a1) & (sick_spells.a0 <= sick_spells.e)]

    talks = t["talks"].assign(d=lambda f: days_of(f.talk_date))
    courses = t["courses"]
    trained = courses[courses.category.str.strip().str.lower() == LEADER_COURSE].assign(
        d=lambda f: days_of(f.completed_on)).groupby("person_key")["d"].min()

    org = t["org"]
    trees: dict[tuple, list[Period]] = {}
    tree_paths: dict[tuple, pd.DataFrame] = {}
    for p in periods:
        paths = tree_at(org, day(p.p1), x)
        key = tuple(map(tuple, paths.sort_values(["unit_id", "scope_id"]).values.tolist()))
        trees.setdefault(key, []).append(p)
        tree_paths[key] = paths

    ord_parts, edu_parts, ad_parts = [], [], []
    for key, group in trees.items():
        h = History(spells, tree_paths[key], dims, x)
        for p in group:
            ord_parts.append(_ordinary(p, h, spells, sick_spells, birth, pension, talks, trained, workdays, x, dims))
            edu_parts.append(_education(p, t["education"], h, persons, x))
            ad_parts.append(_ads(p, t["ads"], h.paths, x))
    return _assemble(pd.concat(ord_parts, ignore_index=True), pd.concat(edu_parts, ignore_index=True),
                     pd.concat(ad_parts, ignore_index=True), periods, dims)


def _rollup(frame: pd.DataFrame, paths: pd.DataFrame, dims: tuple[str, ...], values: list[str]) -> pd.DataFrame:
    """Additive values per unit (and segment columns) rolled up over the tree: scope_id, dim, val, values."""
    placed = frame.merge(paths, on="unit_id")
    out = [placed.groupby("scope_id", as_index=False)[values].sum().assign(dim="total", val="")]
    for d in dims:
        col = placed[d] if d != "leader" else pd.Series(np.where(placed.is_leader, "leader", "employee"),
                                                        index=placed.index)
        g = placed.assign(val=col).groupby(["scope_id", "val"], as_index=False)[values].sum()
        out.append(g.assign(dim=d))
    return pd.concat(out, ignore_index=True)


def _ordinary(p: Period, h: History, spells: pd.DataFrame, sick_spells: pd.DataFrame, birth: pd.Series,
              pension: pd.Series, talks: pd.DataFrame, trained: pd.Series, workdays, x: int,
              dims: tuple[str, ...]) -> pd.DataFrame:
    p0, p1, n_days = day(p.p0), day(p.p1), p.days
    seg = h.seg
    parts = []

    # stock at p1
    act = seg[(seg.s <= p1) & (p1 <= seg.e)]
    st = act.groupby([*KEY, "person_key"], as_index=False, sort=False).agg(
        frac=("fraction", "sum"), wh=("weekly_hours", "sum"), leader=("is_leader", "any"))
    people = pd.DataFrame({"person_key": st.person_key.unique()})
    people["age"] = age_at(people.person_key.map(birth).values, p.p1)
    since = h.since(people.assign(d=p1)).set_index("person_key")["since"]
    people["seniority"] = (p1 - people.person_key.map(since)) / 365.25
    pens = people.person_key.map(pension)
    for k in (1, 3, 5):
        people[f"r{k}"] = pens <= day(_years_after(p.p1, k))
    tk = talks[(talks.d <= p1) & (talks.d > day(_years_after(p.p1, -1))) & (talks.d <= x)].person_key.unique()
    people["talked"] = people.person_key.isin(tk)
    people["trained"] = people.person_key.map(trained).le(p1)
    st = st.merge(people, on="person_key")
    st = st.assign(aged60=st.age >= 60, part=st.frac < 1, leader_trained=st.leader & st.trained,
                   eligible=st.seniority >= 1, done=(st.seniority >= 1) & st.talked)
    parts.append(st.groupby(KEY).agg(
        persons_p1=("person_key", "size"), fte_p1=("frac", "sum"), age_sum_p1=("age", "sum"),
        aged_60_plus_p1=("aged60", "sum"), seniority_sum_p1=("seniority", "sum"), part_time_p1=("part", "sum"),
        weekly_hours_sum_p1=("wh", "sum"), retirements_due_1y=("r1", "sum"), retirements_due_3y=("r3", "sum"),
        retirements_due_5y=("r5", "sum"), leaders_p1=("leader", "sum"), leaders_trained_p1=("leader_trained", "sum"),
        mus_eligible_p1=("eligible", "sum"), mus_done_p1=("done", "sum")))

    # days: persons present, average headcount; average FTE and planned hours are additive (per unit, rolled up)
    pr = h.presence[(h.presence.s <= p1) & (p0 <= h.presence.e)]
    pr = pr.assign(d=np.minimum(pr.e, p1) - np.maximum(pr.s, p0) + 1)
    days_ = pr.groupby(KEY).agg(persons_in_p=("person_key", "nunique"), avg_headcount=("d", "sum"))
    days_["avg_headcount"] /= n_days
    parts.append(days_)
    sp = spells[(spells.s <= p1) & (p0 <= spells.e)]
    lo, hi = np.maximum(sp.s.values, p0), np.minimum(sp.e.values, p1)
    sp = sp.assign(fte_days=sp.fraction * (hi - lo + 1), planned_hours=sp.weekly_hours / 5 * workdays(lo, hi))
    add = _rollup(sp, h.paths, dims, ["fte_days", "planned_hours"]).set_index(KEY)
    add["avg_fte"] = add.pop("fte_days") / n_days
    ss = sick_spells[(sick_spells.a0 <= p1) & (p0 <= sick_spells.a1)]
    lo = np.maximum(np.maximum(ss.a0.values, ss.s.values), p0)
    hi = np.minimum(np.minimum(ss.a1.values, ss.e.values), p1)
    ss = ss[lo <= hi]
    lo, hi = lo[lo <= hi], hi[lo <= hi]
    hours = np.where(ss.rec_hours.notna(), ss.rec_hours * (hi - lo + 1) / (ss.a1 - ss.a0 + 1),
                     ss.weekly_hours / 5 * workdays(lo, hi))
    sick = _rollup(ss.assign(sick_hours=hours), h.paths, dims, ["sick_hours"]).set_index(KEY)
    add = add.join(sick, how="left")
    add["sick_hours"] = add.sick_hours.fillna(0.0)
    parts.append(add)

    # exits in P
    ex = h.exits[(p0 <= h.exits.exit_day) & (h.exits.exit_day <= p1)]
    counted = ex.reason_class != "death"
    ext = ex.assign(ext=ex.external & counted, inn=~ex.external & counted)
    ext["sen"] = ext.seniority.where(ext.ext)
    ext["ext_person"] = ext.person_key.where(ext.ext)
    parts.append(ext.groupby(KEY).agg(exits_external=("ext", "sum"), exits_internal=("inn", "sum"),
                                      exit_seniority_median=("sen", "median"),
                                      **{"exits_external#persons": ("ext_person", "nunique")}))

    # cohort (12-month periods): present at p0, exiting before p1 not by retirement or death
    if p.months == 12:
        members = h.presence[(h.presence.s <= p0) & (p0 <= h.presence.e)][[*KEY, "person_key"]].drop_duplicates()
        left = ex[(ex.exit_day < p1) & ~ex.reason_class.isin(("retirement", "death"))][[*KEY, "person_key"]]
        members = members.merge(left.drop_duplicates().assign(left_=True), on=[*KEY, "person_key"], how="left")
        members["left_"] = members.left_.notna()
        parts.append(members.groupby(KEY).agg(cohort_p0=("person_key", "size"), cohort_p0_left=("left_", "sum")))

    # hours change between p0 and p1
    at0 = seg[(seg.s <= p0) & (p0 <= seg.e)].groupby([*KEY, "person_key"])["weekly_hours"].sum().rename("h0")
    at1 = st.set_index([*KEY, "person_key"])["wh"].rename("h1")
    both = pd.concat([at0, at1], axis=1, join="inner")
    both = both.assign(up=both.h1 > both.h0, down=both.h1 < both.h0)
    parts.append(both.groupby(level=KEY).agg(present_p0_p1=("h0", "size"), hours_up=("up", "sum"),
                                             hours_down=("down", "sum")))

    # entries into the municipality in P, by first unit
    en = h.entries[(p0 <= h.entries.entry_day) & (h.entries.entry_day <= p1)]
    year_after = add_years(en.entry_day.values, 1)
    death_end = (en.reason_key // 10 == en.stay_end) & (en.reason_key % 10 == 3)
    en = en.assign(matured=year_after <= x,
                   left_=~en.open_end & (en.stay_end < year_after) & ~death_end)
    en = en.assign(ml=en.matured & en.left_, mp=en.person_key.where(en.matured))
    parts.append(en.groupby(KEY).agg(entries=("person_key", "size"), entries_matured=("matured", "sum"),
                                     entries_matured_left=("ml", "sum"),
                                     **{"entries#persons": ("person_key", "nunique"),
                                        "entries_matured#persons": ("mp", "nunique")}))

    out = pd.concat(parts, axis=1).reset_index()
    return out.assign(period_id=p.id)


def _years_after(d: dt.date, years: int) -> dt.date:
    """The same calendar date `years` later (or earlier); 29 February → 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return dt.date(d.year + years, 2, 28)


def _education(p: Period, edu: pd.DataFrame, h: History, persons: pd.DataFrame, x: int) -> pd.DataFrame:
    p0, p1 = day(p.p0), day(p.p1)
    r = edu.assign(s=days_of(edu.start_date), a=days_of(edu.actual_end, missing=10**7),
                   adult=np.where(edu.is_adult, "adult", "not_adult"),
                   alternative=edu.route.isin(ALTERNATIVE_ROUTES))
    events = pd.concat([
        r[(r.s <= p1) & (r.a >= p1)].assign(event="active"),
        r[(r.s >= p0) & (r.s <= p1)].assign(event="started"),
        r[(r.a >= p0) & (r.a <= p1)].assign(event="ended"),
    ], ignore_index=True)
    ended = events.event == "ended"
    events["completed_matured"] = ended & (events.outcome == "completed") & (
        add_years(np.where(ended, events.a, 0), 1) <= x)
    # hired: present as ordinary staff in the placement's municipality within 12 months after the end
    cm = events[events.completed_matured]
    muni = h.paths[h.paths.scope_level == "municipality"][["unit_id", "scope_id"]]
    cand = cm[["person_key", "unit_id", "a"]].drop_duplicates().merge(muni, on="unit_id")
    tot = h.seg[h.seg.dim == "total"][["scope_id", "person_key", "s", "e"]]
    cand = cand.merge(tot, on=["scope_id", "person_key"])
    cand = cand[(cand.s <= add_years(cand.a.values, 1)) & (cand.e > cand.a)]
    hired = cand[["person_key", "unit_id", "a"]].drop_duplicates().assign(hired=True)
    events = events.merge(hired, on=["person_key", "unit_id", "a"], how="left")
    events["hired"] = events.hired.notna()
    placed = events.merge(h.paths[["unit_id", "scope_id"]], on="unit_id")
    placed = placed.assign(
        active_person=placed.person_key.where(placed.event == "active"), started=placed.event == "started",
        ended=placed.event == "ended")
    placed = placed.assign(alt=placed.started & placed.alternative,
                           dropped=placed.ended & (placed.outcome == "dropped_out"),
                           hired_=placed.completed_matured & placed.hired)
    aggs = dict(apprentices_p1=("active_person", "nunique"), education_started=("started", "sum"),
                education_started_alternative=("alt", "sum"), education_ended=("ended", "sum"),
                education_dropped=("dropped", "sum"), education_completed_matured=("completed_matured", "sum"),
                education_completed_hired=("hired_", "sum"))
    out = [placed.groupby("scope_id", as_index=False).agg(**aggs).assign(dim="total", val="")]
    for d in ("programme", "route", "adult"):
        out.append(placed.groupby(["scope_id", d], as_index=False).agg(**aggs).rename(columns={d: "val"})
                   .assign(dim=d))
    return pd.concat(out, ignore_index=True).assign(period_id=p.id)


def _ads(p: Period, ads: pd.DataFrame, paths: pd.DataFrame, x: int) -> pd.DataFrame:
    p0, p1 = day(p.p0), day(p.p1)
    a = ads.assign(pub=days_of(ads.published), dl=days_of(ads.deadline))
    ev = pd.concat([a[(a.pub >= p0) & (a.pub <= p1)].assign(on_pub=True),
                    a[(a.dl >= p0) & (a.dl <= p1)].assign(on_pub=False)], ignore_index=True)
    ev = ev.merge(paths[["unit_id", "scope_id"]], on="unit_id")
    ev = ev.assign(published_=ev.on_pub, repost=ev.on_pub & ev.reposts_ad_id.notna(), dl_=~ev.on_pub,
                   unfilled=~ev.on_pub & ev.filled_by_employment_id.isna(),
                   with_app=ev.on_pub & ev.applicants.notna(), app=ev.applicants.where(ev.on_pub).astype(float))
    aggs = dict(ads_published=("published_", "sum"), ads_reposts=("repost", "sum"), ads_deadline=("dl_", "sum"),
                ads_unfilled=("unfilled", "sum"), ads_with_applicants=("with_app", "sum"),
                applicants_median=("app", "median"))
    out = [ev.groupby("scope_id", as_index=False).agg(**aggs).assign(dim="total", val=""),
           ev.groupby(["scope_id", "job_group"], as_index=False).agg(**aggs).rename(columns={"job_group": "val"})
           .assign(dim="job_group")]
    return pd.concat(out, ignore_index=True).assign(period_id=p.id)


def _n_of(f: KeyFigure) -> str:
    m = f.n_measure
    return f"{m}#persons" if m in EVENT_COUNTS else m


def _assemble(ordinary: pd.DataFrame, edu: pd.DataFrame, ads: pd.DataFrame, periods: list[Period],
              dims: tuple[str, ...]) -> pd.DataFrame:
    pinfo = pd.DataFrame({"period_id": [p.id for p in periods], "period_kind": [p.kind.value for p in periods],
                          "period_start": [p.p0 for p in periods], "period_end": [p.p1 for p in periods],
                          "months": [p.months for p in periods]})
    tables = {"ordinary": ordinary, "education": edu, "ads": ads}
    tables = {k: v.merge(pinfo, on="period_id") for k, v in tables.items()}
    out = []
    for f in FIGURES:
        w = tables[MEASURES_BY_ID[f.numerator].population.value]
        allowed = ["total", *[d for d in figure_segments(f) if d in (*dims, *f.segments)]]
        w = w[w.dim.isin(allowed)]
        if f.period_months:
            w = w[w.months == f.period_months]
        num = w[f.numerator].astype(float)
        if f.aggregation is not Aggregation.MEDIAN:
            num = num.fillna(0.0)
        den = w[f.denominator].astype(float).fillna(0.0) if f.denominator else pd.Series(np.nan, index=w.index)
        if f.aggregation in (Aggregation.RATIO, Aggregation.MEAN):
            value = (num * f.scale / den.where(den != 0)).where(den != 0)
        else:
            value = num
        out.append(pd.DataFrame({
            "figure": f.id, "unit_id": w.scope_id, "period_kind": w.period_kind, "period_start": w.period_start,
            "period_end": w.period_end, "segment": w.dim, "segment_value": w.val, "value": value,
            "numerator": num, "denominator": den, "n": w[_n_of(f)].fillna(0).astype(np.int64)}))
    return pd.concat(out, ignore_index=True)[RESULT_COLUMNS]
