#!/usr/bin/env bash
# The whole suite on SQLite, then again on PostgreSQL when one answers; says which databases ran.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
PY=.venv/bin/python
ran=()

echo "== tests on SQLite =="
DATABASE_URL="sqlite:///$(pwd)/var/test.sqlite3" $PY -m pytest -q -p no:cacheprovider "$@"
sqlite_rc=$?
ran+=("SQLite (exit $sqlite_rc)")

pg_url="${DATABASE_URL:-}"
case "$pg_url" in postgres*) ;; *) pg_url="postgres://postgres@127.0.0.1:5432/postgres" ;; esac
pg_rc=0
if $PY - "$pg_url" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL does not answer at {sys.argv[1]}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
then
  echo "== tests on PostgreSQL ($pg_url) =="
  DATABASE_URL="$pg_url" $PY -m pytest -q -p no:cacheprovider "$@"
  pg_rc=$?
  ran+=("PostgreSQL (exit $pg_rc)")
elif [ "${ZHENGWU_REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "PostgreSQL is required here (ZHENGWU_REQUIRE_POSTGRES=1) but does not answer." >&2
  pg_rc=1
else
  ran+=("PostgreSQL skipped: no server answered")
fi

echo "== databases: ${ran[*]} =="
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
