"""Benchmark the web application under concurrent users; write the results to a file.

    .venv/bin/python -m benchmarks.web --employees 45000 --work /tmp/webbench

Prepares (or reuses) a data folder with the synthetic municipality, measured, with the demo
logins; starts the real server (`sigtepunkt serve --workers 2`: gunicorn, 2 processes × 8 threads;
`--workers 1` is waitress, one process) on a free loopback
port with SIGTEPUNKT_SERVER_TIMING=1, so that each response carries the application's own time
(`Server-Timing: app;dur=…`); logs simulated users in and has them request pages in a
realistic mix for a fixed time. Results per page type go to `benchmarks/results/web.json`
and `.md` and to `docs/performance-web.md`, under a label (`--label before`, `--label after`),
so that a rerun replaces its own label and keeps the others. Never a test: numbers are
measured and written down, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import logging
import os
import platform
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DOC = ROOT / "docs" / "performance-web.md"
SIGTEPUNKT = [sys.executable, "-m", "sigtepunkt.cli.main"]
EXTRACT_DATE = "2026-10-31"
DEMO_USERS = ("admin", "hr", "leder", "med", "laeser")
PASSWORD = "sigtepunkt-demo"
LEVELS = ("municipality", "centre", "area", "workplace")
PERIODS = ("year", "year", "quarter", "month", "rolling12")
TARGET_MS = 150
NOTES = "<!-- notes: hand-written below, kept by benchmarks.web -->"
# Share of each page type in the mix: the unit page is what leaders and analysts open most.
MIX = (("unit", 0.70), ("forside", 0.10), ("organisation", 0.10), ("figure", 0.10))


def _run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return round(time.perf_counter() - start, 1)


def prepare(employees: int, work: Path, segments: str) -> tuple[Path, dict]:
    """The data folder, built unless it holds a measured store already; demo logins (re)made."""
    home, export = work / f"home-{employees}", work / f"export-{employees}"
    env = os.environ | {"SIGTEPUNKT_HOME": str(home)}
    steps = {}
    if not (home / "measurements.duckdb").exists():
        steps["init"] = _run([*SIGTEPUNKT, "init"], env)
        steps["generate"] = _run([*SIGTEPUNKT, "generate", "--employees", str(employees), "--seed", "1",
                                  "--extract-date", EXTRACT_DATE, "--out", str(export), "--quiet"], env)
        steps["import"] = _run([*SIGTEPUNKT, "import", str(export), "--extract-date", EXTRACT_DATE, "--quiet"], env)
        steps["measure"] = _run([*SIGTEPUNKT, "measure", "--quiet", "--segments", segments], env)
    steps["users demo"] = _run([*SIGTEPUNKT, "users", "demo"], env)
    return home, steps


def plan_write() -> None:
    """Hidden step, run in the data folder's environment: what each demo user may open, as JSON on stdout."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sigtepunkt.web.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from sigtepunkt.analytics.catalogue import FIGURES
    from sigtepunkt.web.accounts.access import access_for_user
    from sigtepunkt.web.store import store_cursor, unit_tree

    tree = unit_tree()
    users = {}
    for user in get_user_model().objects.filter(username__in=DEMO_USERS):
        visible = [tree.units[u] for u in access_for_user(user=user, tree=tree).visible if tree.units[u].is_current]
        users[user.username] = {level: sorted(u.unit_id for u in visible if u.level == level) for level in LEVELS}
    con = store_cursor()
    facts = {"units": len(tree.units),
             "measurements": con.execute("SELECT count(*) FROM measurements").fetchall()[0][0],
             "store_mib": round((Path(os.environ["SIGTEPUNKT_HOME"]) / "measurements.duckdb").stat().st_size / 2**20)}
    print(json.dumps({"users": users, "figures": [f.id for f in FIGURES], "facts": facts}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    """One logged-in browser: a keep-alive connection and its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Accept-Language": "da"}
        if body is not None:
            headers |= {"Content-Type": "application/x-www-form-urlencoded",
                        "Referer": f"http://127.0.0.1:{self.port}/login/"}
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    raise
        for raw in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(raw).items():
                self.cookies[key] = morsel.value
        return response.status, data, dict(response.headers)

    def login(self, username: str) -> None:
        _status, html, _h = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
        status, _body, _h = self.request("POST", "/login/", form)
        if status != 302:
            raise RuntimeError(f"login of {username} failed with status {status}")


def server_start(home: Path, port: int, threads: int, workers: int, log: Path) -> subprocess.Popen:
    env = os.environ | {"SIGTEPUNKT_HOME": str(home), "SIGTEPUNKT_SERVER_TIMING": "1"}
    proc = subprocess.Popen([*SIGTEPUNKT, "serve", "--port", str(port), "--threads", str(threads),
                             "--workers", str(workers)], env=env,
                            cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped; see {log}")
        try:
            if Session(port).request("GET", "/login/")[0] == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("the server did not start within 120 s")


def _children(pid: int) -> list[int]:
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    return [int(c) for t in tasks for c in (t / "children").read_text().split()]


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by the server and its worker processes."""
    total = 0.0
    for one in (pid, *_children(pid)):
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def peak_rss_mib(pid: int) -> float | None:
    """The server's peak resident memory: its own plus its worker processes' (gunicorn), summed."""
    total = None
    for one in (pid, *_children(pid)):
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        if found:
            total = (total or 0) + int(found.group(1))
    return round(total / 1024, 1) if total is not None else None


def choose(rng: random.Random, allowed: dict[str, list[str]], figures: list[str]) -> tuple[str, str]:
    """A page for one user: (page type, path), unit pages spread over the levels the user can see."""
    kind = rng.choices([k for k, _w in MIX], weights=[w for _k, w in MIX])[0]
    if kind == "forside":
        return kind, "/"
    if kind == "organisation":
        return kind, "/organisation/"
    if kind == "figure":
        level = rng.choice([lv for lv in LEVELS if allowed[lv]])
        return kind, f"/noegletal/{rng.choice(figures)}/?niveau={level}"
    level = rng.choice([lv for lv in LEVELS if allowed[lv]])
    query = {"figur": rng.choice(figures), "periode": rng.choice(PERIODS)}
    if rng.random() < 0.25:  # a first visit: the default figure and period
        query = {}
    suffix = "?" + urllib.parse.urlencode(query) if query else ""
    return f"unit: {level}", f"/enhed/{rng.choice(allowed[level])}/{suffix}"


def user_loop(number: int, port: int, plan: dict, warmup_end: float, end: float, records: list, seed: int,
              think: float) -> None:
    username = DEMO_USERS[number % len(DEMO_USERS)]
    session, rng = Session(port), random.Random(seed * 1000 + number)
    session.login(username)
    allowed = plan["users"][username]
    while (now := time.monotonic()) < end:
        kind, path = choose(rng, allowed, plan["figures"])
        start = time.perf_counter()
        try:
            status, _body, headers = session.request("GET", path)
        except OSError as exc:
            status, headers = f"error: {exc}", {}
        client_ms = (time.perf_counter() - start) * 1000
        timing = re.search(r"app;dur=([\d.]+)", headers.get("Server-Timing", ""))
        if now >= warmup_end:
            records.append((kind, status, float(timing.group(1)) if timing else None, client_ms))
        if think:
            time.sleep(rng.uniform(0, 2 * think))


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 100)) - 1))], 1)


