"""Build the shared intermediate tables every measure family reads.

Order matters and each step is one set-based statement:

1. `periods`, `p1_dates`, `period_days`, `year_masks`, `calendar` (working days with a running count)
   from Python.
2. `paths`: the organisation tree unrolled over time (see `ancestry`); `segments`; `reorganised`.
   Steps 1–2 are shared (`build_shared`); the rest is per person (`person_statements`, run by
   `compute`), for all persons or for one batch of them (`person_batches`).
3. `spells`: ordinary employment spells, clipped to the extract date, with fraction, and how
   close the person's other spells come (`other_e`, `other_s`; see `ALONE`), and whether none
   of them overlaps it at all (`alone`).
4. `spell_seg`: each spell once per segment it belongs to (the total, its job group, ...);
   `snap`: per day any period starts or ends (`snap_dates`), person and segment, the person's
   unit (`multi` when several), fraction, weekly hours and leadership: the one snapshot the
   stock, hours-change and cohort families share (one row for a person with one employment
   that day, see `segment_parts`); `snap_multi`: the rows of persons in several units that
   day, once per unit.
5. `scoped`: spells placed in every scope that contains their unit, on the days it does (the
   total's rows; each employment segment's rows are the same rows under their segment id,
   `segment_union`, read where needed rather than written as a table of their own).
6. `presence`: per scope, segment and person, the maximal runs of consecutive days present
   (`sid_copies`: the segments whose runs are the total's, see `_islands`).
7. `episodes`: the same runs with gaps of up to 90 days bridged; their ends are exits.
8. `exits`, `entries`, `tenure`: exits with reason and whether external; entries into the
   municipality; the start of each person's current presence in the municipality. Exits and
   entries carry the day of the person's previous one in the scope (`prev_counted`,
   `prev_entry`), so that persons are counted without a DISTINCT.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import NamedTuple

import duckdb
import polars as pl

from sigtepunkt.analytics.calendar import is_working_day, one_year_before
from sigtepunkt.analytics.engine.ancestry import unit_paths
from sigtepunkt.analytics.engine.backend import Backend, as_backend
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.sql_parts import (
    AGE_BANDS,
    SENIORITY_BANDS,
    column_names,
    days_between,
    month_day,
    pension_day,
)
from sigtepunkt.warehouse.ddl import PERSON_NO

logger = logging.getLogger(__name__)

ORDINARY = "('permanent', 'fixed_term')"
# The absence causes that are sickness absence (KEY-FIGURES: own sickness and work injury).
SICKNESS = "('own_sickness', 'work_injury')"
# A scope's "home" for entries: the municipality it lies in, or itself when it lies above the
# municipalities (a region's new hires are entries into the region).
ABOVE_MUNICIPALITY = "('region', 'national')"
HOME_LEVELS = "('municipality', 'region', 'national')"
GAP = 90  # days without presence that do not break a stay (re-hire within three months)
# A spell more than {days} days from every other spell of the person (`other_e`: the latest end
# before it, `other_s`: the earliest start after it). Most spells are alone, and a spell alone
# needs no grouping with others: it is its own snapshot row, its own run of presence.
ALONE = "(coalesce({a}other_e < {a}s - {days}, TRUE) AND coalesce({a}other_s > {a}e + {days}, TRUE))"
# Units whose place in the tree changes inside a period (a path starts or ends in it): the days,
# absence and hours-change families follow their persons through the scoped spells instead of
# rolling unit rows up the tree. It depends on the tree alone, so it is built once (`build_shared`).
REORGANISED = """
    SELECT DISTINCT pr.period_id, p.unit_id FROM paths p JOIN periods pr
      ON (p.valid_from > pr.p0 AND p.valid_from <= pr.p1) OR (p.valid_to >= pr.p0 AND p.valid_to < pr.p1)"""
# Units with an ancestor above their municipality that is no home of entries (not a region or
# the country): a stay there would be entered from the municipality without being one of the
# scope's own (see `_placed_entries`), so a person in such a unit is not a stayer.
ABOVE_MUNICIPALITY_ODD = f"""
    SELECT DISTINCT p.unit_id FROM paths p
    JOIN (SELECT unit_id, min(distance) AS distance FROM paths WHERE ancestor_level = 'municipality'
          GROUP BY unit_id) m ON m.unit_id = p.unit_id
    WHERE p.distance > m.distance AND p.ancestor_level NOT IN {ABOVE_MUNICIPALITY}"""
# Persons whose every spell lies in one unit, in a place in the tree that does not change while
# they are there (every path of the unit that meets their first to last day holds all of it),
# under a municipality: in each scope above the unit they have the same runs of presence, the
# same stays, exits and entries as in the unit itself. Their rows of `presence`, `episodes`,
# `exits`, `tenure` and `entries` are kept at the unit alone (`anchor`, `at_unit`), and the
# families that count them sum them at the unit and roll the sums up the tree
# (`families.common.stayers_up`): at 45,000 employees 83 % of the persons, whose rows were
# copied to every level above their unit.
# The same holds one level up for most of the others, who move between units of one
# municipality: every spell lies, all of its days, under that municipality (one path of its
# unit to it holds the whole spell), whose own place in the tree holds still meanwhile. Above
# the municipality (the region, the country) their rows are the municipality's: they are kept
# up to the municipality (`anchor`, not `at_unit`), and its rows roll up as a unit stayer's
# do. In a country of 98 municipalities that is a fifth of the rows of stays.
STAYERS = """
    WITH per_person AS (
        SELECT sp.person_key, min(sp.unit_id) AS unit_id, max(sp.unit_id) AS last_unit, min(sp.s) AS s,
               max(sp.e) AS e, min(m.muni) AS muni, max(m.muni) AS last_muni, count(m.muni) = count(*) AS covered
        FROM spells sp LEFT JOIN municipality_paths m
          ON m.unit_id = sp.unit_id AND m.valid_from <= sp.s AND sp.e <= m.valid_to
        GROUP BY sp.person_key),
    candidates AS (
        SELECT person_key, unit_id AS anchor, TRUE AS at_unit, s, e FROM per_person
        WHERE covered AND unit_id = last_unit
        UNION ALL
        SELECT person_key, muni, FALSE, s, e FROM per_person WHERE covered AND muni = last_muni),
    holding AS (
        SELECT c.* FROM candidates c ANTI JOIN path_changes ch ON ch.unit_id = c.anchor AND c.s < ch.d AND ch.d <= c.e)
    SELECT person_key, arg_max(anchor, at_unit) AS anchor, bool_or(at_unit) AS at_unit
    FROM holding GROUP BY person_key"""
# The days a unit's place in the tree changes (a path of it starts, or the day after one ends):
# its place holds from s to e when none lies in (s, e]. Asked of a municipality's thousands of
# persons, a join with the paths themselves compared each of them with every path of it.
PATH_CHANGES = """
    SELECT unit_id, valid_from AS d FROM paths UNION SELECT unit_id, valid_to + 1 FROM paths"""
# Per unit, the municipality it lies in and when (no unit with a level above its municipality
# that is neither a region nor the country: see `ABOVE_MUNICIPALITY_ODD`); from the tree alone.
MUNICIPALITY_PATHS = f"""
    SELECT p.unit_id, p.ancestor_id AS muni, p.valid_from, p.valid_to FROM paths p
    ANTI JOIN ({ABOVE_MUNICIPALITY_ODD}) a ON a.unit_id = p.unit_id
    WHERE p.ancestor_level = 'municipality'"""
# A row of a stay in a municipality: a stayer's (at its anchor: the unit, which lies in one, or
# the municipality), or anyone's in the municipality itself.
IN_MUNICIPALITY = "(stayer OR scope_level = 'municipality')"
# Which end reason an exit takes when several employments end the same day.
REASON_PRIORITY = "CASE sp.end_reason WHEN 'death' THEN 3 WHEN 'retirement' THEN 2 ELSE 1 END"


def build_shared(con: Backend | duckdb.DuckDBPyConnection, comp: Computation) -> None:
    """The tables no person is in: periods, calendar, the tree over time, the segment ids."""
    backend = as_backend(con)
    _periods(backend, comp)
    _calendar(backend, comp)
    org = backend.to_polars("SELECT unit_id, parent_id, level, valid_from, valid_to FROM org_units")
    paths, names = _numbered_units(unit_paths(org, comp.extract_date), org)
    backend.register("paths", paths.to_arrow())
    backend.register("unit_names", names.to_arrow())
    backend.create_table("segments", _segments())
    backend.create_table("snap_dates", "SELECT p1 AS d FROM periods UNION SELECT p0 FROM periods")
    backend.create_table("reorganised", REORGANISED)
    backend.create_table("municipality_paths", MUNICIPALITY_PATHS)
    backend.create_table("path_changes", PATH_CHANGES)


def tree_depth(con: Backend | duckdb.DuckDBPyConnection) -> int:
    """The largest distance from a unit to an ancestor in `paths` (0 for a tree of one level)."""
    return int(as_backend(con).to_polars("SELECT coalesce(max(distance), 0) AS depth FROM paths")["depth"][0])


def _numbered_units(paths: pl.DataFrame, org: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`paths` with every unit and ancestor as a number (`unit_names`: unit_no, unit_id).

    Every unit-level grouping and join (spells at their unit, unit rows up the tree), every
    scope-level one and every row of `cells` carries a unit; an integer hashes and compares
    faster than the imported unit id, and `compute.CELLS_LONG` names the scope again through
    `unit_names`. Spells, education records and job ads take their unit's number as they are
    read; every unit of `org_units` has one, whether or not it has a path.
    """
    names = (org.select(pl.col("unit_id").unique().sort())
             .with_row_index("unit_no", offset=1).with_columns(pl.col("unit_no").cast(pl.Int32)))
    number = dict(zip(names["unit_id"], names["unit_no"], strict=True))
    numbered = paths.with_columns(pl.col("unit_id").replace_strict(number, return_dtype=pl.Int32),
                                  pl.col("ancestor_id").replace_strict(number, return_dtype=pl.Int32))
    return numbered, names


