#!/usr/bin/env bash
# Runs the routing benchmark: Yiju, igraph and pgRouting side by side on the same exported graphs.
# Needs Debian's python3-igraph and postgresql-15-pgrouting (installed below when missing, as root).
# Usage: bench/run.sh [--runs N] [--skip-igraph] [--skip-pgrouting] [--multi-start]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"

need=()
/usr/bin/python3 -c "import igraph" 2>/dev/null || need+=(python3-igraph)
[ -f /usr/share/postgresql/15/extension/pgrouting.control ] || need+=(postgresql-15-pgrouting)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y --no-install-recommends "${need[@]}"
  else
    echo "Missing Debian packages: ${need[*]} (apt-get install ${need[*]})" >&2
    exit 1
  fi
fi

dotnet build -c Release "$repo/bench/Yiju.Bench" -v quiet -nologo
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--runs 7 --multi-start)
dotnet "$repo/bench/Yiju.Bench/bin/Release/net10.0/Yiju.Bench.dll" --scripts "$here" --out "$here/out" "${args[@]}"
echo "Report written to $here/out/results.md" >&2
