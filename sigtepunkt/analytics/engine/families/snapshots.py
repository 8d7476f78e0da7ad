"""Families read at one day per period: the stock at p1, hours at p0 and p1, the cohort at p0."""

from __future__ import annotations

from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.families.common import (
    SHARED_PERSON_DIMS,
    Family,
    _carry,
    _person_dims,
    _person_values,
    _persons_join,
    stayers_up,
    up_the_tree,
)
from sigtepunkt.analytics.engine.prepare import end_words, segment_parts, snapshot_rows
from sigtepunkt.analytics.engine.sql_parts import (
    add_months,
    age_day,
    age_from_parts,
    person_dim_union,
    years_between,
)

STOCK_MEASURES = ["persons_p1", "fte_p1", "age_sum_p1", "aged_60_plus_p1", "seniority_sum_p1", "part_time_p1",
                  "weekly_hours_sum_p1", "retirements_due_1y", "retirements_due_3y", "retirements_due_5y",
                  "leaders_p1", "leaders_trained_p1", "mus_eligible_p1", "mus_done_p1"]
# One row per person present: what each stock measure counts or sums for that person. The
# indicators that depend only on the person and the day (age 60+, pension due, MUS) come
# precomputed from `info`, once per person rather than once per segment row.
# Every count comes out as a DOUBLE (exact: far below 2^53), which the wide table reads them
# as anyway: a count summed is a HUGEINT, and each of the sums that follow (at the unit, up
# the tree, per scope) then adds 16-byte integers, fourteen of them per row (a third slower).
STOCK_PER_PERSON = ", ".join(f"CAST({aggregate} AS DOUBLE) AS {measure}" for aggregate, measure in (
    ("count(*)", "persons_p1"), ("sum(frac)", "fte_p1"), ("sum(age)", "age_sum_p1"),
    ("sum(aged_60)", "aged_60_plus_p1"), ("sum(seniority)", "seniority_sum_p1"),
    ("sum(CASE WHEN frac < 1 THEN 1 ELSE 0 END)", "part_time_p1"), ("sum(wh)", "weekly_hours_sum_p1"),
    ("sum(due_1y)", "retirements_due_1y"), ("sum(due_3y)", "retirements_due_3y"),
    ("sum(due_5y)", "retirements_due_5y"), ("sum(CASE WHEN is_leader THEN 1 ELSE 0 END)", "leaders_p1"),
    ("sum(CASE WHEN is_leader AND trained THEN 1 ELSE 0 END)", "leaders_trained_p1"),
    ("sum(mus_eligible)", "mus_eligible_p1"), ("sum(mus_done)", "mus_done_p1")))
# ... and those indicators, over `info`'s own columns.
STOCK_INDICATORS = """age, seniority, trained{carry},
        CASE WHEN age >= 60 THEN 1 ELSE 0 END AS aged_60,
        CASE WHEN pension <= p1_1y THEN 1 ELSE 0 END AS due_1y,
        CASE WHEN pension <= p1_3y THEN 1 ELSE 0 END AS due_3y,
        CASE WHEN pension <= p1_5y THEN 1 ELSE 0 END AS due_5y,
        CASE WHEN seniority >= 1 THEN 1 ELSE 0 END AS mus_eligible,
        CASE WHEN seniority >= 1 AND talked THEN 1 ELSE 0 END AS mus_done"""
STOCK_SUMS = ", ".join(f"sum({m}) AS {m}" for m in STOCK_MEASURES)
# The person dimensions the stock splits by.
STOCK_PERSON_DIMS = (*SHARED_PERSON_DIMS, "seniority_band")

def _units_of_multi(days: str, day: str) -> str:
    """Per-unit rows (`snap_multi`) of the persons in several units at once on `day`, a column of `days`."""
    return (f"SELECT pd.*, m.person_key, m.sid, m.g_unit, m.g_frac, m.g_wh, m.g_leader "
            f"FROM {days} pd JOIN snap_multi m ON m.d = pd.{day}")


