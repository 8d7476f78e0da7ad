"""The engine's graph of jobs (`compute._run_jobs`): a job waits for the tables it reads.

On DuckDB the person-level tables and the measure families run two at a time on cursors of
their own; what keeps that correct is the dependency rule, so it is tested on its own here
(the whole catalogue both ways is compared in `test_engine_batches.py`).
"""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pytest

from sigtepunkt.analytics.engine.backend import DuckDBBackend
from sigtepunkt.analytics.engine.compute import Job, _median_batch_job, _median_final_job, _run_jobs
from sigtepunkt.analytics.engine.families import Family


@pytest.fixture
def backend():
    con = duckdb.connect()
    yield DuckDBBackend(con)
    con.close()


def test_a_job_starts_after_the_jobs_whose_tables_it_reads(backend) -> None:
    assert backend.shared  # an in-memory database: the jobs run side by side
    jobs = [
        Job("counted", (("big_count", "SELECT count(*) AS n FROM range(20000000)"),)),
        Job("alone", (("small", "SELECT 1 AS x"),)),
        Job("reader", (("plus_one", "SELECT n + 1 AS n FROM big_count"),), drops=("big_count",)),
        # A name that merely contains another table's name is no dependency (whole words).
        Job("lookalike", (("big_count_copy", "SELECT 2 AS big_count_x"),)),
    ]
    order = [step for step, _seconds in _run_jobs(backend, jobs)]
    assert sorted(order) == sorted(job.step for job in jobs)
    assert order.index("counted") < order.index("reader")
    assert backend.con.sql("SELECT n FROM plus_one").fetchall() == [(20000001,)]
    assert backend.con.sql("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'big_count'"
                           ).fetchall() == [(0,)]  # dropped after the job that made it


def test_a_failing_job_raises_and_the_thread_setting_is_restored(backend) -> None:
    threads = backend.con.sql("SELECT current_setting('threads')").fetchall()[0][0]
    jobs = [Job("bad", (("x", "SELECT * FROM no_such_table"),)), Job("fine", (("y", "SELECT 1 AS one"),))]
    with pytest.raises(duckdb.CatalogException):
        list(_run_jobs(backend, jobs))
    assert backend.con.sql("SELECT current_setting('threads')").fetchall()[0][0] == threads


def test_jobs_run_in_order_on_temporary_tables(tmp_path) -> None:
    con = duckdb.connect(str(tmp_path / "own.duckdb"))
    try:
        backend = DuckDBBackend(con)
        assert not backend.shared
        jobs = [Job("first", (("a", "SELECT 1 AS v"),)), Job("second", (("b", "SELECT v + 1 AS v FROM a"),))]
        assert [step for step, _seconds in _run_jobs(backend, jobs)] == ["first", "second"]
        assert con.sql("SELECT v FROM b").fetchall() == [(2,)]
    finally:
        con.close()


@pytest.mark.parametrize("split", [True, False], ids=["split", "rows-only"])
def test_a_median_in_batches_equals_the_median_of_all_rows(backend, split) -> None:
    """Each batch keeps its rows (`_median_batch_job`), the median is taken over them after
    (`_median_final_job`); with `split` a batch's own scopes take theirs at once. Scope 1 has
    rows in both batches (shared), scopes 2 and 3 in one each; batch 0's values of the shared
    scope lie below batch 1's, so a median per batch would be wrong there."""
    backend.execute("CREATE TABLE shared_scopes AS SELECT 1 AS scope_id")
    values = {0: [(1, 1.0), (1, 2.0), (2, 5.0), (2, 7.0), (2, 9.0)], 1: [(1, 10.0), (1, 11.0), (1, 12.0), (3, 4.0)]}
    for batch, rows in values.items():
        backend.execute(f"CREATE TABLE pts_{batch} AS SELECT * FROM (VALUES {', '.join(map(str, rows))}) v(scope_id, x)")
    family = Family("", ["m"], rows="SELECT * FROM pts", over=lambda source: (
        f"SELECT scope_id, median(x) AS m FROM (SELECT * FROM {source}) r GROUP BY scope_id"))
    for batch in values:
        job = _median_batch_job("med", replace(family, rows=f"SELECT * FROM pts_{batch}"), batch, split)
        list(_run_jobs(backend, [job]))
    list(_run_jobs(backend, [_median_final_job("med", family, len(values), split)]))
    if split:
        tables = "SELECT * FROM fam_med__0 UNION ALL SELECT * FROM fam_med__1 UNION ALL SELECT * FROM fam_med__shared"
    else:
        tables = "SELECT * FROM fam_med"
    assert backend.con.sql(f"SELECT scope_id, m FROM ({tables}) t ORDER BY scope_id").fetchall() == [
        (1, 10.0), (2, 7.0), (3, 4.0)]
    left = backend.con.sql("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'med_rows%'").fetchall()
    assert left == []  # the kept rows are dropped once the median is taken