def summarise(records: list, seconds: float) -> dict[str, dict]:
    kinds = sorted({r[0] for r in records}, key=lambda k: (not k.startswith("unit"), k))
    groups = {k: [r for r in records if r[0] == k] for k in kinds}
    groups["unit: all"] = [r for r in records if r[0].startswith("unit")]
    groups["all pages"] = records
    out = {}
    for kind, rows in groups.items():
        ok = [r for r in rows if r[1] == 200]
        server = [r[2] for r in ok if r[2] is not None]
        client = [r[3] for r in ok]
        out[kind] = {"requests": len(rows), "errors": len(rows) - len(ok), "per_second": round(len(rows) / seconds, 1),
                     "server_ms": {f"p{q}": percentile(server, q) for q in (50, 95, 99)} | {
                         "max": round(max(server), 1) if server else None},
                     "client_ms": {f"p{q}": percentile(client, q) for q in (50, 95, 99)} | {
                         "max": round(max(client), 1) if client else None}}
    return out


def measure(home: Path, plan: dict, args: argparse.Namespace, log: Path) -> dict:
    port = free_port()
    proc = server_start(home, port, args.threads, args.workers, log)
    try:
        records: list = []
        load_before = os.getloadavg()
        start = time.monotonic()
        warmup_end, end = start + args.warmup, start + args.warmup + args.duration
        threads = [threading.Thread(target=user_loop, args=(i, port, plan, warmup_end, end, records, args.seed,
                                                            args.think), daemon=True) for i in range(args.users)]
        for t in threads:
            t.start()
        time.sleep(max(0.0, warmup_end - time.monotonic()))
        cpu_start = cpu_seconds(proc.pid)
        for t in threads:
            t.join()
        seconds = time.monotonic() - warmup_end
        cpu = cpu_seconds(proc.pid) - cpu_start
        rss = peak_rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"measured": dt.datetime.now().isoformat(timespec="seconds"), "users": args.users,
            "threads": args.threads, "workers": args.workers, "think_seconds": args.think,
            "warmup_seconds": args.warmup,
            "duration_seconds": round(seconds, 1), "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()], "server_peak_rss_mib": rss,
            "server_cpu_seconds": round(cpu, 1),
            "server_cpu_ms_per_request": round(1000 * cpu / max(1, len(records)), 1),
            "pages": summarise(records, seconds)}


