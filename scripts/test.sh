#!/usr/bin/env bash
# The whole suite on SQLite and, when one answers, on PostgreSQL; says which databases ran.
# The two runs go side by side (the machine has two cores and each run is mostly one process); each keeps
# its own media folder, key file and output, printed whole when it ends. ZHENGWU_TEST_SERIAL=1 runs them
# one after the other instead.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
PY=.venv/bin/python

pg_url="${DATABASE_URL:-}"
case "$pg_url" in postgres*) ;; *) pg_url="postgres://postgres@127.0.0.1:5432/postgres" ;; esac
pg_up=0
if $PY - "$pg_url" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL does not answer at {sys.argv[1]}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
then pg_up=1; fi

# run NAME DATABASE_URL ARGS…: one suite, with the files it writes kept apart from the other run's.
run() {
  local name=$1 url=$2; shift 2
  rm -rf "var/$name" && mkdir -p "var/$name"
  DATABASE_URL="$url" ZHENGWU_MEDIA_ROOT="$(pwd)/var/$name/media" \
    ZHENGWU_REPORTS_KEY_FILE="$(pwd)/var/$name/reports.keys" \
    $PY -m pytest -q -p no:cacheprovider "$@" > "var/$name.log" 2>&1
}

started=$SECONDS
run sqlite "sqlite:///$(pwd)/var/test.sqlite3" "$@" &
sqlite_pid=$!
if [ "${ZHENGWU_TEST_SERIAL:-0}" = "1" ]; then wait $sqlite_pid; sqlite_rc=$?; fi
if [ $pg_up -eq 1 ]; then
  run postgres "$pg_url" "$@" &
  pg_pid=$!
fi
[ "${ZHENGWU_TEST_SERIAL:-0}" = "1" ] || { wait $sqlite_pid; sqlite_rc=$?; }
echo "== tests on SQLite =="
cat var/sqlite.log
ran=("SQLite (exit $sqlite_rc)")

pg_rc=0
if [ $pg_up -eq 1 ]; then
  wait $pg_pid; pg_rc=$?
  echo "== tests on PostgreSQL ($pg_url) =="
  cat var/postgres.log
  ran+=("PostgreSQL (exit $pg_rc)")
elif [ "${ZHENGWU_REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "PostgreSQL is required here (ZHENGWU_REQUIRE_POSTGRES=1) but does not answer." >&2
  pg_rc=1
else
  ran+=("PostgreSQL skipped: no server answered")
fi

echo "== databases: ${ran[*]} — $((SECONDS - started)) s =="
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