def stock(comp: Computation) -> Family:
    """Persons present at p1: counted at their own unit, then rolled up the tree.

    A person in one unit (per segment) is summed into that unit's row first, so the rows that
    travel up the tree are units, not persons; only persons in several units at once are
    taken up the tree one by one, so that an ancestor of both counts them once. Who is where
    on p1 comes from the shared snapshot (`snap`). A person with one employment that day (an
    `alone` row) is one row: the person's facts are computed on it, it is summed at the unit
    by all its segment ids at once (`fine`), and the total and each segment are sums of those.
    """
    cells = _stock_cells(comp, _person_dims(comp, STOCK_PERSON_DIMS))
    carry = _carry(comp, dims=STOCK_PERSON_DIMS)
    indicators = STOCK_INDICATORS.format(carry=carry)
    attrs = (f"i.age, i.seniority, i.trained{_carry(comp, 'i.', STOCK_PERSON_DIMS)}, i.aged_60, i.due_1y, "
             "i.due_3y, i.due_5y, i.mus_eligible, i.mus_done")
    sids = "".join(f", sid_{dim}" for dim in comp.employment_dims)
    by_segment = segment_parts(comp, "fine", "p1, unit_id", f"{carry}, {STOCK_SUMS}",
                               group_by=f"p1, unit_id{carry}", unique=True)

    # Seniority counts from the start of the stay in the municipality that holds p1. A person
    # with one stay ever (`tenure_once`, most) has at most one such stay: it is one of the
    # person's facts; only persons with several stays (in two municipalities at once, say)
    # take the earliest start among those holding p1 (`since`).
    since = "coalesce(since.since, CASE WHEN pe.once_s <= pp.p1 AND pp.p1 <= pe.once_e THEN pe.once_s END)"
    # A person's talks: at which ends a talk lies in the year before, one number per word of
    # ends (`talks_<word>` of `person_facts`), read at the row's end by its word and bit.
    words = range(end_words(comp))
    talks = " ".join(f"WHEN {w} THEN pe.talks_{w}" for w in words)

    def facts(source: str) -> str:
        """Per person row of `source` (rows of `people`): the person's facts on p1."""
        return f"""
            SELECT pp.*, {age_from_parts('pe.birth_year', 'pe.birth_md', 'pp.p1_year', 'pp.p1_md')} AS age,
                   {years_between(since, 'pp.p1')} AS seniority{_person_values(comp, 'pe.birth_date', 'pp.p1', since)},
                   pe.pension, coalesce((CASE pp.word {talks} END // pp.bit) % 2 = 1, FALSE) AS talked,
                   coalesce(pe.trained_on <= pp.p1, FALSE) AS trained
            FROM (SELECT * FROM {source}) pp JOIN person_facts pe ON pe.person_key = pp.person_key
            LEFT JOIN since ON since.p1 = pp.p1 AND since.person_key = pp.person_key"""

    # Who is where on p1, with the end's own facts (`ends`: p1, its word and bit, year, ...),
    # read from `snap` where needed (a CTE read several times would be materialised: every
    # person's row copied once more).
    at1 = "(SELECT s.*, pd.* FROM snap s JOIN ends pd ON pd.p1 = s.d)"
    # What is known of each person whatever the day (`person_facts`), once per person: the birth
    # date's parts and pension day, the one stay (of persons with one), the talks, the first
    # leadership course. Every person row of the snapshot takes them with one join instead of four.
    talk_words = ", ".join(f"bit_or(CASE WHEN t.word = {w} THEN t.mask END) AS talks_{w}" for w in words)
    talk_columns = ", ".join(f"tk.talks_{w}" for w in words)
    people = f"(SELECT * FROM {at1} a WHERE sid = 0)"
    sql = f"""
        WITH ends AS (
            SELECT p1, word, bit, year(p1) AS p1_year, {age_day('p1')} AS p1_md,
                   {add_months('p1', 12)} AS p1_1y, {add_months('p1', 36)} AS p1_3y, {add_months('p1', 60)} AS p1_5y
            FROM p1_dates),
        several AS (SELECT person_key FROM tenure GROUP BY person_key HAVING count(*) > 1),
        tenure_once AS (SELECT t.* FROM tenure t ANTI JOIN several USING (person_key)),
        since AS (
            SELECT pp.p1, pp.person_key, min(t.s) AS since
            FROM {people} pp JOIN (SELECT t.* FROM tenure t SEMI JOIN several USING (person_key)) t
              ON t.person_key = pp.person_key AND t.s <= pp.p1 AND pp.p1 <= t.e
            GROUP BY pp.p1, pp.person_key),
        person_facts AS (
            SELECT pe.*, t1.s AS once_s, t1.e AS once_e, {talk_columns}, tr.first_on AS trained_on
            FROM p_persons pe LEFT JOIN tenure_once t1 ON t1.person_key = pe.person_key
            LEFT JOIN (SELECT t.person_key, {talk_words} FROM p_talks t GROUP BY t.person_key) tk
              ON tk.person_key = pe.person_key
            LEFT JOIN p_leader_course tr ON tr.person_key = pe.person_key),
        info AS (SELECT p1, person_key, unit_id, alone, frac, wh, is_leader{sids}, {indicators}
                 FROM ({facts(f"{people} x WHERE NOT alone")}) f),
        fine AS (
            SELECT p1, unit_id{sids}{carry}, {STOCK_PER_PERSON}
            FROM (SELECT p1, unit_id, frac, wh, is_leader{sids}, {indicators}
                  FROM ({facts(f"{people} x WHERE alone")}) f) x
            GROUP BY p1, unit_id{sids}{carry}),
        single AS (
            {by_segment}
            UNION ALL
            SELECT p1, unit_id, sid{carry}, {STOCK_PER_PERSON}
            FROM (SELECT l.p1, l.unit_id, l.sid, l.frac, l.wh, l.is_leader, {attrs}
                  FROM {at1} l JOIN info i ON i.p1 = l.p1 AND i.person_key = l.person_key
                  WHERE NOT l.multi AND NOT l.alone) x
            GROUP BY p1, unit_id, sid{carry}),
        {up_the_tree(comp, "single_up", "single", "p1", "p1", STOCK_MEASURES, STOCK_PERSON_DIMS)},
        multi_units AS ({_units_of_multi("ends", "p1")}),
        multi_scoped AS (
            SELECT m.p1, m.person_key, p.ancestor_id AS scope_id, m.sid, sum(m.g_frac) AS frac,
                   sum(m.g_wh) AS wh, bool_or(m.g_leader) AS is_leader
            FROM multi_units m
            JOIN paths p ON p.unit_id = m.g_unit AND p.valid_from <= m.p1 AND m.p1 <= p.valid_to
            GROUP BY m.p1, m.person_key, p.ancestor_id, m.sid),
        multi_up AS (
            SELECT p1, scope_id, sid{carry}, {STOCK_PER_PERSON}
            FROM (SELECT ms.*, {attrs}
                  FROM multi_scoped ms JOIN info i ON i.p1 = ms.p1 AND i.person_key = ms.person_key) x
            GROUP BY p1, scope_id, sid{carry}),
        {cells}
        SELECT c.scope_id, pr.period_id, c.segment_no, {", ".join("c." + m for m in STOCK_MEASURES)}
        FROM cells c JOIN periods pr ON pr.p1 = c.p1"""
    return Family(sql, list(STOCK_MEASURES))