def person_batches(con: Backend | duckdb.DuckDBPyConnection, batch_persons: int) -> int:
    """Split the persons into batches of at most `batch_persons`; return how many (`person_batches`).

    Persons are numbered municipality by municipality (the municipality of their first
    employment), and each batch takes the next `batch_persons` numbers, so that a batch's
    persons share units: the rows each batch writes per scope then mostly belong to its own
    municipalities instead of to every unit of the country (`municipality_paths`: a unit under
    an odd level above its municipality counts as in none). The first employment's unit is
    named by its number once per person, not once per employment.
    Which batch a person lands in never changes a result, only how much the batches overlap.
    With batches, the persons' warehouse rows are then keyed once for all of them (`keyed_once`).
    """
    backend = as_backend(con)
    if int(backend.to_polars("SELECT count(*) AS n FROM persons")["n"][0]) <= batch_persons:
        return 1
    backend.create_table("person_batches", f"""
        WITH home AS (
            SELECT {PERSON_NO} AS pkey, arg_min(unit_id, start_date) AS unit_id FROM employments GROUP BY {PERSON_NO}),
        muni AS (
            SELECT un.unit_id, min(m.muni) AS muni
            FROM municipality_paths m JOIN unit_names un ON un.unit_no = m.unit_id GROUP BY un.unit_id),
        placed AS (
            SELECT p.{PERSON_NO} AS pkey,
                   CAST(row_number() OVER (ORDER BY m.muni NULLS FIRST, p.{PERSON_NO}) AS INTEGER) AS pid
            FROM persons p LEFT JOIN home h ON h.pkey = p.{PERSON_NO} LEFT JOIN muni m ON m.unit_id = h.unit_id)
        SELECT pkey, pid, CAST((pid - 1) // {int(batch_persons)} AS INTEGER) AS batch FROM placed""")
    keyed_once(backend)
    backend.create_table("shared_scopes", SHARED_SCOPES)
    return int(backend.to_polars("SELECT coalesce(max(batch), 0) + 1 AS n FROM person_batches")["n"][0])


