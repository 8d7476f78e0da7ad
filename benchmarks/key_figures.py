"""Benchmark the key-figure engine against pandas and a one-query DuckDB floor.

    .venv/bin/python -m benchmarks.key_figures --sizes 2000,45000,500000

For each size a synthetic municipality (98 of them from 200,000 employees) with ten years
of history is generated and imported (`benchmarks.data_foundation`), then three steps run,
each in its own process so that its peak memory (max RSS from wait4) is its own:

* **engine**: the whole catalogue (32 figures) for every unit, for each of the ten calendar
  years and each of the last 24 months, total and job-group segments
  (`sigtepunkt.analytics.engine.compute.cells_table`), with the engine's per-step timings;
* **pandas**: the same catalogue by `benchmarks.pandas_catalogue` (only up to 45,000
  employees: it is the analyst's alternative, and the ratio is what matters);
* **floor**: one DuckDB query computing average FTE for every unit (rolled up over the tree
  at each year's end) and each of the ten years: the simplest figure with the same shape.

Results go to `benchmarks/results/key-figures.json` and `.md` and to `docs/performance.md`;
a later run for some sizes replaces those sizes and keeps the others. Numbers are
measured and written down, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.data_foundation import EXTRACT_DATE, ROOT, SIGTEPUNKT, _run
from sigtepunkt.warehouse.connection import stored_schema_version
from sigtepunkt.warehouse.ddl import SCHEMA_VERSION

RESULTS = ROOT / "benchmarks" / "results"
DOC = ROOT / "docs" / "performance.md"
PANDAS_MAX = 45_000
# Everything in docs/performance.md after this line is written by hand and kept when the page is rewritten.
NOTES = "<!-- notes: hand-written below, kept by benchmarks.key_figures -->"
STEPS = ("engine", "pandas", "floor")
TARGETS = {"seconds_500k": 60.0, "rss_gib_500k": 8.0, "pandas_over_engine_45k": 20.0, "engine_over_floor": 15.0}


# --- the steps, each run in a child process --------------------------------------------------

YEARS, MONTHS = 10, 24  # the benchmark's periods (the smoke test shrinks them with --years/--months)


def _periods(extract: dt.date):
    from sigtepunkt.analytics.calendar import standard_periods
    return standard_periods(extract, years=YEARS, months=MONTHS, quarters=0, rolling=0)


SPILL_LIMIT = "40GiB"  # DuckDB may spill this much next to the warehouse (not into the working directory)


def _spill(con, warehouse: Path) -> None:
    con.execute(f"SET temp_directory = '{(warehouse.parent / 'duckdb-spill').as_posix()}'")
    con.execute(f"SET max_temp_directory_size = '{SPILL_LIMIT}'")


def step_engine(warehouse: Path, extract: dt.date, threads: int | None) -> dict:
    from sigtepunkt.analytics.engine.compute import Timing, cells_table, open_engine
    from sigtepunkt.analytics.engine.context import Computation

    periods = _periods(extract)
    clock = time.perf_counter()
    con = open_engine(warehouse, threads=threads)
    _spill(con, warehouse)
    timings: list = []
    cells_table(con, Computation(extract, tuple(periods), ("job_group",)), timings=timings)
    # `cells` is a view over the measures: every cell's numbers are produced here, as a reader
    # (the measurement store) would produce them, so that the time includes them.
    read = time.perf_counter()
    cells = con.execute("SELECT count(*), sum(numerator), sum(denominator), sum(n) FROM cells").fetchall()[0][0]
    timings.append(Timing("read cells", time.perf_counter() - read))
    seconds = time.perf_counter() - clock
    return {"seconds": seconds, "cells": cells, "periods": len(periods),
            "timings": [{"step": t.step, "seconds": round(t.seconds, 3)} for t in timings]}


def step_pandas(warehouse: Path, extract: dt.date, threads: int | None) -> dict:
    from benchmarks.pandas_catalogue import compute_catalogue

    periods = _periods(extract)
    clock = time.perf_counter()
    cells = compute_catalogue(warehouse, extract, periods)
    return {"seconds": time.perf_counter() - clock, "cells": len(cells), "periods": len(periods)}


def floor_sql(extract: dt.date, years: list[int]) -> str:
    """Average FTE (Σ fraction × overlap days ÷ days) for every unit and year, the tree at each year's end."""
    x = f"DATE '{extract.isoformat()}'"
    values = ", ".join(f"({y})" for y in years)
    return f"""
        WITH RECURSIVE yrs AS (
            SELECT y, make_date(y, 1, 1) AS p0, make_date(y, 12, 31) AS p1,
                   date_diff('day', make_date(y, 1, 1), make_date(y, 12, 31)) + 1 AS days
            FROM (VALUES {values}) v(y)),
        tree AS (
            SELECT yrs.y, o.unit_id, o.parent_id FROM org_units o JOIN yrs
              ON o.valid_from <= yrs.p1 AND (o.valid_to IS NULL OR o.valid_to >= yrs.p1)),
        anc(y, unit_id, scope_id, parent_id, depth) AS (
            SELECT y, unit_id, unit_id, parent_id, 0 FROM tree
            UNION ALL
            SELECT a.y, a.unit_id, t.unit_id, t.parent_id, a.depth + 1 FROM anc a
              JOIN tree t ON t.y = a.y AND t.unit_id = a.parent_id
            WHERE a.depth < 50),
        spells AS (
            SELECT unit_id, CAST(weekly_hours AS DOUBLE) / CAST(coalesce(full_time_hours, 37) AS DOUBLE) AS fraction,
                   start_date AS s, least(coalesce(end_date, {x}), {x}) AS e
            FROM employments
            WHERE employment_type IN ('permanent', 'fixed_term') AND start_date <= {x})
        SELECT a.scope_id AS unit_id, yrs.y AS year,
               sum(sp.fraction * (date_diff('day', greatest(sp.s, yrs.p0), least(sp.e, yrs.p1)) + 1))
                   / any_value(yrs.days) AS avg_fte
        FROM spells sp JOIN yrs ON sp.s <= yrs.p1 AND yrs.p0 <= sp.e
        JOIN anc a ON a.y = yrs.y AND a.unit_id = sp.unit_id
        GROUP BY a.scope_id, yrs.y"""