def _stock_cells(comp: Computation, dims: tuple[str, ...]) -> str:
    """CTEs ending in `cells`: the stock's rows (`single_up`, `multi_up`) summed per p1, scope and segment.

    Without person dimensions most rows are already that sum: a unit's own row (`single_up_0`)
    at a unit with no sub-unit on p1, no person there in two employments at once (`info`) and
    nobody followed one by one (`multi_up`) is its scope's only row. Those pass as they are;
    only the rows of the other scopes (`collisions`) are grouped. Grouping them all hashed every
    unit row again with fourteen sums (at 45,000 employees 345,000 rows into as many groups,
    a fifth of the stock's time). With person dimensions, or without levels (Spark), every row
    is grouped as `person_dim_union` says.
    """
    if dims or comp.tree_depth is None:
        union = person_dim_union("p1, scope_id", "rolled", dims, STOCK_SUMS)
        return f"rolled AS (SELECT * FROM single_up UNION ALL SELECT * FROM multi_up), cells AS ({union})"
    levels = "".join(f" UNION ALL SELECT * FROM single_up_{k}" for k in range(1, comp.tree_depth + 1))
    same_scope = "c.p1 = u.p1 AND c.scope_id = u.scope_id"
    return f"""collisions AS (
            SELECT p1, unit_id AS scope_id FROM info
            UNION SELECT p1, scope_id FROM multi_up
            UNION SELECT pd.p1, p.ancestor_id FROM paths p JOIN p1_dates pd
              ON p.distance = 1 AND p.valid_from <= pd.p1 AND pd.p1 <= p.valid_to),
        cells AS (
            SELECT u.p1, u.scope_id, u.sid AS segment_no, {", ".join(f"u.{m}" for m in STOCK_MEASURES)}
            FROM single_up_0 u ANTI JOIN collisions c ON {same_scope} WHERE u.sid IS NOT NULL
            UNION ALL
            SELECT p1, scope_id, sid AS segment_no, {STOCK_SUMS}
            FROM (SELECT u.* FROM single_up_0 u SEMI JOIN collisions c ON {same_scope}{levels}
                  UNION ALL SELECT * FROM multi_up) x
            WHERE sid IS NOT NULL GROUP BY p1, scope_id, sid)"""


