#!/usr/bin/python3
"""pgRouting side of the Yiju routing benchmark.

Starts a throwaway PostgreSQL 15 cluster (Debian's postgresql-15 + postgresql-15-pgrouting) on a
private socket, loads the edge list Yiju exported, and times, per facility type, one
pgr_drivingDistance from a super-source vertex whose zero-cost one-way edges (reverse_cost = -1)
lead to that type's facilities. That is one Dijkstra per type, like the Yiju and igraph sides.
The super-source avoids both traps named in the issue: no many-start equicost search at all.
Rows are aggregated in the server (count, sum) so that the timing is the search, not the transfer.

usage: pgrouting_bench.py EDGES FACILITIES VERTEX_COUNT RUNS OUT_PREFIX [--multi-start]
prints one JSON object; writes OUT_PREFIX.<type>.txt ("vertex distance" lines of one run).
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

PGBIN = "/usr/lib/postgresql/15/bin"
# Only names the socket file (no TCP: listen_addresses is empty); override to keep clear of another run.
PORT = os.environ.get("YIJU_BENCH_PG_PORT", "55439")

edges_path, facilities_path, n, runs, out_prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
multi_start = "--multi-start" in sys.argv
if not os.path.exists(f"{PGBIN}/pg_ctl") or not os.path.exists("/usr/share/postgresql/15/extension/pgrouting.control"):
    sys.stderr.write("PostgreSQL 15 with pgRouting is not installed: apt-get install postgresql-15-pgrouting\n")
    sys.exit(3)

types = [[int(v) for v in line.split()] for line in open(facilities_path) if line.strip()]
root = tempfile.mkdtemp(prefix="yiju-pgrouting-")
data, sock = os.path.join(root, "data"), os.path.join(root, "sock")
os.makedirs(sock)


def as_postgres(args):
    # The server refuses to run as root; the client may.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def psql(script):
    result = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", sock, "-p", PORT, "-U", "postgres", "-d", "postgres"],
                            input=script, text=True, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return result.stdout


if os.geteuid() == 0:
    shutil.chown(root, "postgres")
    shutil.chown(sock, "postgres")
try:
    as_postgres([f"{PGBIN}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"])
    as_postgres([f"{PGBIN}/pg_ctl", "-D", data, "-w", "-l", os.path.join(root, "log"), "start",
                 "-o", f"-p {PORT} -k {sock} -c listen_addresses='' -c fsync=off -c shared_buffers=256MB -c work_mem=64MB"])
    version = psql("CREATE EXTENSION pgrouting CASCADE; SELECT pgr_version();").strip().splitlines()[-1].strip()
    # Give every super-source edge its own id across types.
    super_rows = "\n".join(f"{10_000_000 + t * 1000 + i}\t{t}\t{n + t}\t{v}\t0\t-1" for t, fs in enumerate(types) for i, v in enumerate(fs))
    super_file = os.path.join(root, "super.tsv")
    with open(super_file, "w") as f:
        f.write(super_rows + "\n")
    psql(f"""
        CREATE TABLE edges (id bigserial PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8);
        \\copy edges(source, target, cost) FROM '{os.path.abspath(edges_path)}' WITH (FORMAT text, DELIMITER ' ')
        UPDATE edges SET reverse_cost = cost;
        CREATE TABLE super (id bigint PRIMARY KEY, type int, source bigint, target bigint, cost float8, reverse_cost float8);
        \\copy super FROM '{super_file}' WITH (FORMAT text)
        VACUUM ANALYZE edges; VACUUM ANALYZE super;
    """)

    def query(t, select):
        sql = f"SELECT id, source, target, cost, reverse_cost FROM edges UNION ALL SELECT id, source, target, cost, reverse_cost FROM super WHERE type = {t}"
        return f"SELECT {select} FROM pgr_drivingDistance('{sql}', {n + t}, 1e12, directed := true)"

    # One warm-up run, then the timed runs.
    script = "\\timing on\n" + "".join(query(t, "count(*), sum(agg_cost)") + ";\n" for _ in range(runs + 1) for t in range(len(types)))
    out = psql(script)
    ms = [float(x) for x in re.findall(r"Time: ([0-9.]+) ms", out)]
    per_run = [sum(ms[i * len(types):(i + 1) * len(types)]) / 1000 for i in range(1, runs + 1)]

    export = "".join(f"\\copy ({query(t, 'node, agg_cost')}) TO '{os.path.abspath(out_prefix)}.{t}.txt'\n" for t in range(len(types)))
    psql(export)

    result = {"tool": f"pgRouting {version}", "runs_s": per_run, "median_s": statistics.median(per_run)}
    if multi_start:
        # The formulation: all facilities as starts, equicost := false, minimum per vertex.
        ms_times = []
        for t, fs in enumerate(types):
            sql = "SELECT id, source, target, cost, reverse_cost FROM edges"
            q = (f"\\timing on\nSELECT count(*), sum(d) FROM (SELECT node, min(agg_cost) AS d FROM pgr_drivingDistance('{sql}', "
                 f"ARRAY[{','.join(str(v) for v in fs)}]::bigint[], 1e12, directed := true, equicost := false) GROUP BY node) m;\n")
            ms_times += [float(x) for x in re.findall(r"Time: ([0-9.]+) ms", psql(q))]
        result["multi_start_s"] = sum(ms_times) / 1000
    print(json.dumps(result))
finally:
    subprocess.run(["runuser", "-u", "postgres", "--", f"{PGBIN}/pg_ctl", "-D", data, "-m", "immediate", "stop"] if os.geteuid() == 0
                   else [f"{PGBIN}/pg_ctl", "-D", data, "-m", "immediate", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(root, ignore_errors=True)
