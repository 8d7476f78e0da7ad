"""Families summed over the days of a period: persons and average headcount/FTE, planned and sick hours."""

from __future__ import annotations

from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.families.common import (
    SHARED_PERSON_DIMS,
    Family,
    _carry,
    _leaf_dims,
    _person_dims,
    _person_values,
    _persons_join,
    _sid_columns,
    _spells_in_periods,
    up_the_tree,
)
from sigtepunkt.analytics.engine.prepare import scoped_rows, segment_parts, segment_union
from sigtepunkt.analytics.engine.sql_parts import (
    days_between,
    overlap_days,
    person_dim_union,
)


def _days_islands(comp: Computation) -> str:
    """Runs of consecutive days per (unit, segment, person), with the end of the person's previous
    run in that unit (`prev_run_e`) and whether the person is ever in another unit (`mover`).

    A person with one spell only (no other spell before or after it: `other_e`, `other_s`)
    has one run per segment, no previous run and no other unit; only the others go through
    the windows. A person whose spells all lie in one segment of a dimension (`prepare`'s
    `uniform`) has the same runs there as in the total: the total's runs carry that segment's id
    (`sid_<dim>`, as the snapshot's rows do: `prepare.segment_parts` spreads them) instead of
    being made again for it.
    """
    uniform = "".join(f", u.sid_{dim}" for dim in comp.employment_dims)
    keys = "person_key, unit_id, s, e, other_e IS NULL AND other_s IS NULL AS lone"
    group = "person_key, unit_id, s, e, lone"
    parts = [f"SELECT {keys}, 0 AS sid{uniform} FROM spells sp JOIN uniform u USING (person_key) "
             f"GROUP BY {group}{uniform}"]
    nulls = "".join(f", CAST(NULL AS INTEGER) AS sid_{dim}" for dim in comp.employment_dims)
    parts.extend(f"SELECT {keys}, sp.sid_{dim} AS sid{nulls} FROM spells sp JOIN uniform u USING (person_key) "
                 f"WHERE u.sid_{dim} IS NULL AND sp.sid_{dim} IS NOT NULL GROUP BY {group}, sp.sid_{dim}"
                 for dim in comp.employment_dims)
    sids = "".join(f", sid_{dim}" for dim in comp.employment_dims)
    kept = "".join(f", any_value(sid_{dim}) AS sid_{dim}" for dim in comp.employment_dims)
    return f"""
        WITH leaf_spells AS ({" UNION ALL ".join(parts)}),
        ordered AS (
            SELECT *, max(e) OVER (PARTITION BY unit_id, sid, person_key ORDER BY s, e
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_e
            FROM leaf_spells WHERE NOT lone),
        numbered AS (
            SELECT *, sum(CASE WHEN prev_e IS NULL OR s > prev_e + 1 THEN 1 ELSE 0 END)
                          OVER (PARTITION BY unit_id, sid, person_key ORDER BY s, e
                                ROWS UNBOUNDED PRECEDING) AS run
            FROM ordered),
        islands AS (
            SELECT unit_id, sid, person_key, min(s) AS s, max(e) AS e{kept}
            FROM numbered GROUP BY unit_id, sid, person_key, run)
        SELECT unit_id, sid, person_key, s, e{sids},
               max(e) OVER (PARTITION BY unit_id, sid, person_key ORDER BY s
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_run_e,
               min(unit_id) OVER (PARTITION BY person_key, sid) <> max(unit_id) OVER (PARTITION BY person_key, sid)
                   AS mover
        FROM islands
        UNION ALL
        SELECT unit_id, sid, person_key, s, e{sids}, CAST(NULL AS DATE) AS prev_run_e, FALSE AS mover
        FROM leaf_spells WHERE lone"""


