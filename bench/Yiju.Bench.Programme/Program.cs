using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Yiju.Bench.Programme;
using Yiju.Data;
using Yiju.Organisation.Domain;

// Programme pages benchmark (issue 3): 500 indicators × 18 districts × 60 months in SQLite and PostgreSQL, the real web
// host on Kestrel, and the time from sending GET to having read the whole response, for the overview, a home, a task,
// indicator pages and the API tree. See bench/README.md, section "Programme pages".

internal static class ProgrammeBench
{
    public static async Task Main(string[] args)
    {
        var options = Options.Parse(args);
        var ct = CancellationToken.None;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Programme pages — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, load average {LoadAverage()}; " +
            $"{options.Requests} requests per page per round after {options.Warmup} warm-up, {options.Rounds} rounds, asOf {options.AsOf}");

        foreach (var provider in options.Providers)
        {
            var connectionString = await PrepareDatabase(provider, options, ct);
            using var host = new BenchHost(provider, connectionString);
            var started = Stopwatch.StartNew();
            host.Start();
            Console.WriteLine($"[{provider}] host started (migrated, seeded) in {started.ElapsedMilliseconds} ms at {host.BaseAddress}");

            var (tasks, districts, loaded) = await Inspect(host);
            var data = Dataset.Generate(tasks, districts);
            if (loaded == data.ValueCount && options.Reuse)
            {
                Console.WriteLine($"[{provider}] reusing the {loaded:N0} values already loaded");
            }
            else
            {
                var load = Stopwatch.StartNew();
                await Loader.Load(provider, connectionString, data, ct);
                Console.WriteLine($"[{provider}] loaded {data.Indicators.Count} indicators, {data.Targets.Count} targets, {data.ValueCount:N0} values in {load.Elapsed.TotalSeconds:0.0} s");
            }

            if (args.Contains("--phases"))
                await Phases(host, provider, DateOnly.Parse(options.AsOf, CultureInfo.InvariantCulture));

            using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(15) };
            var pages = Pages(data, options.AsOf);
            foreach (var page in pages)
                await Check(client, page, ct);

