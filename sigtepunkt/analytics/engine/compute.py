"""Compute the catalogue: measures by family, then figures as expressions over measures.

`catalogue_compute` is the engine's one entry point. It reads the warehouse (attached
read-only), builds the shared tables once (`prepare`), runs each measure family once, and
assembles every figure for every scope, period and segment from the measures. The result
is aggregates only: person-level rows never leave the DuckDB connection.
"""

from __future__ import annotations

import logging
import queue
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import polars as pl

from sigtepunkt.analytics.catalogue import FIGURES, figure_segments
from sigtepunkt.analytics.catalogue.measures import MEASURES_BY_ID
from sigtepunkt.analytics.catalogue.model import Aggregation, KeyFigure
from sigtepunkt.analytics.engine import families, prepare
from sigtepunkt.analytics.engine.backend import WAREHOUSE_TABLES, Backend, DuckDBBackend, as_backend
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.families.common import SHARED_PERSON_DIMS
from sigtepunkt.i18n import gettext as _

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
# Measures that count events (a person can exit or enter twice in a period); n counts persons.
EVENT_COUNTS = frozenset({"exits_external", "entries", "entries_matured"})
RESULT_COLUMNS = ("figure", "unit_id", "period_kind", "period_start", "period_end", "segment", "segment_value",
                  "value", "numerator", "denominator", "n")


@dataclass(frozen=True)
class Timing:
    step: str
    seconds: float


def _noop(stage: str, done: int, total: int) -> None:
    return None


# DuckDB's own default is 80 % of the machine's memory, which on a shared server (the web app,
# other jobs) ends with the kernel killing the process instead of DuckDB spilling to disk.
# Arrow/Polars buffers and Python live outside this limit, hence well under the 8 GiB budget.
MEMORY_LIMIT = "5GB"
# DuckDB checkpoints automatically after 16 MB of writes, and in the engine's in-memory
# database that means compressing the temporary tables again after every large statement:
# work thrown away when they are dropped a few statements later (measured at 500,000: 193 s
# with it, 178 s without, the same peak memory).
NO_CHECKPOINT = "1TB"
# Persons (with their whole history) per batch: about 1.6 GiB of person-level tables with
# ten years of history and job-group segments, well inside `MEMORY_LIMIT`.
BATCH_PERSONS = 320_000