def cohort(comp: Computation) -> Family:
    """The leaver cohort: persons present at p0, and those of them who left before p1.

    The cohort is counted at each person's own unit on p0 (from `snap`) and rolled up the tree
    (persons in several units go up one by one); the leavers come from the exits table, which
    already knows each scope, checked against presence on p0.
    """
    measures = ["cohort_p0", "cohort_p0_left"]
    dims = _person_dims(comp, SHARED_PERSON_DIMS)
    sums = "sum(cohort_p0) AS cohort_p0, sum(cohort_p0_left) AS cohort_p0_left"
    union = person_dim_union("period_id, scope_id", "rolled", dims, sums)
    person, carry = _person_values(comp, "pe.birth_date", "l.p1"), _carry(comp)
    sql = f"""
        WITH periods12 AS (SELECT * FROM periods WHERE months = 12),
        at0_snap AS (SELECT pr.period_id, pr.p0, pr.p1, s.* FROM periods12 pr JOIN snap s ON s.d = pr.p0),
        at0 AS ({snapshot_rows(comp, "at0_snap", "period_id, p0, p1")}),
        single_units AS (
            SELECT period_id, p0, unit_id, sid{carry}, count(*) AS cohort_p0, 0 AS cohort_p0_left
            FROM (SELECT l.period_id, l.p0, l.unit_id, l.sid{person}
                  FROM at0 l {_persons_join(comp, 'l.person_key')} WHERE NOT l.multi) x
            GROUP BY period_id, p0, unit_id, sid{carry}),
        {up_the_tree(comp, "single_up", "single_units", "period_id", "p0", measures)},
        multi_units AS ({_units_of_multi("periods12", "p0")}),
        multi_up AS (
            SELECT period_id, scope_id, sid{carry}, count(*) AS cohort_p0, 0 AS cohort_p0_left
            FROM (SELECT DISTINCT l.period_id, p.ancestor_id AS scope_id, l.sid, l.person_key{person}
                  FROM multi_units l {_persons_join(comp, 'l.person_key')}
                  JOIN paths p ON p.unit_id = l.g_unit AND p.valid_from <= l.p0 AND l.p0 <= p.valid_to) x
            GROUP BY period_id, scope_id, sid{carry}),
        leavers AS (
            SELECT DISTINCT pr.period_id, pr.p0, pr.p1, x.scope_id, x.sid, x.person_key, x.stayer
            FROM exits x JOIN period_days pr ON pr.d = x.exit_day AND pr.months = 12 AND x.exit_day < pr.p1
            JOIN presence ps ON ps.scope_id = x.scope_id AND ps.sid = x.sid
                 AND ps.person_key = x.person_key AND ps.s <= pr.p0 AND pr.p0 <= ps.e
            WHERE x.reason_class NOT IN ('retirement', 'death')),
        leaver_rows AS (
            SELECT l.period_id, l.p0, l.p1, l.scope_id, l.sid, l.stayer{person}, 0 AS cohort_p0, 1 AS cohort_p0_left
            FROM leavers l {_persons_join(comp, 'l.person_key')}),
        {stayers_up(comp, "leaver_counts", "leaver_rows", "p0", measures)},
        rolled AS (SELECT * FROM single_up UNION ALL SELECT * FROM multi_up UNION ALL SELECT * FROM leaver_counts)
        {union}"""
    return Family(sql, measures)


