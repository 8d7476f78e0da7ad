"""The engine's graph of jobs (`compute._run_jobs`): a job waits for the tables it reads.

On DuckDB the person-level tables and the measure families run two at a time on cursors of
their own; what keeps that correct is the dependency rule, so it is tested on its own here
(the whole catalogue both ways is compared in `test_engine_batches.py`).
"""

from __future__ import annotations

import duckdb
import pytest

from sigtepunkt.analytics.engine.backend import DuckDBBackend
from sigtepunkt.analytics.engine.compute import Job, _run_jobs


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