def days(comp: Computation) -> Family:
    """Persons present in P and average headcount over the days of P (average FTE: see `absence`).

    Headcount days add up over units, and so do persons for someone only ever in one unit (per
    segment): each of their runs overlapping P is counted at the unit, persons once, by the
    first run in P (the one whose previous run ended before p0), without a row per person.
    Movers are summed per person and period first (`days_pp`); those in one unit in P are then
    summed at that unit with the stayers, so that unit rows, not person rows, go up the tree
    (at 45,000 employees the movers' person rows were 60 % of the rows rolled up); those in
    several units in P, and anyone in a unit reorganised in P, are followed through `presence`
    one by one (`days_follow`, staged so that `presence` is probed by person).
    """
    measures = ["persons_in_p", "avg_headcount"]
    dims = _person_dims(comp, SHARED_PERSON_DIMS)
    union = person_dim_union("period_id, scope_id", "rolled", dims, "sum(persons) AS persons, sum(hd) AS hd")
    person, carry = _person_values(comp, "pe.birth_date", "pr.p1"), _carry(comp)
    in_periods = f"""
            SELECT pr.period_id, pr.p0, pr.p1, i.*, r.unit_id IS NOT NULL AS reorg{person}
            FROM days_islands i JOIN periods pr ON i.s <= pr.p1 AND pr.p0 <= i.e
            {_persons_join(comp, 'i.person_key')}
            LEFT JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = i.unit_id"""
    # A total row stands for its person's rows in the segments its `sid_<dim>` name too.
    sids = "".join(f", sid_{dim}" for dim in comp.employment_dims)
    movers = segment_parts(comp, f"({in_periods} WHERE i.mover) m", "period_id, p0, p1, person_key",
                           f", unit_id, reorg, s, e{carry}", total="sid")
    per_person = f"""
        SELECT period_id, p0, p1, person_key, sid{carry}, min(unit_id) AS unit_id,
               CASE WHEN min(unit_id) = max(unit_id) THEN 1 ELSE 2 END AS units,
               max(CASE WHEN reorg THEN 1 ELSE 0 END) AS reorg, sum({overlap_days('s', 'e', 'p0', 'p1')}) AS d
        FROM ({movers}) x
        GROUP BY period_id, p0, p1, person_key, sid{carry}"""
    # Stayers in a unit reorganised in the period: found from the few reorganised units, so
    # that the stayers' runs in periods (millions of rows) are never written to a table.
    reorganised_rows = f"""
            SELECT DISTINCT pr.period_id, pr.p0, pr.p1, i.person_key, i.sid{sids.replace(", ", ", i.")}{person}
            FROM reorganised r JOIN periods pr ON pr.period_id = r.period_id
            JOIN days_islands i ON i.unit_id = r.unit_id AND i.s <= pr.p1 AND pr.p0 <= i.e
            {_persons_join(comp, 'i.person_key')}
            WHERE NOT i.mover"""
    reorganised_stayers = f"""
            SELECT DISTINCT * FROM ({segment_parts(comp, f"({reorganised_rows}) r", "period_id, p0, p1, person_key",
                                                   carry, total="sid")}) x"""
    follow = f"""
        SELECT period_id, p0, p1, person_key, sid{carry} FROM days_pp WHERE units > 1 OR reorg = 1
        UNION ALL
        {reorganised_stayers}"""
    sql = f"""
        WITH stayed AS (
            SELECT period_id, p1, unit_id, sid{carry}{sids}, sum(persons) AS persons, sum(hd) AS hd
            FROM (SELECT period_id, p1, unit_id, sid{carry}{sids},
                         CASE WHEN prev_run_e IS NULL OR prev_run_e < p0 THEN 1 ELSE 0 END AS persons,
                         {overlap_days('s', 'e', 'p0', 'p1')} AS hd
                  FROM ({in_periods} WHERE NOT i.mover) x WHERE NOT reorg) y
            GROUP BY period_id, p1, unit_id, sid{carry}{sids}),
        single AS (
            SELECT period_id, p1, unit_id, sid{carry}, sum(persons) AS persons, sum(hd) AS hd
            FROM (SELECT period_id, p1, unit_id, sid{carry}, 1 AS persons, d AS hd
                  FROM days_pp WHERE units = 1 AND reorg = 0
                  UNION ALL
                  {segment_parts(comp, "stayed", "period_id, p1, unit_id", f"{carry}, persons, hd", total="sid")}) y
            GROUP BY period_id, p1, unit_id, sid{carry}),
        follow_scoped AS (
            SELECT f.period_id{_carry(comp, "f.")}, coalesce(p.ancestor_id, x.scope_id) AS scope_id, x.sid,
                   x.person_key, sum({overlap_days('x.s', 'x.e', 'f.p0', 'f.p1')}) AS d
            FROM days_follow f JOIN presence x ON x.person_key = f.person_key AND x.sid = f.sid
                 AND x.s <= f.p1 AND f.p0 <= x.e
            LEFT JOIN paths p ON x.stayer AND p.unit_id = x.scope_id AND p.valid_from <= x.e AND x.s <= p.valid_to
            GROUP BY f.period_id{_carry(comp, "f.")}, coalesce(p.ancestor_id, x.scope_id), x.sid, x.person_key),
        follow_up AS (
            SELECT period_id, scope_id, sid{carry}, count(*) AS persons, sum(d) AS hd
            FROM follow_scoped GROUP BY period_id, scope_id, sid{carry}),
        {up_the_tree(comp, "units_up", "single", "period_id", "p1", ["persons", "hd"])},
        rolled AS (SELECT * FROM units_up UNION ALL SELECT * FROM follow_up),
        cells AS ({union})
        SELECT c.scope_id, c.period_id, c.segment_no, c.persons AS persons_in_p,
               CAST(c.hd AS DOUBLE) / pr.days AS avg_headcount
        FROM cells c JOIN periods pr ON pr.period_id = c.period_id"""
    staged = (
        # By unit, as `prepare`'s spells are: the runs in each period are grouped by unit.
        ("days_islands", f"SELECT * FROM ({_days_islands(comp)}) i ORDER BY unit_id"),
        ("days_pp", per_person),
        ("days_follow", follow),
    )
    return Family(sql, measures, staged)