            var samples = pages.ToDictionary(p => p.Name, _ => new List<List<double>>());
            var cpuSamples = pages.ToDictionary(p => p.Name, _ => new List<double>());
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var page in pages)
                {
                    var warmup = round == 1 ? options.Warmup : 1;
                    for (var k = 0; k < warmup; k++)
                        await Time(client, page.Paths[k % page.Paths.Count], ct);
                    var times = new List<double>();
                    var cpus = new List<double>();
                    for (var k = 0; k < options.Requests; k++)
                    {
                        var (wall, cpu) = await Time(client, page.Paths[k % page.Paths.Count], ct);
                        times.Add(wall);
                        cpus.Add(cpu);
                    }

                    samples[page.Name].Add(times);
                    cpuSamples[page.Name].AddRange(cpus);
                    Console.WriteLine($"[{provider}] round {round} {page.Name,-28} median {Median(times),7:0.0} ms  p95 {Percentile(times, 0.95),7:0.0} ms  CPU median {Median(cpus),7:0.0} ms  load {LoadAverage()}");
                }
            }

            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"## {provider}");
            report.AppendLine();
            report.AppendLine("| page | wall: median of round medians | wall p95 (all requests) | wall round medians | process CPU per request, median | response size |");
            report.AppendLine("|---|---|---|---|---|---|");
            foreach (var page in pages)
            {
                var rounds = samples[page.Name];
                var all = rounds.SelectMany(r => r).ToList();
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {page.Name} | {Median(rounds.Select(Median).ToList()):0.0} ms | {Percentile(all, 0.95):0.0} ms | {string.Join(" / ", rounds.Select(r => Median(r).ToString("0.0", CultureInfo.InvariantCulture)))} | {Median(cpuSamples[page.Name]):0.0} ms | {page.Bytes / 1024.0:0} KiB |");
            }
        }

        Console.WriteLine();
        Console.WriteLine(report);
        Directory.CreateDirectory(options.Output);
        var file = Path.Combine(options.Output, "programme-results.md");
        await File.WriteAllTextAsync(file, report.ToString(), ct);
        Console.WriteLine($"written to {file}");

        static async Task<string> PrepareDatabase(DatabaseProvider provider, Options options, CancellationToken ct)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                Directory.CreateDirectory(options.Output);
                var path = Path.Combine(options.Output, "programme-bench.db");
                if (!options.Reuse)
                {
                    SqliteConnection.ClearAllPools();
                    foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                        File.Delete(f);
                }

                return $"Data Source={path}";
            }

            var server = options.Postgres ?? throw new InvalidOperationException("PostgreSQL: pass --postgres <connection string> or set YIJU_BENCH_POSTGRES.");
            const string name = "yiju_bench_programme";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync(ct);
                await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", connection);
                var present = await exists.ExecuteScalarAsync(ct) is not null;
                if (present && !options.Reuse)
                {
                    await using var drop = new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", connection);
                    await drop.ExecuteNonQueryAsync(ct);
                }

                if (!present || !options.Reuse)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                    await create.ExecuteNonQueryAsync(ct);
                }
            }

            return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        }

        // The overview's parts timed in-process (CPU and wall, median of 10 after 3 warm-ups): what is left of a request's
        // time after these is the page's rendering and HTTP.
        static async Task Phases(BenchHost host, DatabaseProvider provider, DateOnly asOf)
        {
            var parts = new Dictionary<string, (List<double> Wall, List<double> Cpu)>();
            for (var k = 0; k < 13; k++)
            {
                using var scope = host.Services.CreateScope();
                var queries = scope.ServiceProvider.GetRequiredService<Yiju.Programme.Features.Queries.ProgrammeQueries>();
                var db = scope.ServiceProvider.GetRequiredService<Yiju.Programme.Data.IProgrammeDb>();
                var watch = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                void Mark(string name)
                {
                    var now = Process.GetCurrentProcess().TotalProcessorTime;
                    if (k >= 3)
                    {
                        if (!parts.TryGetValue(name, out var lists))
                            parts[name] = lists = ([], []);
                        lists.Wall.Add(watch.Elapsed.TotalMilliseconds);
                        lists.Cpu.Add((now - cpu).TotalMilliseconds);
                    }

                    watch.Restart();
                    cpu = now;
                }

                var tree = await queries.LoadTree(CancellationToken.None) ?? throw new InvalidOperationException("no programme");
                Mark("programme tree (EF, split query)");
                var values = await Yiju.Programme.Features.Queries.CurrentCityValues.ForOverview(db, tree, asOf, CancellationToken.None);
                Mark($"city values ({values.Count} rows)");
                _ = Yiju.Programme.Domain.Overview.Assess(tree, values, asOf);
                Mark("Overview.Assess");
            }

            foreach (var (name, (wall, cpu)) in parts)
                Console.WriteLine($"[{provider}] phase {name,-36} wall median {Median(wall),7:0.0} ms  CPU median {Median(cpu),7:0.0} ms");
        }

        static async Task<(IReadOnlyList<(long, string)> Tasks, IReadOnlyList<string> Districts, long Values)> Inspect(BenchHost host)
        {
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<YijuDb>();
            var tasks = (await db.ProgrammeTasks.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.Code }).ToListAsync())
                .Select(t => (t.Id, t.Code)).ToList();
            var districts = await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.District).OrderBy(u => u.Code).Select(u => u.Code).ToListAsync();
            if (tasks.Count == 0 || districts.Count != 18)
                throw new InvalidOperationException($"Expected Harbin's tasks and 18 districts after seeding, found {tasks.Count} tasks and {districts.Count} districts.");
            var values = await db.ReportedValues.LongCountAsync();
            return (tasks, districts, values);
        }

        static List<Page> Pages(Dataset data, string asOf)
        {
            var q = "?asOf=" + asOf;
            // One indicator of each shape: sums with a repeating yearly target, with yearly targets, with district targets,
            // amounts, stocks, rates, a lower-is-better rate, a level and one for information.
            var picks = new[] { 4, 5, 9, 10, 12, 14, 15, 18, 19, 20 }.Select(i => data.Indicators[i - 1].Code).ToList();
            var busiestTask = data.Indicators.GroupBy(i => i.TaskId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().First().Code;
            var taskCode = busiestTask[..busiestTask.LastIndexOf('.')];
            return
            [
                new("overview /programme", ["/programme" + q], "home-card"),
                new("home /programme/homes/H1", ["/programme/homes/H1" + q], "H1."),
                new("task /programme/tasks/…", [$"/programme/tasks/{taskCode}" + q], "B"),
                new("indicator /programme/indicators/…", [.. picks.Select(c => $"/programme/indicators/{c}" + q)], "基准测试指标"),
                new("API GET /api/v1/programme", ["/api/v1/programme" + q], "\"homes\""),
            ];
        }

        static async Task Check(HttpClient client, Page page, CancellationToken ct)
        {
            foreach (var path in page.Paths)
            {
                using var response = await client.GetAsync(path, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode || !body.Contains(page.Expect, StringComparison.Ordinal))
                    throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}, expected text '{page.Expect}' {(body.Contains(page.Expect, StringComparison.Ordinal) ? "found" : "missing")}");
                page.Bytes = Math.Max(page.Bytes, Encoding.UTF8.GetByteCount(body));
            }
        }

        static async Task<(double Wall, double Cpu)> Time(HttpClient client, string path, CancellationToken ct)
        {
            // The host runs in this process and nothing else does: the process's CPU time over a request is the server's
            // work (plus the small client side), a steadier measure than wall time on a shared machine.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
            _ = await response.Content.ReadAsByteArrayAsync(ct);
            watch.Stop();
            response.EnsureSuccessStatusCode();
            return (watch.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }

        static double Median(List<double> xs) => Percentile(xs, 0.5);

        static double Percentile(List<double> xs, double p)
        {
            var sorted = xs.Order().ToList();
            var rank = p * (sorted.Count - 1);
            var lo = (int)Math.Floor(rank);
            var hi = (int)Math.Ceiling(rank);
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
        }

        static string LoadAverage() =>
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
    }
}

internal sealed record Page(string Name, IReadOnlyList<string> Paths, string Expect)
{
    public int Bytes { get; set; }
}

internal sealed record Options(
    IReadOnlyList<DatabaseProvider> Providers, string? Postgres, int Requests, int Warmup, int Rounds, bool Reuse, string AsOf, string Output)
{
    public static Options Parse(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var k and >= 0 && k + 1 < args.Length ? args[k + 1] : null;
        int Int(string name, int fallback) => Arg(name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;
        var postgres = Arg("--postgres") ?? Environment.GetEnvironmentVariable("YIJU_BENCH_POSTGRES");
        var providers = (Arg("--providers") ?? (postgres is null ? "sqlite" : "sqlite,postgres"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant() switch
            {
                "sqlite" => DatabaseProvider.Sqlite,
                "postgres" => DatabaseProvider.Postgres,
                _ => throw new ArgumentException($"Unknown provider '{p}': sqlite or postgres."),
            }).ToList();
        var output = Arg("--out") ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "out");
        return new Options(providers, postgres, Int("--requests", 30), Int("--warmup", 5), Int("--rounds", 3),
            args.Contains("--reuse"), Arg("--as-of") ?? "2026-12-31", Path.GetFullPath(output));
    }
}
