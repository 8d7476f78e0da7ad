"""Families that count events: exits, entries, education records and job ads."""

from __future__ import annotations

from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.families.common import (
    ALTERNATIVE_ROUTES,
    SHARED_PERSON_DIMS,
    Family,
    _carry,
    _person_dims,
    _person_values,
    _persons_join,
    stayers_up,
)
from sigtepunkt.analytics.engine.sql_parts import (
    days_between,
    one_year_after,
    person_dim_union,
    years_between,
)


def _exits_in_periods(comp: Computation, source: str, columns: str, joins: str = "") -> str:
    """Rows of `source` (exits) in each period holding the exit day, with the leaver's requested
    dimensions at p1 and `columns`: the exits' sums and their median split persons alike."""
    return f"""
            SELECT pr.period_id, x.scope_id, x.sid, {columns}{_person_values(comp, 'pe.birth_date', 'pr.p1')}
            FROM {source} x JOIN period_days pr ON pr.d = x.exit_day
            {_persons_join(comp, 'x.person_key')}{joins}"""


def exits(comp: Computation) -> Family:
    """External and internal exits, and the external leavers as persons (sums: batch by batch)."""
    measures = ["exits_external", "exits_internal", "exits_external#persons"]
    dims = _person_dims(comp, SHARED_PERSON_DIMS)
    aggregates = ('sum(ext) AS exits_external, sum(internal) AS exits_internal, '
                  'sum(ext_first) AS "exits_external#persons"')
    union = person_dim_union("period_id, scope_id", "rolled", dims, aggregates)
    columns = """pr.p1, x.stayer, x.exit_day, CASE WHEN x.counted THEN 1 ELSE 0 END AS ext,
                   CASE WHEN NOT x.external AND x.reason_class <> 'death' THEN 1 ELSE 0 END AS internal,
                   CASE WHEN x.counted AND coalesce(x.prev_counted < pr.p0, TRUE) THEN 1 ELSE 0 END AS ext_first"""
    sql = f"""
        WITH ex AS ({_exits_in_periods(comp, "exits", columns)}),
        {stayers_up(comp, "rolled", "ex", "exit_day", ["ext", "internal", "ext_first"])}
        {union}"""
    return Family(sql, measures)


def exit_seniority(comp: Computation) -> Family:
    """The median seniority of external leavers, from the exits counted (see `exits`).

    A median needs every value of a scope at once: with batches, each batch's leavers'
    rows (`Family.rows`) are kept and the median taken over them (`Family.over`).
    """
    measures = ["exit_seniority_median"]
    dims = _person_dims(comp, SHARED_PERSON_DIMS)
    union = person_dim_union("period_id, scope_id", "ex", dims, "median(seniority) AS exit_seniority_median")
    since = " LEFT JOIN since ON since.person_key = x.person_key AND since.exit_day = x.exit_day"
    # A stayer's exit (at the unit) is an exit from every scope that holds the unit that day.
    ctes = """
        counted AS (
            SELECT scope_id, sid, person_key, exit_day FROM exits WHERE counted AND NOT stayer
            UNION ALL
            SELECT p.ancestor_id, x.sid, x.person_key, x.exit_day FROM exits x
            JOIN paths p ON p.unit_id = x.scope_id AND p.valid_from <= x.exit_day AND x.exit_day <= p.valid_to
            WHERE x.counted AND x.stayer),
        since AS (
            SELECT x.person_key, x.exit_day, min(t.s) AS since
            FROM (SELECT DISTINCT person_key, exit_day FROM counted) x
            JOIN tenure t ON t.person_key = x.person_key AND t.s <= x.exit_day AND x.exit_day <= t.e
            GROUP BY x.person_key, x.exit_day)"""
    rows = _exits_in_periods(comp, "counted", years_between('since.since', 'x.exit_day') + " AS seniority", since)

    def over(source: str) -> str:
        return f"WITH ex AS (SELECT * FROM {source}) {union}"

    return Family(f"WITH {ctes}, ex AS ({rows}) {union}", measures, rows=f"WITH {ctes} {rows}", over=over)


