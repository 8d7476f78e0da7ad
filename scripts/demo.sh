#!/usr/bin/env bash
# The demo: install, create a synthetic municipality, import it and show what was loaded.
# Usage: scripts/demo.sh [EMPLOYEES]   (default 2000). Data goes to ./demo-data (SIGTEPUNKT_HOME).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh demo
export SIGTEPUNKT_HOME="${SIGTEPUNKT_HOME:-$PWD/demo-data}"
employees="${1:-2000}"
extract_date="${SIGTEPUNKT_DEMO_EXTRACT_DATE:-$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m-%d)}"
sp=.venv/bin/sigtepunkt

$sp init
$sp generate --employees "$employees" --seed 1 --extract-date "$extract_date" --out "$SIGTEPUNKT_HOME/export"
$sp import "$SIGTEPUNKT_HOME/export" --extract-date "$extract_date"
$sp status
$sp measure