def step_floor(warehouse: Path, extract: dt.date, threads: int | None) -> dict:
    from sigtepunkt.analytics.calendar import PeriodKind
    from sigtepunkt.analytics.engine.compute import open_engine

    years = sorted(p.p0.year for p in _periods(extract) if p.kind is PeriodKind.YEAR)
    clock = time.perf_counter()
    con = open_engine(warehouse, threads=threads)
    _spill(con, warehouse)
    con.execute(f"CREATE TEMP TABLE floor AS {floor_sql(extract, years)}")
    cells = con.execute("SELECT count(*) FROM floor").fetchall()[0][0]
    return {"seconds": time.perf_counter() - clock, "cells": cells, "periods": len(years)}


STEP_FUNCTIONS = {"engine": step_engine, "pandas": step_pandas, "floor": step_floor}


# --- the driver --------------------------------------------------------------------------------

def _schema_version(warehouse: Path) -> int | None:
    """The schema version of a kept warehouse (one of an older layout is generated again)."""
    import duckdb

    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return stored_schema_version(con)
    except duckdb.Error:
        return None


def warehouse_for(employees: int, work: Path) -> tuple[Path, dict]:
    """Generate and import a synthetic municipality of this size (reused when already in `work`)."""
    home = work / f"home-{employees}"
    ready = home / ".ready"
    if ready.exists() and _schema_version(home / "warehouse.duckdb") == SCHEMA_VERSION:
        return home / "warehouse.duckdb", json.loads(ready.read_text() or "{}")
    shutil.rmtree(home, ignore_errors=True)
    municipalities = "98" if employees >= 200_000 else "1"
    export = work / f"export-{employees}"
    env = os.environ | {"SIGTEPUNKT_HOME": str(home)}
    gen_s, _rss, _ = _run([*SIGTEPUNKT, "generate", "--employees", str(employees), "--seed", "1",
                           "--extract-date", EXTRACT_DATE, "--municipalities", municipalities,
                           "--out", str(export), "--quiet"], env)
    _run([*SIGTEPUNKT, "init"], env)
    imp_s, _rss, out = _run([*SIGTEPUNKT, "import", str(export), "--extract-date", EXTRACT_DATE,
                             "--quiet", "--json"], env)
    shutil.rmtree(export, ignore_errors=True)
    info = {"generate_seconds": round(gen_s, 1), "import_seconds": round(imp_s, 1),
            "rows": json.loads(out)["rows_read"], "municipalities": int(municipalities)}
    ready.write_text(json.dumps(info))
    return home / "warehouse.duckdb", info