def entries(comp: Computation) -> tuple[str, list[str]]:
    x = comp.x
    measures = ["entries", "entries_matured", "entries_matured_left", "entries#persons", "entries_matured#persons"]
    dims = _person_dims(comp, SHARED_PERSON_DIMS)
    union = person_dim_union("period_id, scope_id", "rolled", dims,
        'sum(one) AS entries, sum(matured) AS entries_matured, sum(matured_left) AS entries_matured_left, '
        'sum(first_in_p) AS "entries#persons", sum(matured_first) AS "entries_matured#persons"')
    person = _person_values(comp, 'pe.birth_date', 'pr.p1')
    flags = f"""
            SELECT pr.period_id, pr.p1, n.scope_id, n.sid, n.stayer, n.entry_day{person},
                   {one_year_after('n.entry_day')} <= {x} AS matured,
                   coalesce(n.prev_entry < pr.p0, TRUE) AS first_in_p,
                   NOT n.open_end AND n.stay_end < {one_year_after('n.entry_day')}
                   AND coalesce(n.reason_key // 10 <> {days_between("DATE '1900-01-01'", 'n.stay_end')}
                                OR n.reason_key % 10 <> 3, TRUE) AS left_
            FROM entries n JOIN period_days pr ON pr.d = n.entry_day
            {_persons_join(comp, 'n.person_key')}"""
    counts = ["one", "matured", "matured_left", "first_in_p", "matured_first"]
    sql = f"""
        WITH en AS (
            SELECT period_id, p1, scope_id, sid, stayer, entry_day{_carry(comp)}, 1 AS one,
                   CASE WHEN matured THEN 1 ELSE 0 END AS matured,
                   CASE WHEN matured AND left_ THEN 1 ELSE 0 END AS matured_left,
                   CASE WHEN first_in_p THEN 1 ELSE 0 END AS first_in_p,
                   CASE WHEN matured AND first_in_p THEN 1 ELSE 0 END AS matured_first
            FROM ({flags}) f),
        {stayers_up(comp, "rolled", "en", "entry_day", counts)}
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
    dims = ("programme", "route", "adult", *_person_dims(comp, SHARED_PERSON_DIMS))
    # A person with one education record is active at p1 at most once, so counting rows counts
    # them; only persons with several records (`several`, few) are counted DISTINCT, apart
    # (`several_counted`). Everything else is a sum, so the records are summed per scope and
    # every dimension's value at once (`fine`), and the segments are sums of those groups.
    aggregates = """sum(CASE WHEN event = 'active' AND NOT several THEN 1 ELSE 0 END) AS apprentices_p1,
        sum(CASE WHEN event = 'started' THEN 1 ELSE 0 END) AS education_started,
        sum(CASE WHEN event = 'started' AND alternative THEN 1 ELSE 0 END) AS education_started_alternative,
        sum(CASE WHEN event = 'ended' THEN 1 ELSE 0 END) AS education_ended,
        sum(CASE WHEN event = 'ended' AND outcome = 'dropped_out' THEN 1 ELSE 0 END) AS education_dropped,
        sum(CASE WHEN completed_matured THEN 1 ELSE 0 END) AS education_completed_matured,
        sum(CASE WHEN completed_matured AND hired THEN 1 ELSE 0 END) AS education_completed_hired"""
    sums = ", ".join(f"sum({m}) AS {m}" for m in measures)
    attributes = f"programme, route, adult{_carry(comp)}"
    counted = person_dim_union("period_id, scope_id", "fine", dims, sums)
    several_counted = person_dim_union("period_id, scope_id", "several_active", dims,
                                       "count(DISTINCT person_key) AS apprentices_p1")
    # Whether a record is a completion a year or more before the extract (`matured_completion`)
    # is decided once per record: its ending event counts it, and who was hired after it is
    # found from the records rather than from the placed events, which, read by one reader
    # only, are grouped as they are made instead of written out first (at 500,000 employees
    # 0.85 -> 0.64 s a batch).
    sql = f"""
        WITH several AS (SELECT person_key FROM p_education GROUP BY person_key HAVING count(*) > 1),
        records AS (
            SELECT r.*, CASE WHEN r.is_adult THEN 'adult' ELSE 'not_adult' END AS adult,
                   r.route IN {ALTERNATIVE_ROUTES} AS alternative, s.person_key IS NOT NULL AS several,
                   r.outcome = 'completed' AND {one_year_after('r.actual_end')} <= {x} AS matured_completion
            FROM p_education r LEFT JOIN several s USING (person_key)),
        events AS (
            SELECT r.*, pr.period_id, pr.p1, 'active' AS event, pr.p1 AS placed_on FROM records r
            JOIN periods pr ON r.start_date <= pr.p1 AND (r.actual_end IS NULL OR r.actual_end >= pr.p1)
            UNION ALL
            SELECT r.*, pr.period_id, pr.p1, 'started', r.start_date FROM records r
            JOIN period_days pr ON pr.d = r.start_date
            UNION ALL
            SELECT r.*, pr.period_id, pr.p1, 'ended', r.actual_end FROM records r
            JOIN period_days pr ON pr.d = r.actual_end),
        placed AS (
            SELECT ev.*, p.ancestor_id AS scope_id{_person_values(comp, 'pe.birth_date', 'ev.p1')},
                   ev.event = 'ended' AND ev.matured_completion AS completed_matured
            FROM events ev {_persons_join(comp, 'ev.person_key')}
            JOIN paths p ON p.unit_id = ev.unit_id AND p.valid_from <= ev.placed_on AND ev.placed_on <= p.valid_to),
        hired AS (
            SELECT DISTINCT pl.person_key, pl.start_date, pl.programme FROM records pl
            JOIN paths m ON m.unit_id = pl.unit_id AND m.ancestor_level = 'municipality'
                 AND m.valid_from <= pl.actual_end AND pl.actual_end <= m.valid_to
            JOIN spells g ON g.person_key = pl.person_key
            JOIN paths q ON q.unit_id = g.unit_id AND q.ancestor_id = m.ancestor_id
                 AND q.valid_from <= g.e AND g.s <= q.valid_to
                 AND greatest(g.s, q.valid_from) <= {one_year_after('pl.actual_end')}
                 AND least(g.e, q.valid_to) > pl.actual_end
            WHERE pl.matured_completion),
        ed AS (
            SELECT pl.*, 0 AS sid, h.person_key IS NOT NULL AS hired FROM placed pl
            LEFT JOIN hired h ON h.person_key = pl.person_key AND h.start_date = pl.start_date
                 AND h.programme = pl.programme),
        fine AS (
            SELECT period_id, scope_id, 0 AS sid, {attributes}, {aggregates}
            FROM ed GROUP BY period_id, scope_id, {attributes}),
        counted AS ({counted}),
        several_active AS (SELECT * FROM ed WHERE event = 'active' AND several),
        several_counted AS ({several_counted})
        SELECT c.period_id, c.scope_id, c.segment_no,
               c.apprentices_p1 + coalesce(s.apprentices_p1, 0) AS apprentices_p1,
               {", ".join(f"c.{m}" for m in measures[1:])}
        FROM counted c LEFT JOIN several_counted s USING (period_id, scope_id, segment_no)"""
    return sql, measures


def ads(comp: Computation) -> Family:
    """Job ads, placed by their unit on the publication day (deadline figures: on the deadline).

    Each ad's job group is its segment number from the start (`segments`), so that the events
    placed in every scope (16 million rows at 500,000 employees) are grouped by integers only,
    and the placed events are computed again for the job groups' grouping rather than written
    out for the two groupings (4.4 s on one core before, about 3.1 s after).
    """
    measures = ["ads_published", "ads_reposts", "ads_deadline", "ads_unfilled", "ads_with_applicants",
                "applicants_median"]
    aggregates = """sum(CASE WHEN on_published THEN 1 ELSE 0 END) AS ads_published,
        sum(CASE WHEN on_published AND reposts_ad_id IS NOT NULL THEN 1 ELSE 0 END) AS ads_reposts,
        sum(CASE WHEN NOT on_published THEN 1 ELSE 0 END) AS ads_deadline,
        sum(CASE WHEN NOT on_published AND filled_by_employment_id IS NULL THEN 1 ELSE 0 END) AS ads_unfilled,
        sum(CASE WHEN on_published AND applicants IS NOT NULL THEN 1 ELSE 0 END) AS ads_with_applicants,
        median(CASE WHEN on_published THEN applicants END) AS applicants_median"""
    # Only what the aggregates read: every ad is placed in every scope above its unit.
    columns = "un.unit_no AS unit_id, sg.sid AS sid_job_group, j.reposts_ad_id, j.filled_by_employment_id, j.applicants"
    ads_of = ("job_ads j JOIN unit_names un ON un.unit_id = j.unit_id "
              "LEFT JOIN segments sg ON sg.dim = 'job_group' AND sg.val = j.job_group")
    sql = f"""
        WITH events AS (
            SELECT {columns}, pr.period_id, TRUE AS on_published, j.published AS placed_on
            FROM {ads_of} JOIN period_days pr ON pr.d = j.published
            UNION ALL
            SELECT {columns}, pr.period_id, FALSE AS on_published, j.deadline AS placed_on
            FROM {ads_of} JOIN period_days pr ON pr.d = j.deadline),
        placed AS NOT MATERIALIZED (
            SELECT ev.*, p.ancestor_id AS scope_id FROM events ev JOIN paths p
              ON p.unit_id = ev.unit_id AND p.valid_from <= least(ev.placed_on, {comp.x})
             AND least(ev.placed_on, {comp.x}) <= p.valid_to)
        SELECT period_id, scope_id, 0 AS segment_no, {aggregates} FROM placed GROUP BY period_id, scope_id
        UNION ALL
        SELECT period_id, scope_id, sid_job_group, {aggregates} FROM placed WHERE sid_job_group IS NOT NULL
        GROUP BY period_id, scope_id, sid_job_group"""
    return Family(sql, measures, persons=False)
