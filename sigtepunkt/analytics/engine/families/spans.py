"""Families summed over the days of a period: persons and average headcount/FTE, planned and sick hours."""

from __future__ import annotations

from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.families.common import (
    REORGANISED,
    SICKNESS,
    Family,
    _band,
    _gender,
    _leaf_dims,
    _person_dims,
    _sid_columns,
    _spells_in_periods,
)
from sigtepunkt.analytics.engine.sql_parts import (
    days_between,
    overlap_days,
    person_dim_union,
)


def days(comp: Computation) -> Family:
    """Persons present in P, average headcount and average FTE over the days of P.

    FTE days add up over units: summed at the spell's own unit and rolled up the tree, except
    for units reorganised in the period, whose spells go up through `seg` (scoped per path row).
    Persons and headcount days add up only for a person present in one unit in P (per segment)
    that is not reorganised; those are counted at the unit and rolled up, everyone else is
    followed through `presence` one by one. The per-person rows and the few persons to follow
    are staged, so that `presence` is probed by person rather than expanded over the periods.
    """
    measures = ["persons_in_p", "avg_headcount", "avg_fte"]
    dims = _person_dims(comp, ("gender", "age_band"))
    union = person_dim_union("period_id, scope_id", "rolled", "period_id, scope_id", dims,
                             "sum(persons) AS persons, sum(hd) AS hd, sum(fd) AS fd")
    band = _band(comp, "pe.birth_date", "pr.p1")
    leaf_spells = _leaf_dims(comp, "spells", "person_key, unit_id, s, e", "count(*) AS n")
    leaf_fte = _leaf_dims(comp, "sp_p", "period_id, p1, unit_id, gender, age_band",
                          f"sum(fraction * {overlap_days('s', 'e', 'p0', 'p1')}) AS fd")
    per_person = f"""
        WITH leaf_spells AS ({leaf_spells}),
        ordered AS (
            SELECT *, max(e) OVER (PARTITION BY unit_id, sid, person_key ORDER BY s, e
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_e
            FROM leaf_spells),
        numbered AS (
            SELECT *, sum(CASE WHEN prev_e IS NULL OR s > prev_e + 1 THEN 1 ELSE 0 END)
                          OVER (PARTITION BY unit_id, sid, person_key ORDER BY s, e
                                ROWS UNBOUNDED PRECEDING) AS run
            FROM ordered),
        islands AS (
            SELECT unit_id, sid, person_key, min(s) AS s, max(e) AS e
            FROM numbered GROUP BY unit_id, sid, person_key, run),
        per_person AS (
            SELECT pr.period_id, i.person_key, i.sid, min(i.unit_id) AS unit_id,
                   CASE WHEN min(i.unit_id) = max(i.unit_id) THEN 1 ELSE 2 END AS units,
                   max(CASE WHEN r.unit_id IS NULL THEN 0 ELSE 1 END) AS reorg,
                   sum({overlap_days('i.s', 'i.e', 'pr.p0', 'pr.p1')}) AS d
            FROM islands i JOIN periods pr ON i.s <= pr.p1 AND pr.p0 <= i.e
            LEFT JOIN days_reorg r ON r.period_id = pr.period_id AND r.unit_id = i.unit_id
            GROUP BY pr.period_id, i.person_key, i.sid)
        SELECT pp.*, pr.p0, pr.p1, {_gender(comp)} AS gender, {band} AS age_band
        FROM per_person pp JOIN periods pr ON pr.period_id = pp.period_id
        JOIN p_persons pe ON pe.person_key = pp.person_key"""
    sql = f"""
        WITH bands AS (SELECT DISTINCT period_id, person_key, gender, age_band FROM days_pp),
        single AS (
            SELECT period_id, p1, unit_id, sid, gender, age_band,
                   1 AS persons, d AS hd, CAST(0 AS DOUBLE) AS fd
            FROM days_pp WHERE units = 1 AND reorg = 0),
        follow_scoped AS (
            SELECT f.period_id, f.gender, f.age_band, x.scope_id, x.sid, x.person_key,
                   sum({overlap_days('x.s', 'x.e', 'f.p0', 'f.p1')}) AS d
            FROM days_follow f JOIN presence x ON x.person_key = f.person_key AND x.sid = f.sid
                 AND x.s <= f.p1 AND f.p0 <= x.e
            GROUP BY f.period_id, f.gender, f.age_band, x.scope_id, x.sid, x.person_key),
        follow_up AS (
            SELECT period_id, scope_id, sid, gender, age_band,
                   count(*) AS persons, sum(d) AS hd, CAST(0 AS DOUBLE) AS fd
            FROM follow_scoped GROUP BY period_id, scope_id, sid, gender, age_band),
        sp_p AS (
            SELECT pr.period_id, pr.p0, pr.p1, sp.*, b.gender, b.age_band
            FROM spells sp JOIN periods pr ON sp.s <= pr.p1 AND pr.p0 <= sp.e
            JOIN bands b ON b.period_id = pr.period_id AND b.person_key = sp.person_key
            LEFT JOIN days_reorg r ON r.period_id = pr.period_id AND r.unit_id = sp.unit_id
            WHERE r.unit_id IS NULL),
        fte_units AS ({leaf_fte}),
        units AS (
            SELECT period_id, p1, unit_id, sid, gender, age_band,
                   sum(persons) AS persons, sum(hd) AS hd, sum(fd) AS fd
            FROM (SELECT * FROM single UNION ALL
                  SELECT period_id, p1, unit_id, sid, gender, age_band, 0, 0, fd FROM fte_units) x
            GROUP BY period_id, p1, unit_id, sid, gender, age_band),
        units_up AS (
            SELECT u.period_id, p.ancestor_id AS scope_id, u.sid, u.gender, u.age_band,
                   sum(u.persons) AS persons, sum(u.hd) AS hd, sum(u.fd) AS fd
            FROM units u JOIN paths p ON p.unit_id = u.unit_id AND p.valid_from <= u.p1 AND u.p1 <= p.valid_to
            GROUP BY u.period_id, p.ancestor_id, u.sid, u.gender, u.age_band),
        fte_reorg AS (
            SELECT pr.period_id, g.scope_id, g.sid, b.gender, b.age_band,
                   0 AS persons, 0 AS hd, sum(g.fraction * {overlap_days('g.s', 'g.e', 'pr.p0', 'pr.p1')}) AS fd
            FROM days_reorg r JOIN periods pr ON pr.period_id = r.period_id
            JOIN seg g ON g.unit_id = r.unit_id AND g.s <= pr.p1 AND pr.p0 <= g.e
            JOIN bands b ON b.period_id = pr.period_id AND b.person_key = g.person_key
            GROUP BY pr.period_id, g.scope_id, g.sid, b.gender, b.age_band),
        rolled AS (
            SELECT * FROM units_up UNION ALL SELECT * FROM follow_up UNION ALL SELECT * FROM fte_reorg),
        cells AS ({union})
        SELECT c.scope_id, c.period_id, c.dim, c.val, c.persons AS persons_in_p,
               CAST(c.hd AS DOUBLE) / pr.days AS avg_headcount, c.fd / pr.days AS avg_fte
        FROM cells c JOIN periods pr ON pr.period_id = c.period_id"""
    staged = (
        ("days_reorg", REORGANISED),
        ("days_pp", per_person),
        ("days_follow", "SELECT * FROM days_pp WHERE units > 1 OR reorg = 1"),
    )
    return Family(sql, measures, staged)


