"""Screenshots of the web application's main pages for the documentation, in docs/images/.

Logs in as the demo HR analyst (`hr`, password `sigtepunkt-demo`) through the login form, in
Debian's Chromium (/usr/bin/chromium) driven by Playwright, and writes one PNG per page,
overwriting the old ones: overview.png (forside), organisation.png, unit.png (a centre),
figure.png (sickness absence across units) and data.png (the data page).

Usage:
    .venv/bin/python scripts/screenshots.py                 # start `sigtepunkt serve` on SIGTEPUNKT_HOME
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8766   # use a running server

Without --url the script starts the demo server on --port (8766) for the data folder in
SIGTEPUNKT_HOME and stops it afterwards. That folder must hold a measured demo with the demo
users, for example (the pictures in the repository were made from exactly this):

    export SIGTEPUNKT_HOME=/tmp/webshots
    sigtepunkt init
    sigtepunkt generate --employees 2000 --seed 1 --extract-date 2026-10-31 --out /tmp/webshots/export
    sigtepunkt import /tmp/webshots/export --extract-date 2026-10-31
    sigtepunkt measure
    sigtepunkt users demo
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
USER, PASSWORD = "hr", "sigtepunkt-demo"
WIDTH, MAX_HEIGHT = 1280, 1800
CHARTS_DRAWN = ("() => [...document.querySelectorAll('[data-chart-spec]')]"
                ".every(e => e.querySelector('svg[role=img]') || (!e.querySelector('svg') && e.textContent.trim()))")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server; without it the demo server is started")
    parser.add_argument("--port", type=int, default=8766, help="port of the started server (default 8766)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images", help="folder of the PNGs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with server(args.url, args.port) as url:
        for path in shoot(url, args.out):
            print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


@contextlib.contextmanager
def server(url: str | None, port: int) -> Iterator[str]:
    """The given server, or `sigtepunkt serve` started for the duration (stopped however we leave)."""
    if url:
        yield url.rstrip("/")
        return
    if not os.environ.get("SIGTEPUNKT_HOME"):
        sys.exit("Set SIGTEPUNKT_HOME to a data folder with a measured demo, or pass --url (see --help).")
    executable = Path(sys.executable).with_name("sigtepunkt")
    process = subprocess.Popen([str(executable), "serve", "--port", str(port)], cwd=REPO)
    started = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{started}/login/", process)
        yield started
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"The server stopped (exit {process.returncode}) before it answered.")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        time.sleep(0.5)
    sys.exit(f"The server did not answer at {url} within {timeout:.0f} s.")


def shoot(url: str, out: Path) -> list[Path]:
    """Log in and take the pictures; the unit page is the first centre, reached as a user would."""
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        page = browser.new_context(viewport={"width": WIDTH, "height": 900}, locale="da-DK").new_page()
        page.goto(f"{url}/login/")
        page.fill("#id_username", USER)
        page.fill("#id_password", PASSWORD)
        page.click("form[action='/login/'] button[type=submit]")
        page.wait_for_url(f"{url}/")
        written.append(picture(page, f"{url}/", out / "overview.png"))
        written.append(picture(page, f"{url}/organisation/", out / "organisation.png"))
        centre = page.locator(".tree > ul > li > ul > li > a").first.get_attribute("href")
        written.append(picture(page, f"{url}{centre}", out / "unit.png"))
        written.append(picture(page, f"{url}/noegletal/sickness_absence_rate/", out / "figure.png"))
        written.append(picture(page, f"{url}/data/", out / "data.png"))
        browser.close()
    return written


def picture(page: Page, url: str, path: Path) -> Path:
    """The page from the top, as tall as it is up to MAX_HEIGHT, once its charts are drawn."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    height = min(page.evaluate("() => document.documentElement.scrollHeight"), MAX_HEIGHT)
    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": WIDTH, "height": height})
    return path


if __name__ == "__main__":
    sys.exit(main())
