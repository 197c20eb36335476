using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Yiju.Data;
using Yiju.Data.Migrations;
using Yiju.Kernel.Auditing;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.Features;
using Yiju.Programme.Features.Export;
using Yiju.Programme.Features.Import;

// Programme bulk import benchmark (issue 3: "importing 100,000 values from .xlsx takes under 10 s").
// Generates one .xlsx of N rows (default 100,000: 100 monthly indicators × 56 months × 18 districts, cut to N), then for
// each provider and run: a fresh database, migrated, with a synthetic programme of those 100 indicators, and times
// ImportValues.Handle end to end (read the workbook with XmlReader, check every row, write in one transaction).
// Options: --rows N, --runs N (default 5), --skip-sqlite, --skip-postgres, --postgres "<server connection string>"
// (default: env YIJU_BENCH_POSTGRES or YIJU_TEST_POSTGRES; the user must be allowed to create databases).
var rows = Option("--rows", 100_000);
var runs = Option("--runs", 5);
var postgres = Text("--postgres") ?? Environment.GetEnvironmentVariable("YIJU_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("YIJU_TEST_POSTGRES");
Console.WriteLine($"Programme import benchmark: {rows:N0} rows, {runs} runs per provider, {Environment.ProcessorCount} logical CPUs");

var generate = Stopwatch.StartNew();
var workbook = TableExport.ToXlsx(Bench.Workbook(rows));
generate.Stop();
Console.WriteLine($"workbook: {workbook.Length / 1024.0 / 1024.0:F1} MB, written in {generate.Elapsed.TotalSeconds:F2} s");

var parse = new List<double>();
var parseCpu = new List<double>();
for (var i = 0; i < runs; i++)
{
    var cpu = Bench.Cpu();
    var sw = Stopwatch.StartNew();
    var parsed = ImportFileReader.ReadXlsx(workbook);
    sw.Stop();
    if (parsed.Rows.Count != rows || parsed.Errors.Count > 0)
        throw new InvalidOperationException($"read {parsed.Rows.Count} rows, {parsed.Errors.Count} errors");
    parse.Add(sw.Elapsed.TotalSeconds);
    parseCpu.Add(Bench.Cpu() - cpu);
}

Console.WriteLine($"read only (XlsxPackage, XmlReader): wall median {Bench.Median(parse):F2} s [{Bench.List(parse)}]; CPU median {Bench.Median(parseCpu):F2} s [{Bench.List(parseCpu)}]");

if (!args.Contains("--skip-sqlite"))
    await Bench.Run(DatabaseProvider.Sqlite, null, workbook, rows, runs);
if (!args.Contains("--skip-postgres"))
{
    if (postgres is null)
        Console.WriteLine("PostgreSQL skipped: set YIJU_BENCH_POSTGRES or pass --postgres");
    else
        await Bench.Run(DatabaseProvider.Postgres, postgres, workbook, rows, runs);
}

int Option(string name, int fallback) => Text(name) is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : fallback;

string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

internal static class Bench
{
    public const int Indicators = 100;
    public const string Department = "市住建局";

    public static readonly string[] Districts =
        ["230102", "230103", "230104", "230108", "230109", "230110", "230111", "230112", "230113", "230123", "230124", "230125", "230126", "230127", "230128", "230129", "230183", "230184"];

    /// <summary>Months from January 2022 that have begun by now (the import refuses future periods), at most 56.</summary>
    private static List<PeriodKey> Months()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var months = new List<PeriodKey>();
        for (var p = PeriodKey.ForMonth(2022, 1); p.Start <= today && months.Count < 56 && p.Year <= 2026; p = p.Next())
            months.Add(p);
        return months;
    }

    public static ExportTable Workbook(int rows)
    {
        var months = Months();
        var data = new List<IReadOnlyList<object?>>(rows);
        for (var i = 1; i <= Indicators && data.Count < rows; i++)
        {
            foreach (var m in months)
            {
                foreach (var d in Districts)
                {
                    if (data.Count == rows)
                        break;
                    // Values move gently from month to month, so no row needs a change explanation.
                    data.Add([$"B.I{i}", m.ToString(), d, 100 + (i % 7) + (m.Number % 3), null, null, null, "基准测试台账"]);
                }
            }
        }

        if (data.Count < rows)
            throw new InvalidOperationException($"only {data.Count} distinct indicator × month × district lines exist before today");
        return new ExportTable("数据", ["指标代码", "期间", "区县代码", "数值", "分子", "分母", "说明", "来源说明"], data) { TextColumns = new HashSet<int> { 0, 1, 2 } };
    }

    public static async Task Run(DatabaseProvider provider, string? server, byte[] workbook, int rows, int runs)
    {
        var times = new List<double>();
        var cpuTimes = new List<double>();
        for (var run = 0; run < runs + 1; run++)
        {
            var (settings, cleanup) = await FreshDatabase(provider, server, run);
            try
            {
                await using var services = Services(settings);
                using (var scope = services.CreateScope())
                {
                    await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Migrate(CancellationToken.None);
                    var db = scope.ServiceProvider.GetRequiredService<IProgrammeDb>();
                    db.Programmes.Add(Programme());
                    await db.SaveChangesAsync();
                }

                using (var scope = services.CreateScope())
                {
                    var import = scope.ServiceProvider.GetRequiredService<Yiju.Programme.Features.Import.ImportValues>();
                    var caller = new Caller(1, "bench", [new RoleGrant(Role.DepartmentStaff, null, 1)]);
                    var cpu = Cpu();
                    var sw = Stopwatch.StartNew();
                    var outcome = await import.Handle(new ImportCommand("bench.xlsx", workbook, Submit: true), caller, CancellationToken.None);
                    sw.Stop();
                    var used = Cpu() - cpu;
                    if (!outcome.Succeeded || outcome.Value!.Created != rows)
                        throw new InvalidOperationException(outcome.Failure?.Message + " " + string.Join("; ", outcome.Failure?.Errors?.Take(5).Select(e => e.Key + ": " + string.Join(",", e.Value)) ?? []));
                    // The first run warms up the JIT and the connection pool; it is not counted.
                    if (run > 0)
                    {
                        times.Add(sw.Elapsed.TotalSeconds);
                        cpuTimes.Add(used);
                    }

                    Console.WriteLine($"{provider} run {run}{(run == 0 ? " (warm-up)" : "")}: wall {sw.Elapsed.TotalSeconds:F2} s, CPU of this process {used:F2} s, load average {LoadAverage()}");
                }

                using (var scope = services.CreateScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<YijuDb>();
                    var count = db.ReportedValues.Count();
                    var history = db.Set<ValueHistoryEntry>().Count();
                    if (count != rows || history != rows * 2)
                        throw new InvalidOperationException($"stored {count} values and {history} history rows");
                }
            }
            finally
            {
                await cleanup();
            }
        }

        Console.WriteLine($"{provider}: import of {rows:N0} values from .xlsx, wall median {Median(times):F2} s [{List(times)}]; CPU median {Median(cpuTimes):F2} s [{List(cpuTimes)}] over {runs} runs");
    }

    /// <summary>CPU seconds used by this process so far (all threads). On a machine shared with other work, wall time
    /// includes waiting for a core; CPU time is what the import itself costs.</summary>
    public static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>The 1-minute load average, to show how busy the machine was during a run.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static CityProgramme Programme()
    {
        var task = new ProgrammeTask { Id = 1, GoalId = 1, Code = "B.T1", Name = "基准测试任务", LeadDepartment = Department };
        for (var i = 1; i <= Indicators; i++)
        {
            task.Indicators.Add(new Indicator
            {
                Id = i,
                TaskId = 1,
                Code = $"B.I{i}",
                Name = $"基准测试指标{i}",
                Unit = "个",
                Kind = IndicatorKind.Count,
                Direction = Direction.HigherIsBetter,
                Frequency = PeriodType.Month,
                Rollup = DistrictRollup.Sum,
                HasDistrictBreakdown = true,
            });
        }

        return new CityProgramme
        {
            Id = 1,
            Code = "bench",
            Name = "基准测试规划",
            StartYear = 2022,
            EndYear = 2026,
            Homes = [new Home { Id = 1, ProgrammeId = 1, Code = "B", Name = "基准", Goals = [new Goal { Id = 1, HomeId = 1, Code = "B.G1", Name = "基准目标", Tasks = [task] }] }],
        };
    }

    private static ServiceProvider Services(DatabaseSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditActor>(new FixedAuditActor("bench"));
        services.AddYijuData(settings);
        services.AddProgramme();
        services.AddScoped<IProgrammeDirectory, BenchDirectory>();
        return services.BuildServiceProvider();
    }

    private static async Task<(DatabaseSettings, Func<Task>)> FreshDatabase(DatabaseProvider provider, string? server, int run)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"yiju-bench-import-{Environment.ProcessId}-{run}.db");
            File.Delete(file);
            return (new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"), () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(file);
                return Task.CompletedTask;
            }
            );
        }

        var name = $"yiju_bench_import_{Environment.ProcessId}_{run}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return (new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        );
    }

    public static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string List(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>The benchmark's caller works for the department that leads the synthetic task; the districts are Harbin's 18 codes.</summary>
    private sealed class BenchDirectory : IProgrammeDirectory
    {
        public Task<IReadOnlyList<string>> DepartmentNames(Caller caller, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([Department]);

        public Task<IReadOnlyList<DistrictRef>> Districts(CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<DistrictRef>>(Bench.Districts.Select(d => new DistrictRef(d, d)).ToList());

        public Task<IReadOnlyList<string>> DistrictCodes(Caller caller, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);
    }
}