def _movers_at(day: str, hours: str) -> str:
    """Weekly hours per scope on `day` of the persons `hc_movers` follows one by one."""
    return f"""
            SELECT m.period_id, m.person_key, p.ancestor_id AS scope_id, m.sid, sum(g.weekly_hours) AS {hours}
            FROM hc_movers m JOIN spell_seg g ON g.person_key = m.person_key AND g.sid = m.sid
                 AND g.s <= m.{day} AND m.{day} <= g.e
            JOIN paths p ON p.unit_id = g.unit_id AND p.valid_from <= m.{day} AND m.{day} <= p.valid_to
            GROUP BY m.period_id, m.person_key, p.ancestor_id, m.sid"""


def hours_change(comp: Computation) -> Family:
    """Persons present at p0 and p1, and whether their weekly hours went up or down.

    Both days come from the shared snapshot (`snap`), paired by person and segment with one
    equi-join. A person in the same single unit at both dates, in a unit whose place in the
    tree does not change in the period, is compared at that unit and counted up the tree as a
    unit row; everyone else (movers, persons in several units, reorganised units) is staged in
    `hc_movers` and followed up the tree one by one from their spells. Persons with one
    employment at both dates (`hc_alone`) are paired once, not once per segment: a segment
    holds their pair when both dates' employments are in it; only the few others are paired
    per segment (`hc_pairs`). Most persons with one employment at both dates have the same
    one (one spell from before p0 to after p1): their hours cannot have changed, and they are
    counted at their unit without being paired at all.
    """
    measures = ["present_p0_p1", "hours_up", "hours_down"]
    dims = _person_dims(comp, SHARED_PERSON_DIMS)
    counts = ("count(*) AS present_p0_p1, sum(CASE WHEN h1 > h0 THEN 1 ELSE 0 END) AS hours_up, "
              "sum(CASE WHEN h1 < h0 THEN 1 ELSE 0 END) AS hours_down")
    sums = "sum(present_p0_p1) AS present_p0_p1, sum(hours_up) AS hours_up, sum(hours_down) AS hours_down"
    union = person_dim_union("period_id, scope_id", "rolled", dims, sums)
    person, carry = _person_values(comp, 'pe.birth_date', 'pr.p1'), _carry(comp)
    kept = "".join(f", CASE WHEN a.sid_{d} = b.sid_{d} THEN a.sid_{d} END AS sid_{d}" for d in comp.employment_dims)
    sids_a = "".join(f", a.sid_{d}" for d in comp.employment_dims)
    sids = "".join(f", sid_{d}" for d in comp.employment_dims)
    at_both = """
        WITH snap0 AS (SELECT s.* FROM snap s JOIN p0_dates pd ON pd.p0 = s.d),
        snap1 AS (SELECT s.* FROM snap s JOIN p1_dates pd ON pd.p1 = s.d)"""
    # Alone at both dates: one row per person; a segment holds the pair when both rows are in it.
    # Most such persons are in one spell from p0 to p1 (`same_spell`): same unit, same hours,
    # same segments, so they are counted at their unit without being paired (`fine`); only
    # those in a unit reorganised in the period are staged here, to be followed one by one.
    # The others changed spell, so the p0 spell ends before p1 and the p1 spell starts after p0.
    one_spell = "a.d = pr.p0 AND a.alone AND a.spell_e >= pr.p1"  # alone at p0, in a spell that reaches p1
    alone_pairs = f"""{at_both}
        SELECT pr.period_id, pr.p0, pr.p1, a.person_key, a.unit_id, a.wh AS h0, b.wh AS h1,
               a.unit_id = b.unit_id AND r.unit_id IS NULL AS stable{person}{kept}
        FROM periods pr JOIN snap0 a ON a.d = pr.p0 AND a.alone AND a.spell_e < pr.p1
        JOIN snap1 b ON b.d = pr.p1 AND b.person_key = a.person_key AND b.alone AND b.spell_s > pr.p0
        {_persons_join(comp, 'a.person_key')}
        LEFT JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = a.unit_id
        UNION ALL
        SELECT pr.period_id, pr.p0, pr.p1, a.person_key, a.unit_id, a.wh AS h0, a.wh AS h1, FALSE AS stable
               {person}{sids_a}
        FROM periods pr JOIN snap0 a ON {one_spell}
        JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = a.unit_id
        {_persons_join(comp, 'a.person_key')}"""
    same_spell = f"""
            SELECT period_id, p1, unit_id{sids}{carry}, count(*) AS present_p0_p1, 0 AS hours_up, 0 AS hours_down
            FROM (SELECT pr.period_id, pr.p1, a.unit_id{sids_a}{person}
                  FROM periods pr JOIN snap a ON {one_spell}
                  {_persons_join(comp, 'a.person_key')}
                  ANTI JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = a.unit_id) x
            GROUP BY period_id, p1, unit_id{sids}{carry}"""
    unstable_alone = segment_parts(comp, "hc_alone", "period_id, p0, p1, person_key",
                                   f", unit_id, h0, h1, stable{carry}", where="NOT stable")
    # The other pairs: persons with several employments on p0 or p1 (few), found first so that
    # only their snapshot rows are expanded per segment and paired; read straight from `snap`
    # (`snap0`/`snap1`, read twice here, would be materialised: every person's row copied).
    pairs = f"""
        WITH odd AS (
            SELECT pr.period_id, s.person_key FROM periods pr JOIN snap s ON s.d = pr.p0 WHERE NOT s.alone
            UNION
            SELECT pr.period_id, s.person_key FROM periods pr JOIN snap s ON s.d = pr.p1 WHERE NOT s.alone),
        odd0 AS (SELECT o.period_id, s.* FROM odd o JOIN periods pr ON pr.period_id = o.period_id
                 JOIN snap s ON s.d = pr.p0 AND s.person_key = o.person_key),
        odd1 AS (SELECT o.period_id, s.* FROM odd o JOIN periods pr ON pr.period_id = o.period_id
                 JOIN snap s ON s.d = pr.p1 AND s.person_key = o.person_key),
        rows0 AS ({snapshot_rows(comp, "odd0", "period_id")}),
        rows1 AS ({snapshot_rows(comp, "odd1", "period_id")})
        SELECT pr.period_id, pr.p0, pr.p1, a.person_key, a.sid, a.unit_id, a.wh AS h0, b.wh AS h1,
               NOT a.multi AND NOT b.multi AND a.unit_id = b.unit_id AND r.unit_id IS NULL AS stable{person}
        FROM rows0 a JOIN periods pr ON pr.period_id = a.period_id
        JOIN rows1 b ON b.period_id = a.period_id AND b.person_key = a.person_key AND b.sid = a.sid
        {_persons_join(comp, 'a.person_key')}
        LEFT JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = a.unit_id
        UNION ALL
        {unstable_alone}"""
    fine_segments = segment_parts(comp, "fine", "period_id, p1, unit_id", f"{carry}, {sums}",
                                  group_by=f"period_id, p1, unit_id{carry}")
    sql = f"""
        WITH fine AS (
            SELECT period_id, p1, unit_id{sids}{carry}, {counts}
            FROM hc_alone WHERE stable
            GROUP BY period_id, p1, unit_id{sids}{carry}
            UNION ALL
            {same_spell}),
        stable_units AS (
            {fine_segments}
            UNION ALL
            SELECT period_id, p1, unit_id, sid{carry}, {counts}
            FROM hc_pairs WHERE stable
            GROUP BY period_id, p1, unit_id, sid{carry}),
        {up_the_tree(comp, "stable_up", "stable_units", "period_id", "p1", measures)},
        others0 AS ({_movers_at("p0", "h0")}),
        others1 AS ({_movers_at("p1", "h1")}),
        others_up AS (
            SELECT o1.period_id, o1.scope_id, o1.sid{_carry(comp, 'm.')},
                   {counts.replace("h1", "o1.h1").replace("h0", "o0.h0")}
            FROM others1 o1 JOIN others0 o0 ON o0.period_id = o1.period_id AND o0.person_key = o1.person_key
                 AND o0.scope_id = o1.scope_id AND o0.sid = o1.sid
            JOIN hc_movers m ON m.period_id = o1.period_id AND m.person_key = o1.person_key AND m.sid = o1.sid
            GROUP BY o1.period_id, o1.scope_id, o1.sid{_carry(comp, 'm.')}),
        rolled AS (SELECT * FROM stable_up UNION ALL SELECT * FROM others_up)
        {union}"""
    staged = (("hc_alone", alone_pairs), ("hc_pairs", pairs),
              ("hc_movers", "SELECT * FROM hc_pairs WHERE NOT stable"))
    return Family(sql, measures, staged)
