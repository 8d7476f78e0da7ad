"""Helpers the measure families share: person attributes as SQL, segment rows, the roll-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.prepare import segment_parts
from sigtepunkt.analytics.engine.sql_parts import (
    age_at,
    age_band,
    column_names,
    seniority_band,
    years_between,
)


@dataclass(frozen=True)
class Family:
    """A family's SQL: helper tables created in order (`staged`: name, SELECT), then the final SELECT.

    Staging a small intermediate (persons to follow one by one, say) gives the optimiser its
    true size; inside one statement DuckDB guessed wrong and joined the large side first.
    Staged tables are dropped once the family's table exists.

    A family whose measures add up over persons runs once per batch of persons (see
    `compute.cells_table`), and its batches are summed. A median does not add up: it names the
    rows it takes its values from (`rows`, each with its scope) and its SELECT over such rows
    read from a table (`over`); with batches each batch's rows go into a table, and the median
    is taken over them per scope. A family that reads no person at all (job ads: `persons`
    False) runs once, whatever the batches.
    """

    sql: str
    measures: list[str]
    staged: tuple[tuple[str, str], ...] = ()
    persons: bool = True
    rows: str | None = None
    over: Callable[[str], str] | None = None


# The person dimensions every family splits its persons by (gender, and age band on the
# family's day); only the stock splits by seniority band as well.
SHARED_PERSON_DIMS = ("gender", "age_band")
ALTERNATIVE_ROUTES = "('merit', 'training_position', 'unskilled_to_skilled')"


def _carry(comp: Computation, alias: str = "", dims: tuple[str, ...] = SHARED_PERSON_DIMS) -> str:
    """`, <alias>gender, <alias>age_band`: the requested person dimensions among `dims`, in that
    order, as columns to carry through a SELECT and to group by; '' when none is requested.

    A dimension not requested is not carried at all: as a constant column it was still a key
    of every grouping it passed (at 45,000 employees a third of the keys of the largest groupings).
    Always in the order of `dims`, so that the parts of a UNION ALL line up.
    """
    return "".join(f", {alias}{dim}" for dim in dims if dim in comp.person_dims)


def _person_values(comp: Computation, birth: str, day: str, since: str | None = None) -> str:
    """`, pe.gender AS gender, <band> AS age_band[, <band> AS seniority_band]`: the requested person
    dimensions' values on `day` (seniority band from `since`, when given), as `_carry` names them."""
    values = {"gender": "pe.gender", "age_band": age_band(age_at(birth, day))}
    dims = SHARED_PERSON_DIMS
    if since is not None:
        values["seniority_band"] = seniority_band(years_between(since, day))
        dims = (*dims, "seniority_band")
    return "".join(f", {values[dim]} AS {dim}" for dim in dims if dim in comp.person_dims)


def _persons_join(comp: Computation, key: str) -> str:
    """`JOIN p_persons pe` when gender or age band is a requested segment, else nothing.

    Without them `_person_values` reads nothing of the person, and the join (millions of person rows
    at scale, never dropping one: every person key comes from `persons`) would be wasted.
    """
    if set(SHARED_PERSON_DIMS) & set(comp.person_dims):
        return f"JOIN p_persons pe ON pe.person_key = {key}"
    return ""


