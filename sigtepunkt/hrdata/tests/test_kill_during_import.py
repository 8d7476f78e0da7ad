"""A killed import leaves the warehouse exactly as it was: the whole import is one transaction.

A subprocess imports a large valid input (the fixture, 40 more employments and about 212,000
absence records); it is SIGKILLed while it waits just before COMMIT (the fault-injection
hook `SIGTEPUNKT_TEST_PAUSE_BEFORE_COMMIT`), and at earlier moments. Afterwards the warehouse
opens, holds exactly what it held before, and takes a further import.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

from sigtepunkt.config import Settings
from sigtepunkt.hrdata.tests.support import (
    CRLF,
    ENCODING,
    FIXTURE_DIR,
    cli_command,
    cli_env,
    contents,
    copy_fixture,
    run_import,
)

EXTRA_EMPLOYMENTS = 40
FIRST_DAY = dt.date(2010, 1, 1)
LAST_DAY = dt.date(2024, 6, 30)  # the extract date


def _cpr(n: int) -> str:
    """A valid CPR number for synthetic person n (born 1970-1989, none in the fixture)."""
    day, month, year = 1 + n % 28, 1 + (n // 28) % 12, 70 + n % 20
    return f"{day:02d}{month:02d}{year:02d}-{1000 + n:04d}"


def write_large_input(folder: Path) -> tuple[Path, int]:
    """The fixture plus extra employments and one absence day per employment per day."""
    copy_fixture(folder)
    employments = ["CPR-nummer;Ansættelses-ID;Enheds-ID;Faggruppe;Leder;Ugentlig arbejdstid;Ansættelsestype;Startdato"]
    days = [(FIRST_DAY + dt.timedelta(d)).strftime("%d-%m-%Y") for d in range((LAST_DAY - FIRST_DAY).days + 1)]
    absences = ["CPR-nummer;Ansættelses-ID;Fra dato;Til dato;Timer;Dage;Årsag"]
    for n in range(EXTRA_EMPLOYMENTS):
        cpr, emp = _cpr(n), f"X{n:03d}"
        employments.append(f"{cpr};{emp};1111;Sygeplejersker;nej;37,00;Fastansat;{days[0]}")
        absences.extend(f"{cpr};{emp};{d};{d};7,4;1;Egen sygdom" for d in days)
    (folder / "ansaettelser_ekstra.csv").write_bytes((CRLF.join(employments) + CRLF).encode(ENCODING))
    (folder / "fravaer_stor.csv").write_bytes((CRLF.join(absences) + CRLF).encode(ENCODING))
    return folder, len(absences) - 1


def _start_import(settings: Settings, folder: Path) -> subprocess.Popen[str]:
    env = cli_env(settings.home)
    env["SIGTEPUNKT_TEST_PAUSE_BEFORE_COMMIT"] = "30"
    return subprocess.Popen(
        cli_command("import", str(folder), "--extract-date", LAST_DAY.isoformat(), "--quiet"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for_line(proc: subprocess.Popen[str], line: str, timeout: float) -> list[str]:
    seen: list[str] = []
    found = threading.Event()

    def reader() -> None:
        assert proc.stdout is not None
        for text in proc.stdout:
            seen.append(text.rstrip("\n"))
            if text.strip() == line:
                found.set()
                return

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    found.wait(timeout)
    return seen if found.is_set() else seen + ["<timeout>"]


def _kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL


def _assert_intact_and_usable(settings: Settings, before) -> None:
    assert contents(settings, include_log=True) == before
    report = run_import(settings, FIXTURE_DIR)  # a further normal import works
    assert report.status == "accepted", report.problems


def _run_until_pause(settings: Settings, folder: Path) -> float:
    """Start the import, wait until it pauses before COMMIT, kill it; return how long that took.

    Only an import that passed every check reaches the pause, so this also proves the large
    input is valid and the kill hits an import that would have been committed.
    """
    started = time.perf_counter()
    proc = _start_import(settings, folder)
    try:
        seen = _wait_for_line(proc, "PAUSE_BEFORE_COMMIT", timeout=120)
        assert seen[-1:] == ["PAUSE_BEFORE_COMMIT"], (seen, proc.poll(), proc.stderr and proc.stderr.read())
        elapsed = time.perf_counter() - started
        assert proc.poll() is None
    finally:
        if proc.poll() is None:
            _kill(proc)
    return elapsed


def test_it_leaves_the_warehouse_unchanged_when_killed_before_commit(loaded_warehouse, tmp_path):
    folder, rows = write_large_input(tmp_path / "large")
    assert rows > 200_000
    before = contents(loaded_warehouse, include_log=True)
    _run_until_pause(loaded_warehouse, folder)
    _assert_intact_and_usable(loaded_warehouse, before)


def test_it_leaves_the_warehouse_unchanged_when_killed_at_earlier_moments(loaded_warehouse, tmp_path):
    folder, _rows = write_large_input(tmp_path / "large")
    before = contents(loaded_warehouse, include_log=True)
    to_pause = _run_until_pause(loaded_warehouse, folder)
    assert contents(loaded_warehouse, include_log=True) == before
    rng = random.Random()
    delays = [0.2, rng.uniform(0.3, 0.95) * to_pause, rng.uniform(0.3, 0.95) * to_pause]
    for delay in delays:
        proc = _start_import(loaded_warehouse, folder)  # pauses before COMMIT: it cannot commit first
        time.sleep(delay)
        assert proc.poll() is None, f"the import ended within {delay:.2f} s: {proc.stderr and proc.stderr.read()}"
        _kill(proc)
        assert contents(loaded_warehouse, include_log=True) == before, f"killed after {delay:.2f} s of {to_pause:.2f} s"
    _assert_intact_and_usable(loaded_warehouse, before)
