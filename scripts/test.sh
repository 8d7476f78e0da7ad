#!/usr/bin/env bash
# The whole test suite: install what is needed, lint, then pytest twice — everything on SQLite
# (the embedded default), and the web application with its browser tests on PostgreSQL (production).
# Usage: scripts/test.sh [PYTEST_ARGS...]
#   Without arguments: the whole suite on SQLite, then sigtepunkt/web and tests/browser on PostgreSQL.
#   With arguments: both runs get the same arguments (e.g. scripts/test.sh sigtepunkt/web -x).
# PostgreSQL: the server on 127.0.0.1:5432 when it answers, else a private one that
# scripts/postgres.sh starts (and this script stops at exit). No PostgreSQL is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
.venv/bin/ruff check sigtepunkt tests benchmarks scripts

private_was_running=no
[ -f .tmp/postgres/data/postmaster.pid ] && private_was_running=yes
if ! pg_url=$(scripts/postgres.sh start "sigtepunkt_test_$$"); then
  echo "PostgreSQL could be neither found on 127.0.0.1:5432 nor started privately (see above)." >&2
  echo "The tests need it: install Debian's postgresql package (scripts/setup.sh test does) and retry." >&2
  exit 1
fi
if [ "$private_was_running" = no ]; then
  trap 'scripts/postgres.sh stop' EXIT
fi

# Tests run on every core (at most four): one worker per core, each with its own test
# database, data home and browser; a worker that is free takes tests from a busy one, so the
# long ones (Spark, the browser sweeps) do not leave the other core idle at the end. Arguments
# given to this script come after and win (e.g. -n 0 runs everything in one process).
PARALLEL=(-n auto --maxprocesses 4 --dist worksteal)

run_pytest() {  # run_pytest LABEL ARGS...: pytest, where collecting no tests counts as a failure
  local label="$1" status
  shift
  echo "== pytest on $label: $*"
  set +e
  .venv/bin/python -m pytest "${PARALLEL[@]}" "$@"
  status=$?
  set -e
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests on $label: that is a failure here." >&2
    return 1
  fi
  return "$status"
}

pg_args=("$@")
[ $# -eq 0 ] && pg_args=(sigtepunkt/web tests/browser)

sqlite_status=0
(unset SIGTEPUNKT_DATABASE_URL; export SIGTEPUNKT_EXPECT_DB=sqlite; run_pytest SQLite "$@") || sqlite_status=$?
pg_status=0
(export SIGTEPUNKT_DATABASE_URL="$pg_url" SIGTEPUNKT_EXPECT_DB=postgresql; run_pytest PostgreSQL "${pg_args[@]}") \
  || pg_status=$?

if [ "$sqlite_status" -ne 0 ] || [ "$pg_status" -ne 0 ]; then
  echo "Tests failed (SQLite: exit $sqlite_status, PostgreSQL: exit $pg_status)." >&2
  exit 1
fi