def _absences_in_periods(comp: Computation) -> str:
    """Sickness absences with each period they overlap, found without a range join of all of them.

    A period overlaps an absence when it holds the first day (`period_days`, an equi-join), or
    holds the last day and starts after the first, or lies strictly inside the absence, which
    only an absence longer than the shortest period can do: three disjoint cases, and the
    range join is left with the few long absences.
    """
    columns = "a.employment_id, a.hours, a.from_date, a.to_date, pr.period_id, pr.p0, pr.p1"
    shortest = min((p.days for p in comp.periods), default=0)
    return f"""
            SELECT {columns} FROM p_sickness a JOIN period_days pr ON pr.d = a.from_date
            UNION ALL
            SELECT {columns} FROM p_sickness a JOIN period_days pr ON pr.d = a.to_date
            WHERE pr.p0 > a.from_date
            UNION ALL
            SELECT {columns} FROM p_sickness a JOIN periods pr ON a.from_date < pr.p0 AND pr.p1 < a.to_date
            WHERE {days_between('a.from_date', 'a.to_date')} > {shortest}"""


def absence(comp: Computation) -> tuple[str, list[str]]:
    """Planned and sickness hours, and average FTE; working days come from the calendar's running count.

    FTE days (fraction × days) are summed with the planned hours, from the same spells in the
    same periods (one join of spells and periods for both). All three add up over units:
    summed at the spell's own unit and rolled up the tree, except for units reorganised in
    the period, whose spells go up through `scoped` (per path row and segment).
    Sickness joins each absence to its own spell first (by employment) and only then to the
    few periods it overlaps, rather than to every period of the spell.
    """
    measures = ["sick_hours", "planned_hours", "avg_fte"]
    dims = _person_dims(comp, SHARED_PERSON_DIMS)
    union = person_dim_union("period_id, scope_id", "rolled", dims,
                             "sum(sick_hours) AS sick_hours, sum(planned_hours) AS planned_hours, "
                             "sum(fte_days) AS fte_days")
    carry = _carry(comp)

    def sick_hours(x: str) -> str:
        return f"""CASE WHEN {x}.hours IS NOT NULL
                        THEN CAST({x}.hours AS DOUBLE) * ({days_between(f'{x}.lo', f'{x}.hi')} + 1)
                             / ({days_between(f'{x}.from_date', f'{x}.to_date')} + 1)
                        ELSE {x}.weekly_hours / 5 * (c1.wd_cum - c0.wd_cum) END"""
    # The spells of units reorganised in some period, in every scope (`scoped` holds a stayer's at the unit only).
    reorganised_scoped = scoped_rows(comp, "(SELECT sp.* FROM spells sp SEMI JOIN reorganised r USING (unit_id))")
    leaf = _leaf_dims(comp, "hours_src", f"period_id, p1, unit_id{carry}",
                      "sum(sick) AS sick_hours, sum(planned) AS planned_hours, sum(fte_days) AS fte_days")
    sql = f"""
        WITH sp_p AS ({_spells_in_periods(comp)}),
        planned_src AS (
            SELECT g.period_id, g.p1, g.unit_id{_sid_columns(comp, 'g')}{_carry(comp, 'g.')},
                   CAST(0 AS DOUBLE) AS sick, g.weekly_hours / 5 * (c1.wd_cum - c0.wd_cum) AS planned,
                   g.fraction * {overlap_days('g.s', 'g.e', 'g.p0', 'g.p1')} AS fte_days
            FROM sp_p g
            JOIN calendar c1 ON c1.d = least(g.e, g.p1)
            JOIN calendar c0 ON c0.d = greatest(g.s, g.p0) - 1
            WHERE NOT g.reorg),
        sick_periods AS ({_absences_in_periods(comp)}),
        sick_src AS (
            SELECT a_g.period_id, a_g.p1, a_g.unit_id{_sid_columns(comp, 'a_g')}
                   {_person_values(comp, 'pe.birth_date', 'a_g.p1')},
                   {sick_hours('a_g')} AS sick, CAST(0 AS DOUBLE) AS planned, CAST(0 AS DOUBLE) AS fte_days
            FROM (SELECT a.period_id, a.p0, a.p1, sp.*, a.hours, a.from_date, a.to_date,
                         greatest(a.from_date, sp.s, a.p0) AS lo, least(a.to_date, sp.e, a.p1) AS hi
                  FROM sick_periods a JOIN spells sp ON sp.employment_id = a.employment_id
                   AND sp.s <= a.to_date AND a.from_date <= sp.e) a_g
            {_persons_join(comp, 'a_g.person_key')}
            LEFT JOIN reorganised r ON r.period_id = a_g.period_id AND r.unit_id = a_g.unit_id
            JOIN calendar c1 ON c1.d = a_g.hi JOIN calendar c0 ON c0.d = a_g.lo - 1
            WHERE a_g.lo <= a_g.hi AND r.unit_id IS NULL),
        hours_src AS (SELECT * FROM planned_src UNION ALL SELECT * FROM sick_src),
        leaf AS ({leaf}),
        {up_the_tree(comp, "leaf_up", "leaf", "period_id", "p1", ["sick_hours", "planned_hours", "fte_days"])},
        reorg_seg AS (
            SELECT pr.period_id, pr.p0, pr.p1, g.* FROM reorganised r JOIN periods pr ON pr.period_id = r.period_id
            JOIN ({segment_union(comp, f"({reorganised_scoped}) sc")}) g
              ON g.unit_id = r.unit_id AND g.s <= pr.p1 AND pr.p0 <= g.e),
        reorg_planned AS (
            SELECT period_id, scope_id, sid{carry}, CAST(0 AS DOUBLE) AS sick_hours,
                   sum(planned) AS planned_hours, sum(fte_days) AS fte_days
            FROM (SELECT g.period_id, g.scope_id, g.sid{_person_values(comp, 'pe.birth_date', 'g.p1')},
                         g.weekly_hours / 5 * (c1.wd_cum - c0.wd_cum) AS planned,
                         g.fraction * {overlap_days('g.s', 'g.e', 'g.p0', 'g.p1')} AS fte_days
                  FROM reorg_seg g {_persons_join(comp, 'g.person_key')}
                  JOIN calendar c1 ON c1.d = least(g.e, g.p1)
                  JOIN calendar c0 ON c0.d = greatest(g.s, g.p0) - 1) x
            GROUP BY period_id, scope_id, sid{carry}),
        reorg_sick AS (
            SELECT period_id, scope_id, sid{carry}, sum(sick) AS sick_hours, CAST(0 AS DOUBLE) AS planned_hours,
                   CAST(0 AS DOUBLE) AS fte_days
            FROM (SELECT a_g.period_id, a_g.scope_id, a_g.sid{_person_values(comp, 'pe.birth_date', 'a_g.p1')},
                         {sick_hours('a_g')} AS sick
                  FROM (SELECT g.*, a.hours, a.from_date, a.to_date,
                               greatest(a.from_date, g.s, g.p0) AS lo, least(a.to_date, g.e, g.p1) AS hi
                        FROM p_sickness a JOIN reorg_seg g ON g.employment_id = a.employment_id
                         AND g.s <= a.to_date AND a.from_date <= g.e AND a.from_date <= g.p1 AND g.p0 <= a.to_date) a_g
                  {_persons_join(comp, 'a_g.person_key')}
                  JOIN calendar c1 ON c1.d = a_g.hi JOIN calendar c0 ON c0.d = a_g.lo - 1
                  WHERE a_g.lo <= a_g.hi) x
            GROUP BY period_id, scope_id, sid{carry}),
        rolled AS (
            SELECT * FROM leaf_up UNION ALL SELECT * FROM reorg_planned UNION ALL SELECT * FROM reorg_sick),
        cells AS ({union})
        SELECT c.scope_id, c.period_id, c.segment_no, c.sick_hours, c.planned_hours, c.fte_days / pr.days AS avg_fte
        FROM cells c JOIN periods pr ON pr.period_id = c.period_id"""
    return sql, measures
