#!/usr/bin/env bash
# The demo: install, create a synthetic municipality, import it, compute the key figures and
# serve the web application with one demo login per role.
# Usage: scripts/demo.sh [EMPLOYEES]   (default 2000). Data goes to ./demo-data (SIGTEPUNKT_HOME).
# SIGTEPUNKT_PORT (default 8000) and SIGTEPUNKT_DEMO_NO_SERVE=1 (stop before serving) are optional.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh demo
export SIGTEPUNKT_HOME="${SIGTEPUNKT_HOME:-$PWD/demo-data}"
employees="${1:-2000}"
port="${SIGTEPUNKT_PORT:-8000}"
extract_date="${SIGTEPUNKT_DEMO_EXTRACT_DATE:-$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m-%d)}"
sp=.venv/bin/sigtepunkt

# The demo's warehouse is generated data: one of an older layout (schema version) is built again.
if ! $sp init; then
  echo "Demo-lageret har et ældre format og bygges forfra."
  rm -f "$SIGTEPUNKT_HOME/warehouse.duckdb" "$SIGTEPUNKT_HOME/warehouse.duckdb.wal"
  $sp init
fi
$sp generate --employees "$employees" --seed 1 --extract-date "$extract_date" --out "$SIGTEPUNKT_HOME/export"
$sp import "$SIGTEPUNKT_HOME/export" --extract-date "$extract_date"
$sp status
$sp measure
$sp users demo
$sp strategy examples
if [ "${SIGTEPUNKT_DEMO_NO_SERVE:-}" = "1" ]; then
  exit 0
fi
echo
echo "Åbn http://127.0.0.1:$port/ og log ind med et af demo-logins ovenfor."
exec $sp serve --port "$port"
