#!/usr/bin/python3
"""igraph side of the Yiju routing benchmark.

Loads the edge list Yiju exported (same vertices, same float lengths) and, for each facility
type, computes every vertex's distance to the nearest facility of that type with ONE Dijkstra
from a super-source: an extra vertex with zero-length arcs to the type's facilities. The graph is
directed (each street gives two arcs) so that one type's super-source is never a shortcut for
another type. Times only the `distances` calls (wall clock and process CPU time), as the Yiju side times
only its searches.

usage: igraph_bench.py EDGES FACILITIES VERTEX_COUNT RUNS OUT_PREFIX
prints one JSON object; writes OUT_PREFIX.<type>.bin (float64 distances of the last run).
"""
import json
import statistics
import sys
import time
from array import array

try:
    import igraph
except ImportError:
    sys.stderr.write("python3-igraph is not installed: apt-get install python3-igraph\n")
    sys.exit(3)

edges_path, facilities_path, n, runs, out_prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

t0 = time.perf_counter()
arcs, weights = [], []
with open(edges_path) as f:
    for line in f:
        a, b, w = line.split()
        a, b, w = int(a), int(b), float(w)
        arcs.append((a, b)); weights.append(w)
        arcs.append((b, a)); weights.append(w)
types = [[int(v) for v in line.split()] for line in open(facilities_path) if line.strip()]
for t, facilities in enumerate(types):
    for v in facilities:
        arcs.append((n + t, v)); weights.append(0.0)
g = igraph.Graph(n=n + len(types), edges=arcs, directed=True)
g.es["weight"] = weights
load_s = time.perf_counter() - t0

times, cpu = [], []
last = None
for _ in range(runs + 1):
    start, start_cpu = time.perf_counter(), time.process_time()
    result = [g.distances(source=[n + t], weights="weight", mode="out")[0] for t in range(len(types))]
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
    last = result
# The first run is a warm-up, as on the Yiju side.
times, cpu = times[1:], cpu[1:]

for t, row in enumerate(last):
    array("d", row[:n]).tofile(open(f"{out_prefix}.{t}.bin", "wb"))

print(json.dumps({"tool": f"igraph {igraph.__version__}", "load_s": load_s, "runs_s": times, "median_s": statistics.median(times),
                  "cpu_s": cpu, "median_cpu_s": statistics.median(cpu)}))