def run_step(step: str, warehouse: Path, threads: int | None, timeout: float | None = None) -> dict:
    """Run one step in a child process; its result plus wall time and peak RSS.

    A step that runs past `timeout` seconds or fails (e.g. out of memory or spill space) is
    recorded with its status, the time it ran and the peak RSS it reached.
    """
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    args = [sys.executable, "-m", "benchmarks.key_figures", "--step", step, "--warehouse", str(warehouse),
            "--step-out", str(out), "--years", str(YEARS), "--months", str(MONTHS)]
    if threads:
        args += ["--threads", str(threads)]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
        status = "ok"
        while True:
            pid, code, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout and time.perf_counter() - start > timeout:
                proc.kill()
                _pid, code, usage = os.wait4(proc.pid, 0)
                status = f"stopped after {timeout:.0f} s"
                break
            time.sleep(0.2)
        proc.returncode = os.waitstatus_to_exitcode(code)
        wall = time.perf_counter() - start
        err.seek(0)
        message = err.read().decode(errors="replace").strip().splitlines()
    shutil.rmtree(warehouse.parent / "duckdb-spill", ignore_errors=True)
    # The system time and the page faults apart: at 500,000 employees an eighth of the CPU is the
    # kernel handing out memory that DuckDB gave back between batches (docs/performance.md).
    base = {"wall_seconds": round(wall, 2), "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1), "system_seconds": round(usage.ru_stime, 1),
            "page_faults": usage.ru_minflt, "load_before": round(load, 2)}
    if status == "ok" and proc.returncode == -9:
        status = "killed (SIGKILL: out of memory)"
    elif status == "ok" and proc.returncode != 0:
        status = "failed: " + (message[-1][:300] if message else f"exit {proc.returncode}")
    if status != "ok":
        out.unlink(missing_ok=True)
        return base | {"status": status, "seconds": round(wall, 2), "cells": None}
    result = json.loads(out.read_text())
    out.unlink()
    return result | base | {"status": "ok", "seconds": round(result["seconds"], 2)}


def best_of(step: str, warehouse: Path, args: argparse.Namespace) -> dict:
    """The fastest of `--repeat` runs of a step (pandas runs once): on a shared machine the
    slower runs measure the neighbours. Every run's seconds and load are kept in the JSON."""
    repeat = 1 if step == "pandas" else max(1, args.repeat)
    return _fastest([run_step(step, warehouse, args.threads, args.timeout) for _ in range(repeat)])


def paired(warehouse: Path, args: argparse.Namespace) -> tuple[dict, dict]:
    """The engine and the floor run alternately `--repeat` times: (engine, floor), each the fastest.

    The machine's own speed drifts (on this one by a factor of two within an hour), so the
    fastest engine run and the fastest floor run may come from different moments; an engine
    run and the floor run right after it share theirs. The engine's result also keeps each
    pair's ratio (`paired_ratios`), whose median is the steadier measure of the two.
    """
    engine, floor = [], []
    for _ in range(max(1, args.repeat)):
        engine.append(run_step("engine", warehouse, args.threads, args.timeout))
        floor.append(run_step("floor", warehouse, args.threads, args.timeout))
    pairs = [round(e["seconds"] / f["seconds"], 1) for e, f in zip(engine, floor, strict=True)
             if e["status"] == f["status"] == "ok" and f["seconds"] > 0]
    return _fastest(engine) | {"paired_ratios": pairs}, _fastest(floor)


