using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Places.Data;
using Yiju.Places.Domain;

namespace Yiju.Places.Features;

public sealed record RunInputs(long NetworkId, string NetworkFile, int PopulationUnits, double People, bool EstimatedPopulation,
    IReadOnlyDictionary<string, int> FacilitiesByType, IReadOnlyDictionary<string, double> StandardDistances);

public sealed record RunSummary(long Id, DateTime StartedAt, DateTime FinishedAt, string StartedBy, bool UsesEstimatedPopulation);

/// <summary>Runs the life-circle analysis on the current network, facilities and population, and saves it with its inputs.</summary>
public sealed class RunAnalysis(IPlacesDb db, NetworkCache cache, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<Outcome<RunSummary>> Run(AnalysisParameters parameters, string actor, IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        if (parameters.SuggestCount is < 0 or > 20 || parameters.MaxSnapDistance is <= 0 or > 2000 || parameters.CandidateLimit is < 1 or > 2000)
            return Failure.Invalid("parameters", "参数超出范围 (parameters out of range: 0–20 sites, snap 1–2000 m)");
        var started = clock.GetUtcNow().UtcDateTime;
        var network = await cache.Current(db, ct);
        if (network is null)
            return Failure.Invalid("network", "尚未导入步行路网，请先导入 OSM 文件 (no walking network yet: import an OSM file first)");
        var types = await db.FacilityTypes.AsNoTracking().OrderBy(t => t.Level).ThenBy(t => t.Code).ToListAsync(ct);
        var typeCodes = types.ToDictionary(t => t.Id, t => t.Code);
        var facilities = (await db.Facilities.AsNoTracking().ToListAsync(ct))
            .Select(f => new FacilityInput(f.Id, typeCodes[f.FacilityTypeId], f.Name, f.Latitude, f.Longitude, f.Capacity)).ToList();
        var units = await db.PopulationUnits.AsNoTracking().ToListAsync(ct);
        if (units.Count == 0)
            return Failure.Invalid("population", "没有人口数据 (no population units loaded)");

        // Census units, when loaded, replace the OSM estimate entirely: mixing both would count people twice.
        var census = units.Where(u => !u.IsEstimate).ToList();
        var used = census.Count > 0 ? census : units;
        var population = used.Select(u => new PopulationInput(u.Id, u.Latitude, u.Longitude, u.Counts, u.DistrictCode, u.StreetCode, u.DistrictName, u.StreetName)).ToList();
        var estimated = census.Count == 0;

        var result = await Task.Run(() => new AccessibilityAnalysis(network.Graph, network.Snapper).Run(types, facilities, population, parameters, progress), ct);
        var inputs = new RunInputs(network.Id, network.FileName, population.Count, population.Sum(p => p.Counts.Total), estimated,
            facilities.GroupBy(f => f.TypeCode).ToDictionary(g => g.Key, g => g.Count()),
            types.ToDictionary(t => t.Code, t => t.WalkingDistance));
        var run = new AnalysisRun
        {
            StartedAt = started,
            FinishedAt = clock.GetUtcNow().UtcDateTime,
            NetworkId = network.Id,
            StartedBy = actor.Length > 100 ? actor[..100] : actor,
            ParametersJson = JsonSerializer.Serialize(parameters, Json),
            InputsJson = JsonSerializer.Serialize(inputs, Json),
            ResultJson = JsonSerializer.Serialize(result with { Types = result.Types.Select(t => t with { Areas = [] }).ToList() }, Json),
            UsesEstimatedPopulation = estimated,
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
        await tx.CommitAsync(ct);
        return new RunSummary(run.Id, run.StartedAt, run.FinishedAt, run.StartedBy, estimated);
    }
}
