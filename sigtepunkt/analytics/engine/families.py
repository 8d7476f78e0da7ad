"""One SQL statement per measure family: every measure of the family for every scope, period and segment.

Each function returns (sql, measures): the SQL selects `scope_id, period_id, dim, val` and one
column per measure. Person dimensions (gender, age band, seniority band) are added by
splitting the total rows (see `sql_parts.person_dim_union`).
"""

from __future__ import annotations

from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.sql_parts import (
    age_at,
    age_band,
    days_between,
    one_year_after,
    one_year_before,
    overlap_days,
    pension_day,
    person_dim_union,
    seniority_band,
    years_between,
)

LEADER_COURSE = "psykisk arbejdsmiljø for ledere"
SICKNESS = "('own_sickness', 'work_injury')"
ALTERNATIVE_ROUTES = "('merit', 'training_position', 'unskilled_to_skilled')"


def _gender(comp: Computation) -> str:
    """The gender column, or a constant when gender is not a requested segment (so no group splits on it)."""
    return "pe.gender" if "gender" in comp.person_dims else "''"


def _band(comp: Computation, birth: str, day: str) -> str:
    return age_band(age_at(birth, day)) if "age_band" in comp.person_dims else "''"


def _seniority_band(comp: Computation, since: str, day: str) -> str:
    return seniority_band(years_between(since, day)) if "seniority_band" in comp.person_dims else "''"


