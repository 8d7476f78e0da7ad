"""Benchmark generation and import at several sizes; write the results to a file.

    .venv/bin/python -m benchmarks.data_foundation --sizes 2000,45000,500000

Each step runs as its own `sigtepunkt` process, so wall time and peak memory (max RSS of
that process, from wait4) are what a user would see. Results go to
`benchmarks/results/data-foundation.json` and `.md`. This is never a test: numbers are
measured and written down, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SIGTEPUNKT = [sys.executable, "-m", "sigtepunkt.cli.main"]
EXTRACT_DATE = "2026-10-31"
ABSENCE_ROWS = 1_000_000


@dataclass(frozen=True)
class Step:
    name: str
    employees: int
    seconds: float
    peak_rss_mib: float
    rows: int

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run a command; return wall seconds, its peak RSS in MiB, and its stdout."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        err = proc.stderr.read().decode() if proc.stderr else ""
        out.seek(0)
        text = out.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{text[-2000:]}\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, text


def _count_rows(folder: Path) -> dict[str, int]:
    return {p.name: sum(1 for _ in p.open("rb")) - 1 for p in sorted(folder.glob("*.csv"))}


def bench_size(employees: int, work: Path) -> list[Step]:
    municipalities = "98" if employees >= 200_000 else "1"
    home, export = work / f"home-{employees}", work / f"export-{employees}"
    env = os.environ | {"SIGTEPUNKT_HOME": str(home)}
    secs, rss, _out = _run([*SIGTEPUNKT, "generate", "--employees", str(employees), "--seed", "1",
                            "--extract-date", EXTRACT_DATE, "--municipalities", municipalities,
                            "--out", str(export), "--quiet"], env)
    rows = sum(_count_rows(export).values())
    steps = [Step("generate", employees, secs, rss, rows)]
    _run([*SIGTEPUNKT, "init"], env)
    secs, rss, out = _run([*SIGTEPUNKT, "import", str(export), "--extract-date", EXTRACT_DATE,
                           "--quiet", "--json"], env)
    steps.append(Step("import", employees, secs, rss, json.loads(out)["rows_read"]))
    return steps


def bench_absence(work: Path, source_size: int) -> Step:
    """Import one million absence rows into the biggest warehouse, as a monthly re-extract would.

    The rows already exist (the first million of the export), so the import replaces them by
    key and re-checks the whole warehouse: the work a real correction does, not a load into
    an empty table.
    """
    export, home = work / f"export-{source_size}", work / f"home-{source_size}"
    only = work / "absence-only"
    only.mkdir(exist_ok=True)
    env = os.environ | {"SIGTEPUNKT_HOME": str(home)}
    with (export / "fravaer.csv").open("rb") as src, (only / "fravaer.csv").open("wb") as dst:
        for number, line in enumerate(src):
            if number > ABSENCE_ROWS:
                break
            dst.write(line)
    secs, rss, out = _run([*SIGTEPUNKT, "import", str(only / "fravaer.csv"), "--extract-date",
                           EXTRACT_DATE, "--quiet", "--json"], env)
    rows = json.loads(out)["rows_read"]
    return Step(f"import {rows:,} absence rows into a full warehouse", source_size, secs, rss, rows)


def write_results(steps: list[Step]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {"measured": dt.datetime.now().isoformat(timespec="seconds"), "machine": platform.machine(),
            "cpus": os.cpu_count(), "python": platform.python_version()}
    data = {"meta": meta, "steps": [asdict(s) | {"rows_per_second": round(s.rows_per_second)} for s in steps]}
    (RESULTS / "data-foundation.json").write_text(json.dumps(data, indent=2) + "\n")
    lines = [
        "# Data foundation benchmark",
        "",
        f"Measured {meta['measured']} on {meta['cpus']} cores ({meta['machine']}, Python {meta['python']}) with "
        "`.venv/bin/python -m benchmarks.data_foundation`.",
        "",
        "| step | employees | seconds | rows | rows/s | peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|---:|",
        *(f"| {s.name} | {s.employees:,} | {s.seconds:.1f} | {s.rows:,} | {s.rows_per_second:,.0f} | "
          f"{s.peak_rss_mib:,.0f} |" for s in steps),
        "",
    ]
    (RESULTS / "data-foundation.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,45000,500000")
    parser.add_argument("--keep", type=Path, help="keep the generated data in this folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="sigtepunkt-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    steps: list[Step] = []
    try:
        for size in sizes:
            steps.extend(bench_size(size, work))
            print(*(f"{s.name} {s.employees}: {s.seconds:.1f} s, {s.peak_rss_mib:.0f} MiB" for s in steps[-2:]),
                  sep="\n", flush=True)
            write_results(steps)
        steps.append(bench_absence(work, max(sizes)))
        print(f"{steps[-1].name}: {steps[-1].seconds:.1f} s", flush=True)
        write_results(steps)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