# The scopes more than one batch of persons may have rows in: those above a unit that persons of
# two batches were ever employed in or placed in education in. Every other scope's cells are
# whole in one batch (`compute`: its rows of a batch's wide table are final); only these are
# summed over the batches. A scope listed that turns out to have rows in one batch is summed
# over that one batch: the list may be larger than needed, never smaller.
SHARED_SCOPES = """
    SELECT p.ancestor_id AS scope_id
    FROM (SELECT DISTINCT batch, unit_no AS unit_id FROM all_p_employments
          UNION SELECT DISTINCT batch, unit_id FROM all_p_education) u
    JOIN paths p ON p.unit_id = u.unit_id
    GROUP BY p.ancestor_id HAVING min(u.batch) <> max(u.batch)"""


def release(con: Backend | duckdb.DuckDBPyConnection, comp: Computation) -> None:
    """Drop the person-level tables once every family has read them (`periods`, `segments` stay for assembly).

    At national scale they are gigabytes that DuckDB would otherwise spill to disk to make
    room for the wide tables and the cells.
    """
    backend = as_backend(con)
    for name in ["p1_dates", "p0_dates", "period_days", "year_masks", "calendar", "paths", "snap_dates", "reorganised",
                 "municipality_paths", "path_changes", "person_batches", "shared_scopes",
                 *(f"all_{name}" for name in PERSON_SOURCES)]:
        backend.drop(name)
    release_persons(backend, comp)


def release_persons(con: Backend | duckdb.DuckDBPyConnection, comp: Computation) -> None:
    """Drop one batch's person-level tables."""
    backend = as_backend(con)
    for name, _select in person_statements(comp):
        backend.drop(name)


def _periods(backend: Backend, comp: Computation) -> None:
    # A small integer, not `Period.id` (a 30-character string every person-level join would hash).
    frame = pl.DataFrame({
        "period_id": pl.Series(range(len(comp.periods)), dtype=pl.Int32),
        "kind": [p.kind.value for p in comp.periods],
        "p0": [p.p0 for p in comp.periods],
        "p1": [p.p1 for p in comp.periods],
        "days": [p.days for p in comp.periods],
        "months": [p.months for p in comp.periods],
    })
    backend.register("periods", frame.to_arrow())
    ends = _p1_dates(comp)
    backend.register("p1_dates", ends.to_arrow())
    backend.create_table("p0_dates", "SELECT DISTINCT p0 FROM periods")
    backend.register("period_days", _period_days(comp).to_arrow())
    backend.register("year_masks", _year_masks(comp, ends).to_arrow())


# The course a leader takes for the figure of leaders trained in psychological work environment.
LEADER_COURSE = "psykisk arbejdsmiljø for ledere"
# Bits of a BIGINT a set of period ends takes: 62, so that a sum of distinct bits stays positive.
WORD_BITS = 62


def _period_ends(comp: Computation) -> list[dt.date]:
    return sorted({p.p1 for p in comp.periods})


