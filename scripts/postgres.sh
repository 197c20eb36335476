#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster on a loopback port for Yiju's tests and benchmarks.
#   scripts/postgres.sh start [dir] [port]   prints the connection string on stdout
#   scripts/postgres.sh stop  [dir]
# Tests run with durability off (fsync, synchronous_commit, full_page_writes). Benchmarks set YIJU_PG_DURABLE=1 to keep
# PostgreSQL's defaults, and may add server settings in YIJU_PG_OPTS (e.g. "-c shared_buffers=2GB").
# Runs the server as the 'postgres' user when called as root (initdb refuses root), as the caller otherwise.
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:-/tmp/yiju-pg}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
      as_owner "$bin/initdb" -D "$dir/data" -U yiju --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # Durability is not under test in the suites; turning it off makes them several times faster.
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${YIJU_PG_DURABLE:-0}" = "1" ] && durability=""
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=300 ${YIJU_PG_OPTS:-}" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=yiju;Database=postgres"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop [dir] [port]" >&2; exit 2 ;;
esac