def machine() -> dict:
    from importlib.metadata import version

    import django
    import duckdb

    return {"machine": platform.machine(), "system": platform.platform(), "cpus": os.cpu_count(),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "python": platform.python_version(), "django": django.__version__, "duckdb": duckdb.__version__,
            "waitress": version("waitress"), "gunicorn": _version_or_none("gunicorn")}


def _version_or_none(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def table(run: dict) -> list[str]:
    rows = ["| page | requests | errors | req/s | server p50 | p95 | p99 | max | client p50 | p95 | p99 | max |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for kind, s in run["pages"].items():
        sv, cl = s["server_ms"], s["client_ms"]
        cells = [sv["p50"], sv["p95"], sv["p99"], sv["max"], cl["p50"], cl["p95"], cl["p99"], cl["max"]]
        name = f"**{kind}**" if kind == "unit: all" else kind
        rows.append(f"| {name} | {s['requests']:,} | {s['errors']} | {s['per_second']} | "
                    + " | ".join("" if c is None else f"{c:,.0f}" for c in cells) + " |")
    return rows


def _server(run: dict) -> str:
    workers = run.get("workers", 1)
    if workers == 1:
        return f"1 server process (waitress) × {run['threads']} threads"
    return f"{workers} server processes (gunicorn gthread) × {run['threads']} threads"


def run_text(label: str, run: dict) -> list[str]:
    unit = run["pages"].get("unit: all", {}).get("server_ms", {}).get("p95")
    verdict = "" if unit is None else (f"Unit page server time p95 {unit:,.0f} ms: target < {TARGET_MS} ms "
                                       f"{'met' if unit < TARGET_MS else 'not met'}.")
    return [f"### {label}", "",
            f"Measured {run['measured']}: {run['users']} users, {_server(run)}, think time "
            f"{run['think_seconds']} s, {run['duration_seconds']} s after {run['warmup_seconds']} s warm-up; "
            f"load average before {run['load_before'][0]}, after {run['load_after'][0]} (1 min); server peak RSS "
            f"{run['server_peak_rss_mib']} MiB{_cpu(run)}. Times in ms.", "", *table(run), "", verdict, ""]


def _cpu(run: dict) -> str:
    if "server_cpu_ms_per_request" not in run:
        return ""
    return (f"; server CPU {run['server_cpu_seconds']} s in the counted time, "
            f"{run['server_cpu_ms_per_request']} ms per request (all pages)")


def write_results(data: dict, doc: Path | None) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "web.json").write_text(json.dumps(data, indent=2) + "\n")
    meta, facts = data["meta"], data.get("facts", {})
    head = (f"{meta['cpus']} cores, {meta['memory_gib']} GiB ({meta['machine']}, {meta['system']}); Python "
            f"{meta['python']}, Django {meta['django']}, DuckDB {meta['duckdb']}, waitress {meta['waitress']}, "
            f"gunicorn {meta.get('gunicorn')}. "
            f"{data['employees']:,} employees: {facts.get('units', 0):,} units, "
            f"{facts.get('measurements', 0):,} stored cells, store {facts.get('store_mib')} MiB.")
    runs = [line for label, run in data["runs"].items() for line in run_text(label, run)]
    (RESULTS / "web.md").write_text("\n".join(["# Web benchmark", "", head, "",
                                               "`.venv/bin/python -m benchmarks.web`; see "
                                               "[docs/performance-web.md](../../docs/performance-web.md).", "",
                                               *runs]))
    if doc is not None:
        notes = doc.read_text().split(NOTES, 1)[1] if doc.exists() and NOTES in doc.read_text() else "\n"
        doc.write_text("\n".join(performance_doc(data, head, runs)) + "\n" + NOTES + notes)


def performance_doc(data: dict, head: str, runs: list[str]) -> list[str]:
    return [
        "# Ydeevne: webapplikationen (web performance)", "",
        f"How fast the pages answer on the {data['employees']:,}-employee synthetic municipality with "
        f"{data['runs'][next(iter(data['runs']))]['users']} users at once on one machine. Target: the unit page's "
        f"server time at the 95th percentile under {TARGET_MS} ms with 20 concurrent users on loopback. "
        "Numbers are measured and written down here; tests never assert them.", "",
        "## Reproduce", "", "```bash",
        f".venv/bin/python -m benchmarks.web --employees {data['employees']} --work /tmp/webbench --label after",
        "```", "",
        "`--work` keeps the data folder, so a rerun skips generation, import and measurement (a few minutes at "
        "45,000 employees). A run replaces its own `--label` in `benchmarks/results/web.json` / `.md` and here.", "",
        "## Method", "",
        "* **Data**: `sigtepunkt init`, `generate --employees N --seed 1 --extract-date 2026-10-31`, `import`, "
        f"`measure --segments {data.get('segments', 'job_group')}` (all figures, all periods, the shipped "
        "benchmarks; the unit page shows the job-group segment, and all five segments at 45,000 employees need "
        "more than 20 GiB in `measure` today), `users demo`.",
        "* **Server**: `sigtepunkt serve --workers N --threads 8` (N = 1: waitress, one process; N > 1: gunicorn, "
        "N processes with 8 threads each; the runs say which) on a free loopback port, with "
        "`SIGTEPUNKT_SERVER_TIMING=1`: the middleware `sigtepunkt.web.timing` wraps all others and adds "
        "`Server-Timing: app;dur=<ms>`, the **server time**. The **client time** is from sending the request to "
        "the last byte of the answer, as the simulated browser sees it (so it includes waiting for a free "
        "server thread).",
        "* **Users**: each simulated user is one thread with its own keep-alive connection and session, logged in "
        "through the login form as one of the demo users in turn (admin, hr, leder, med, laeser), requesting "
        "page after page without pause (think time 0 unless stated): the worst case of 20 people clicking at "
        "once. Mix: 70 % unit pages (level chosen evenly among the municipality, centres, areas and workplaces "
        "the user may see, then a unit; a random figure and period kind, a quarter of them the default page), "
        "10 % each forside, organisation and a figure page at a random level. Requests in the warm-up are not "
        "counted.",
        "* **Peak RSS**: the server process's VmHWM at the end.", "",
        "## Machine", "", head, "",
        "## Results", "", *runs,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=45_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/webbench"), help="data folders, kept for reruns")
    parser.add_argument("--users", type=int, default=20, help="concurrent simulated users")
    parser.add_argument("--threads", type=int, default=8, help="server threads per process")
    parser.add_argument("--workers", type=int, default=2,
                        help="server processes (1: waitress; more: gunicorn with gthread workers)")
    parser.add_argument("--duration", type=float, default=60, help="seconds counted, after the warm-up")
    parser.add_argument("--warmup", type=float, default=10, help="seconds of requests not counted")
    parser.add_argument("--think", type=float, default=0, help="mean pause between a user's requests (s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--segments", default="job_group",
                        help="segments to measure (the unit page shows job groups; all five segments at 45,000 "
                             "employees need more than 20 GiB in `measure`)")
    parser.add_argument("--label", default="run", help="name of this run in the results (replaces the same label)")
    parser.add_argument("--doc", type=Path, default=DOC, help="the performance page to write ('-' for none)")
    parser.add_argument("--plan", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plan:
        plan_write()
        return
    args.work.mkdir(parents=True, exist_ok=True)
    home, steps = prepare(args.employees, args.work, args.segments)
    env = os.environ | {"SIGTEPUNKT_HOME": str(home)}
    plan = json.loads(subprocess.run([sys.executable, "-m", "benchmarks.web", "--plan"], env=env, cwd=ROOT,
                                     check=True, capture_output=True, text=True).stdout)
    path = RESULTS / "web.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    if data.get("employees") != args.employees:
        data = {"runs": {}}
    data |= {"employees": args.employees, "meta": machine(), "facts": plan["facts"], "prepare_seconds": steps,
                               "segments": args.segments}
    data["runs"][args.label] = measure(home, plan, args, args.work / "server.log")
    write_results(data, None if str(args.doc) == "-" else args.doc)
    print("\n".join(run_text(args.label, data["runs"][args.label])))


if __name__ == "__main__":
    main()
