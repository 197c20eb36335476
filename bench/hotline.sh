#!/usr/bin/env bash
# Hotline benchmark (issue 4): PostgreSQL on this machine, the real Yiju.Web (Release) as a process on loopback, load
# from wrk, raw insert throughput from pgbench in the same run. Writes bench/out/hotline/results.md.
#   bench/hotline.sh [--runs N] [--tickets N] [--reload] [--duration S] [--connections C]
# Environment: HOTLINE_WEB_DIR (a prebuilt Yiju.Web to measure instead of building this tree), HOTLINE_PG_DIR (/tmp/pg-hotline-bench), HOTLINE_PG_PORT (55446), HOTLINE_WEB_PORT (5546),
#              COMPLAINTS (../shared/data/complaints-cn, read at run time; never copied into the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=3 tickets=2000000 reload=0 duration=20 connections=32
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --tickets) tickets=$2; shift 2 ;;
    --reload) reload=1; shift ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
pg_dir=${HOTLINE_PG_DIR:-/tmp/pg-hotline-bench}
pg_port=${HOTLINE_PG_PORT:-55446}
web_port=${HOTLINE_WEB_PORT:-5546}
complaints=${COMPLAINTS:-$root/../shared/data/complaints-cn}
[ -d "$complaints" ] || complaints=/work/shared/data/complaints-cn
out=$root/bench/out/hotline
mkdir -p "$out"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# Tools: wrk, pgbench (postgresql-contrib / client), PostgreSQL server.
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v pgbench >/dev/null || need+=(postgresql-contrib)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "install ${need[*]} (apt-get install ${need[*]})" >&2; exit 1; }
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL with its durable defaults (fsync, synchronous_commit, full_page_writes on) plus memory for 2M tickets.
pg_opts="-c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=32MB -c maintenance_work_mem=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min -c wal_compression=on"
export YIJU_PG_DURABLE=1 YIJU_PG_OPTS="$pg_opts"
if [ -f "$pg_dir/data/postmaster.pid" ]; then
  log "PostgreSQL already running in $pg_dir (restarting with the bench settings)"
  scripts/postgres.sh stop "$pg_dir"
fi
base=$(scripts/postgres.sh start "$pg_dir" "$pg_port")
psql_base="psql -X -q -h 127.0.0.1 -p $pg_port -U yiju"
$psql_base -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'yiju_bench'" | grep -q 1 \
  || $psql_base -d postgres -c "CREATE DATABASE yiju_bench"
conn="${base/Database=postgres/Database=yiju_bench};Maximum Pool Size=100;No Reset On Close=true"
psql="$psql_base -d yiju_bench"

# HOTLINE_WEB_DIR: an already built Yiju.Web (e.g. of an earlier commit, for before/after figures).
web_dir=${HOTLINE_WEB_DIR:-$out/web}
log "building Yiju.Web and the bench tool (Release)"
: >"$out/build.log"
if [ -z "${HOTLINE_WEB_DIR:-}" ]; then
  dotnet build src/Yiju.Web -c Release -o "$web_dir" -v q -nologo >"$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
fi
dotnet build bench/Yiju.Bench.Hotline -c Release -o "$out/tool" -v q -nologo >>"$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }

web_pid=
stop_web() { if [ -n "$web_pid" ]; then kill "$web_pid" 2>/dev/null || true; wait "$web_pid" 2>/dev/null || true; fi; web_pid=; }
trap stop_web EXIT
start_web() {
  # Production settings; request logging at Warning so the console is not the bottleneck; the anonymous rate limit
  # (per address; every wrk connection comes from 127.0.0.1) raised so that the limiter is not what is measured.
  (cd "$web_dir" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Yiju="$conn" \
    Database__MigrateOnStart=true Urls="http://127.0.0.1:$web_port" Logging__LogLevel__Default=Warning \
    RateLimiting__AnonymousPermitsPerMinute=100000000 \
    YIJU_ADMIN_PASSWORD="bench-$(date +%s)-Aa1!" exec dotnet Yiju.Web.dll >"$out/web.log" 2>&1) &
  web_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$web_port/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "Yiju.Web did not start; see $out/web.log" >&2; tail -20 "$out/web.log" >&2; exit 1
}

log "starting Yiju.Web (migrates and seeds on first start)"
start_web
tool() { dotnet "$out/tool/Yiju.Bench.Hotline.dll" "$@"; }
loaded=$($psql -tAc "SELECT count(*) FROM hotline_ticket")
if [ "$reload" = 1 ] || [ "$loaded" -lt "$tickets" ]; then
  log "bulk-loading $tickets tickets (had $loaded)"
  stop_web
  tool load --conn "$conn" --data "$complaints" --tickets "$tickets" | tee "$out/load.txt"
  start_web
fi
tool setup --conn "$conn" --out "$out" --data "$complaints" | tee "$out/setup.txt"
set -a; . "$out/hotline.env"; set +a
export HOTLINE_OUT=$out HOTLINE_LUA=$root/bench/hotline

