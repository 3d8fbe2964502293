#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the store tests and prints its URL.
#   url=$(bash scripts/pg-test-server.sh start /tmp/xxgk-pg 55432)   …   bash scripts/pg-test-server.sh stop /tmp/xxgk-pg
# Needs Debian's postgresql package (its binaries under /usr/lib/postgresql/<major>/bin). As root the
# server runs as the postgres user (initdb refuses root). Password login (scram) for user xxgk.
set -euo pipefail
action=${1:?start|stop}
dir=${2:-/tmp/xxgk-pg}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$action" = stop ]; then
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
echo 'xxgk-test' > "$dir/pw"
[ "$(id -u)" = 0 ] && chown postgres "$dir/pw"
as_owner "$bin/initdb" -D "$dir/data" -U xxgk --pwfile="$dir/pw" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=50" start >/dev/null
PGPASSWORD=xxgk-test "$bin/psql" -h 127.0.0.1 -p "$port" -U xxgk -d postgres -qAtc 'CREATE DATABASE xxgk_test' >/dev/null
echo "postgres://xxgk:xxgk-test@127.0.0.1:$port/xxgk_test"
