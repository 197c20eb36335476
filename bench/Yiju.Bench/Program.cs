using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Yiju.Routing.Graph;
using Yiju.Routing.Osm;
using Yiju.Routing.Paths;

// Yiju routing benchmark: import, memory, nearest-facility distances for 10 facility types,
// one catchment, and the same searches in igraph and pgRouting on the same exported graph,
// side by side in one run. Plain Stopwatch timing, median of several runs.
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.Out);
var report = new StringBuilder();
var inv = CultureInfo.InvariantCulture;
report.AppendLine(inv, $"# Yiju routing benchmark — {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", inv)} UTC");
report.AppendLine();
report.AppendLine(inv, $"Machine: {Environment.ProcessorCount} logical CPUs, {Machine.CpuModel()}, {Machine.MemoryTotal()}; .NET {Environment.Version}; runs per figure: {options.Runs} (median, after at least 1.5 s of warm-up runs); load average at start: {Machine.LoadAverage()}.");
report.AppendLine();

var files = new[] { ("harbin", "harbin-central.osm.pbf"), ("porto", "porto-portugal-roads.osm.pbf") };
var rows = new List<string>();
foreach (var (name, file) in files)
{
    var path = Path.Combine(options.Data, file);
    Console.Error.WriteLine($"[{name}] importing {path}");
    WalkGraph? graph = null;
    var importTimes = Measure(options.Runs, () => graph = WalkGraph.Load(path));
    graph!.ToString();
    var snapper = new EdgeSnapper(graph);
    var bytesPerArc = (double)graph.MemoryBytes / graph.ArcCount;
    var bytesPerArcWithIndex = (double)(graph.MemoryBytes + snapper.MemoryBytes) / graph.ArcCount;

    var facilities = Facilities.Choose(graph, seed: 20261122);
    var edgesPath = Path.Combine(options.Out, $"{name}.edges.txt");
    var facilitiesPath = Path.Combine(options.Out, $"{name}.facilities.txt");
    using (var writer = new StreamWriter(edgesPath))
    {
        graph.WriteEdgeList(writer);
    }

    File.WriteAllLines(facilitiesPath, facilities.Select(f => string.Join(' ', f.Select(v => v.ToString(inv)))));

    Console.Error.WriteLine($"[{name}] Yiju nearest-facility searches");
    var distances = facilities.Select(_ => new double[graph.VertexCount]).ToArray();
    var labels = facilities.Select(_ => new int[graph.VertexCount]).ToArray();
    var sources = facilities.Select(f => f.Select((v, i) => new PathSource(v, 0, i)).ToArray()).ToArray();
    void RunType(int t) => ShortestPaths.NearestSource(graph, sources[t], double.PositiveInfinity, distances[t], labels[t]);
    var (sequential, sequentialCpu) = MeasureWithCpu(options.Runs, () =>
    {
        for (var t = 0; t < facilities.Length; t++)
        {
            RunType(t);
        }
    });
    var (parallel, parallelCpu) = MeasureWithCpu(options.Runs, () => Parallel.For(0, facilities.Length, RunType));

    Console.Error.WriteLine($"[{name}] catchment");
    var centre = Centre(graph);
    var snap = snapper.Snap(centre.Lat, centre.Lon, 500);
    Catchment? catchment = null;
    var catchmentTimes = Measure(options.Runs * 3, () => catchment = Catchment.Compute(graph, snap, 1000));
    var snapTimes = Measure(options.Runs, () =>
    {
        var random = new Random(1);
        var b = graph.Bounds;
        for (var i = 0; i < 10_000; i++)
        {
            snapper.Snap(b.MinLatitude + (random.NextDouble() * (b.MaxLatitude - b.MinLatitude)), b.MinLongitude + (random.NextDouble() * (b.MaxLongitude - b.MinLongitude)), 300);
        }
    });

    report.AppendLine(inv, $"## {name} ({file})");
    report.AppendLine();
    var compatible = WalkGraph.Load(path, PedestrianFilter.Osm2pgrouting);
    report.AppendLine(inv, $"- Walking graph: {graph.VertexCount:N0} vertices, {graph.EdgeCount:N0} edges ({graph.ArcCount:N0} arcs). With osm2pgrouting's pedestrian rules instead (PedestrianFilter.Osm2pgrouting): {compatible.VertexCount:N0} vertices, {compatible.EdgeCount:N0} edges.");
    report.AppendLine(inv, $"- Contracted for searches: {graph.CoreVertexCount:N0} core vertices ({100.0 * graph.CoreVertexCount / graph.VertexCount:F1}%), {graph.CoreArcCount:N0} core arcs; the rest are on chains or in trees and filled in after each search.");
    report.AppendLine(inv, $"- Import (read PBF + build graph): median {Median(importTimes) * 1000:F0} ms (runs: {string.Join(", ", importTimes.Select(t => (t * 1000).ToString("F0", inv)))}).");
    report.AppendLine(inv, $"- Graph memory: {graph.MemoryBytes:N0} bytes = {bytesPerArc:F1} bytes per directed edge; with the snapping grid {bytesPerArcWithIndex:F1}.");
    report.AppendLine(inv, $"- Catchment 1,000 m around ({centre.Lat:F5}, {centre.Lon:F5}), search + edge parts + polygon: median {Median(catchmentTimes) * 1000:F2} ms; {catchment!.Parts.Count:N0} edge parts, outline of {catchment.Outline.NumPoints:N0} points.");
    report.AppendLine(inv, $"- Snapping: {Median(snapTimes) * 1e6 / 10_000:F2} µs per point (10,000 random points in the bounding box, 300 m limit).");
    report.AppendLine();
    report.AppendLine("| nearest facility, 10 types (20…200 facilities) | median wall | wall ratio to Yiju | median CPU | CPU ratio to Yiju | wall runs | distances vs Yiju |");
    report.AppendLine("|---|---|---|---|---|---|---|");
    var yiju = Median(sequential);
    var yijuCpu = Median(sequentialCpu);
    report.AppendLine(inv, $"| Yiju, 1 thread | {yiju * 1000:F1} ms | 1.0× | {yijuCpu * 1000:F1} ms | 1.0× | {Runs(sequential)} | — |");
    report.AppendLine(inv, $"| Yiju, {Environment.ProcessorCount} threads (types in parallel) | {Median(parallel) * 1000:F1} ms | {Median(parallel) / yiju:F2}× | {Median(parallelCpu) * 1000:F1} ms (both threads) | {Median(parallelCpu) / yijuCpu:F2}× | {Runs(parallel)} | same arrays |");

    if (!options.SkipIgraph)
    {
        Console.Error.WriteLine($"[{name}] igraph");
        var prefix = Path.Combine(options.Out, $"{name}.igraph");
        var json = Tools.Run("/usr/bin/python3", options.Scripts("igraph_bench.py"), edgesPath, facilitiesPath, graph.VertexCount.ToString(inv), options.Runs.ToString(inv), prefix);
        var (tool, median, runs) = Tools.Parse(json);
        using var doc = JsonDocument.Parse(json);
        var cpu = doc.RootElement.GetProperty("median_cpu_s").GetDouble();
        var check = Compare.Binary(distances, prefix);
        report.AppendLine(inv, $"| {tool} (C core via python3-igraph), super-source Dijkstra | {median * 1000:F1} ms | {median / yiju:F1}× | {cpu * 1000:F1} ms | {cpu / yijuCpu:F1}× | {runs} | {check} |");
    }

    if (!options.SkipPgRouting)
    {
        Console.Error.WriteLine($"[{name}] pgRouting");
        var prefix = Path.Combine(options.Out, $"{name}.pgrouting");
        var extra = options.MultiStart && name == "harbin" ? new[] { "--multi-start" } : [];
        var json = Tools.Run("/usr/bin/python3", [options.Scripts("pgrouting_bench.py"), edgesPath, facilitiesPath, graph.VertexCount.ToString(inv), options.Runs.ToString(inv), prefix, .. extra]);
        var (tool, median, runs) = Tools.Parse(json);
        var check = Compare.Text(distances, prefix);
        report.AppendLine(inv, $"| {tool}, pgr_drivingDistance from a super-source | {median * 1000:F1} ms | {median / yiju:F1}× | — | — | {runs} | {check} |");
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.TryGetProperty("multi_start_s", out var multi))
        {
            report.AppendLine(inv, $"| {tool}, all facilities as starts, equicost := false, min per vertex | {multi.GetDouble() * 1000:F0} ms | {multi.GetDouble() / yiju:F0}× | — | — | 1 run | not exported |");
        }
    }

    report.AppendLine();
}