def _person_dims(comp: Computation, available: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(d for d in comp.person_dims if d in available)


STOCK_MEASURES = ["persons_p1", "fte_p1", "age_sum_p1", "aged_60_plus_p1", "seniority_sum_p1", "part_time_p1",
                  "weekly_hours_sum_p1", "retirements_due_1y", "retirements_due_3y", "retirements_due_5y",
                  "leaders_p1", "leaders_trained_p1", "mus_eligible_p1", "mus_done_p1"]
# One row per person present: what each stock measure counts or sums for that person.
STOCK_PER_PERSON = """count(*) AS persons_p1, sum(frac) AS fte_p1, sum(age) AS age_sum_p1,
        sum(CASE WHEN age >= 60 THEN 1 ELSE 0 END) AS aged_60_plus_p1, sum(seniority) AS seniority_sum_p1,
        sum(CASE WHEN frac < 1 THEN 1 ELSE 0 END) AS part_time_p1, sum(wh) AS weekly_hours_sum_p1,
        sum(CASE WHEN pension <= CAST(p1 + INTERVAL 1 YEAR AS DATE) THEN 1 ELSE 0 END) AS retirements_due_1y,
        sum(CASE WHEN pension <= CAST(p1 + INTERVAL 3 YEAR AS DATE) THEN 1 ELSE 0 END) AS retirements_due_3y,
        sum(CASE WHEN pension <= CAST(p1 + INTERVAL 5 YEAR AS DATE) THEN 1 ELSE 0 END) AS retirements_due_5y,
        sum(CASE WHEN is_leader THEN 1 ELSE 0 END) AS leaders_p1,
        sum(CASE WHEN is_leader AND trained THEN 1 ELSE 0 END) AS leaders_trained_p1,
        sum(CASE WHEN seniority >= 1 THEN 1 ELSE 0 END) AS mus_eligible_p1,
        sum(CASE WHEN seniority >= 1 AND talked THEN 1 ELSE 0 END) AS mus_done_p1"""
STOCK_SUMS = ", ".join(f"sum({m}) AS {m}" for m in STOCK_MEASURES)
PERSON_ATTRS = "gender, age_band, seniority_band"


def _leaf_dims(comp: Computation, source: str, keys: str, aggregates: str) -> str:
    """`source` grouped by `keys` once for the total and once per employment segment dimension."""
    parts = [f"SELECT {keys}, 'total' AS dim, '' AS val, {aggregates} FROM {source} GROUP BY {keys}"]
    for dim in comp.employment_dims:
        value = {"job_group": "job_group", "employment_type": "employment_type",
                 "leader": "CASE WHEN is_leader THEN 'leader' ELSE 'employee' END"}[dim]
        parts.append(f"SELECT {keys}, '{dim}' AS dim, {value} AS val, {aggregates} FROM {source} "
                     f"GROUP BY {keys}, {value}")
    return " UNION ALL ".join(parts)


def stock(comp: Computation) -> tuple[str, list[str]]:
    """Persons present at p1: counted at their own unit, then rolled up the tree.

    A person in one unit (per segment) is summed into that unit's row first, so the rows that
    travel up the tree are units, not persons; only persons in several units at once are
    taken up the tree one by one, so that an ancestor of both counts them once.
    """
    x = comp.x
    leaf = _leaf_dims(comp, "active", "p1, person_key, unit_id",
                      "sum(fraction) AS frac, sum(weekly_hours) AS wh, bool_or(is_leader) AS is_leader")
    union = person_dim_union("p1, scope_id", "rolled", "p1, scope_id",
                             _person_dims(comp, ("gender", "age_band", "seniority_band")), STOCK_SUMS)
    sql = f"""
        WITH active AS (
            SELECT pd.p1, sp.* FROM spells sp JOIN p1_dates pd ON sp.s <= pd.p1 AND pd.p1 <= sp.e),
        leaf AS ({leaf}),
        multi AS (
            SELECT p1, person_key, dim, val FROM leaf GROUP BY p1, person_key, dim, val HAVING count(*) > 1),
        people AS (SELECT DISTINCT p1, person_key FROM leaf),
        since AS (
            SELECT pp.p1, pp.person_key, min(t.s) AS since
            FROM people pp JOIN tenure t ON t.person_key = pp.person_key AND t.s <= pp.p1 AND pp.p1 <= t.e
            GROUP BY pp.p1, pp.person_key),
        talked AS (
            SELECT DISTINCT pp.p1, pp.person_key FROM people pp JOIN p_talks t
              ON t.person_key = pp.person_key AND t.talk_date <= pp.p1 AND t.talk_date > {one_year_before('pp.p1')}
             AND t.talk_date <= {x}),
        trained AS (
            SELECT DISTINCT pp.p1, pp.person_key FROM people pp JOIN p_courses c
              ON c.person_key = pp.person_key AND c.completed_on <= pp.p1
            WHERE lower(trim(c.category)) = '{LEADER_COURSE}'),
        info AS (
            SELECT pp.p1, pp.person_key, {_gender(comp)} AS gender, {age_at('pe.birth_date', 'pp.p1')} AS age,
                   {_band(comp, 'pe.birth_date', 'pp.p1')} AS age_band,
                   {years_between('since.since', 'pp.p1')} AS seniority,
                   {_seniority_band(comp, 'since.since', 'pp.p1')} AS seniority_band,
                   {pension_day('pe.birth_date')} AS pension,
                   talked.person_key IS NOT NULL AS talked, trained.person_key IS NOT NULL AS trained
            FROM people pp JOIN p_persons pe ON pe.person_key = pp.person_key
            LEFT JOIN since ON since.p1 = pp.p1 AND since.person_key = pp.person_key
            LEFT JOIN talked ON talked.p1 = pp.p1 AND talked.person_key = pp.person_key
            LEFT JOIN trained ON trained.p1 = pp.p1 AND trained.person_key = pp.person_key),
        single AS (
            SELECT p1, unit_id, dim, val, {PERSON_ATTRS}, {STOCK_PER_PERSON}
            FROM (SELECT l.*, i.age, i.seniority, i.pension, i.talked, i.trained, i.gender, i.age_band,
                         i.seniority_band
                  FROM leaf l JOIN info i ON i.p1 = l.p1 AND i.person_key = l.person_key
                  LEFT JOIN multi m ON m.p1 = l.p1 AND m.person_key = l.person_key AND m.dim = l.dim
                       AND m.val = l.val
                  WHERE m.person_key IS NULL) x
            GROUP BY p1, unit_id, dim, val, {PERSON_ATTRS}),
        single_up AS (
            SELECT s.p1, p.ancestor_id AS scope_id, s.dim, s.val, s.gender, s.age_band, s.seniority_band,
                   {STOCK_SUMS}
            FROM single s JOIN paths p ON p.unit_id = s.unit_id AND p.valid_from <= s.p1 AND s.p1 <= p.valid_to
            GROUP BY s.p1, p.ancestor_id, s.dim, s.val, s.gender, s.age_band, s.seniority_band),
        multi_scoped AS (
            SELECT l.p1, l.person_key, p.ancestor_id AS scope_id, l.dim, l.val, sum(l.frac) AS frac,
                   sum(l.wh) AS wh, bool_or(l.is_leader) AS is_leader
            FROM leaf l JOIN multi m ON m.p1 = l.p1 AND m.person_key = l.person_key AND m.dim = l.dim
                 AND m.val = l.val
            JOIN paths p ON p.unit_id = l.unit_id AND p.valid_from <= l.p1 AND l.p1 <= p.valid_to
            GROUP BY l.p1, l.person_key, p.ancestor_id, l.dim, l.val),
        multi_up AS (
            SELECT p1, scope_id, dim, val, {PERSON_ATTRS}, {STOCK_PER_PERSON}
            FROM (SELECT ms.*, i.age, i.seniority, i.pension, i.talked, i.trained, i.gender, i.age_band,
                         i.seniority_band
                  FROM multi_scoped ms JOIN info i ON i.p1 = ms.p1 AND i.person_key = ms.person_key) x
            GROUP BY p1, scope_id, dim, val, {PERSON_ATTRS}),
        rolled AS (SELECT * FROM single_up UNION ALL SELECT * FROM multi_up),
        cells AS ({union})
        SELECT c.scope_id, pr.period_id, c.dim, c.val, {", ".join("c." + m for m in STOCK_MEASURES)}
        FROM cells c JOIN periods pr ON pr.p1 = c.p1"""
    return sql, list(STOCK_MEASURES)


# Units whose place in the tree changes inside a period (a path row starts or ends within it):
# their spells go up the tree through `seg`, intersected with each path row.
REORGANISED = """
            SELECT DISTINCT pr.period_id, p.unit_id FROM paths p JOIN periods pr
              ON (p.valid_from > pr.p0 AND p.valid_from <= pr.p1) OR (p.valid_to >= pr.p0 AND p.valid_to < pr.p1)"""


def _spells_in_periods(comp: Computation, band: str) -> str:
    """Spells overlapping each period, with the person's gender and age band at p1, and whether
    the spell's unit is reorganised in the period."""
    return f"""
            SELECT pr.period_id, pr.p0, pr.p1, sp.*, {_gender(comp)} AS gender, {band} AS age_band,
                   r.unit_id IS NOT NULL AS reorg
            FROM spells sp JOIN periods pr ON sp.s <= pr.p1 AND pr.p0 <= sp.e
            JOIN p_persons pe ON pe.person_key = sp.person_key
            LEFT JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = sp.unit_id"""


def days(comp: Computation) -> tuple[str, list[str]]:
    """Persons present in P, average headcount and average FTE over the days of P.

    FTE days add up over units: summed at the spell's own unit and rolled up the tree, except
    for units reorganised in the period, whose spells go up through `seg` (scoped per path row).
    Persons and headcount days add up only for a person present in one unit in P (per segment)
    that is not reorganised; those are counted at the unit and rolled up, everyone else is
    followed through `presence` one by one.
    """
    measures = ["persons_in_p", "avg_headcount", "avg_fte"]
    dims = _person_dims(comp, ("gender", "age_band"))
    union = person_dim_union("period_id, scope_id", "rolled", "period_id, scope_id", dims,
                             "sum(persons) AS persons, sum(hd) AS hd, sum(fd) AS fd")
    band = _band(comp, "pe.birth_date", "pr.p1")
    leaf_spells = _leaf_dims(comp, "spells", "person_key, unit_id, s, e", "count(*) AS n")
    leaf_fte = _leaf_dims(comp, "sp_p", "period_id, p1, unit_id, gender, age_band",
                          f"sum(fraction * {overlap_days('s', 'e', 'p0', 'p1')}) AS fd")
    sql = f"""
        WITH reorganised AS ({REORGANISED}),
        leaf_spells AS ({leaf_spells}),
        ordered AS (
            SELECT *, max(e) OVER (PARTITION BY unit_id, dim, val, person_key ORDER BY s, e
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_e
            FROM leaf_spells),
        numbered AS (
            SELECT *, sum(CASE WHEN prev_e IS NULL OR s > prev_e + 1 THEN 1 ELSE 0 END)
                          OVER (PARTITION BY unit_id, dim, val, person_key ORDER BY s, e
                                ROWS UNBOUNDED PRECEDING) AS run
            FROM ordered),
        islands AS (
            SELECT unit_id, dim, val, person_key, min(s) AS s, max(e) AS e
            FROM numbered GROUP BY unit_id, dim, val, person_key, run),
        per_person AS (
            SELECT pr.period_id, i.person_key, i.dim, i.val, min(i.unit_id) AS unit_id,
                   CASE WHEN min(i.unit_id) = max(i.unit_id) THEN 1 ELSE 2 END AS units,
                   max(CASE WHEN r.unit_id IS NULL THEN 0 ELSE 1 END) AS reorg,
                   sum({overlap_days('i.s', 'i.e', 'pr.p0', 'pr.p1')}) AS d
            FROM islands i JOIN periods pr ON i.s <= pr.p1 AND pr.p0 <= i.e
            LEFT JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = i.unit_id
            GROUP BY pr.period_id, i.person_key, i.dim, i.val),
        bands AS (
            SELECT pp.period_id, pp.person_key, {_gender(comp)} AS gender, {band} AS age_band
            FROM per_person pp JOIN periods pr ON pr.period_id = pp.period_id
            JOIN p_persons pe ON pe.person_key = pp.person_key
            WHERE pp.dim = 'total'),
        single AS (
            SELECT pp.period_id, pr.p1, pp.unit_id, pp.dim, pp.val, b.gender, b.age_band,
                   1 AS persons, pp.d AS hd, CAST(0 AS DOUBLE) AS fd
            FROM per_person pp JOIN periods pr ON pr.period_id = pp.period_id
            JOIN bands b ON b.period_id = pp.period_id AND b.person_key = pp.person_key
            WHERE pp.units = 1 AND pp.reorg = 0),
        follow AS (
            SELECT pp.period_id, pr.p0, pr.p1, pp.person_key, pp.dim, pp.val
            FROM per_person pp JOIN periods pr ON pr.period_id = pp.period_id
            WHERE pp.units > 1 OR pp.reorg = 1),
        follow_scoped AS (
            SELECT f.period_id, f.p1, x.scope_id, x.dim, x.val, x.person_key,
                   sum({overlap_days('x.s', 'x.e', 'f.p0', 'f.p1')}) AS d
            FROM follow f JOIN presence x ON x.person_key = f.person_key AND x.dim = f.dim AND x.val = f.val
                 AND x.s <= f.p1 AND f.p0 <= x.e
            GROUP BY f.period_id, f.p1, x.scope_id, x.dim, x.val, x.person_key),
        follow_up AS (
            SELECT fs.period_id, fs.scope_id, fs.dim, fs.val, b.gender, b.age_band,
                   count(*) AS persons, sum(fs.d) AS hd, CAST(0 AS DOUBLE) AS fd
            FROM follow_scoped fs JOIN bands b ON b.period_id = fs.period_id AND b.person_key = fs.person_key
            GROUP BY fs.period_id, fs.scope_id, fs.dim, fs.val, b.gender, b.age_band),
        sp_p AS (
            SELECT pr.period_id, pr.p0, pr.p1, sp.*, b.gender, b.age_band
            FROM spells sp JOIN periods pr ON sp.s <= pr.p1 AND pr.p0 <= sp.e
            JOIN bands b ON b.period_id = pr.period_id AND b.person_key = sp.person_key
            LEFT JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = sp.unit_id
            WHERE r.unit_id IS NULL),
        fte_units AS ({leaf_fte}),
        units AS (
            SELECT period_id, p1, unit_id, dim, val, gender, age_band,
                   sum(persons) AS persons, sum(hd) AS hd, sum(fd) AS fd
            FROM (SELECT * FROM single UNION ALL
                  SELECT period_id, p1, unit_id, dim, val, gender, age_band, 0, 0, fd FROM fte_units) x
            GROUP BY period_id, p1, unit_id, dim, val, gender, age_band),
        units_up AS (
            SELECT u.period_id, p.ancestor_id AS scope_id, u.dim, u.val, u.gender, u.age_band,
                   sum(u.persons) AS persons, sum(u.hd) AS hd, sum(u.fd) AS fd
            FROM units u JOIN paths p ON p.unit_id = u.unit_id AND p.valid_from <= u.p1 AND u.p1 <= p.valid_to
            GROUP BY u.period_id, p.ancestor_id, u.dim, u.val, u.gender, u.age_band),
        fte_reorg AS (
            SELECT pr.period_id, g.scope_id, g.dim, g.val, b.gender, b.age_band,
                   0 AS persons, 0 AS hd, sum(g.fraction * {overlap_days('g.s', 'g.e', 'pr.p0', 'pr.p1')}) AS fd
            FROM reorganised r JOIN periods pr ON pr.period_id = r.period_id
            JOIN seg g ON g.unit_id = r.unit_id AND g.s <= pr.p1 AND pr.p0 <= g.e
            JOIN bands b ON b.period_id = pr.period_id AND b.person_key = g.person_key
            GROUP BY pr.period_id, g.scope_id, g.dim, g.val, b.gender, b.age_band),
        rolled AS (
            SELECT * FROM units_up UNION ALL SELECT * FROM follow_up UNION ALL SELECT * FROM fte_reorg),
        cells AS ({union})
        SELECT c.scope_id, c.period_id, c.dim, c.val, c.persons AS persons_in_p,
               CAST(c.hd AS DOUBLE) / pr.days AS avg_headcount, c.fd / pr.days AS avg_fte
        FROM cells c JOIN periods pr ON pr.period_id = c.period_id"""
    return sql, measures


def absence(comp: Computation) -> tuple[str, list[str]]:
    """Planned and sickness hours; working days come from the calendar's running count.

    Both add up over units: summed at the spell's own unit and rolled up the tree, except for
    units reorganised in the period, whose spells go up through `seg` (scoped per path row).
    """
    measures = ["sick_hours", "planned_hours"]
    dims = _person_dims(comp, ("gender", "age_band"))
    union = person_dim_union("period_id, scope_id", "rolled", "period_id, scope_id", dims,
                             "sum(sick_hours) AS sick_hours, sum(planned_hours) AS planned_hours")
    band = _band(comp, "pe.birth_date", "pr.p1")

    def sick_hours(x: str) -> str:
        return f"""CASE WHEN {x}.hours IS NOT NULL
                        THEN CAST({x}.hours AS DOUBLE) * ({days_between(f'{x}.lo', f'{x}.hi')} + 1)
                             / ({days_between(f'{x}.from_date', f'{x}.to_date')} + 1)
                        ELSE {x}.weekly_hours / 5 * (c1.wd_cum - c0.wd_cum) END"""
    leaf = _leaf_dims(comp, "hours_src", "period_id, p1, unit_id, gender, age_band",
                      "sum(sick) AS sick_hours, sum(planned) AS planned_hours")
    sql = f"""
        WITH reorganised AS ({REORGANISED}),
        sp_p AS ({_spells_in_periods(comp, band)}),
        planned_src AS (
            SELECT g.period_id, g.p1, g.unit_id, g.job_group, g.is_leader, g.employment_type, g.gender, g.age_band,
                   CAST(0 AS DOUBLE) AS sick, g.weekly_hours / 5 * (c1.wd_cum - c0.wd_cum) AS planned
            FROM sp_p g
            JOIN calendar c1 ON c1.d = least(g.e, g.p1)
            JOIN calendar c0 ON c0.d = greatest(g.s, g.p0) - 1
            WHERE NOT g.reorg),
        sick_src AS (
            SELECT a_g.period_id, a_g.p1, a_g.unit_id, a_g.job_group, a_g.is_leader, a_g.employment_type,
                   a_g.gender, a_g.age_band, {sick_hours('a_g')} AS sick, CAST(0 AS DOUBLE) AS planned
            FROM (SELECT g.*, a.hours, a.from_date, a.to_date,
                         greatest(a.from_date, g.s, g.p0) AS lo, least(a.to_date, g.e, g.p1) AS hi
                  FROM p_absences a JOIN sp_p g ON g.employment_id = a.employment_id
                   AND g.s <= a.to_date AND a.from_date <= g.e AND a.from_date <= g.p1 AND g.p0 <= a.to_date
                  WHERE a.cause IN {SICKNESS} AND NOT g.reorg) a_g
            JOIN calendar c1 ON c1.d = a_g.hi JOIN calendar c0 ON c0.d = a_g.lo - 1
            WHERE a_g.lo <= a_g.hi),
        hours_src AS (SELECT * FROM planned_src UNION ALL SELECT * FROM sick_src),
        leaf AS ({leaf}),
        leaf_up AS (
            SELECT u.period_id, p.ancestor_id AS scope_id, u.dim, u.val, u.gender, u.age_band,
                   sum(u.sick_hours) AS sick_hours, sum(u.planned_hours) AS planned_hours
            FROM leaf u JOIN paths p ON p.unit_id = u.unit_id AND p.valid_from <= u.p1 AND u.p1 <= p.valid_to
            GROUP BY u.period_id, p.ancestor_id, u.dim, u.val, u.gender, u.age_band),
        reorg_seg AS (
            SELECT pr.period_id, pr.p0, pr.p1, g.* FROM reorganised r JOIN periods pr ON pr.period_id = r.period_id
            JOIN seg g ON g.unit_id = r.unit_id AND g.s <= pr.p1 AND pr.p0 <= g.e),
        reorg_planned AS (
            SELECT g.period_id, g.scope_id, g.dim, g.val, {_gender(comp)} AS gender,
                   {band.replace('pr.p1', 'g.p1')} AS age_band,
                   CAST(0 AS DOUBLE) AS sick_hours, sum(g.weekly_hours / 5 * (c1.wd_cum - c0.wd_cum)) AS planned_hours
            FROM reorg_seg g JOIN p_persons pe ON pe.person_key = g.person_key
            JOIN calendar c1 ON c1.d = least(g.e, g.p1)
            JOIN calendar c0 ON c0.d = greatest(g.s, g.p0) - 1
            GROUP BY g.period_id, g.scope_id, g.dim, g.val, {_gender(comp)}, {band.replace('pr.p1', 'g.p1')}),
        reorg_sick AS (
            SELECT a_g.period_id, a_g.scope_id, a_g.dim, a_g.val, {_gender(comp)} AS gender,
                   {band.replace('pr.p1', 'a_g.p1')} AS age_band,
                   sum({sick_hours('a_g')}) AS sick_hours, CAST(0 AS DOUBLE) AS planned_hours
            FROM (SELECT g.*, a.hours, a.from_date, a.to_date,
                         greatest(a.from_date, g.s, g.p0) AS lo, least(a.to_date, g.e, g.p1) AS hi
                  FROM p_absences a JOIN reorg_seg g ON g.employment_id = a.employment_id
                   AND g.s <= a.to_date AND a.from_date <= g.e AND a.from_date <= g.p1 AND g.p0 <= a.to_date
                  WHERE a.cause IN {SICKNESS}) a_g
            JOIN p_persons pe ON pe.person_key = a_g.person_key
            JOIN calendar c1 ON c1.d = a_g.hi JOIN calendar c0 ON c0.d = a_g.lo - 1
            WHERE a_g.lo <= a_g.hi
            GROUP BY a_g.period_id, a_g.scope_id, a_g.dim, a_g.val, {_gender(comp)}, {band.replace('pr.p1', 'a_g.p1')}),
        rolled AS (
            SELECT * FROM leaf_up UNION ALL SELECT * FROM reorg_planned UNION ALL SELECT * FROM reorg_sick)
        {union}"""
    return sql, measures


def exits(comp: Computation) -> tuple[str, list[str]]:
    measures = ["exits_external", "exits_internal", "exit_seniority_median", "exits_external#persons"]
    dims = _person_dims(comp, ("gender", "age_band"))
    aggregates = """sum(CASE WHEN external AND reason_class <> 'death' THEN 1 ELSE 0 END) AS exits_external,
        sum(CASE WHEN NOT external AND reason_class <> 'death' THEN 1 ELSE 0 END) AS exits_internal,
        median(CASE WHEN external AND reason_class <> 'death' THEN seniority END) AS exit_seniority_median,
        count(DISTINCT CASE WHEN external AND reason_class <> 'death' THEN person_key END) AS "exits_external#persons"
        """
    union = person_dim_union("period_id, scope_id", "ex", "period_id, scope_id", dims, aggregates)
    sql = f"""
        WITH since AS (
            SELECT x.person_key, x.exit_day, min(t.s) AS since
            FROM (SELECT DISTINCT person_key, exit_day FROM exits) x
            JOIN tenure t ON t.person_key = x.person_key AND t.s <= x.exit_day AND x.exit_day <= t.e
            GROUP BY x.person_key, x.exit_day),
        ex AS (
            SELECT pr.period_id, x.scope_id, x.dim, x.val, x.person_key, x.external, x.reason_class,
                   {_gender(comp)} AS gender,
                   {_band(comp, 'pe.birth_date', 'pr.p1')} AS age_band,
                   {years_between('since.since', 'x.exit_day')} AS seniority
            FROM exits x JOIN periods pr ON pr.p0 <= x.exit_day AND x.exit_day <= pr.p1
            JOIN p_persons pe USING (person_key)
            LEFT JOIN since ON since.person_key = x.person_key AND since.exit_day = x.exit_day)
        {union}"""
    return sql, measures


def cohort(comp: Computation) -> tuple[str, list[str]]:
    """The leaver cohort: persons present at p0, and those of them who left before p1.

    The cohort is counted at each person's own unit on p0 and rolled up the tree (persons in
    several units go up one by one); the leavers come from the exits table, which already
    knows each scope, checked against presence on p0.
    """
    measures = ["cohort_p0", "cohort_p0_left"]
    dims = _person_dims(comp, ("gender", "age_band"))
    sums = "sum(cohort_p0) AS cohort_p0, sum(cohort_p0_left) AS cohort_p0_left"
    union = person_dim_union("period_id, scope_id", "rolled", "period_id, scope_id", dims, sums)
    leaf = _leaf_dims(comp, "at0", "period_id, p0, p1, person_key, unit_id", "count(*) AS spells")
    band = _band(comp, "pe.birth_date", "l.p1")
    sql = f"""
        WITH periods12 AS (SELECT * FROM periods WHERE months = 12),
        at0 AS (
            SELECT pr.period_id, pr.p0, pr.p1, sp.* FROM spells sp
            JOIN periods12 pr ON sp.s <= pr.p0 AND pr.p0 <= sp.e),
        leaf AS ({leaf}),
        multi AS (
            SELECT period_id, person_key, dim, val FROM leaf GROUP BY period_id, person_key, dim, val
            HAVING count(*) > 1),
        single_units AS (
            SELECT l.period_id, l.p0, l.unit_id, l.dim, l.val, {_gender(comp)} AS gender, {band} AS age_band,
                   count(*) AS cohort_p0, 0 AS cohort_p0_left
            FROM leaf l JOIN p_persons pe ON pe.person_key = l.person_key
            LEFT JOIN multi m ON m.period_id = l.period_id AND m.person_key = l.person_key AND m.dim = l.dim
                 AND m.val = l.val
            WHERE m.person_key IS NULL
            GROUP BY l.period_id, l.p0, l.unit_id, l.dim, l.val, {_gender(comp)}, {band}),
        single_up AS (
            SELECT u.period_id, p.ancestor_id AS scope_id, u.dim, u.val, u.gender, u.age_band, {sums}
            FROM single_units u JOIN paths p ON p.unit_id = u.unit_id AND p.valid_from <= u.p0 AND u.p0 <= p.valid_to
            GROUP BY u.period_id, p.ancestor_id, u.dim, u.val, u.gender, u.age_band),
        multi_up AS (
            SELECT x.period_id, x.scope_id, x.dim, x.val, x.gender, x.age_band, count(*) AS cohort_p0,
                   0 AS cohort_p0_left
            FROM (SELECT DISTINCT l.period_id, p.ancestor_id AS scope_id, l.dim, l.val, l.person_key,
                         {_gender(comp)} AS gender,
                         {band} AS age_band
                  FROM leaf l JOIN multi m ON m.period_id = l.period_id AND m.person_key = l.person_key
                       AND m.dim = l.dim AND m.val = l.val
                  JOIN p_persons pe ON pe.person_key = l.person_key
                  JOIN paths p ON p.unit_id = l.unit_id AND p.valid_from <= l.p0 AND l.p0 <= p.valid_to) x
            GROUP BY x.period_id, x.scope_id, x.dim, x.val, x.gender, x.age_band),
        leavers AS (
            SELECT DISTINCT pr.period_id, pr.p1, x.scope_id, x.dim, x.val, x.person_key
            FROM exits x JOIN periods12 pr ON x.exit_day >= pr.p0 AND x.exit_day < pr.p1
            JOIN presence ps ON ps.scope_id = x.scope_id AND ps.dim = x.dim AND ps.val = x.val
                 AND ps.person_key = x.person_key AND ps.s <= pr.p0 AND pr.p0 <= ps.e
            WHERE x.reason_class NOT IN ('retirement', 'death')),
        leaver_counts AS (
            SELECT l.period_id, l.scope_id, l.dim, l.val, {_gender(comp)} AS gender, {band} AS age_band, 0 AS cohort_p0,
                   count(*) AS cohort_p0_left
            FROM leavers l JOIN p_persons pe ON pe.person_key = l.person_key
            GROUP BY l.period_id, l.scope_id, l.dim, l.val, {_gender(comp)}, {band}),
        rolled AS (SELECT * FROM single_up UNION ALL SELECT * FROM multi_up UNION ALL SELECT * FROM leaver_counts)
        {union}"""
    return sql, measures


def _movers_up_tree(leaf: str, day: str, hours: str) -> str:
    """Weekly hours per scope on `day` for the persons `stable` does not cover, placed one by one."""
    return f"""
            SELECT l.period_id, l.person_key, p.ancestor_id AS scope_id, l.dim, l.val, sum(l.wh) AS {hours}
            FROM {leaf} l JOIN periods pr ON pr.period_id = l.period_id
            LEFT JOIN stable s ON s.period_id = l.period_id AND s.person_key = l.person_key AND s.dim = l.dim
                 AND s.val = l.val
            JOIN paths p ON p.unit_id = l.unit_id AND p.valid_from <= {day} AND {day} <= p.valid_to
            WHERE s.person_key IS NULL
            GROUP BY l.period_id, l.person_key, p.ancestor_id, l.dim, l.val"""


def hours_change(comp: Computation) -> tuple[str, list[str]]:
    """Persons present at p0 and p1, and whether their weekly hours went up or down.

    A person in the same single unit at both dates, in a unit whose place in the tree does
    not change in the period, is compared at that unit and counted up the tree as a unit row;
    everyone else (movers, persons in several units, reorganised units) is followed up the
    tree one by one.
    """
    measures = ["present_p0_p1", "hours_up", "hours_down"]
    dims = _person_dims(comp, ("gender", "age_band"))
    counts = ("count(*) AS present_p0_p1, sum(CASE WHEN h1 > h0 THEN 1 ELSE 0 END) AS hours_up, "
              "sum(CASE WHEN h1 < h0 THEN 1 ELSE 0 END) AS hours_down")
    sums = "sum(present_p0_p1) AS present_p0_p1, sum(hours_up) AS hours_up, sum(hours_down) AS hours_down"
    union = person_dim_union("period_id, scope_id", "rolled", "period_id, scope_id", dims, sums)
    leaf0 = _leaf_dims(comp, "at0", "period_id, person_key, unit_id", "sum(weekly_hours) AS wh")
    leaf1 = _leaf_dims(comp, "at1", "period_id, person_key, unit_id", "sum(weekly_hours) AS wh")
    sql = f"""
        WITH at0 AS (
            SELECT pr.period_id, sp.* FROM spells sp JOIN periods pr ON sp.s <= pr.p0 AND pr.p0 <= sp.e),
        at1 AS (
            SELECT pr.period_id, sp.* FROM spells sp JOIN periods pr ON sp.s <= pr.p1 AND pr.p1 <= sp.e),
        leaf0 AS ({leaf0}),
        leaf1 AS ({leaf1}),
        n0 AS (SELECT period_id, person_key, dim, val, count(*) AS units FROM leaf0
               GROUP BY period_id, person_key, dim, val),
        n1 AS (SELECT period_id, person_key, dim, val, count(*) AS units FROM leaf1
               GROUP BY period_id, person_key, dim, val),
        reorganised AS (
            SELECT DISTINCT pr.period_id, p.unit_id FROM paths p JOIN periods pr
              ON (p.valid_from > pr.p0 AND p.valid_from <= pr.p1) OR (p.valid_to >= pr.p0 AND p.valid_to < pr.p1)),
        stable AS (
            SELECT l0.period_id, l0.person_key, l0.unit_id, l0.dim, l0.val, l0.wh AS h0, l1.wh AS h1
            FROM leaf0 l0
            JOIN leaf1 l1 ON l1.period_id = l0.period_id AND l1.person_key = l0.person_key
                 AND l1.dim = l0.dim AND l1.val = l0.val AND l1.unit_id = l0.unit_id
            JOIN n0 ON n0.period_id = l0.period_id AND n0.person_key = l0.person_key AND n0.dim = l0.dim
                 AND n0.val = l0.val AND n0.units = 1
            JOIN n1 ON n1.period_id = l0.period_id AND n1.person_key = l0.person_key AND n1.dim = l0.dim
                 AND n1.val = l0.val AND n1.units = 1
            LEFT JOIN reorganised r ON r.period_id = l0.period_id AND r.unit_id = l0.unit_id
            WHERE r.unit_id IS NULL),
        stable_units AS (
            SELECT s.period_id, pr.p1, s.unit_id, s.dim, s.val, {_gender(comp)} AS gender,
                   {_band(comp, 'pe.birth_date', 'pr.p1')} AS age_band, {counts}
            FROM stable s JOIN periods pr ON pr.period_id = s.period_id
            JOIN p_persons pe ON pe.person_key = s.person_key
            GROUP BY s.period_id, pr.p1, s.unit_id, s.dim, s.val, {_gender(comp)},
                     {_band(comp, 'pe.birth_date', 'pr.p1')}),
        stable_up AS (
            SELECT u.period_id, p.ancestor_id AS scope_id, u.dim, u.val, u.gender, u.age_band, {sums}
            FROM stable_units u JOIN paths p ON p.unit_id = u.unit_id AND p.valid_from <= u.p1 AND u.p1 <= p.valid_to
            GROUP BY u.period_id, p.ancestor_id, u.dim, u.val, u.gender, u.age_band),
        others0 AS ({_movers_up_tree("leaf0", "pr.p0", "h0")}),
        others1 AS ({_movers_up_tree("leaf1", "pr.p1", "h1")}),
        others_up AS (
            SELECT o1.period_id, o1.scope_id, o1.dim, o1.val, {_gender(comp)} AS gender,
                   {_band(comp, 'pe.birth_date', 'pr.p1')} AS age_band,
                   {counts.replace("h1", "o1.h1").replace("h0", "o0.h0")}
            FROM others1 o1 JOIN others0 o0 ON o0.period_id = o1.period_id AND o0.person_key = o1.person_key
                 AND o0.scope_id = o1.scope_id AND o0.dim = o1.dim AND o0.val = o1.val
            JOIN periods pr ON pr.period_id = o1.period_id
            JOIN p_persons pe ON pe.person_key = o1.person_key
            GROUP BY o1.period_id, o1.scope_id, o1.dim, o1.val, {_gender(comp)},
                     {_band(comp, 'pe.birth_date', 'pr.p1')}),
        rolled AS (SELECT * FROM stable_up UNION ALL SELECT * FROM others_up)
        {union}"""
    return sql, measures


def entries(comp: Computation) -> tuple[str, list[str]]:
    x = comp.x
    measures = ["entries", "entries_matured", "entries_matured_left", "entries#persons", "entries_matured#persons"]
    dims = _person_dims(comp, ("gender", "age_band"))
    union = person_dim_union(
        "period_id, scope_id", "en", "period_id, scope_id", dims,
        "count(*) AS entries, sum(CASE WHEN matured THEN 1 ELSE 0 END) AS entries_matured, "
        "sum(CASE WHEN matured AND left_ THEN 1 ELSE 0 END) AS entries_matured_left, "
        'count(DISTINCT person_key) AS "entries#persons", '
        'count(DISTINCT CASE WHEN matured THEN person_key END) AS "entries_matured#persons"',
    )
    sql = f"""
        WITH en AS (
            SELECT pr.period_id, n.scope_id, n.dim, n.val, n.person_key, {_gender(comp)} AS gender,
                   {_band(comp, 'pe.birth_date', 'pr.p1')} AS age_band,
                   {one_year_after('n.entry_day')} <= {x} AS matured,
                   NOT n.open_end AND n.stay_end < {one_year_after('n.entry_day')}
                   AND coalesce(n.reason_key // 10 <> {days_between("DATE '1900-01-01'", 'n.stay_end')}
                                OR n.reason_key % 10 <> 3, TRUE) AS left_
            FROM entries n JOIN periods pr ON pr.p0 <= n.entry_day AND n.entry_day <= pr.p1
            JOIN p_persons pe USING (person_key))
        {union}"""
    return sql, measures


def education(comp: Computation) -> tuple[str, list[str]]:
    """Education records, placed by the unit of the placement on the day each event happens.

    A record active at p1 is placed on p1, one starting in P on its start, one ending in P on
    its actual end: a placement unit moved to another centre mid-period counts where it was.
    """
    x = comp.x
    measures = ["apprentices_p1", "education_started", "education_started_alternative", "education_ended",
                "education_dropped", "education_completed_matured", "education_completed_hired"]
    dims = ("programme", "route", "adult", *_person_dims(comp, ("gender", "age_band")))
    aggregates = """count(DISTINCT CASE WHEN event = 'active' THEN person_key END) AS apprentices_p1,
        sum(CASE WHEN event = 'started' THEN 1 ELSE 0 END) AS education_started,
        sum(CASE WHEN event = 'started' AND alternative THEN 1 ELSE 0 END) AS education_started_alternative,
        sum(CASE WHEN event = 'ended' THEN 1 ELSE 0 END) AS education_ended,
        sum(CASE WHEN event = 'ended' AND outcome = 'dropped_out' THEN 1 ELSE 0 END) AS education_dropped,
        sum(CASE WHEN completed_matured THEN 1 ELSE 0 END) AS education_completed_matured,
        sum(CASE WHEN completed_matured AND hired THEN 1 ELSE 0 END) AS education_completed_hired"""
    union = person_dim_union("period_id, scope_id", "ed", "period_id, scope_id", dims, aggregates)
    sql = f"""
        WITH records AS (
            SELECT r.*, {_gender(comp)} AS gender, CASE WHEN r.is_adult THEN 'adult' ELSE 'not_adult' END AS adult,
                   r.route IN {ALTERNATIVE_ROUTES} AS alternative
            FROM p_education r JOIN p_persons pe USING (person_key)),
        events AS (
            SELECT r.*, pr.period_id, pr.p1, 'active' AS event, pr.p1 AS placed_on FROM records r
            JOIN periods pr ON r.start_date <= pr.p1 AND (r.actual_end IS NULL OR r.actual_end >= pr.p1)
            UNION ALL
            SELECT r.*, pr.period_id, pr.p1, 'started', r.start_date FROM records r
            JOIN periods pr ON r.start_date BETWEEN pr.p0 AND pr.p1
            UNION ALL
            SELECT r.*, pr.period_id, pr.p1, 'ended', r.actual_end FROM records r
            JOIN periods pr ON r.actual_end BETWEEN pr.p0 AND pr.p1),
        placed AS (
            SELECT ev.*, p.ancestor_id AS scope_id,
                   {_band(comp, 'ev.birth_date', 'ev.p1')} AS age_band,
                   ev.event = 'ended' AND ev.outcome = 'completed'
                       AND {one_year_after('ev.actual_end')} <= {x} AS completed_matured
            FROM (SELECT e.*, pe.birth_date FROM events e JOIN p_persons pe USING (person_key)) ev
            JOIN paths p ON p.unit_id = ev.unit_id AND p.valid_from <= ev.placed_on AND ev.placed_on <= p.valid_to),
        hired AS (
            SELECT DISTINCT pl.person_key, pl.start_date, pl.programme FROM placed pl
            JOIN paths m ON m.unit_id = pl.unit_id AND m.ancestor_level = 'municipality'
                 AND m.valid_from <= pl.actual_end AND pl.actual_end <= m.valid_to
            JOIN seg g ON g.person_key = pl.person_key AND g.dim = 'total' AND g.scope_id = m.ancestor_id
                 AND g.s <= {one_year_after('pl.actual_end')} AND g.e > pl.actual_end
            WHERE pl.completed_matured),
        ed AS (
            SELECT pl.*, 'total' AS dim, '' AS val, h.person_key IS NOT NULL AS hired FROM placed pl
            LEFT JOIN hired h ON h.person_key = pl.person_key AND h.start_date = pl.start_date
                 AND h.programme = pl.programme)
        {union}"""
    return sql, measures


def ads(comp: Computation) -> tuple[str, list[str]]:
    """Job ads, placed by their unit on the publication day (deadline figures: on the deadline)."""
    measures = ["ads_published", "ads_reposts", "ads_deadline", "ads_unfilled", "ads_with_applicants",
                "applicants_median"]
    aggregates = """sum(CASE WHEN on_published THEN 1 ELSE 0 END) AS ads_published,
        sum(CASE WHEN on_published AND reposts_ad_id IS NOT NULL THEN 1 ELSE 0 END) AS ads_reposts,
        sum(CASE WHEN NOT on_published THEN 1 ELSE 0 END) AS ads_deadline,
        sum(CASE WHEN NOT on_published AND filled_by_employment_id IS NULL THEN 1 ELSE 0 END) AS ads_unfilled,
        sum(CASE WHEN on_published AND applicants IS NOT NULL THEN 1 ELSE 0 END) AS ads_with_applicants,
        median(CASE WHEN on_published THEN applicants END) AS applicants_median"""
    union = person_dim_union("period_id, scope_id", "placed", "period_id, scope_id", ("job_group",), aggregates)
    sql = f"""
        WITH events AS (
            SELECT j.*, pr.period_id, TRUE AS on_published, j.published AS placed_on
            FROM job_ads j JOIN periods pr ON j.published BETWEEN pr.p0 AND pr.p1
            UNION ALL
            SELECT j.*, pr.period_id, FALSE AS on_published, j.deadline AS placed_on
            FROM job_ads j JOIN periods pr ON j.deadline BETWEEN pr.p0 AND pr.p1),
        placed AS (
            SELECT ev.*, p.ancestor_id AS scope_id, 'total' AS dim, '' AS val FROM events ev JOIN paths p
              ON p.unit_id = ev.unit_id AND p.valid_from <= least(ev.placed_on, {comp.x})
             AND least(ev.placed_on, {comp.x}) <= p.valid_to)
        {union}"""
    return sql, measures


FAMILIES = (stock, days, absence, exits, cohort, hours_change, entries, education, ads)
