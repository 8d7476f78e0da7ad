"""Render what the demo's last commands print as an SVG "screenshot" for README.md.

    .venv/bin/python scripts/readme_screenshot.py DATA_FOLDER docs/images/status.svg
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text


def main() -> None:
    home, out = Path(sys.argv[1]), Path(sys.argv[2])
    env = os.environ | {"SIGTEPUNKT_HOME": str(home), "FORCE_COLOR": "1", "COLUMNS": "104", "TERM": "xterm-256color"}
    console = Console(record=True, width=104, force_terminal=True)
    sp = str(Path(sys.executable).parent / "sigtepunkt")
    for args in (["status"], ["explain", "turnover_rate"]):
        console.print(Text("$ sigtepunkt " + " ".join(args), style="bold green"))
        shown = subprocess.run([sp, *args], env=env, capture_output=True, text=True, check=True).stdout
        console.print(Text.from_ansi(shown))
    out.parent.mkdir(parents=True, exist_ok=True)
    console.save_svg(str(out), title="sigtepunkt")


if __name__ == "__main__":
    main()
