#!/usr/bin/env bash
# A PostgreSQL for the tests: the one on 127.0.0.1:5432 when it answers, else a private one.
#
# Usage: scripts/postgres.sh start [DBNAME]  — make sure a server runs; print its URL
#        scripts/postgres.sh url [DBNAME]    — print the URL of the running server (fails if none)
#        scripts/postgres.sh stop            — stop the private server, if this script started one
#
# The private server lives in .tmp/postgres (gitignored): initdb from Debian's postgresql
# package (scripts/setup.sh test installs it), owned by the `postgres` system user when run
# as root (initdb refuses root), trust authentication, listening only on 127.0.0.1:54329,
# fsync off (the data is thrown away). The URL names DBNAME (default sigtepunkt); Django's
# test runner makes and drops test_DBNAME beside it, so runs with different names never meet.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PORT="${SIGTEPUNKT_PG_SYSTEM_PORT:-5432}"
PRIVATE_PORT="${SIGTEPUNKT_PG_PRIVATE_PORT:-54329}"
PRIVATE_DIR="$PWD/.tmp/postgres"
DATA="$PRIVATE_DIR/data"
LOG="$PRIVATE_DIR/server.log"
command="${1:-url}"
dbname="${2:-sigtepunkt}"

die() { echo "postgres.sh: $*" >&2; exit 1; }

answers() {  # answers PORT: a trust-authenticated superuser connection works
  .venv/bin/python - "$1" <<'EOF' >/dev/null 2>&1
import sys
import psycopg
psycopg.connect(host="127.0.0.1", port=int(sys.argv[1]), user="postgres", dbname="postgres",
                connect_timeout=3).close()
EOF
}

pg_bin() {  # the newest installed server binaries
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || return 1
  echo "$dir"
}

as_owner() {  # run a server command as the owner of the data: postgres when we are root, else ourselves
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url_for() { echo "postgresql://postgres@127.0.0.1:$1/$dbname"; }

start_private() {
  local bin
  bin=$(pg_bin) || die "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); run scripts/setup.sh test"
  mkdir -p "$PRIVATE_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "the system user 'postgres' is missing (it comes with Debian's postgresql package)"
    chown postgres: "$PRIVATE_DIR"
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_owner "$bin/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PRIVATE_DIR/initdb.log" 2>&1 \
      || die "initdb failed; see $PRIVATE_DIR/initdb.log"
  fi
  if ! as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start \
      -o "-p $PRIVATE_PORT -h 127.0.0.1 -k '' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null || die "the private PostgreSQL did not start; see $LOG"
  fi
  answers "$PRIVATE_PORT" || die "the private PostgreSQL on 127.0.0.1:$PRIVATE_PORT does not answer; see $LOG"
}

case "$command" in
  start)
    if answers "$SYSTEM_PORT"; then
      url_for "$SYSTEM_PORT"
    else
      start_private
      url_for "$PRIVATE_PORT"
    fi
    ;;
  url)
    if answers "$SYSTEM_PORT"; then url_for "$SYSTEM_PORT"
    elif answers "$PRIVATE_PORT"; then url_for "$PRIVATE_PORT"
    else die "no PostgreSQL answers on 127.0.0.1:$SYSTEM_PORT or :$PRIVATE_PORT (try: scripts/postgres.sh start)"
    fi
    ;;
  stop)
    if [ -f "$DATA/postmaster.pid" ] && bin=$(pg_bin); then
      as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    die "unknown command '$command' (start, url or stop)"
    ;;
esac