def open_engine(warehouse: Path | None = None, con: duckdb.DuckDBPyConnection | None = None,
                threads: int | None = None, memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that sees the warehouse's tables read-only (as views).

    DuckDB keeps to `memory_limit` and spills what does not fit to a folder beside the
    warehouse (its default would be `.tmp` in whatever folder the user runs from); insertion
    order is not kept, since every result is sorted or keyed explicitly. Automatic checkpoints
    are off (`NO_CHECKPOINT`).
    """
    if con is None:
        assert warehouse is not None
        con = duckdb.connect()
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        con.execute(f"SET memory_limit = '{memory_limit}'")
        spill = warehouse.parent / "engine-spill"
        con.execute(f"SET temp_directory = '{spill.as_posix()}'")
        con.execute("SET preserve_insertion_order = false")
        con.execute(f"SET checkpoint_threshold = '{NO_CHECKPOINT}'")
        con.execute(f"ATTACH '{warehouse.as_posix()}' AS wh (READ_ONLY)")
        # The warehouse's tables as views in the connection's own (in-memory) database, where
        # the engine makes its tables too, so that every cursor of the connection sees both.
        for table in WAREHOUSE_TABLES:
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM wh.main.{table}")
    return con


def catalogue_compute(con: Backend | duckdb.DuckDBPyConnection, comp: Computation, *,
                      figures: tuple[KeyFigure, ...] = FIGURES, progress: Progress = _noop,
                      timings: list[Timing] | None = None, batch_persons: int | None = None) -> pl.DataFrame:
    """Every figure for every scope, period and segment of `comp`, as a long table (RESULT_COLUMNS).

    `con` is a DuckDB connection (see `open_engine`) or any `backend.Backend` (e.g. Spark).
    """
    backend = as_backend(con)
    cells_table(backend, comp, figures=figures, progress=progress, timings=timings, batch_persons=batch_persons)
    return backend.to_polars(f"SELECT * FROM ({CELLS_LONG}) c ORDER BY figure, unit_id, "
                             "period_end, period_kind, segment, segment_value")


# `cells` (a view, see `_assemble`) names the figure, unit, period and segment by small
# integers (`figure_no`, `unit_no`, `period_id`, `segment_no`) and holds n as an INTEGER: 100
# million rows at national scale, read once by whoever stores them. Their names are joined in
# here, and so is the value: it follows from numerator and denominator by the figure's
# aggregation (`figure_names.scale`: NULL when the value is the numerator, see `_value_scale`).
CELLS_LONG = """
    SELECT f.figure, u.unit_id, p.kind AS period_kind, p.p0 AS period_start, p.p1 AS period_end,
           s.dim AS segment, s.val AS segment_value,
           CASE WHEN f.scale IS NULL THEN c.numerator
                WHEN c.denominator <> 0 THEN c.numerator * f.scale / c.denominator END AS value,
           c.numerator, c.denominator, CAST(c.n AS BIGINT) AS n
    FROM cells c JOIN figure_names f USING (figure_no) JOIN periods p USING (period_id)
    JOIN unit_names u USING (unit_no) JOIN segment_names s USING (segment_no)"""


def cells_table(con: Backend | duckdb.DuckDBPyConnection, comp: Computation, *,
                figures: tuple[KeyFigure, ...] = FIGURES, progress: Progress = _noop,
                timings: list[Timing] | None = None, batch_persons: int | None = None) -> None:
    """Compute into the backend, leaving the results there as the temporary view `cells`.

    `CELLS_LONG` reads them as RESULT_COLUMNS (`cells` holds numbers for figure, unit, period,
    segment); the measures behind them are tables (`wide_<group>`, see `_wide_groups`).

    Each measure family runs once into a table (one column per measure); the families a group
    of figures reads are joined on (scope, period, segment) and every figure is one SELECT over
    that join, so no figure pays for a scan another has already done.

    Beyond `batch_persons` (default `BATCH_PERSONS`; 0: never) persons the person-level work
    runs in batches of persons (every person whole in one batch); each batch's family tables are
    joined into its wide tables for the scopes no other batch has rows in, and the shared
    scopes' rows summed after the batches (`_batched_wides`); a median (`Family.rows`) keeps each
    batch's rows and takes the median over them after the batches (`_median_batch_job`), and a family
    that reads no person (`Family.persons`: job ads) runs once.
    Without batches a national warehouse's person-level tables do not fit in memory and
    DuckDB spends most of its time spilling them to disk.
    """
    backend = as_backend(con)
    timings = timings if timings is not None else []
    needed = {m for f in figures for m in (f.numerator, f.denominator, _n_of(f)) if m}
    progress(_("Computing key figures"), 0, 1)
    clock = time.perf_counter()
    prepare.build_shared(backend, comp)
    # Up the tree level by level only where a CTE read twice is computed once.
    comp = replace(comp, tree_depth=prepare.tree_depth(backend) if backend.computes_ctes_once else None)
    steps = [(fam.__name__, _as_family(fam(comp))) for fam in families.FAMILIES]
    steps = [step for step in steps if needed & set(step[1].measures)]
    batches = _batch_count(backend, BATCH_PERSONS if batch_persons is None else batch_persons)
    timings.append(Timing("prepare", time.perf_counter() - clock))
    # Alone, every family runs with the person-level tables; in batches, those that read persons.
    per_batch = steps if batches == 1 else [step for step in steps if step[1].persons]
    # The others (job ads) run beside the first batch's families, where the workers have room,
    # rather than after the batches, where only the leavers' median is left to run. Not beside
    # its person tables, made mostly one after the other: started first, or when a worker found
    # none of them ready, the job ads left the two chains of person tables one worker (at
    # 500,000 employees, started last, they ran alone for 3 s at the batch's end).
    free = [step for step in steps if step not in per_batch]
    person_jobs = len(prepare.person_statements(comp))
    columns = {m: f"fam_{name}" for name, family in steps for m in family.measures}  # measure -> family table
    by_population = _wide_groups(comp, figures, columns)
    wides = {name: group for groups in by_population.values() for name, group in groups.items()}
    batched = _batched_wides(by_population, {f"fam_{name}" for name, _family in per_batch}, batches)
    joined = sorted({table for tables, _group in batched.values() for table in tables})
    medians = [step for step in per_batch if batches > 1 and step[1].rows is not None]
    # Alone, each wide table is made as soon as its families' tables are (`_wide_groups`).
    groups = wides if batches == 1 else {}
    # A median whose wide table is made batch by batch takes its own scopes' medians in each batch.
    shared_made = {f"fam_{name}" for name, _f in medians if f"fam_{name}" in joined}
    final = _final_wide_jobs(comp, columns, wides, batched, joined, batches, shared_made) if batches > 1 else []
    total = ((person_jobs + len(per_batch) + len(batched) + len(joined) - len(shared_made)) * batches + len(groups)
             + len(free) + len(medians) + len(final) + 1)
    done = 0

    def run(jobs: list[Job]) -> None:
        nonlocal done
        for step, seconds in _run_jobs(backend, jobs):
            _add_timing(timings, step, seconds)
            done += 1
            progress(_("Computing key figures"), done, total)

    # A batch's wide tables are made beside the next batch's work (they read only the batch's
    # family tables, `fam_<name>__<batch>`), where the next batch's first person tables leave a
    # worker free, rather than at the batch's end, where they were the last job left (at
    # 500,000 employees 1.4 s a batch on one core).
    # Between the batches DuckDB stays at one thread per statement (`one_thread_each`).
    with one_thread_each(backend):
        joins: list[Job] = []
        done_with: list[str] = []  # the tables of the batch whose wide tables `joins` makes
        for batch in range(batches):
            person_tables = prepare.person_statements(comp, batch, batches)
            run([Job("prepare", ((name, select),)) for name, select in person_tables]
                + [replace(_family_job(name, family, f"fam_{name}"), after=tuple(name for name, _s in person_tables))
                   for name, family in (free if batch == 0 else [])]
                + [_median_batch_job(name, family, batch, f"fam_{name}" in shared_made) if (name, family) in medians
                   else _family_job(name, family, f"fam_{name}" if batches == 1 else f"fam_{name}__{batch}")
                   for name, family in per_batch]
                + joins
                + [Job("assemble", ((f"wide_{name}", _wide_sql(comp, tables, columns)),), eager=True)
                   for name, (tables, _group) in groups.items()])
            for table in done_with:
                backend.drop(table)
            joins = _batch_wide_jobs(comp, batched, joined, columns, batch, shared_made)
            done_with = [f"{table}__{batch}" for table in joined]
            if batches > 1:
                clock = time.perf_counter()
                prepare.release_persons(backend, comp)
                _add_timing(timings, "prepare", time.perf_counter() - clock)
        if batches > 1:
            clock = time.perf_counter()
            for name, family in per_batch:
                if f"fam_{name}" not in joined and (name, family) not in medians:
                    _sum_batches(backend, f"fam_{name}", family.measures, batches)
            timings.append(Timing("batches", time.perf_counter() - clock))
            # The shared scopes' sums and the wide tables the batches did not make run beside the
            # medians over the batches' rows, which start first, beside the last batch's joins.
            run([_median_final_job(name, family, batches, f"fam_{name}" in shared_made) for name, family in medians]
                + joins + final)
            for table in done_with:
                backend.drop(table)
    clock = time.perf_counter()
    prepare.release(backend, comp)
    _assemble(backend, comp, figures, columns, wides, batched, joined, batches)
    _add_timing(timings, "assemble", time.perf_counter() - clock)
    progress(_("Computing key figures"), total, total)


def _batch_count(backend: Backend, batch_persons: int | None) -> int:
    """How many batches of persons; one on Spark, which spreads the work over its executors itself."""
    if not batch_persons or backend.name != "duckdb":
        return 1
    return prepare.person_batches(backend, batch_persons)


@dataclass(frozen=True)
class Job:
    """Statements run in order on one connection: (table, SELECT) each, the `drops` dropped after.

    `step` names it in the timings: "prepare" for a person-level table, else the family's name.
    """
    step: str
    statements: tuple[tuple[str, str], ...]
    drops: tuple[str, ...] = ()
    # Started before the other jobs that are ready (in the order listed otherwise): a wide table,
    # which lets its families' tables go and would otherwise wait for every family to start.
    eager: bool = False
    # Tables of earlier jobs it waits for besides those it reads.
    after: tuple[str, ...] = ()


def _family_job(name: str, family: families.Family, table: str) -> Job:
    """The family's staged tables, its table, and the staged tables dropped again."""
    staged = tuple(family.staged)
    return Job(name, (*staged, (table, family.sql)), tuple(t for t, _select in staged))


# On DuckDB the person-level tables and the measure families of a batch run as a graph: a job
# starts once every job whose table it reads is done, this many at a time, each statement on
# one thread of its own. Two single-threaded statements keep two cores busier than one spread
# over both (a statement's parallel phases alternate with phases that use one thread), and a
# family starts as soon as its tables exist (absence, education, job ads, hours change while
# presence and episodes are still being built): 45,000 employees 4.85 -> 4.2 s.
WORKERS = 2


def _run_jobs(backend: Backend, jobs: list[Job]) -> Iterator[tuple[str, float]]:
    """Run every job, yielding (step, seconds) as each finishes.

    Side by side (`WORKERS`) where the backend's tables are shared between connections
    (`DuckDBBackend.shared`), each job on a cursor of its own, DuckDB set to one thread per
    statement meanwhile; otherwise (Spark, or temporary tables) one after the other, in order.
    A job waits for the earlier jobs whose tables its SQL names (as a whole word) or it drops.
    """
    def timed(target: Backend, job: Job) -> tuple[str, float]:
        clock = time.perf_counter()
        for table, select in job.statements:
            target.create_table(table, select)
        for table in job.drops:
            target.drop(table)
        return job.step, time.perf_counter() - clock

    if not (isinstance(backend, DuckDBBackend) and backend.shared and len(jobs) > 1):
        for job in jobs:
            yield timed(backend, job)
        return
    made = [{table for table, _select in job.statements} for job in jobs]
    # The words of each job's SQL, once: matching every earlier job's tables in every later job's
    # SQL took 0.1 s of the main thread per batch at 500,000 employees, with both cores idle.
    words = [set(re.findall(r"\w+", " ".join([*(select for _table, select in job.statements), *job.drops,
                                               *job.after]))) for job in jobs]
    needs = [{i for i in range(j) if made[i] & words[j]} for j in range(len(jobs))]
    free: queue.SimpleQueue[DuckDBBackend] = queue.SimpleQueue()
    cursors = [backend.cursor() for _ in range(WORKERS)]
    for cursor in cursors:
        free.put(cursor)

    def on_a_cursor(job: Job) -> tuple[str, float]:
        cursor = free.get()
        try:
            return timed(cursor, job)
        finally:
            free.put(cursor)

    waiting, finished = list(range(len(jobs))), set()
    running: dict[Future[tuple[str, float]], int] = {}
    try:
        with one_thread_each(backend), ThreadPoolExecutor(WORKERS) as pool:
            while waiting or running:
                ready = sorted((j for j in waiting if needs[j] <= finished), key=lambda j: not jobs[j].eager)
                for j in ready[:WORKERS - len(running)]:
                    waiting.remove(j)
                    running[pool.submit(on_a_cursor, jobs[j])] = j
                ready, _pending = wait(running, return_when=FIRST_COMPLETED)
                for future in ready:
                    finished.add(running.pop(future))
                    yield future.result()
    finally:
        for cursor in cursors:
            cursor.con.close()


@contextmanager
def one_thread_each(backend: Backend) -> Iterator[None]:
    """DuckDB set to one thread per statement (`WORKERS` statements side by side), then back.

    Only where `_run_jobs` runs statements side by side (shared tables); elsewhere each
    statement keeps every thread. Nested, only the outermost sets it: `cells_table` holds it
    over all its batches, since setting the threads stops or starts DuckDB's workers, 0.1-0.2 s
    of the main thread each time with both cores idle (at 500,000 employees twice between every
    two batches).
    """
    threads = 1
    if isinstance(backend, DuckDBBackend) and backend.shared:
        threads = int(backend.con.sql("SELECT current_setting('threads')").fetchall()[0][0])
    if threads == 1:
        yield
        return
    backend.execute("SET threads = 1")
    try:
        yield
    finally:
        backend.execute(f"SET threads = {threads}")


def _median_batch_job(name: str, family: families.Family, batch: int, split: bool) -> Job:
    """One batch of a median (`Family.rows`): its rows kept (`<name>_rows__<batch>`) for the median
    after the batches (`_median_final_job`).

    A median needs every value of a scope, but only of the persons with rows in it. With `split`
    (its wide table made batch by batch), the batch takes the median of the scopes no other
    batch has rows in at once and keeps only the shared scopes' rows (`prepare.SHARED_SCOPES`).
    Rows kept, not the person-level tables they come from: the leavers' median used to run once
    more after the batches over every batch's exits and stays, collected between the batches
    (at 500,000 employees the machine's second core idle meanwhile).
    """
    assert family.rows is not None and family.over is not None
    staged = tuple(family.staged)
    rows = f"{name}_rows__{batch}"
    if not split:
        return Job(name, (*staged, (rows, family.rows)), tuple(t for t, _select in staged))
    return Job(name, (*staged, (f"{rows}_all", family.rows),
                      (f"fam_{name}__{batch}", family.over(f"{rows}_all WHERE NOT {IN_SHARED}")),
                      (rows, f"SELECT * FROM {rows}_all WHERE {IN_SHARED}")),
               (*(t for t, _select in staged), f"{rows}_all"))


def _median_final_job(name: str, family: families.Family, batches: int, split: bool) -> Job:
    """The median over every batch's rows (`_median_batch_job`): of the shared scopes with `split`
    (`fam_<name>__shared`), else of every scope (`fam_<name>`)."""
    assert family.over is not None
    parts = tuple(f"{name}_rows__{b}" for b in range(batches))
    union = " UNION ALL ".join(f"SELECT * FROM {part}" for part in parts)
    table = f"fam_{name}__shared" if split else f"fam_{name}"
    return Job(name, ((table, family.over(f"({union}) b")),), parts, eager=True)


def _sum_batches(backend: Backend, table: str, measures: list[str], batches: int) -> None:
    """The family's table: its batches' tables summed per (scope, period, segment).

    Every measure of a per-batch family is a count or a sum over persons (or such a sum over
    the period's length), and no person is in two batches, so the sums are exact. Persons are
    batched municipality by municipality, so most scopes have rows in one batch only (at
    500,000 employees 95 % of them): their rows are the sums already and are copied as they
    are; only the rows of scopes in several batches (`<table>__shared`) are grouped. Grouping
    all of them hashed 4.8 million rows into 4.6 million groups.
    """
    columns = ", ".join(f'"{m}"' for m in measures)
    sums = ", ".join(f'sum("{m}") AS "{m}"' for m in measures)
    parts = " UNION ALL ".join(f"SELECT scope_id, period_id, segment_no, {columns} FROM {table}__{b}"
                               for b in range(batches))
    scopes = " UNION ALL ".join(f"SELECT DISTINCT scope_id FROM {table}__{b}" for b in range(batches))
    shared = f"{table}__shared"
    backend.create_table(shared, f"SELECT scope_id FROM ({scopes}) s GROUP BY scope_id HAVING count(*) > 1")
    backend.create_table(table, f"""
        SELECT b.* FROM ({parts}) b ANTI JOIN {shared} s ON s.scope_id = b.scope_id
        UNION ALL
        SELECT b.scope_id, b.period_id, b.segment_no, {sums}
        FROM ({parts}) b SEMI JOIN {shared} s ON s.scope_id = b.scope_id
        GROUP BY b.scope_id, b.period_id, b.segment_no""")
    backend.drop(shared)
    for b in range(batches):
        backend.drop(f"{table}__{b}")


def _final_wide_jobs(comp: Computation, columns: dict[str, str], wides: Wides, batched: Wides,
                     joined: list[str], batches: int, shared_made: set[str]) -> list[Job]:
    """With batches, the jobs that finish the wide tables once every batch is done.

    Those made batch by batch (`batched`, see `_batched_wides`; their family tables `joined`)
    lack the shared scopes' rows: each family's batches' rows of them are summed
    (`<table>__shared`; a median's, `shared_made`, by its own run, `_median_final_job`) and
    joined (`wide_<group>__shared`). The other wide tables are made whole (`wide_<group>`).
    """
    jobs = []
    for table in (t for t in joined if t not in shared_made):
        parts = tuple(f"{table}__{b}_shared" for b in range(batches))
        sums = ", ".join(f'sum("{m}") AS "{m}"' for m, t in columns.items() if t == table)
        union = " UNION ALL ".join(f"SELECT * FROM {part}" for part in parts)
        jobs.append(Job("assemble", ((f"{table}__shared", f"""
            SELECT scope_id, period_id, segment_no, {sums} FROM ({union}) b
            GROUP BY scope_id, period_id, segment_no"""),), parts))
    for name, (tables, _group) in wides.items():
        suffix = "__shared" if name in batched else ""
        jobs.append(Job("assemble", ((f"wide_{name}{suffix}", _wide_sql(comp, tables, columns, suffix=suffix)),),
                        eager=True))
    return jobs


def _add_timing(timings: list[Timing], step: str, seconds: float) -> None:
    """Add to the step's timing (batches run each step several times)."""
    for i, timing in enumerate(timings):
        if timing.step == step:
            timings[i] = Timing(step, timing.seconds + seconds)
            return
    timings.append(Timing(step, seconds))


def _as_family(result: families.Family | tuple[str, list[str]]) -> families.Family:
    return result if isinstance(result, families.Family) else families.Family(*result)


def _n_of(figure: KeyFigure) -> str:
    """The measure giving n: for measures that count events, its count of distinct persons."""
    measure = figure.n_measure
    return f"{measure}#persons" if measure in EVENT_COUNTS else measure


def _allowed_dims(comp: Computation, figure: KeyFigure) -> tuple[str, ...]:
    """The total plus the figure's segments that this computation splits by (its own always)."""
    wanted = (*comp.dims, *figure.segments)
    return ("total", *[d for d in figure_segments(figure) if d in wanted])


def _value_scale(figure: KeyFigure) -> float | None:
    """What `CELLS_LONG` multiplies numerator ÷ denominator by; None when the value is the numerator.

    As `KeyFigure.value_of` computes it: numerator × scale ÷ denominator, no value without a denominator.
    """
    match figure.aggregation:
        case Aggregation.COUNT | Aggregation.SUM | Aggregation.MEDIAN:
            return None
        case Aggregation.RATIO | Aggregation.MEAN:
            return float(figure.scale)
    raise AssertionError(figure.aggregation)


def _figure_select(figure: KeyFigure, number: int, comp: Computation, source: str,
                   ranges: dict[str, tuple[int, int]]) -> str:
    zero = "" if figure.aggregation is Aggregation.MEDIAN else ", 0"
    num = f'CAST(coalesce(w."{figure.numerator}"{zero}) AS DOUBLE)'
    den = f'CAST(coalesce(w."{figure.denominator}", 0) AS DOUBLE)' if figure.denominator else "CAST(NULL AS DOUBLE)"
    n = f'CAST(coalesce(w."{_n_of(figure)}", 0) AS INTEGER)'
    dims = " OR ".join(f"w.segment_no BETWEEN {ranges[d][0]} AND {ranges[d][1]}"
                       for d in _allowed_dims(comp, figure) if d in ranges)
    months = ""
    if figure.period_months:
        ids = [str(i) for i, p in enumerate(comp.periods) if p.months == figure.period_months] or ["-1"]
        months = f" AND w.period_id IN ({', '.join(ids)})"
    return f"""
        SELECT CAST({number} AS SMALLINT) AS figure_no, w.scope_id AS unit_no,
               CAST(w.period_id AS SMALLINT) AS period_id, CAST(w.segment_no AS SMALLINT) AS segment_no,
               {num} AS numerator, {den} AS denominator, {n} AS n
        FROM {source} w
        WHERE ({dims}){months}"""


# The family whose keys hold every other ordinary family's: a row of any of them, for a scope,
# period and segment, comes from a person present in that scope and segment on some day of the
# period (at p1 for the stock, p0 for the cohort, p0 and p1 for hours change, the exit or entry
# day, a day of sickness or of planned hours), and `days` has a row wherever someone is present
# in the period, split by the person dimensions every family shares (`SHARED_PERSON_DIMS`).
# Joined from it, the wide table needs no FULL OUTER JOIN (a quarter to a third less time for
# seven tables of two million rows, measured on their own; within the noise of a whole 500,000
# run). A person dimension only some families split by (seniority band, the stock's) has
# segments `days` lacks, so with one the families are joined FULL OUTER again.
# `tests/test_engine_batches.py` checks the cells against the FULL OUTER JOIN's.
COVERING = "fam_days"
# The families are joined on one BIGINT made of scope, period and segment (each period and
# segment number below KEY_PART): a hash join on one column instead of three (the ordinary
# wide table's seven joins: about a quarter less time).
KEY_PART = 65536
WIDE_KEY = f"(CAST(scope_id AS BIGINT) * {KEY_PART * KEY_PART} + CAST(period_id AS BIGINT) * {KEY_PART} + segment_no)"


# Wide tables by name: (the family tables joined, the figures read from it).
Wides = dict[str, tuple[list[str], list[KeyFigure]]]


def _population_tables(figures: tuple[KeyFigure, ...], columns: dict[str, str]) -> dict[str, list[str]]:
    """Per population, the family tables its figures read (numerator, denominator, n)."""
    return {population: sorted({columns[m] for f in group for m in (f.numerator, f.denominator, _n_of(f)) if m})
            for population, group in _by_population(figures, columns).items()}


def _wide_groups(comp: Computation, figures: tuple[KeyFigure, ...],
                 columns: dict[str, str]) -> dict[str, Wides]:
    """The wide tables per population: name -> (family tables, figures read from it).

    Most figures read one family (the stock's from the stock, ...), a few two (turnover: exits
    and days). Where `COVERING` is the base, every figure's families joined to it hold its
    cells, so the figures are grouped by the families they share and each group has a wide
    table of its own: made as soon as its families' tables are, beside the families still
    running, instead of one join of every family when nothing else is left to run (at 45,000
    employees the last 0.26 s, the machine's two cores mostly idle). Otherwise one per population.
    """
    groups: dict[str, Wides] = {}
    by_population = _by_population(figures, columns)
    for population, tables in _population_tables(figures, columns).items():
        group = by_population[population]
        if COVERING not in tables or not set(comp.person_dims) <= set(SHARED_PERSON_DIMS):
            groups[population] = {population: (tables, group)}
            continue
        components: list[tuple[set[str], list[KeyFigure]]] = []
        for f in group:
            own = {columns[m] for m in (f.numerator, f.denominator, _n_of(f)) if m} - {COVERING}
            touching = [c for c in components if c[0] & own or (not own and not c[0])]
            merged = (own.union(*(c[0] for c in touching)), [g for c in touching for g in c[1]] + [f])
            components = [c for c in components if c not in touching] + [merged]
        groups[population] = {f"{population}_{i}": ([COVERING, *sorted(own)], members)
                              for i, (own, members) in enumerate(components)}
    return groups


def _batched_wides(by_population: dict[str, Wides], per_batch: set[str],
                   batches: int) -> Wides:
    """The wide tables made batch by batch (`wide_<group>__<batch>`, see `_wide_groups`): name ->
    (family tables, figures read from it).

    With batches, each batch's family tables are joined beside the next batch's work, instead
    of being summed over the batches and joined at the end, when only one statement is left to
    run (at 500,000 employees the sums and the join: 5.7 s with the machine's other core mostly
    idle). Only the scopes persons of several batches may share (`prepare.SHARED_SCOPES`) are
    summed after the batches. A population with a family that runs once (`Family.persons`
    False: job ads) is joined at the end as before.
    """
    if batches == 1:
        return {}
    return {name: group for groups in by_population.values()
            if all(t in per_batch for tables, _group in groups.values() for t in tables)
            for name, group in groups.items()}


# The scopes several batches share (`prepare.SHARED_SCOPES`), as a condition on a family table's rows.
IN_SHARED = "scope_id IN (SELECT scope_id FROM shared_scopes)"


def _batch_wide_jobs(comp: Computation, batched: Wides, joined: list[str], columns: dict[str, str], batch: int,
                     shared_made: set[str]) -> list[Job]:
    """One batch's wide tables (their scopes no other batch has rows in), and each family's rows
    of the shared scopes (`<table>__<batch>_shared`), summed after the batches; a median's
    batches have none (`shared_made`: its shared scopes' table is made by its own run)."""
    return ([Job("assemble", ((f"wide_{name}__{batch}",
                               _wide_sql(comp, tables, columns, suffix=f"__{batch}", where=f"NOT {IN_SHARED}")),),
                 eager=True) for name, (tables, _group) in batched.items()]
            + [Job("assemble", ((f"{table}__{batch}_shared", f"SELECT * FROM {table}__{batch} WHERE {IN_SHARED}"),),
                   eager=True) for table in joined if table not in shared_made])


def _wide_sql(comp: Computation, tables: list[str], columns: dict[str, str], suffix: str = "",
              where: str = "") -> str:
    """The SELECT joining family tables (each `<table><suffix>`, its rows matching `where`) on their
    one-column key: one row per scope, period and segment, every measure as a DOUBLE."""
    # Every measure as a DOUBLE (the figures read them so): a count summed is a 16-byte
    # HUGEINT, and at national scale the wide table is millions of rows of forty measures.
    measures = ", ".join(f'CAST("{m}" AS DOUBLE) AS "{m}"' for m, t in columns.items() if t in tables)
    base, join = tables[0], "FULL OUTER JOIN"
    if COVERING in tables and set(comp.person_dims) <= set(SHARED_PERSON_DIMS):
        base, join = COVERING, "LEFT JOIN"

    def keyed(table: str) -> str:
        """The family's table with its measures and the one-column key `k`."""
        own = ", ".join(f'"{m}"' for m, t in columns.items() if t == table)
        return f"(SELECT {WIDE_KEY} AS k, {own} FROM {table}{suffix}{f' WHERE {where}' if where else ''}) {table}"

    return f"""
            SELECT CAST(k // {KEY_PART * KEY_PART} AS INTEGER) AS scope_id,
                   CAST((k // {KEY_PART}) % {KEY_PART} AS INTEGER) AS period_id,
                   CAST(k % {KEY_PART} AS INTEGER) AS segment_no, {measures}
            FROM {keyed(base)}""" + "".join(f" {join} {keyed(t)} USING (k)" for t in tables if t != base)


def _assemble(backend: Backend, comp: Computation, figures: tuple[KeyFigure, ...], columns: dict[str, str],
              wides: Wides, batched: Wides, joined: list[str], batches: int) -> None:
    """Define every figure over its wide table (`wides`, see `_wide_groups`): `cells`.

    `cells` is a view: each of its rows is one figure's numerator, denominator and n, read
    from the wide table's columns when the cells are read. Written out as a table they were
    a copy of the wide tables' numbers, figure by figure, made only to be read once by
    whoever stores them (at 500,000 employees 123 million rows, 3.7 GB: 8.7 s to write them,
    4 s to read them from the view).
    The wide tables are made already: without batches as jobs beside the families, with them
    by the batches and after them (`_final_wide_jobs`). Those made batch by batch (`batched`)
    are read from their batches' tables and the shared scopes' (`wide_<group>__shared`).
    `figure_names` numbers the figures, `segment_names` the segments; `periods` and `unit_names`
    (from `prepare`) name the periods and units.
    """
    number = {f.id: i for i, f in enumerate(figures)}
    # Built with Polars: pyarrow converting Python lists imports pandas (0.3 s) to check their types.
    backend.register("figure_names", pl.DataFrame(
        {"figure_no": range(len(figures)), "figure": [f.id for f in figures],
         "scale": [_value_scale(f) for f in figures]},
        schema={"figure_no": pl.Int16, "figure": pl.String, "scale": pl.Float64}).to_arrow())
    backend.create_table("segment_names", "SELECT sid AS segment_no, dim, val FROM segments")
    backend.drop("segments")
    ranges = {dim: (lo, hi) for dim, lo, hi in backend.to_polars(
        "SELECT dim, min(segment_no) AS lo, max(segment_no) AS hi FROM segment_names GROUP BY dim").iter_rows()}
    selects = []
    assert len(comp.periods) < KEY_PART and max(hi for _lo, hi in ranges.values()) < KEY_PART
    for name, (_tables, group) in wides.items():
        source = f"wide_{name}"
        if name in batched:
            parts = (f"SELECT * FROM wide_{name}__{b}" for b in (*range(batches), "shared"))
            source = f"({' UNION ALL '.join(parts)})"
        selects.extend(_figure_select(f, number[f.id], comp, source, ranges) for f in group)
    for table in sorted({*columns.values(), *(f"{t}__shared" for t in joined)}):
        backend.drop(table)
    backend.create_view("cells", " UNION ALL ".join(selects))


def _by_population(figures: tuple[KeyFigure, ...], columns: dict[str, str]) -> dict[str, list[KeyFigure]]:
    groups: dict[str, list[KeyFigure]] = {}
    for f in figures:
        groups.setdefault(MEASURES_BY_ID[f.numerator].population.value, []).append(f)
    return groups
