#!/usr/bin/env bash
# Yiju's one test command: installs what the tests need when it is missing (PostgreSQL, Chromium, CJK fonts),
# starts a PostgreSQL cluster of its own on a loopback port, runs every test layer (unit, integration on SQLite and
# PostgreSQL, browser in Chromium), stops the cluster, and ends with one line "N passed, N failed".
# Run one layer alone with:  scripts/test.sh unit | integration | browser
set -uo pipefail
cd "$(dirname "$0")/.."
layers=${*:-unit integration browser}

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Screenshots and visual checks need a font with Chinese glyphs.
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v runuser >/dev/null || need+=(util-linux)
# The routing tests compare Yiju's distances with igraph's (Debian's python, not a pyenv one).
/usr/bin/python3 -c "import igraph" 2>/dev/null || need+=(python3-igraph)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "apt-get install ${need[*]} failed" >&2; exit 1; }
fi

pgdir=$(mktemp -d /tmp/yiju-pg.XXXXXX)
pgport=${YIJU_PG_PORT:-$((55000 + RANDOM % 900))}
cleanup() { scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1; rm -rf "$pgdir"; }
trap cleanup EXIT
YIJU_TEST_POSTGRES=$(scripts/postgres.sh start "$pgdir" "$pgport") || { echo "could not start PostgreSQL" >&2; exit 1; }
export YIJU_TEST_POSTGRES
echo "PostgreSQL for tests: $YIJU_TEST_POSTGRES"

dotnet build Yiju.slnx -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0; skipped=0; status=0
for layer in $layers; do
  case "$layer" in
    unit) project=tests/Yiju.UnitTests ;;
    integration) project=tests/Yiju.IntegrationTests ;;
    browser) project=tests/Yiju.BrowserTests ;;
    *) echo "unknown layer $layer (unit, integration, browser)" >&2; exit 2 ;;
  esac
  [ -d "$project" ] || continue
  log=$(mktemp)
  echo "== $layer tests ($project)"
  dotnet test "$project" --no-build -nologo 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  line=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" | tail -n 1)
  if [ -z "$line" ]; then
    echo "$layer: no test summary (exit $rc)"; failed=$((failed + 1)); status=1
  else
    f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ "$rc" -ne 0 ] && status=1
  fi
  rm -f "$log"
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -gt 0 ] && status=1
exit $status
