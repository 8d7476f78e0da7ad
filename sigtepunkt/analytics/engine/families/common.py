"""Helpers the measure families share: person attributes as SQL, segment rows, the roll-up."""

from __future__ import annotations

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
    `compute.cells_table`), and its batches are summed. One that cannot lists in `whole` the
    person-level tables it reads (a median needs every value at once; job ads read no person
    at all): those are collected over the batches and the family runs once, after them.
    """

    sql: str
    measures: list[str]
    staged: tuple[tuple[str, str], ...] = ()
    whole: tuple[str, ...] | None = None

    @property
    def per_batch(self) -> bool:
        return self.whole is None


# The person dimensions every family splits its persons by (gender, and age band on the
# family's day); only the stock splits by seniority band as well.
SHARED_PERSON_DIMS = ("gender", "age_band")
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


def _persons_join(comp: Computation, key: str) -> str:
    """`JOIN p_persons pe` when gender or age band is a requested segment, else nothing.

    Without them `_gender` and `_band` are constants, and the join (millions of person rows
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


def up_the_tree(source: str, key: str, day: str, columns: str) -> str:
    """Unit-level rows of `source` once for every scope that contains their unit on `day`.

    Not grouped: the family's `person_dim_union` sums the rows per scope and segment once,
    together with the rows the family takes up the tree person by person (grouping here
    as well summed the same rows twice). `columns`: the person attributes and measures.
    """
    carried = ", ".join(f"u.{c.strip()}" for c in columns.split(","))
    return f"""
            SELECT u.{key}, p.ancestor_id AS scope_id, u.sid, {carried}
            FROM {source} u JOIN paths p
              ON p.unit_id = u.unit_id AND p.valid_from <= u.{day} AND u.{day} <= p.valid_to"""


def _spells_in_periods(comp: Computation, band: str) -> str:
    """Spells overlapping each period, with the person's gender and age band at p1, and whether
    the spell's unit is reorganised in the period."""
    return f"""
            SELECT pr.period_id, pr.p0, pr.p1, sp.*, {_gender(comp)} AS gender, {band} AS age_band,
                   r.unit_id IS NOT NULL AS reorg
            FROM spells sp JOIN periods pr ON sp.s <= pr.p1 AND pr.p0 <= sp.e
            {_persons_join(comp, 'sp.person_key')}
            LEFT JOIN reorganised r ON r.period_id = pr.period_id AND r.unit_id = sp.unit_id"""