def _fastest(results: list[dict]) -> dict:
    repeat = len(results)
    ok = [r for r in results if r["status"] == "ok"] or results
    best = min(ok, key=lambda r: r["seconds"])
    if repeat > 1:
        kept = ("seconds", "cpu_seconds", "system_seconds", "page_faults", "peak_rss_mib", "load_before", "status")
        best = best | {"all_runs": [{key: r.get(key) for key in kept} for r in results]}
    return best


def ratios(runs: list[dict]) -> dict:
    by = {(r["employees"], r["step"]): r for r in runs if r.get("status", "ok") == "ok"}
    out = {}
    for size in sorted({r["employees"] for r in runs}):
        e, p, f = by.get((size, "engine")), by.get((size, "pandas")), by.get((size, "floor"))
        out[str(size)] = {
            "engine_over_floor": round(e["seconds"] / f["seconds"], 1) if e and f else None,
            "pandas_over_engine": round(p["seconds"] / e["seconds"], 2) if e and p else None,
        }
        if e and e.get("paired_ratios"):
            out[str(size)]["paired_median"] = round(statistics.median(e["paired_ratios"]), 1)
    return out


def _load(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {"runs": [], "warehouses": {}}


def write_results(data: dict, results: Path, doc: Path | None) -> None:
    results.mkdir(parents=True, exist_ok=True)
    data["ratios"] = ratios(data["runs"])
    (results / "key-figures.json").write_text(json.dumps(data, indent=2, default=str) + "\n")
    table = results_table(data)
    meta = data["meta"]
    (results / "key-figures.md").write_text("\n".join([
        "# Key-figure benchmark", "",
        f"Measured {meta['measured']} on {meta['cpus']} cores, {meta['memory_gib']} GiB "
        f"({meta['machine']}, Python {meta['python']}, DuckDB {meta['duckdb']}, pandas {meta['pandas']}) with "
        "`.venv/bin/python -m benchmarks.key_figures`. See [docs/performance.md](../../docs/performance.md).",
        "", *table, "", *engine_steps_table(data), "",
    ]))
    if doc is not None:
        notes = ""
        if doc.exists() and NOTES in doc.read_text():
            notes = doc.read_text().split(NOTES, 1)[1]
        doc.write_text(performance_doc(data, table) + "\n" + NOTES + notes)


def results_table(data: dict) -> list[str]:
    rows = ["| employees | step | seconds | CPU seconds | peak RSS (MiB) | cells | engine ÷ floor | pandas ÷ engine "
            "| load before |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in sorted(data["runs"], key=lambda r: (r["employees"], STEPS.index(r["step"]))):
        rat = data["ratios"].get(str(r["employees"]), {})
        eo = rat.get("engine_over_floor") if r["step"] == "engine" else None
        pe = rat.get("pandas_over_engine") if r["step"] == "pandas" else None
        ok = r.get("status", "ok") == "ok"
        seconds = f"{r['seconds']:.1f}" if ok else f"{r['status']}"
        cells = f"{r['cells']:,}" if ok else "—"
        rows.append(f"| {r['employees']:,} | {r['step']} | {seconds} | {r.get('cpu_seconds', '')} | "
                    f"{r['peak_rss_mib']:,.0f} | "
                    f"{cells} | {'' if eo is None else eo} | {'' if pe is None else pe} | {r.get('load_before', '')} |")
    return rows


def engine_steps_table(data: dict) -> list[str]:
    engine = sorted((r for r in data["runs"] if r["step"] == "engine" and r.get("timings")),
                    key=lambda r: r["employees"])
    if not engine:
        return []
    steps = [t["step"] for t in engine[-1]["timings"]]
    head = "| engine step | " + " | ".join(f"{r['employees']:,}" for r in engine) + " |"
    rows = ["Where the engine spends its time (seconds per step of `cells_table`, then reading every cell; "
            "the person-level tables "
            "(prepare) and the families run two at a time, so the steps overlap and add up to more than "
            "the whole):", "", head,
            "|---|" + "---:|" * len(engine)]
    for step in steps:
        cells = []
        for r in engine:
            found = [t["seconds"] for t in r["timings"] if t["step"] == step]
            cells.append(f"{found[0]:.1f}" if found else "")
        rows.append(f"| {step} | " + " | ".join(cells) + " |")
    return rows


def _verdicts(data: dict) -> list[str]:
    by = {(r["employees"], r["step"]): r for r in data["runs"]}
    rat = data["ratios"]
    out = []
    big = by.get((500_000, "engine"))
    if big and big.get("status", "ok") != "ok":
        out.append(f"| 500,000 employees in under 60 s | {big['status']} | not met |")
        out.append(f"| 500,000 employees in under 8 GiB | ≥ {big['peak_rss_mib'] / 1024:.1f} GiB | not met |")
    elif big:
        out.append(f"| 500,000 employees in under 60 s | {big['seconds']:.0f} s | "
                   f"{'met' if big['seconds'] < 60 else 'not met'} |")
        gib = big["peak_rss_mib"] / 1024
        out.append(f"| 500,000 employees in under 8 GiB | {gib:.1f} GiB | {'met' if gib < 8 else 'not met'} |")
    pe = rat.get("45000", {}).get("pandas_over_engine")
    if pe is not None:
        out.append(f"| at least 20 × faster than pandas at 45,000 | {pe} × | {'met' if pe >= 20 else 'not met'} |")
    for size, r in sorted(rat.items(), key=lambda kv: int(kv[0])):
        if r.get("engine_over_floor") is not None:
            v = r["engine_over_floor"]
            pairs = by.get((int(size), "engine"), {}).get("paired_ratios") or []
            steadier = (f" (each run against the floor right after it: median {r['paired_median']} ×, "
                        f"{min(pairs)}–{max(pairs)} × in {len(pairs)} pairs)") if r.get("paired_median") else ""
            out.append(f"| catalogue at most 15 × the floor ({int(size):,}) | {v} ×{steadier} | "
                       f"{'met' if v <= 15 else 'not met'} |")
    return out


def performance_doc(data: dict, table: list[str]) -> str:
    meta = data["meta"]
    agreement = data.get("agreement")
    agree_text = ""
    if agreement:
        t = agreement["total"]
        agree_text = (
            f"\nOn the {agreement.get('employees', 0):,}-employee municipality the two agree exactly (value, "
            "numerator, "
            f"denominator and n) on {t['agree']:,} of {t['both']:,} common cells "
            f"({100 * t['agree'] / max(t['both'], 1):.2f} %); {t['engine_only']} cells exist only in the engine "
            f"and {t['pandas_only']} only in pandas. The differences come from the one simplification: the synthetic "
            "municipality's reorganisation (an area moved to another centre mid-year), which pandas follows at p1 "
            "and the engine day by day (see the notes below).\n")
    return "\n".join([
        "# Ydeevne: nøgletalsmotoren (key-figure performance)", "",
        "How fast sigtepunkt computes the key-figure catalogue, against what an analyst would write in "
        "pandas and against the cheapest DuckDB query of the same shape. Numbers are measured and written "
        "down here; tests never assert them.", "",
        "## Reproduce", "",
        "```bash",
        ".venv/bin/python -m benchmarks.key_figures --sizes 2000,45000,500000 --work /tmp/kfbench --repeat 3 \\",
        "    --agreement benchmarks/results/pandas-agreement-2000.json",
        "```", "",
        "`--work` keeps the generated warehouses so that a rerun skips generation and import "
        "(500,000 employees take a few minutes to generate and import). A run replaces the steps it runs "
        "(`--sizes`, `--steps`) in `benchmarks/results/key-figures.json` / `.md` and in this page and keeps "
        "the others. "
        "`.venv/bin/python -m benchmarks.pandas_catalogue.compare WAREHOUSE` compares pandas and the engine "
        "cell by cell; `.venv/bin/python -m benchmarks.engine_diff WAREHOUSE --base REV [--dims ...] "
        "[--batch N]` compares the engine in the working tree with the engine at another revision, cell by "
        "cell (a speed change must not change one number).", "",
        "## Method", "",
        "* **Data**: the synthetic municipality generator (`sigtepunkt generate --seed 1 --extract-date "
        f"{EXTRACT_DATE}`; 98 municipalities from 200,000 employees) with ten years of history, imported "
        "into a warehouse with `sigtepunkt import`.",
        "* **Work**: the whole catalogue (32 figures) for every unit with its sub-units, for each of the "
        "ten calendar years and each of the last 24 months (`standard_periods(extract, years=10, months=24, "
        "quarters=0, rolling=0)`: 34 periods), total and "
        "job-group segments.",
        "* **engine**: `open_engine(warehouse)` + `cells_table(con, Computation(extract, periods, "
        "(\"job_group\",)))`, the measures left in DuckDB's tables and the figures in its view `cells`; "
        "then every cell is read (count and sums of numerator, denominator and n: step *read cells*), so "
        "that producing each cell's numbers is timed as well.",
        "* **pandas**: `benchmarks/pandas_catalogue`, a straightforward vectorised pandas implementation "
        "(read the tables into DataFrames; merges, group-bys, integer-day date arithmetic, a loop over "
        "periods), as a competent analyst would write it. Simplification: each unit sits in the tree as it "
        "is at the period's end (the engine follows the tree day by day); periods that see the same tree "
        "share the history (presence runs, exits, entries). Run on the two smaller sizes only.",
        "* **floor**: one DuckDB query, average FTE (Σ fraction × overlap days ÷ days in the year) of "
        "ordinary employments, fraction = weekly hours ÷ coalesce(full-time hours, 37), rolled up over the "
        "tree at each year's end (recursive CTE) for each of the ten years, totals only "
        "(`benchmarks.key_figures.floor_sql`). It is the least work any engine must do for one additive figure "
        "over this tree and these years.",
        "* **Measurement**: each step in its own process (`os.wait4`), stopped after `--timeout` seconds "
        "(default 1800); the engine keeps DuckDB to its memory limit (`compute.MEMORY_LIMIT`, 5 GB) and "
        f"DuckDB spills beyond it to a folder next to the warehouse, at most {SPILL_LIMIT}. "
        "Seconds is the step's own wall time "
        "inside the process (opening the warehouse, computing, leaving the result in memory; interpreter "
        "start and imports excluded, they are in `wall_seconds` in the JSON), peak RSS is the process's "
        "maximum resident set; CPU seconds is the process's user + system time (including interpreter start), "
        "which other processes on the machine disturb less than wall time (but the machine's own speed "
        "drifts, on some days by a factor of two within an hour, and CPU seconds with it); the JSON keeps "
        "the system time and the minor page faults apart (`system_seconds`, `page_faults`). With `--repeat N` "
        "the engine and floor steps run N times, alternately (engine, floor, engine, ...), and the fastest "
        "run of each counts (all runs are in the JSON); each engine run is also divided by the floor run "
        "right after it, which shares its moment, and the median of those ratios stands beside the "
        "targets. The 1-minute load average before each step is in the table "
        "(on 2 cores, a load above 2 means other processes took part of the machine).", "",
        "## Machine", "",
        f"{meta['cpus']} cores, {meta['memory_gib']} GiB RAM, {meta['machine']}, {meta['system']}; Python "
        f"{meta['python']}, DuckDB {meta['duckdb']}, pandas {meta['pandas']}, numpy {meta['numpy']}. "
        f"Measured {meta['measured']}.", "",
        "## Results", "",
        *table, "",
        *engine_steps_table(data), "",
        "## Against the targets", "",
        "| target | measured | |", "|---|---:|---|", *_verdicts(data), "",
        "## Agreement of the pandas implementation", "",
        "The comparison is fair only if pandas computes the same thing. "
        "`benchmarks/tests/test_key_figures_bench.py` checks that pandas and the engine agree exactly on "
        "headcount, FTE, average FTE and the sickness figures of a small municipality, for the whole "
        "municipality in every period and for every unit in the periods without a reorganisation. The "
        "whole-catalogue agreement below comes from `.venv/bin/python -m benchmarks.pandas_catalogue.compare "
        "WAREHOUSE --employees 2000 --json benchmarks/results/pandas-agreement-2000.json` "
        "(cited with `--agreement`)." + agree_text, "",
    ])


def main() -> None:
    global YEARS, MONTHS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,45000,500000")
    parser.add_argument("--steps", default=",".join(STEPS))
    parser.add_argument("--work", type=Path, help="keep (and reuse) the generated warehouses in this folder")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for key-figures.json and .md")
    parser.add_argument("--doc", type=Path, default=DOC, help="the performance page to write ('-' for none)")
    parser.add_argument("--pandas-max", type=int, default=PANDAS_MAX)
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: DuckDB's, all cores)")
    parser.add_argument("--timeout", type=float, default=1800, help="stop a step after this many seconds")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the engine and floor steps this often and keep the fastest")
    parser.add_argument("--agreement", type=Path, help="JSON from benchmarks.pandas_catalogue.compare to cite")
    parser.add_argument("--years", type=int, default=YEARS, help="calendar years (default 10)")
    parser.add_argument("--months", type=int, default=MONTHS, help="last months (default 24)")
    parser.add_argument("--render", action="store_true", help="only rewrite the .md and the page from the JSON")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--warehouse", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--step-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    extract = dt.date.fromisoformat(EXTRACT_DATE)
    YEARS, MONTHS = args.years, args.months
    if args.step:
        result = STEP_FUNCTIONS[args.step](args.warehouse, extract, args.threads)
        args.step_out.write_text(json.dumps(result))
        return

    import duckdb
    import numpy
    import pandas

    doc = None if str(args.doc) == "-" else args.doc
    if args.render:
        data = _load(args.results / "key-figures.json")
        if args.agreement:
            data["agreement"] = json.loads(args.agreement.read_text())
        write_results(data, args.results, doc)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    steps = [s for s in args.steps.split(",") if s]
    work = args.work or Path(tempfile.mkdtemp(prefix="sigtepunkt-kf-"))
    work.mkdir(parents=True, exist_ok=True)
    data = _load(args.results / "key-figures.json")
    data["meta"] = {"measured": dt.datetime.now().isoformat(timespec="seconds"), "machine": platform.machine(),
                    "system": platform.platform(), "cpus": os.cpu_count(),
                    "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                    "python": platform.python_version(), "duckdb": duckdb.__version__,
                    "pandas": pandas.__version__, "numpy": numpy.__version__, "extract_date": EXTRACT_DATE,
                    "years": YEARS, "months": MONTHS,
                    "targets": TARGETS}
    if args.agreement:
        data["agreement"] = json.loads(args.agreement.read_text())
    try:
        for size in sizes:
            warehouse, info = warehouse_for(size, work)
            data.setdefault("warehouses", {})[str(size)] = info
            data["runs"] = [r for r in data["runs"] if r["employees"] != size or r["step"] not in steps]
            alternate = {"engine", "floor"} <= set(steps) and args.repeat > 1
            pairs = dict(zip(("engine", "floor"), paired(warehouse, args), strict=True)) if alternate else {}
            for step in steps:
                if step == "pandas" and size > args.pandas_max:
                    continue
                result = (pairs.get(step) or best_of(step, warehouse, args)) | {"employees": size, "step": step}
                data["runs"].append(result)
                print(f"{size:>9,} {step:<7} {result['seconds']:8.1f} s {result['peak_rss_mib']:8.0f} MiB "
                      f"{result['cells'] or 0:>10,} cells {result['status']}", flush=True)
                write_results(data, args.results, doc)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