var text = report.ToString();
Console.WriteLine(text);
File.WriteAllText(Path.Combine(options.Out, "results.md"), text);
return 0;

static double[] Measure(int runs, Action action) => MeasureWithCpu(runs, action).Wall;

// CPU time as well as wall time: on a shared machine the wall clock mostly measures the
// neighbours, while process CPU time of a single-threaded run measures the work. The warm-up
// repeats the action for a second or more, so that the JIT's tiering (with dynamic PGO) has
// replaced the first, unoptimised code before anything is timed.
static (double[] Wall, double[] Cpu) MeasureWithCpu(int runs, Action action)
{
    var warm = Stopwatch.StartNew();
    for (var i = 0; i < 3 || warm.Elapsed.TotalSeconds < 1.5; i++)
    {
        action();
    }

    var wall = new double[runs];
    var cpu = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var cpuStart = ProcessCpu.Seconds();
        var sw = Stopwatch.StartNew();
        action();
        wall[i] = sw.Elapsed.TotalSeconds;
        cpu[i] = ProcessCpu.Seconds() - cpuStart;
    }

    return (wall, cpu);
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Runs(double[] values) => string.Join(", ", values.Select(t => (t * 1000).ToString("F1", CultureInfo.InvariantCulture))) + " ms";

static (double Lat, double Lon) Centre(WalkGraph graph)
{
    var b = graph.Bounds;
    return ((b.MinLatitude + b.MaxLatitude) / 2, (b.MinLongitude + b.MaxLongitude) / 2);
}