def _person_dims(comp: Computation, available: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(d for d in comp.person_dims if d in available)


def _sid_columns(comp: Computation, alias: str) -> str:
    """`, a.sid_<dim>, ...`: the spell's segment ids (see `prepare`), to carry them through a SELECT."""
    return "".join(f", {alias}.sid_{dim}" for dim in comp.employment_dims)


def _leaf_dims(comp: Computation, source: str, keys: str, aggregates: str) -> str:
    """`source` grouped by `keys` once for the total (sid 0) and once per employment segment dimension.

    The rows are grouped once, by `keys` and every segment id at once (`<source>_fine`), and
    the total and each segment are summed from those groups: the rows are read and hashed
    once instead of once per part (for sick hours, millions of rows against a few hundred
    thousand groups). `aggregates` must therefore be sums or counts.
    """
    sids = "".join(f", sid_{dim}" for dim in comp.employment_dims)
    sums = ", ".join(f"sum({name}) AS {name}" for name in column_names(aggregates))
    fine = f"{source}_fine"
    parts = segment_parts(comp, fine, keys, f", {sums}", group_by=keys, unique=True)
    return f"""WITH {fine} AS (SELECT {keys}{sids}, {aggregates} FROM {source} GROUP BY {keys}{sids})
            {parts}"""


def up_the_tree(comp: Computation, name: str, source: str, key: str, day: str, measures: list[str],
                dims: tuple[str, ...] = SHARED_PERSON_DIMS) -> str:
    """CTEs ending in `name`: the unit-level rows of `source` in every scope that contains their
    unit on `day`, summed level by level up the tree.

    `name` has the rows at their own unit as they are (`<name>_0`), and, for each distance k
    up to the tree's depth (`Computation.tree_depth`), their sums at the ancestor k levels up
    (`<name>_k`: the sums of level k - 1, taken to the parent on that day and grouped). On one
    day a unit has one parent (the importer rejects overlapping validity), so this is what
    every (unit, ancestor) path row gives, but the rows that travel shrink at every level:
    each unit's rows were taken to every ancestor before, and the sums per scope hashed
    every one of them (at 45,000 employees 1.4 million stock rows, four per unit row).
    Without a depth (Spark, which inlines a CTE wherever it is read, so that a chain of levels
    would be computed again for every level after it) every row goes to every ancestor at once.

    Not summed at the unit itself: the family's `person_dim_union` sums the rows per scope and
    segment once, together with the rows it takes up the tree person by person. `measures`: the
    columns summed; the requested person dimensions among `dims` are carried and grouped by.
    """
    attrs, attributes = _carry(comp, dims=dims), _carry(comp, "u.", dims)
    values, sums = (", ".join(f"u.{m}" for m in measures), ", ".join(f"sum(u.{m}) AS {m}" for m in measures))
    on_day = f"p.valid_from <= u.{day} AND u.{day} <= p.valid_to"
    if comp.tree_depth is None:
        return f"""{name} AS (
            SELECT u.{key}, p.ancestor_id AS scope_id, u.sid{attributes}, {values}
            FROM {source} u JOIN paths p ON p.unit_id = u.unit_id AND {on_day})"""
    keys = ", ".join(f"u.{c}" for c in dict.fromkeys((key, day)))
    levels = [f"""{name}_0 AS (
            SELECT {keys}, u.unit_id AS scope_id, u.sid{attributes}, {values}
            FROM {source} u JOIN paths p ON p.unit_id = u.unit_id AND p.distance = 0 AND {on_day})"""]
    for k in range(1, comp.tree_depth + 1):
        below, unit = (source, "unit_id") if k == 1 else (f"{name}_{k - 1}", "scope_id")
        levels.append(f"""{name}_{k} AS (
            SELECT {keys}, p.ancestor_id AS scope_id, u.sid{attributes}, {sums}
            FROM {below} u JOIN paths p ON p.unit_id = u.{unit} AND p.distance = 1 AND {on_day}
            GROUP BY {keys}, p.ancestor_id, u.sid{attributes})""")
    union = " UNION ALL ".join(f"SELECT {key}, scope_id, sid{attrs}, {', '.join(measures)} FROM {name}_{k}"
                               for k in range(comp.tree_depth + 1))
    return ",\n        ".join([*levels, f"{name} AS ({union})"])


def stayers_up(comp: Computation, name: str, source: str, day: str, measures: list[str],
               dims: tuple[str, ...] = SHARED_PERSON_DIMS) -> str:
    """CTEs ending in `name`: the rows of `source` (events of a stay: exits, entries, leavers) in
    every scope that holds them, each with its `measures` (summed by the caller per scope).

    `source` has period_id, p1, scope_id, sid, the requested person dimensions among `dims`,
    `stayer`, the event's `day` and the measures. Rows of persons who are not stayers are in
    every scope already (see `prepare.STAYERS`); a stayer's row is at the unit alone and stands
    for the same row in every scope above it. Those are summed at the unit and the sums rolled up
    the tree (`up_the_tree`), except in a unit whose place in the tree changes in the period,
    where each row goes to the scopes that hold the unit on its day.
    """
    carry, attrs = _carry(comp, dims=dims), _carry(comp, "x.", dims)
    values = ", ".join(measures)
    sums = ", ".join(f"sum(x.{m}) AS {m}" for m in measures)
    units = f"{name}_units"
    return f"""{units} AS (
            SELECT x.period_id, x.p1, x.scope_id AS unit_id, x.sid{attrs}, {sums}
            FROM {source} x ANTI JOIN reorganised r ON r.period_id = x.period_id AND r.unit_id = x.scope_id
            WHERE x.stayer GROUP BY x.period_id, x.p1, x.scope_id, x.sid{attrs}),
        {up_the_tree(comp, f"{name}_up", units, "period_id", "p1", measures, dims)},
        {name} AS (
            SELECT period_id, scope_id, sid{carry}, {values} FROM {source} WHERE NOT stayer
            UNION ALL
            SELECT x.period_id, p.ancestor_id AS scope_id, x.sid{attrs}, {", ".join(f"x.{m}" for m in measures)}
            FROM {source} x JOIN reorganised r ON r.period_id = x.period_id AND r.unit_id = x.scope_id
            JOIN paths p ON p.unit_id = x.scope_id AND p.valid_from <= x.{day} AND x.{day} <= p.valid_to
            WHERE x.stayer
            UNION ALL
            SELECT period_id, scope_id, sid{carry}, {values} FROM {name}_up)"""


def _spells_in_periods(comp: Computation) -> str:
    """Spells overlapping each period, with the person's requested dimensions at p1 (`_carry`), and
    whether the spell's unit is reorganised in the period."""
    return f"""
            SELECT pr.period_id, pr.p0, pr.p1, sp.*{_person_values(comp, 'pe.birth_date', 'pr.p1')},
                   r.unit_id IS NOT NULL AS reorg
            FROM spells sp JOIN periods pr ON sp.s <= pr.p1 AND pr.p0 <= sp.e
            {_persons_join(comp, 'sp.person_key')}
            LEFT JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = sp.unit_id"""
