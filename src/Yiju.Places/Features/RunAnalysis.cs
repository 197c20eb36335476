using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Places.Data;
using Yiju.Places.Domain;

namespace Yiju.Places.Features;

public sealed record RunInputs(long NetworkId, string NetworkFile, int PopulationUnits, double People, bool EstimatedPopulation,
    IReadOnlyDictionary<string, int> FacilitiesByType, IReadOnlyDictionary<string, double> StandardDistances);

public sealed record RunSummary(long Id, DateTime StartedAt, DateTime FinishedAt, string StartedBy, bool UsesEstimatedPopulation);

/// <summary>
/// Runs the life-circle analysis on the current network, facilities and population, and saves it with its inputs, its
/// parameters and the facility types it measured against. <see cref="Run"/> is the synchronous path (the CLI);
/// the web queues an <see cref="AnalysisJob"/> and the background worker calls <see cref="Execute"/> with the types
/// recorded when the job was queued.
/// </summary>
public sealed class RunAnalysis(IPlacesDb db, NetworkCache cache, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Failure? Check(AnalysisParameters parameters) =>
        parameters.SuggestCount is < 0 or > 20 || parameters.MaxSnapDistance is <= 0 or > 2000 || !double.IsFinite(parameters.MaxSnapDistance)
            || parameters.CandidateLimit is < 1 or > 2000 || parameters.GapListLength is < 0 or > 500
            ? Failure.Invalid("parameters", "参数超出范围 (parameters out of range: 0–20 sites, snap 1–2000 m)")
            : null;

    /// <summary>The facility types as they are now, in analysis order.</summary>
    public async Task<List<TypeSnapshot>> CurrentTypes(CancellationToken ct) =>
        (await db.FacilityTypes.AsNoTracking().OrderBy(t => t.Level).ThenBy(t => t.Code).ToListAsync(ct)).Select(TypeSnapshot.From).ToList();

    /// <summary>Runs now with the types as they are now (the CLI's `yiju places analyse`).</summary>
    public async Task<Outcome<RunSummary>> Run(AnalysisParameters parameters, string actor, IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        if (Check(parameters) is { } bad)
            return bad;
        return await Execute(await CurrentTypes(ct), parameters, actor, null, progress, null, ct);
    }

    /// <summary>
    /// Runs with the given types and saves the run and its coverage rows in one transaction. <paramref name="networkId"/>,
    /// when given, must still be the current network (a queued job refuses to run on a network imported after it was
    /// queued). <paramref name="completing"/> runs inside that transaction, so a job is marked done together with its run.
    /// </summary>
    public async Task<Outcome<RunSummary>> Execute(IReadOnlyList<TypeSnapshot> snapshot, AnalysisParameters parameters, string actor, long? networkId,
        IProgress<(string Stage, double Fraction)>? progress, Func<AnalysisRun, Task>? completing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (Check(parameters) is { } bad)
            return bad;
        var started = clock.GetUtcNow().UtcDateTime;
        var network = await cache.Current(db, ct);
        if (network is null)
            return Failure.Invalid("network", "尚未导入步行路网，请先导入 OSM 文件 (no walking network yet: import an OSM file first)");
        if (networkId is { } expected && expected != network.Id)
            return Failure.Conflict($"排队后路网已更新（{expected} → {network.Id}），请重新运行 (the walking network was replaced after this run was queued; run it again)");
        if (snapshot.Count == 0)
            return Failure.Invalid("types", "没有设施类型 (no facility types)");
        var types = snapshot.Select(t => t.ToType()).ToList();
        var inputs = await Inputs(network.Id, network.FileName, snapshot, ct);
        if (inputs.Failure is { } missing)
            return missing;
        var (facilities, population, summary) = inputs.Value!;

        var result = await Task.Run(() => new AccessibilityAnalysis(network.Graph, network.Snapper).Run(types, facilities, population, parameters, progress), ct);
        progress?.Report(("save", 1));
        var run = new AnalysisRun
        {
            StartedAt = started,
            FinishedAt = clock.GetUtcNow().UtcDateTime,
            NetworkId = network.Id,
            StartedBy = actor.Length > 100 ? actor[..100] : actor,
            ParametersJson = JsonSerializer.Serialize(parameters, Json),
            InputsJson = JsonSerializer.Serialize(summary, Json),
            ResultJson = JsonSerializer.Serialize(result with { Types = result.Types.Select(t => t with { Areas = [] }).ToList() }, Json),
            TypesJson = JsonSerializer.Serialize(snapshot, Json),
            UsesEstimatedPopulation = summary.EstimatedPopulation,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AnalysisRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.CoverageRows.AddRange(result.Types.SelectMany(t => t.Areas.Select(a => new CoverageRow
        {
            RunId = run.Id,
            FacilityTypeCode = t.TypeCode,
            AreaLevel = a.AreaLevel,
            AreaCode = a.AreaCode,
            AreaName = a.AreaName.Length > 100 ? a.AreaName[..100] : a.AreaName,
            Population = a.Population,
            Covered = a.Covered,
            CoveragePercent = a.CoveragePercent,
            Access2Sfca = a.Access2Sfca,
            AccessDecay = a.AccessDecay,
        })));
        await db.SaveChangesAsync(ct);
        if (completing is not null)
            await completing(run);
        await tx.CommitAsync(ct);
        return new RunSummary(run.Id, run.StartedAt, run.FinishedAt, run.StartedBy, summary.EstimatedPopulation);
    }

    /// <summary>
    /// The facilities and people an analysis would use now, and their summary as saved with a run. Census units, when
    /// loaded, replace the OSM estimate entirely: mixing both would count people twice.
    /// </summary>
    public async Task<Outcome<(List<FacilityInput> Facilities, List<PopulationInput> Population, RunInputs Summary)>> Inputs(
        long networkId, string networkFile, IReadOnlyList<TypeSnapshot> types, CancellationToken ct)
    {
        var typeCodes = await db.FacilityTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var analysed = types.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var facilities = (await db.Facilities.AsNoTracking().ToListAsync(ct))
            .Select(f => new FacilityInput(f.Id, typeCodes[f.FacilityTypeId], f.Name, f.Latitude, f.Longitude, f.Capacity))
            .Where(f => analysed.Contains(f.TypeCode))
            .ToList();
        var units = await db.PopulationUnits.AsNoTracking().ToListAsync(ct);
        if (units.Count == 0)
            return Failure.Invalid("population", "没有人口数据 (no population units loaded)");
        var census = units.Where(u => !u.IsEstimate).ToList();
        var used = census.Count > 0 ? census : units;
        var population = used.Select(u => new PopulationInput(u.Id, u.Latitude, u.Longitude, u.Counts, u.DistrictCode, u.StreetCode, u.DistrictName, u.StreetName)).ToList();
        var summary = new RunInputs(networkId, networkFile, population.Count, population.Sum(p => p.Counts.Total), census.Count == 0,
            facilities.GroupBy(f => f.TypeCode).ToDictionary(g => g.Key, g => g.Count()),
            types.ToDictionary(t => t.Code, t => t.WalkingDistance));
        return (facilities, population, summary);
    }
}