def end_words(comp: Computation) -> int:
    """How many words (`word` of `_p1_dates`: 0, 1, ...) the period ends' bits take; at least one."""
    return max(1, -(-len(_period_ends(comp)) // WORD_BITS))


def _p1_dates(comp: Computation) -> pl.DataFrame:
    """Every period end once, each with its own bit: (p1, word, bit), `bit` = 2^k in word `word`.

    A set of period ends (those whose year holds a talk, see `_year_masks`) is then one
    number per word, and whether it holds an end is `(mask // bit) % 2 = 1`.
    """
    ends = _period_ends(comp)
    return pl.DataFrame({"p1": ends, "word": [k // WORD_BITS for k in range(len(ends))],
                         "bit": [2 ** (k % WORD_BITS) for k in range(len(ends))]},
                        schema={"p1": pl.Date, "word": pl.Int32, "bit": pl.Int64})


def _day_rows(first: dt.date, last: dt.date, **columns: pl.Expr) -> pl.DataFrame:
    """Every day from `first` to `last` (column `d`), each with the constant `columns`."""
    return pl.DataFrame({"d": pl.date_range(first, last, "1d", eager=True)}).with_columns(**columns)


def _period_days(comp: Computation) -> pl.DataFrame:
    """Every day of every period, with the period: (d, period_id, p0, p1, months).

    An event on a day (an exit, an entry, an ad published) finds its periods by an equi-join
    on the day with this small table (a few thousand rows) instead of a range join of every
    event with every period, which DuckDB sorts both sides for.
    """
    frames = [_day_rows(p.p0, p.p1, period_id=pl.lit(i, pl.Int32), p0=pl.lit(p.p0), p1=pl.lit(p.p1),
                        months=pl.lit(p.months))
              for i, p in enumerate(comp.periods)]
    empty = pl.DataFrame(schema={"d": pl.Date, "period_id": pl.Int32, "p0": pl.Date, "p1": pl.Date, "months": pl.Int64})
    return pl.concat(frames) if frames else empty


def _year_masks(comp: Computation, ends: pl.DataFrame) -> pl.DataFrame:
    """Per day, the period ends whose twelve months hold it, as bits (see `_p1_dates`): (d, word, mask).

    A day d lies in the twelve months ending p1 when one_year_before(p1) < d <= p1 (as
    `sql_parts.one_year_before` computes it: 29 February a year later is 28 February), up to
    the extract date. A person's talks then say in one number per word at which ends the
    person had a talk in the year before (`bit_or` of their days' masks): the stock joins that
    by person, where a row per (end, person) with a talk was a table as large as the snapshot.
    """
    frames = [_day_rows(one_year_before(p1) + dt.timedelta(days=1), min(p1, comp.extract_date), p1=pl.lit(p1))
              for p1 in ends["p1"] if min(p1, comp.extract_date) > one_year_before(p1)]
    if not frames:
        return pl.DataFrame(schema={"d": pl.Date, "word": pl.Int32, "mask": pl.Int64})
    return (pl.concat(frames).join(ends, on="p1").group_by("d", "word")
            .agg(pl.col("bit").sum().alias("mask")).sort("d", "word"))


def _calendar(backend: Backend, comp: Computation) -> None:
    """Every day from the eve of the first period to the extract date, with working days counted.

    Only differences of the running count are read, always between days inside a period (or
    the day before its start), so the calendar need not reach back to the first employment.
    """
    first = min(min((p.p0 for p in comp.periods), default=comp.extract_date) - dt.timedelta(days=1),
                comp.extract_date)
    days = pl.date_range(first, comp.extract_date, "1d", eager=True).alias("d")
    workday = [is_working_day(d) for d in days.to_list()]
    frame = pl.DataFrame({"d": days, "is_wd": workday}).with_columns(
        pl.col("is_wd").cast(pl.Int64).cum_sum().alias("wd_cum")
    )
    backend.register("calendar", frame.to_arrow())


# The value an employment (alias `{a}`) has in each employment segment dimension.
SEGMENT_VALUES = {
    "job_group": "{a}job_group",
    "leader": "CASE WHEN {a}is_leader THEN 'leader' ELSE 'employee' END",
    "employment_type": "{a}employment_type",
}


def segment_union(comp: Computation, source: str) -> str:
    """`source` rows (spells, carrying `sid_<dim>`) once for the total and once per employment segment."""
    parts = [f"SELECT 0 AS sid, * FROM {source}"]
    parts.extend(f"SELECT sid_{dim} AS sid, * FROM {source}" for dim in comp.employment_dims)
    return " UNION ALL ".join(parts)


def _literals(values: tuple[str, ...] | list[str]) -> str:
    return " UNION ALL ".join(f"SELECT '{v}' AS v" for v in values)


# Every value a segment dimension can take (column `v`): employment dimensions (as spells
# take them, `SEGMENT_VALUES`), person dimensions, and the dimensions of the education records
# and job ads (the ads' job groups are job groups too).
SEGMENT_DOMAINS = {
    **{dim: f"SELECT {value.format(a='')} AS v FROM employments" for dim, value in SEGMENT_VALUES.items()},
    "job_group": "SELECT job_group AS v FROM employments UNION SELECT job_group FROM job_ads",
    "gender": "SELECT gender AS v FROM persons",
    "age_band": _literals([label for _limit, label in AGE_BANDS]),
    "seniority_band": _literals([label for _limit, label in SENIORITY_BANDS]),
    "programme": "SELECT programme AS v FROM education",
    "route": "SELECT route AS v FROM education",
    "adult": _literals(("adult", "not_adult")),
}


def _segments() -> str:
    """Segment ids: 0 for the total, then one per (dimension, value), numbered in that order.

    Every person-level join and grouping carries this one integer instead of two strings, and
    so does every table of results (`segment_no`, see `sql_parts.person_dim_union`); the
    segment is named only when the cells are read (`compute.CELLS_LONG`). Numbered in order of
    dimension, each dimension's segments are one range of numbers (`compute._figure_select`).
    """
    values = " UNION ".join(f"SELECT DISTINCT '{dim}' AS dim, CAST(v AS VARCHAR) AS val FROM ({domain}) d "
                            "WHERE v IS NOT NULL" for dim, domain in SEGMENT_DOMAINS.items())
    return (f"SELECT CAST(0 AS INTEGER) AS sid, 'total' AS dim, '' AS val UNION ALL "
            f"SELECT CAST(row_number() OVER (ORDER BY dim, val) AS INTEGER) AS sid, dim, val FROM ({values}) v")


def _spell_sids(comp: Computation) -> tuple[str, str]:
    """(columns, joins) that give each employment its segment id per requested dimension."""
    columns = "".join(f", sg_{dim}.sid AS sid_{dim}" for dim in comp.employment_dims)
    joins = "".join(f" LEFT JOIN segments sg_{dim} ON sg_{dim}.dim = '{dim}' "
                    f"AND sg_{dim}.val = {SEGMENT_VALUES[dim].format(a='e.')}" for dim in comp.employment_dims)
    return columns, joins


def _islands(source: str, gap: int, apart: str) -> str:
    """Runs of days per (scope, segment, person) where pieces meet or are at most `gap` days apart.

    Rows flagged `apart` (a spell far enough from the person's other spells, in one piece in
    the scope) are runs by themselves and skip the windows; `apart_90` says the same for the
    90-day bridging of `episodes`. A person whose spells all lie in one segment of a dimension
    (`sid_copies`) has the same runs in that segment as in the total: only the total's rows go
    through the windows, and its runs are copied to the segment.
    """
    columns = "scope_id, scope_level, sid, person_key, s, e, open_end, reason_key, stayer"
    return f"""
        WITH ordered AS (
            SELECT o.*, max(o.e) OVER (PARTITION BY o.scope_id, o.sid, o.person_key ORDER BY o.s, o.e
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_e
            FROM {source} o ANTI JOIN sid_copies c ON c.person_key = o.person_key AND c.sid = o.sid AND c.sid <> 0
            WHERE NOT o.{apart}),
        flagged AS (
            SELECT *, CASE WHEN prev_e IS NULL OR s > prev_e + {gap + 1} THEN 1 ELSE 0 END AS starts
            FROM ordered),
        numbered AS (
            SELECT *, sum(starts) OVER (PARTITION BY scope_id, sid, person_key ORDER BY s, e
                                        ROWS UNBOUNDED PRECEDING) AS run
            FROM flagged),
        runs AS (
            SELECT scope_id, any_value(scope_level) AS scope_level, sid, person_key,
                   min(s) AS s, max(e) AS e, bool_or(open_end) AS open_end, max(reason_key) AS reason_key,
                   any_value(stayer) AS stayer
            FROM numbered GROUP BY scope_id, sid, person_key, run)
        SELECT {columns}, apart_90 FROM {source} a WHERE {apart}
        UNION ALL
        SELECT r.scope_id, r.scope_level, coalesce(c.sid, r.sid) AS sid, r.person_key, r.s, r.e, r.open_end,
               r.reason_key, r.stayer, FALSE AS apart_90
        FROM runs r LEFT JOIN sid_copies c ON r.sid = 0 AND c.person_key = r.person_key"""


def _uniform(comp: Computation) -> str:
    """`uniform`: per person with spells, the segment id of each employment dimension all the
    person's spells lie in (`sid_<dim>`), NULL where they lie in several or in none."""
    ids = "".join(f", CASE WHEN count(DISTINCT sid_{dim}) = 1 AND count(sid_{dim}) = count(*) "
                  f"THEN min(sid_{dim}) END AS sid_{dim}" for dim in comp.employment_dims)
    return f"SELECT person_key{ids} FROM spells GROUP BY person_key"


def _sid_copies(comp: Computation) -> str:
    """(person, sid): every person's total (sid 0), and each segment all of the person's spells lie in."""
    uniform = [f"SELECT person_key, sid_{dim} AS sid FROM uniform WHERE sid_{dim} IS NOT NULL"
               for dim in comp.employment_dims]
    return " UNION ALL ".join(["SELECT person_key, 0 AS sid FROM uniform", *uniform])


def _snapshot(comp: Computation) -> str:
    """`snap`: per snapshot day, person and segment, the person's unit(s), fraction, hours, leadership.

    A spell that overlaps none of the person's other spells is the person's only one that day
    (`alone`): it is one row, sid 0, carrying its segment ids (`sid_<dim>`), which stands for
    its rows in every segment (see `snapshot_rows`); most persons are alone on most days, so
    the snapshot holds one row for them instead of one per segment. Its spell's first and last
    day (`spell_s`, `spell_e`) say on which other snapshot days the person is that same row.
    Overlapping spells are grouped per segment as usual, one row per segment.
    """
    active = "(SELECT dt.d, sp.* FROM spells sp JOIN snap_dates dt ON sp.s <= dt.d AND dt.d <= sp.e) a"
    carried = "".join(f", sid_{dim}" for dim in comp.employment_dims)
    nulls = "".join(f", CAST(NULL AS INTEGER) AS sid_{dim}" for dim in comp.employment_dims)
    overlapping = segment_union(comp, f"{active} WHERE NOT alone")
    return f"""
        SELECT d, person_key, 0 AS sid, unit_id, FALSE AS multi, fraction AS frac, weekly_hours AS wh,
               is_leader, TRUE AS alone{carried}, s AS spell_s, e AS spell_e
        FROM {active} WHERE alone
        UNION ALL
        SELECT d, person_key, sid, min(unit_id) AS unit_id, min(unit_id) <> max(unit_id) AS multi,
               sum(fraction) AS frac, sum(weekly_hours) AS wh, bool_or(is_leader) AS is_leader,
               FALSE AS alone{nulls}, CAST(NULL AS DATE) AS spell_s, CAST(NULL AS DATE) AS spell_e
        FROM ({overlapping}) o GROUP BY d, person_key, sid"""


def segment_parts(comp: Computation, source: str, before: str, after: str = "", *, where: str | None = None,
                  total: str = "0", group_by: str | None = None, unique: bool = False) -> str:
    """Rows of `source` once for the total (`sid` = `total`) and once per employment segment.

    A row carrying its segment ids (`sid_<dim>`: an alone snapshot row, or a sum of such rows)
    stands for the person in the total and in each segment it is in; in a segment's part its
    `sid` is that id, and rows whose id is NULL are left out. `before` and `after` are the
    columns around `sid`; with `group_by` (without sid) each part is grouped by it and its sid.
    `unique` says that `source` is already one row per `group_by` and every segment id: with
    one employment dimension its part is then those rows as they are (`after`'s columns by
    name), not grouped again by the same keys.
    """
    parts = []
    for dim in (None, *comp.employment_dims):
        sid = total if dim is None else f"sid_{dim}"
        conditions = [c for c in (where, None if dim is None else f"{sid} IS NOT NULL") if c]
        filtered = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        if dim is not None and unique and len(comp.employment_dims) == 1:
            as_they_are = "".join(f", {name}" for name in column_names(after))
            parts.append(f"SELECT {before}, {sid} AS sid{as_they_are} FROM {source}{filtered}")
            continue
        grouped = "" if group_by is None else f" GROUP BY {group_by}" + ("" if dim is None else f", {sid}")
        parts.append(f"SELECT {before}, {sid} AS sid{after} FROM {source}{filtered}{grouped}")
    return " UNION ALL ".join(parts)


def snapshot_rows(comp: Computation, source: str, columns: str = "") -> str:
    """`source` (rows of `snap` with `columns` besides its own) with one row per segment.

    An alone row is repeated with `sid` set to each of its segment ids, as the segments' rows
    would read; grouped rows are one per segment already.
    """
    extra = f"{columns}, " if columns else ""
    return segment_parts(comp, source, f"{extra}d, person_key", ", unit_id, multi, frac, wh, is_leader, alone",
                         total="sid")


class PersonSource(NamedTuple):
    """A warehouse table as the person-level work reads it, keyed by the person's number.

    The `person_key` of every person-level table is an integer: the person's number
    (`warehouse.ddl.PERSON_NO`, which every row carries), or in batches the person's place
    in the batches' order (`person_batches.pid`), so that a batch's persons are one range of
    numbers, as the warehouse's numbers are for all persons: DuckDB joins and groups such
    keys faster than scattered ones (a batch keyed by the warehouse's numbers, scattered over
    all persons, took 12 % more CPU in every person-level table and family). The
    32-character pseudonym is what every join and grouping would otherwise hash. `columns`
    are read from the table (alias `t`) with `joins`; `own_table`: made a table of that name
    for the families, or (the employments) read inline by its one reader, `spells`.
    """

    name: str
    table: str
    columns: str
    joins: str = ""
    own_table: bool = True

    def rows(self, batch: int, batches: int) -> str:
        """The SELECT of the rows of every person, or of one batch of them from `all_<name>` (`keyed_once`)."""
        if batches > 1:
            names = ", ".join(column.split(".")[-1] for column in column_names(self.columns))
            return f"SELECT person_key, {names} FROM all_{self.name} WHERE batch = {int(batch)}"
        return f"SELECT t.{PERSON_NO} AS person_key, {self.columns} FROM {self.table} t{self.joins}"


PERSON_SOURCES = {source.name: source for source in (
    # The day folkepension is reached depends on the birth date alone: once per person, and so
    # do the birth date's parts the stock's ages are taken from (`age_from_parts`).
    PersonSource("p_persons", "persons", f"t.birth_date, t.gender, {pension_day('t.birth_date')} AS pension, "
                                         f"year(t.birth_date) AS birth_year, {month_day('t.birth_date')} AS birth_md"),
    # The stock reads of the talks only at which period ends a person had one in the year
    # before (`_year_masks`: one number per word of ends), and of the courses only the first
    # leadership course: found once per person for every batch, rather than a copy of every
    # talk and course (4.7 and 1.6 million rows at 500,000 employees) read again by each batch.
    PersonSource("p_talks", f"(SELECT d.{PERSON_NO}, y.word, bit_or(y.mask) AS mask FROM development_talks d "
                            f"JOIN year_masks y ON y.d = d.talk_date GROUP BY d.{PERSON_NO}, y.word)",
                 "t.word, t.mask"),
    PersonSource("p_leader_course", f"(SELECT c.{PERSON_NO}, min(c.completed_on) AS first_on FROM course_completions c "
                                    f"WHERE lower(trim(c.category)) = '{LEADER_COURSE}' GROUP BY c.{PERSON_NO})",
                 "t.first_on"),
    # Sickness only: the absence family reads no other cause (a quarter of the rows).
    PersonSource("p_sickness", "absences", "t.employment_id, t.from_date, t.to_date, t.hours",
                 f" WHERE t.cause IN {SICKNESS}"),
    PersonSource("p_education", "education", "t.programme, t.route, t.is_adult, un.unit_no AS unit_id, t.start_date, "
                                              "t.planned_end, t.actual_end, t.outcome",
                 " JOIN unit_names un ON un.unit_id = t.unit_id"),
    PersonSource("p_employments", "employments", "un.unit_no, t.employment_id, t.is_leader, t.weekly_hours, "
                                                 "t.full_time_hours, t.start_date, t.end_date, t.end_reason, "
                                                 "t.employment_type, t.job_group",
                 " JOIN unit_names un ON un.unit_id = t.unit_id", own_table=False),
)}


def keyed_once(con: Backend | duckdb.DuckDBPyConnection) -> None:
    """Every person's rows of the `PERSON_SOURCES` keyed once, with their batch (`all_<name>`).

    Each batch then takes its rows by the batch number, instead of joining the warehouse's
    tables again: at 500,000 employees six batches hashed every absence, talk, course and
    employment six times by its 32-character pseudonym (the tables that read them: 16 of 198
    CPU seconds; 10 s after, these copies included; joined on the person's number since).
    """
    backend = as_backend(con)
    for source in PERSON_SOURCES.values():
        backend.create_table(f"all_{source.name}",
                             f"SELECT b.batch, b.pid AS person_key, {source.columns} FROM {source.table} t "
                             f"JOIN person_batches b ON b.pkey = t.{PERSON_NO}{source.joins}")


def _person_tables(batch: int, batches: int) -> list[tuple[str, str]]:
    """The person-level tables the families read (`PERSON_SOURCES`), of every person or of one batch."""
    return [(source.name, source.rows(batch, batches)) for source in PERSON_SOURCES.values() if source.own_table]


def scoped_rows(comp: Computation, spells: str = "spells", *, employment: bool = True) -> str:
    """The rows of `spells` in every scope that holds their unit, each clipped to the days it does.

    With the reason a spell ends (`reason_key`: its last day and `REASON_PRIORITY`) where the
    scope holds it to its end, and whether it is a run of presence (`apart_0`) or a stay
    (`apart_90`) by itself in the scope (see `_islands`). `employment`: with the spell's
    employment, unit, weekly hours and fraction, which the runs of presence do not read (the
    `scoped` table, millions of rows at national scale, is written without them).
    """
    carried = "".join(f", sp.sid_{dim}" for dim in comp.employment_dims)
    spell = ", sp.employment_id, sp.unit_id, sp.weekly_hours, sp.fraction" if employment else ""
    return f"""
            SELECT sp.person_key{spell}{carried},
                   p.ancestor_id AS scope_id, p.ancestor_level AS scope_level,
                   greatest(sp.s, p.valid_from) AS s, least(sp.e, p.valid_to) AS e,
                   sp.open_end AND p.valid_to >= sp.e AS open_end,
                   CASE WHEN p.valid_to >= sp.e AND NOT sp.open_end AND sp.end_reason IS NOT NULL
                        THEN {days_between("DATE '1900-01-01'", 'sp.e')} * 10 + {REASON_PRIORITY} END AS reason_key,
                   p.single_path AND {ALONE.format(a='sp.', days=1)} AS apart_0,
                   p.single_path AND {ALONE.format(a='sp.', days=GAP + 1)} AS apart_90
            FROM {spells} sp JOIN paths p
              ON p.unit_id = sp.unit_id AND p.valid_from <= sp.e AND sp.s <= p.valid_to"""


def _with_previous(name: str, day: str, order: str, once: str, again: str, columns: str = "*") -> str:
    """`columns` of the rows of `once` and `again`, with `name`: the latest `day` among the earlier
    rows of the same scope, segment and person.

    A person's event in a period is their first there when the previous one lies before p0,
    so counting those flags counts persons, where `count(DISTINCT person_key)` per period,
    scope and segment would hash every event again (the largest aggregation at national scale).
    Rows of persons with one such day only (`once`) have no previous one and skip the window;
    only `again` goes through it.
    """
    window = (f"max({day}) OVER (PARTITION BY scope_id, sid, person_key ORDER BY {order} "
              "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)")
    return (f"SELECT {columns}, CAST(NULL AS DATE) AS {name} FROM {once} "
            f"UNION ALL SELECT {columns}, {window} AS {name} FROM {again}")


# The columns of `exits` besides `prev_counted`.
EXIT_COLUMNS = "scope_id, scope_level, sid, person_key, stayer, stay_start, exit_day, reason_class, external, counted"


def _placed_entries(where: str) -> str:
    """The entries of `first_units` rows matching `where`, once in every scope they enter.

    Split in two by `again` (see `_with_previous`): a person who entered the home scope on one
    day only has no earlier entry in any of its scopes. A person whose entry spell is `alone`
    (no other spell that day, most) enters each scope once; only the others, in several units
    that day, are made distinct. A stayer's entry is marked `stayer` in its home (the anchor,
    see `STAYERS`), where it stands for the scopes above.
    """
    columns = ", ".join(f"fu.{c}" for c in ("sid", "person_key", "entry_day", "stay_end", "open_end", "reason_key"))

    def placed(alone: str) -> str:
        return f"""
                    SELECT q.ancestor_id AS scope_id, {columns}, fu.stayer AND q.ancestor_id = fu.home_id AS stayer
                    FROM first_units fu JOIN paths q
                      ON q.unit_id = fu.unit_id AND q.valid_from <= fu.entry_day AND fu.entry_day <= q.valid_to
                    WHERE {where} AND {alone} AND fu.home_level = 'municipality'
                      AND q.ancestor_level NOT IN {ABOVE_MUNICIPALITY}
                    UNION ALL
                    SELECT fu.home_id, {columns}, fu.stayer
                    FROM first_units fu WHERE {where} AND {alone} AND fu.home_level <> 'municipality'"""

    return f"{placed('fu.alone')} UNION ALL SELECT DISTINCT * FROM ({placed('NOT fu.alone')}) e"


# The longest chain of person-level tables, which the stock (the largest family) waits for at
# its end: first in `person_statements`, since side by side (`compute._run_jobs`) jobs are taken
# in that order, and the persons' other tables and the first families fill in beside it
# (at 45,000 employees the chain started 0.17 s later behind the persons' talks, courses and absences).
CHAIN = ("spells", "stayers", "scoped", "uniform", "sid_copies", "presence", "episodes", "exits",
         "tenure")


def person_statements(comp: Computation, batch: int = 0, batches: int = 1) -> list[tuple[str, str]]:
    """(table, SELECT) of the person-level tables, in the order they can be created, for every
    person or for one batch of them (see `person_batches`).

    A person's spells, absences, talks and education all land in the same batch, so whatever a
    family counts per person is counted whole in one batch, and batches add up (see
    `compute.cells_table`).
    """
    x = comp.x
    sid_columns, sid_joins = _spell_sids(comp)
    sids = "".join(f", sid_{dim}" for dim in comp.employment_dims)
    statements = [
        *_person_tables(batch, batches),
        # Spells in the order of their units (a sort of a few hundred thousand rows a batch), so
        # that what is made from them row by row (the snapshot, the spells in each period) comes
        # unit by unit, and the families' groupings by unit and period find their groups in the
        # processor's cache instead of all over a hash table of half a million groups.
        ("spells", f"""
            WITH raw AS (
                SELECT e.person_key, e.employment_id, e.unit_no AS unit_id, e.is_leader,
                       CAST(e.weekly_hours AS DOUBLE) AS weekly_hours,
                       CAST(e.weekly_hours AS DOUBLE) / CAST(coalesce(e.full_time_hours, 37) AS DOUBLE) AS fraction,
                       e.start_date AS s, least(coalesce(e.end_date, {x}), {x}) AS e,
                       (e.end_date IS NULL OR e.end_date > {x}) AS open_end,
                       CASE WHEN e.end_date <= {x} THEN coalesce(e.end_reason, 'other') END AS end_reason{sid_columns}
                FROM ({PERSON_SOURCES["p_employments"].rows(batch, batches)}) e{sid_joins}
                WHERE e.employment_type IN {ORDINARY} AND e.start_date <= {x}),
            neighbours AS (
                SELECT *,
                       max(e) OVER (PARTITION BY person_key ORDER BY s, e, employment_id
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS other_e,
                       min(s) OVER (PARTITION BY person_key ORDER BY s, e, employment_id
                                    ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS other_s
                FROM raw)
            SELECT *, {ALONE.format(a='', days=0)} AS alone FROM neighbours ORDER BY unit_id"""),
        # Only what its readers take (the snapshot's persons in several units, entries, hours change).
        ("spell_seg", segment_union(comp, f"(SELECT person_key, unit_id, s, e, fraction, weekly_hours, is_leader, "
                                          f"alone{sids} FROM spells) sp")),
        ("snap", _snapshot(comp)),
        # The snapshot's rows of persons in several units at once, one per unit, from their
        # spells: few, found once here by person. Inside the stock's statement DuckDB joined
        # every spell to every period end first (1.4 million rows at 45,000) and only then
        # looked for those few persons.
        ("snap_multi", """
            SELECT s.d, s.person_key, s.sid, g.unit_id AS g_unit, g.fraction AS g_frac, g.weekly_hours AS g_wh,
                   g.is_leader AS g_leader
            FROM snap s JOIN spell_seg g ON g.person_key = s.person_key AND g.sid = s.sid AND g.s <= s.d AND s.d <= g.e
            WHERE s.multi"""),
        ("stayers", STAYERS),
        # A stayer's spells up to their anchor alone, where they are marked `stayer` (see `STAYERS`).
        ("scoped", f"""
            SELECT sc.*, coalesce(sc.scope_id = st.anchor, FALSE) AS stayer
            FROM ({scoped_rows(comp, employment=False)}) sc LEFT JOIN stayers st ON st.person_key = sc.person_key
            WHERE st.person_key IS NULL OR sc.scope_id = st.anchor
               OR NOT st.at_unit AND sc.scope_level NOT IN {ABOVE_MUNICIPALITY}"""),
        ("uniform", _uniform(comp)),
        ("sid_copies", _sid_copies(comp)),
        ("presence", _islands(f"({segment_union(comp, 'scoped')})", 0, "apart_0")),
        ("episodes", _islands("presence", GAP, "apart_90")),
        ("exits", f"""
            WITH raw AS (
                SELECT scope_id, scope_level, sid, person_key, stayer, s AS stay_start, e AS exit_day,
                       CASE WHEN reason_key // 10 <> {days_between("DATE '1900-01-01'", 'e')} THEN 'other'
                            WHEN reason_key % 10 = 3 THEN 'death' WHEN reason_key % 10 = 2 THEN 'retirement'
                            ELSE 'other' END AS reason_class
                FROM episodes WHERE NOT open_end AND e <= {x}),
            muni AS (SELECT DISTINCT person_key, exit_day FROM raw WHERE sid = 0 AND {IN_MUNICIPALITY}),
            again AS (SELECT person_key FROM muni GROUP BY person_key HAVING min(exit_day) <> max(exit_day)),
            classed AS (
                SELECT raw.*, muni.person_key IS NOT NULL AS external,
                       muni.person_key IS NOT NULL AND raw.reason_class <> 'death' AS counted,
                       a.person_key IS NOT NULL AS again
                FROM raw LEFT JOIN muni USING (person_key, exit_day) LEFT JOIN again a USING (person_key))
            {_with_previous("prev_counted", "CASE WHEN counted THEN exit_day END", "exit_day",
                            "classed WHERE NOT again", "classed WHERE again", EXIT_COLUMNS)}"""),
        ("tenure", f"""
            SELECT person_key, s, e, open_end FROM episodes WHERE sid = 0 AND {IN_MUNICIPALITY}"""),
        # The spells a person's stay in a home scope starts with; staged, since inside one
        # statement DuckDB joined the starts to the tree by home scope first (every unit of
        # the country for an entry into Danmark).
        ("entry_spells", f"""
            SELECT st.*, g.sid, g.unit_id, g.alone FROM (
                SELECT scope_id AS home_id, scope_level AS home_level, person_key, s AS entry_day, e AS stay_end,
                       open_end, reason_key, stayer
                FROM episodes WHERE sid = 0 AND (stayer OR scope_level IN {HOME_LEVELS})) st
            JOIN spell_seg g ON g.person_key = st.person_key AND g.s <= st.entry_day AND st.entry_day <= g.e"""),
        ("entries", f"""
            WITH again AS (
                SELECT home_id, person_key FROM entry_spells GROUP BY home_id, person_key
                HAVING min(entry_day) <> max(entry_day)),
            units AS (
                SELECT es.*, a.person_key IS NOT NULL AS again FROM entry_spells es JOIN paths m
                  ON m.unit_id = es.unit_id AND m.ancestor_id = es.home_id
                 AND m.valid_from <= es.entry_day AND es.entry_day <= m.valid_to
                LEFT JOIN again a ON a.home_id = es.home_id AND a.person_key = es.person_key),
            first_units AS (
                SELECT * FROM units WHERE alone UNION ALL SELECT DISTINCT * FROM units WHERE NOT alone),
            once AS ({_placed_entries("NOT fu.again")}),
            repeated AS ({_placed_entries("fu.again")})
            {_with_previous("prev_entry", "entry_day", "entry_day", "once", "repeated")}"""),
    ]
    # The longest chain first; the sort is stable, so the rest keep their order after it.
    return sorted(statements, key=lambda statement: CHAIN.index(statement[0]) if statement[0] in CHAIN else len(CHAIN))