# pgbench's table: the same columns and indexes as hotline_ticket, emptied before each measurement.
$psql -c "DROP TABLE IF EXISTS bench_raw_ticket" -c "CREATE TABLE bench_raw_ticket (LIKE hotline_ticket INCLUDING ALL)"

url=http://127.0.0.1:$web_port
# Tickets the creation measurements add are deleted again (with their timelines) before anything else is measured,
# so every run and every invocation reads the same two million tickets: at 1,000/s a run adds ~50,000 open tickets,
# which would otherwise pile up in the centre's queue and the current month's KPIs run after run. Their audit rows
# stay (the chain is never cut).
since=$($psql -tAc "SELECT now()")
forget_created() {
  $psql -c "DELETE FROM hotline_ticket WHERE channel = 3 AND accepted_at_utc >= '$since'" \
    -c "VACUUM ANALYZE hotline_ticket" -c "VACUUM ANALYZE hotline_ticket_event" >/dev/null
  since=$($psql -tAc "SELECT now()")
}
wrk_run() { # name script connections threads [timeout]
  local name=$1 script=$2 c=$3 t=$4 timeout=${5:-10s}
  wrk -t"$t" -c"$c" -d"${duration}s" --timeout "$timeout" -s "bench/hotline/$script" "$url" >"$out/$name.$run.txt" 2>&1 || true
  grep '^RESULT' "$out/$name.$run.txt" | sed "s/^RESULT/$name run=$run/" | tee -a "$out/raw.txt" >&2
}
: >"$out/raw.txt"
log "warm-up"
run=0
# Creation is warmed for longer: .NET's tiered JIT needs ~30 s of load before the hot path is fully optimised.
wrk -t2 -c"$connections" -d30s -s bench/hotline/open311_post.lua "$url" >/dev/null 2>&1 || true
forget_created
wrk -t2 -c8 -d5s -s bench/hotline/queue.lua "$url" >/dev/null 2>&1 || true
wrk -t1 -c1 -d5s -s bench/hotline/kpi.lua "$url" >/dev/null 2>&1 || true
for run in $(seq 1 "$runs"); do
  log "run $run/$runs"
  $psql -c "TRUNCATE bench_raw_ticket"
  pgbench -n -h 127.0.0.1 -p "$pg_port" -U yiju -c "$connections" -j 2 -T "$duration" -f bench/hotline/pgbench_insert.sql yiju_bench >"$out/pgbench.$run.txt" 2>&1 || true
  tps=$(grep -oP 'tps = \K[0-9.]+' "$out/pgbench.$run.txt" | head -1)
  lat=$(grep -oP 'latency average = \K[0-9.]+' "$out/pgbench.$run.txt" | head -1)
  echo "pgbench run=$run tps=$tps latency_avg_ms=$lat" | tee -a "$out/raw.txt" >&2
  wrk_run queue queue.lua 16 2
  wrk_run search search.lua 16 2
  # The same at 4 connections: 16 back-to-back clients saturate two cores, so their latency is mostly queueing.
  wrk_run queue_c4 queue.lua 4 2
  wrk_run search_c4 search.lua 4 2
  wrk_run kpi kpi.lua 1 1 60s
  wrk_run create open311_post.lua "$connections" 2
  # Latency under a closed loop is connections / throughput: at 32 back-to-back clients and 1,000/s the mean alone
  # is 32 ms. The same load from 16 clients shows the latency of the path itself.
  wrk_run create_c16 open311_post.lua 16 2
  forget_created
done
$psql -c "DROP TABLE IF EXISTS bench_raw_ticket"
total=$($psql -tAc "SELECT count(*) FROM hotline_ticket")

# Medians over the runs.
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
field() { grep "^$1 " "$out/raw.txt" | grep -oP "$2=\K[0-9.]+" | median; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Hotline benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) vCPU ($cpu), $(free -g | awk '/Mem:/ {print $2}') GB RAM, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "PostgreSQL $($psql -tAc 'SHOW server_version'), durable defaults (fsync/synchronous_commit/full_page_writes on), $pg_opts."
  echo "Tickets in the database at the end: $total. Runs: $runs × ${duration}s; medians below."
  echo
  echo "| measure | median | p50 ms | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|"
  echo "| pgbench raw insert ($connections clients), tps | $(field pgbench tps) | — | — | — |"
  for n in create create_c16 queue search queue_c4 search_c4 kpi; do
    echo "| $n, requests/s | $(field $n rps) | $(field $n p50_ms) | $(field $n p99_ms) | $(field $n non2xx) |"
  done
  c=$(field create rps); p=$(field pgbench tps)
  echo
  echo "Creation over HTTP / raw insert: $(awk -v c="$c" -v p="$p" 'BEGIN { if (p > 0) printf "%.2f", c / p; else print "-" }')"
} | tee "$out/results.md"