internal sealed record BenchOptions(string Data, string Out, string ScriptDir, int Runs, bool SkipIgraph, bool SkipPgRouting, bool MultiStart)
{
    public string Scripts(string name) => Path.Combine(ScriptDir, name);

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var scripts = Value("--scripts") ?? FindUp("bench", "igraph_bench.py") ?? throw new InvalidOperationException("Pass --scripts <bench dir>.");
        var data = Value("--data") ?? FindUp(Path.Combine("shared", "data", "osm"), "harbin-central.osm.pbf") ?? throw new InvalidOperationException("Pass --data <dir with the OSM extracts>.");
        return new BenchOptions(
            data,
            Value("--out") ?? Path.Combine(scripts, "out"),
            scripts,
            int.Parse(Value("--runs") ?? "7", CultureInfo.InvariantCulture),
            args.Contains("--skip-igraph"),
            args.Contains("--skip-pgrouting"),
            args.Contains("--multi-start"));
    }

    private static string? FindUp(string relative, string marker)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(Path.Combine(candidate, marker)))
            {
                return candidate;
            }
        }

        return null;
    }
}

internal static class Facilities
{
    /// <summary>Type t has 20·(t+1) distinct vertices, drawn with a fixed seed so every tool gets the same ones.</summary>
    public static int[][] Choose(WalkGraph graph, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, 10).Select(k =>
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < 20 * k)
            {
                chosen.Add(random.Next(graph.VertexCount));
            }

            return chosen.Order().ToArray();
        }).ToArray();
    }
}

internal static class Tools
{
    public static string Run(string exe, params string[] args)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {exe}.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(args[0])} failed ({process.ExitCode}): {errors.Result}");
        }

        return output.Trim().Split('\n')[^1];
    }

    public static (string Tool, double Median, string Runs) Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var runs = string.Join(", ", root.GetProperty("runs_s").EnumerateArray().Select(r => (r.GetDouble() * 1000).ToString("F1", CultureInfo.InvariantCulture))) + " ms";
        return (root.GetProperty("tool").GetString()!, root.GetProperty("median_s").GetDouble(), runs);
    }
}

internal static class Compare
{
    public static string Binary(double[][] yiju, string prefix) =>
        Summarise(yiju, t =>
        {
            var bytes = File.ReadAllBytes($"{prefix}.{t}.bin");
            var values = new double[bytes.Length / 8];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            return values;
        });

    public static string Text(double[][] yiju, string prefix) =>
        Summarise(yiju, t =>
        {
            var values = new double[yiju[t].Length];
            Array.Fill(values, double.PositiveInfinity);
            foreach (var line in File.ReadLines($"{prefix}.{t}.txt"))
            {
                var parts = line.Split('\t');
                var v = long.Parse(parts[0], CultureInfo.InvariantCulture);
                if (v < values.Length)
                {
                    values[v] = double.Parse(parts[1], CultureInfo.InvariantCulture);
                }
            }

            return values;
        });

    private static string Summarise(double[][] yiju, Func<int, double[]> load)
    {
        var maxDiff = 0.0;
        var mismatched = 0;
        var compared = 0;
        for (var t = 0; t < yiju.Length; t++)
        {
            var other = load(t);
            if (other.Length != yiju[t].Length)
            {
                return $"MISMATCH: {other.Length} values for {yiju[t].Length} vertices";
            }

            for (var v = 0; v < other.Length; v++)
            {
                var a = yiju[t][v];
                var b = other[v];
                if (double.IsPositiveInfinity(a) || double.IsPositiveInfinity(b))
                {
                    mismatched += a == b ? 0 : 1;
                    continue;
                }

                compared++;
                var d = Math.Abs(a - b);
                maxDiff = Math.Max(maxDiff, d);
                mismatched += d > 1e-6 ? 1 : 0;
            }
        }

        return mismatched == 0
            ? $"equal on all {compared:N0} reachable vertex distances (max diff {maxDiff:G2} m)"
            : $"**{mismatched:N0} differ** (max diff {maxDiff:G3} m)";
    }
}

/// <summary>
/// Process CPU time from clock_gettime(CLOCK_PROCESS_CPUTIME_ID), to the nanosecond: .NET's
/// Process.TotalProcessorTime on Linux counts in 10 ms clock ticks, too coarse for runs of tens of
/// milliseconds. Python's time.process_time(), used on the igraph side, reads the same clock.
/// </summary>
internal static partial class ProcessCpu
{
    private const int ClockProcessCpuTimeId = 2;

    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockProcessCpuTimeId, out var time) == 0)
        {
            return time.Seconds + (time.Nanoseconds * 1e-9);
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

internal static class Machine
{
    public static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string MemoryTotal() =>
        File.Exists("/proc/meminfo")
            ? (File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?") + " RAM"
            : "unknown RAM";
}
