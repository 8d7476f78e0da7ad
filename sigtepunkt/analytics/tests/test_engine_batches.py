"""Persons computed in batches give the same catalogue as all persons at once.

At national scale the engine splits the persons into batches (`compute.BATCH_PERSONS`) and
sums the batches; medians and job ads run once over everything. Three small municipalities
under regions and Danmark, computed once whole and once in batches of a few hundred persons,
must agree cell by cell: value, numerator, denominator and n. So must the measure families
run side by side on their own cursors (`compute.WORKERS`) and one after the other.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from sigtepunkt.analytics.calendar import standard_periods
from sigtepunkt.analytics.engine import prepare
from sigtepunkt.analytics.engine.backend import DuckDBBackend
from sigtepunkt.analytics.engine.compute import catalogue_compute, open_engine
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.testing import synthetic_warehouse

EXTRACT = dt.date(2025, 10, 31)
KEYS = ["figure", "unit_id", "period_kind", "period_start", "period_end", "segment", "segment_value"]


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("national")
    return synthetic_warehouse(home, employees=300, seed=5, extract_date=EXTRACT, municipalities=3)


DIMS = ("job_group", "leader", "gender", "age_band")


def _compute(settings, batch_persons: int, *, side_by_side: bool = True, dims: tuple[str, ...] = DIMS) -> pl.DataFrame:
    periods = standard_periods(EXTRACT, years=3, months=3, quarters=2, rolling=2)
    con = open_engine(settings.warehouse_path)
    try:
        comp = Computation(EXTRACT, tuple(periods), dims)
        backend = DuckDBBackend(con)
        assert backend.shared  # open_engine's database is in memory: families run side by side
        if not side_by_side:
            backend = DuckDBBackend(con, shared=False)  # temporary tables: one family after the other
        return catalogue_compute(backend, comp, batch_persons=batch_persons)
    finally:
        con.close()


def test_batches_split_persons_by_municipality(national) -> None:
    con = open_engine(national.warehouse_path)
    try:
        comp = Computation(EXTRACT, tuple(standard_periods(EXTRACT, years=1, months=0, quarters=0, rolling=0)))
        prepare.build_shared(con, comp)
        persons = con.execute("SELECT count(*) FROM persons").fetchall()[0][0]
        batches = prepare.person_batches(con, 250)
        sizes = [n for (n,) in con.execute("SELECT count(*) FROM person_batches GROUP BY batch").fetchall()]
        spread = con.execute("""
            SELECT max(batches) FROM (
                SELECT p.ancestor_id, count(DISTINCT b.batch) AS batches
                FROM person_batches b JOIN employments e ON e.person_no = b.pkey
                JOIN unit_names un ON un.unit_id = e.unit_id
                JOIN paths p ON p.unit_id = un.unit_no AND p.ancestor_level = 'municipality'
                GROUP BY p.ancestor_id)""").fetchall()[0][0]
    finally:
        con.close()
    assert batches == -(-persons // 250) and sum(sizes) == persons and max(sizes) <= 250
    assert spread <= 3  # a municipality's persons lie in a few consecutive batches, not in all of them


def _assert_same_cells(one: pl.DataFrame, other: pl.DataFrame) -> None:
    """The same cells, n equal, sums equal to 1e-9 relative (summed in another order, a sum of
    doubles can differ in its last bit)."""
    assert one.height == other.height > 10_000
    joined = one.join(other, on=KEYS, how="full", suffix="_b", coalesce=True)
    assert joined.height == one.height
    for column in ("value", "numerator", "denominator"):
        a, b = pl.col(column), pl.col(f"{column}_b")
        same = (a.is_null() & b.is_null()) | ((a - b).abs() <= 1e-9 * pl.max_horizontal(a.abs(), pl.lit(1.0)))
        assert joined.filter(~same).height == 0, column
    assert joined.filter(pl.col("n") != pl.col("n_b")).height == 0


def test_batched_catalogue_equals_whole(national) -> None:
    whole = _compute(national, batch_persons=0)
    batched = _compute(national, batch_persons=250)
    _assert_same_cells(whole, batched)
    assert batched.filter(pl.col("figure") == "leaver_seniority_median")["value"].drop_nulls().len() > 0


def test_families_side_by_side_equal_one_after_another(national) -> None:
    for batch_persons in (0, 250):
        _assert_same_cells(_compute(national, batch_persons), _compute(national, batch_persons, side_by_side=False))


def test_a_database_file_gets_temporary_tables_and_views_only(tmp_path) -> None:
    import duckdb

    con = duckdb.connect(str(tmp_path / "own.duckdb"))
    try:
        backend = DuckDBBackend(con)
        backend.create_table("scratch", "SELECT 1 AS x")
        backend.create_view("seen", "SELECT x + 1 AS y FROM scratch")
        assert not backend.shared
        assert con.sql("SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = 'scratch'"
                       ).fetchall()[0][0] == 1
        assert con.sql("SELECT y FROM seen").fetchall() == [(2,)]
        assert con.sql("SELECT count(*) FROM duckdb_views() WHERE temporary AND view_name = 'seen'"
                       ).fetchall()[0][0] == 1
        backend.drop("seen")
        backend.drop("scratch")
        assert con.sql("SELECT count(*) FROM duckdb_views() WHERE view_name = 'seen'").fetchall()[0][0] == 0
        assert con.sql("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'scratch'").fetchall()[0][0] == 0
    finally:
        con.close()


def test_days_holds_every_ordinary_familys_keys(national, monkeypatch) -> None:
    """The wide table joined from `days` (`compute.COVERING`) has the cells of a FULL OUTER JOIN."""
    from sigtepunkt.analytics.engine import compute

    joined_from_days = _compute(national, batch_persons=0)
    monkeypatch.setattr(compute, "COVERING", "no such family")
    _assert_same_cells(joined_from_days, _compute(national, batch_persons=0))


@pytest.mark.parametrize("dims", [DIMS, ("job_group", "leader")], ids=["person dimensions", "employment only"])
def test_the_roll_up_level_by_level_equals_every_row_to_every_ancestor(national, monkeypatch, dims) -> None:
    """Sums taken up the tree one parent at a time (`families.common.up_the_tree`) equal the rows
    taken to every ancestor at once (what Spark runs), in a tree with regions and Danmark.

    Without person dimensions the stock's unit rows pass as their scope's sum where no other
    row can meet them (`snapshots._stock_cells`); every row to every ancestor groups them all."""
    con = open_engine(national.warehouse_path)
    try:
        prepare.build_shared(con, Computation(EXTRACT, tuple(standard_periods(EXTRACT, years=1, months=0,
                                                                               quarters=0, rolling=0))))
        depth = prepare.tree_depth(con)
    finally:
        con.close()
    assert depth >= 4  # workplace, area, centre, municipality, region, Danmark: several levels to chain
    level_by_level = _compute(national, batch_persons=250, dims=dims)
    monkeypatch.setattr(prepare, "tree_depth", lambda backend: None)
    _assert_same_cells(level_by_level, _compute(national, batch_persons=250, dims=dims))


@pytest.mark.parametrize("batch_persons", [0, 250], ids=["whole", "batched"])
def test_stayers_at_their_unit_equal_their_rows_in_every_scope(national, monkeypatch, batch_persons) -> None:
    """A stayer's stays kept up to the unit or municipality they stay in and rolled up from it as
    sums (`prepare.STAYERS`) give the cells of the same stays placed in every scope above,
    person by person (no stayers)."""
    at_their_unit = _compute(national, batch_persons)
    assert at_their_unit.height > 0
    monkeypatch.setattr(prepare, "STAYERS", "SELECT person_key, unit_id AS anchor, TRUE AS at_unit FROM spells WHERE FALSE")
    _assert_same_cells(at_their_unit, _compute(national, batch_persons))


def test_a_unit_under_a_level_above_its_municipality_that_is_no_home_holds_no_stayers() -> None:
    """Entries are placed in the region and the country as homes of their own; a level above the
    municipality that is neither would be rolled up to by a stayer's sums, so none is a stayer there."""
    import duckdb

    con = duckdb.connect()
    con.execute("""
        CREATE TABLE paths AS SELECT * FROM (VALUES
            (1, 1, 'workplace', DATE '2020-01-01', DATE '2025-10-31', 0),
            (1, 2, 'municipality', DATE '2020-01-01', DATE '2025-10-31', 1),
            (1, 3, 'cluster', DATE '2020-01-01', DATE '2025-10-31', 2),
            (4, 4, 'workplace', DATE '2020-01-01', DATE '2025-10-31', 0),
            (4, 5, 'municipality', DATE '2020-01-01', DATE '2025-10-31', 1),
            (4, 6, 'region', DATE '2020-01-01', DATE '2025-10-31', 2),
            (7, 7, 'workplace', DATE '2020-01-01', DATE '2025-10-31', 0),
            (7, 5, 'municipality', DATE '2020-01-01', DATE '2025-10-31', 1),
            (7, 6, 'region', DATE '2020-01-01', DATE '2025-10-31', 2),
            (8, 8, 'workplace', DATE '2020-01-01', DATE '2025-10-31', 0),
            (8, 2, 'municipality', DATE '2020-01-01', DATE '2025-10-31', 1),
            (8, 3, 'cluster', DATE '2020-01-01', DATE '2025-10-31', 2))
            t(unit_id, ancestor_id, ancestor_level, valid_from, valid_to, distance)""")
    # 11 stays in one unit, 12 moves between two units of one municipality: both stayers, at the
    # unit and at the municipality; 10 and 13 do the same under the odd level: neither.
    con.execute("""
        CREATE TABLE spells AS SELECT * FROM (VALUES
            (10, 1, DATE '2021-01-01', DATE '2022-12-31'), (11, 4, DATE '2021-01-01', DATE '2022-12-31'),
            (12, 4, DATE '2021-01-01', DATE '2021-12-31'), (12, 7, DATE '2022-01-01', DATE '2022-12-31'),
            (13, 1, DATE '2021-01-01', DATE '2021-12-31'), (13, 8, DATE '2022-01-01', DATE '2022-12-31'))
            t(person_key, unit_id, s, e)""")
    con.execute(f"CREATE TABLE municipality_paths AS {prepare.MUNICIPALITY_PATHS}")
    con.execute(f"CREATE TABLE path_changes AS {prepare.PATH_CHANGES}")
    assert sorted(con.sql(prepare.STAYERS).fetchall()) == [(11, 4, True), (12, 5, False)]