def absence(comp: Computation) -> tuple[str, list[str]]:
    """Planned and sickness hours; working days come from the calendar's running count.

    Both add up over units: summed at the spell's own unit and rolled up the tree, except for
    units reorganised in the period, whose spells go up through `seg` (scoped per path row).
    Sickness joins each absence to its own spell first (by employment) and only then to the
    few periods it overlaps, rather than to every period of the spell.
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
            SELECT g.period_id, g.p1, g.unit_id{_sid_columns(comp, 'g')}, g.gender, g.age_band,
                   CAST(0 AS DOUBLE) AS sick, g.weekly_hours / 5 * (c1.wd_cum - c0.wd_cum) AS planned
            FROM sp_p g
            JOIN calendar c1 ON c1.d = least(g.e, g.p1)
            JOIN calendar c0 ON c0.d = greatest(g.s, g.p0) - 1
            WHERE NOT g.reorg),
        sick_src AS (
            SELECT a_g.period_id, a_g.p1, a_g.unit_id{_sid_columns(comp, 'a_g')},
                   {_gender(comp)} AS gender, {band.replace('pr.p1', 'a_g.p1')} AS age_band,
                   {sick_hours('a_g')} AS sick, CAST(0 AS DOUBLE) AS planned
            FROM (SELECT pr.period_id, pr.p0, pr.p1, sp.*, a.hours, a.from_date, a.to_date,
                         greatest(a.from_date, sp.s, pr.p0) AS lo, least(a.to_date, sp.e, pr.p1) AS hi
                  FROM p_absences a JOIN spells sp ON sp.employment_id = a.employment_id
                   AND sp.s <= a.to_date AND a.from_date <= sp.e
                  JOIN periods pr ON a.from_date <= pr.p1 AND pr.p0 <= a.to_date
                  WHERE a.cause IN {SICKNESS}) a_g
            JOIN p_persons pe ON pe.person_key = a_g.person_key
            LEFT JOIN reorganised r ON r.period_id = a_g.period_id AND r.unit_id = a_g.unit_id
            JOIN calendar c1 ON c1.d = a_g.hi JOIN calendar c0 ON c0.d = a_g.lo - 1
            WHERE a_g.lo <= a_g.hi AND r.unit_id IS NULL),
        hours_src AS (SELECT * FROM planned_src UNION ALL SELECT * FROM sick_src),
        leaf AS ({leaf}),
        leaf_up AS (
            SELECT u.period_id, p.ancestor_id AS scope_id, u.sid, u.gender, u.age_band,
                   sum(u.sick_hours) AS sick_hours, sum(u.planned_hours) AS planned_hours
            FROM leaf u JOIN paths p ON p.unit_id = u.unit_id AND p.valid_from <= u.p1 AND u.p1 <= p.valid_to
            GROUP BY u.period_id, p.ancestor_id, u.sid, u.gender, u.age_band),
        reorg_seg AS (
            SELECT pr.period_id, pr.p0, pr.p1, g.* FROM reorganised r JOIN periods pr ON pr.period_id = r.period_id
            JOIN seg g ON g.unit_id = r.unit_id AND g.s <= pr.p1 AND pr.p0 <= g.e),
        reorg_planned AS (
            SELECT g.period_id, g.scope_id, g.sid, {_gender(comp)} AS gender,
                   {band.replace('pr.p1', 'g.p1')} AS age_band,
                   CAST(0 AS DOUBLE) AS sick_hours, sum(g.weekly_hours / 5 * (c1.wd_cum - c0.wd_cum)) AS planned_hours
            FROM reorg_seg g JOIN p_persons pe ON pe.person_key = g.person_key
            JOIN calendar c1 ON c1.d = least(g.e, g.p1)
            JOIN calendar c0 ON c0.d = greatest(g.s, g.p0) - 1
            GROUP BY g.period_id, g.scope_id, g.sid, {_gender(comp)}, {band.replace('pr.p1', 'g.p1')}),
        reorg_sick AS (
            SELECT a_g.period_id, a_g.scope_id, a_g.sid, {_gender(comp)} AS gender,
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
            GROUP BY a_g.period_id, a_g.scope_id, a_g.sid, {_gender(comp)}, {band.replace('pr.p1', 'a_g.p1')}),
        rolled AS (
            SELECT * FROM leaf_up UNION ALL SELECT * FROM reorg_planned UNION ALL SELECT * FROM reorg_sick)
        {union}"""
    return sql, measures
