using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Yiju.Kernel;
using Yiju.Places.Data;
using Yiju.Places.Domain;
using Yiju.Routing.Graph;
using Yiju.Routing.Paths;

namespace Yiju.Places.Features;

public sealed record RunDetail(RunSummary Run, RunInputs Inputs, AnalysisParameters Parameters, AccessibilityResult Result, IReadOnlyList<TypeSnapshot> Types)
{
    /// <summary>The standard distance each type was measured against in this run (from its types, else its inputs for older runs).</summary>
    public IReadOnlyDictionary<string, double> Distances =>
        Types.Count > 0 ? Types.ToDictionary(t => t.Code, t => t.WalkingDistance, StringComparer.Ordinal) : Inputs.StandardDistances;
}

/// <summary>Two saved runs side by side: their settings (parameters, inputs, standards) and coverage per type, district and street.</summary>
public sealed record RunComparisonView(RunDetail A, RunDetail B, IReadOnlyList<ComparedSetting> Settings, IReadOnlyList<ComparedCoverage> Coverage);

public sealed record ReachableFacility(long Id, string TypeCode, string Name, double Latitude, double Longitude, double Distance, int Minutes);

/// <summary>What lies within the 5-, 10- and 15-minute circles of a point, and the outlines of those circles (GeoJSON).</summary>
public sealed record WithinResult(double SnapDistance, IReadOnlyList<ReachableFacility> Facilities, IReadOnlyDictionary<int, string> Outlines);

public sealed class PlacesQueries(IPlacesDb db, NetworkCache cache)
{
    public static readonly (int Minutes, double Metres)[] Circles =
        [(5, LifeCircles.StandardDistance(LifeCircleLevel.FiveMinute)), (10, LifeCircles.StandardDistance(LifeCircleLevel.TenMinute)), (15, LifeCircles.StandardDistance(LifeCircleLevel.FifteenMinute))];

    public Task<List<RunSummary>> Runs(CancellationToken ct) =>
        db.AnalysisRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(50)
            .Select(r => new RunSummary(r.Id, r.StartedAt, r.FinishedAt, r.StartedBy, r.UsesEstimatedPopulation)).ToListAsync(ct);

    public async Task<RunDetail?> Run(long? id, CancellationToken ct)
    {
        var query = db.AnalysisRuns.AsNoTracking();
        var run = id is { } i ? await query.FirstOrDefaultAsync(r => r.Id == i, ct) : await query.OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (run is null)
            return null;
        return new RunDetail(new RunSummary(run.Id, run.StartedAt, run.FinishedAt, run.StartedBy, run.UsesEstimatedPopulation),
            JsonSerializer.Deserialize<RunInputs>(run.InputsJson, RunAnalysis.Json)!,
            JsonSerializer.Deserialize<AnalysisParameters>(run.ParametersJson, RunAnalysis.Json)!,
            JsonSerializer.Deserialize<AccessibilityResult>(run.ResultJson, RunAnalysis.Json)!,
            JsonSerializer.Deserialize<List<TypeSnapshot>>(run.TypesJson, RunAnalysis.Json) ?? []);
    }

    /// <summary>Compares two saved runs; null when either does not exist.</summary>
    public async Task<RunComparisonView?> Compare(long a, long b, bool showPeople, CancellationToken ct)
    {
        var left = await Run(a, ct);
        var right = await Run(b, ct);
        if (left is null || right is null)
            return null;
        var rowsA = await Coverage(left.Run.Id, null, null, ct);
        var rowsB = await Coverage(right.Run.Id, null, null, ct);
        var coverage = RunComparison.Coverage(rowsA, rowsB, left.Distances, right.Distances);
        var settings = RunComparison.Settings(Settings(left, showPeople), Settings(right, showPeople));
        return new RunComparisonView(left, right, settings, coverage);
    }

    /// <summary>
    /// A run's parameters and inputs as labelled lines, keys first: the page localises the keys; "standard:&lt;code&gt;"
    /// and "facilities:&lt;code&gt;" name a type. Who started a run is shown to planners only.
    /// </summary>
    public static List<(string Name, string Value)> Settings(RunDetail run, bool showPeople)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<(string, string)>
        {
            ("finished", run.Run.FinishedAt.ToString("u", inv)),
            ("network", string.Create(inv, $"#{run.Inputs.NetworkId} {run.Inputs.NetworkFile}")),
            ("population", string.Create(inv, $"{run.Inputs.PopulationUnits:N0} / {run.Inputs.People:N0}")),
            ("estimate", run.Inputs.EstimatedPopulation ? "ESTIMATE" : "census"),
            ("maxSnap", run.Parameters.MaxSnapDistance.ToString(inv)),
            ("sites", run.Parameters.SuggestCount.ToString(inv)),
            ("candidates", run.Parameters.CandidateLimit.ToString(inv)),
            ("flagged", run.Result.FlaggedFacilities.Count.ToString(inv)),
        };
        if (showPeople)
            lines.Insert(1, ("startedBy", run.Run.StartedBy));
        var types = run.Types.Count > 0
            ? run.Types.Select(t => (t.Code, Text: string.Create(inv, $"{(int)t.Level}′ · {t.WalkingDistance} m · {t.TargetGroup} · {t.CapacityUnit}{(t.ClauseChecked ? " · ✓" : "")}")))
            : run.Inputs.StandardDistances.Select(kv => (kv.Key, Text: string.Create(inv, $"{kv.Value} m")));
        foreach (var (code, text) in types.OrderBy(t => t.Item1, StringComparer.Ordinal))
        {
            lines.Add(($"standard:{code}", text));
            lines.Add(($"facilities:{code}", run.Inputs.FacilitiesByType.GetValueOrDefault(code).ToString(inv)));
        }

        return lines;
    }

    public Task<List<CoverageRow>> Coverage(long runId, string? typeCode, string? level, CancellationToken ct)
    {
        var q = db.CoverageRows.AsNoTracking().Where(r => r.RunId == runId);
        if (typeCode is not null)
            q = q.Where(r => r.FacilityTypeCode == typeCode);
        if (level is not null)
            q = q.Where(r => r.AreaLevel == level);
        return q.OrderBy(r => r.FacilityTypeCode).ThenBy(r => r.AreaLevel).ThenBy(r => r.AreaCode).ToListAsync(ct);
    }

    public async Task<bool> HasNetwork(CancellationToken ct) => await db.WalkingNetworks.AnyAsync(ct);

    /// <summary>The walking catchment of one facility at its type's standard distance, as GeoJSON.</summary>
    public async Task<Outcome<string>> Catchment(long facilityId, CancellationToken ct)
    {
        var facility = await db.Facilities.AsNoTracking().FirstOrDefaultAsync(f => f.Id == facilityId, ct);
        if (facility is null)
            return Failure.NotFound($"设施 {facilityId} 不存在 (unknown facility)");
        var type = await db.FacilityTypes.AsNoTracking().SingleAsync(t => t.Id == facility.FacilityTypeId, ct);
        var network = await cache.Current(db, ct);
        if (network is null)
            return Failure.Invalid("network", "尚未导入步行路网 (no walking network imported)");
        var snap = network.Snapper.Snap(facility.Latitude, facility.Longitude);
        if (!snap.IsSnapped)
            return Failure.Invalid("facility", SnapMessage(snap));
        var catchment = Routing.Paths.Catchment.Compute(network.Graph, snap, type.WalkingDistance);
        return Feature(catchment.Outline, $$"""{"facilityId":{{facility.Id}},"typeCode":"{{type.Code}}","metres":{{type.WalkingDistance.ToString(CultureInfo.InvariantCulture)}}}""");
    }

    /// <summary>Facilities within 5, 10 and 15 minutes' walk (GB 50180-2018's 300, 500 and 1000 m) of a point.</summary>
    public async Task<Outcome<WithinResult>> Within(double latitude, double longitude, CancellationToken ct)
    {
        if (!new Kernel.Geo.GeoPoint(latitude, longitude).IsValid)
            return Failure.Invalid("lat", "坐标无效 (invalid coordinates)");
        var network = await cache.Current(db, ct);
        if (network is null)
            return Failure.Invalid("network", "尚未导入步行路网 (no walking network imported)");
        var here = network.Snapper.Snap(latitude, longitude);
        if (!here.IsSnapped)
            return Failure.Invalid("lat", SnapMessage(here));
        var max = Circles[^1].Metres;
        var distance = ShortestPaths.NearestSource(network.Graph, here.ToSources(network.Graph, 0), max).Distance;
        var codes = await db.FacilityTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var facilities = await db.Facilities.AsNoTracking().ToListAsync(ct);
        var reachable = new List<ReachableFacility>();
        foreach (var f in facilities)
        {
            var snap = network.Snapper.Snap(f.Latitude, f.Longitude);
            if (!snap.IsSnapped)
                continue;
            var d = snap.Edge == here.Edge ? Math.Abs(snap.Offset - here.Offset) : double.PositiveInfinity;
            d = Math.Min(d, Math.Min(distance[network.Graph.EdgeFrom(snap.Edge)] + snap.Offset,
                distance[network.Graph.EdgeTo(snap.Edge)] + Math.Max(0, network.Graph.EdgeLength(snap.Edge) - snap.Offset)));
            d += here.Distance;
            if (d > max)
                continue;
            var minutes = Circles.First(c => d <= c.Metres).Minutes;
            reachable.Add(new ReachableFacility(f.Id, codes[f.FacilityTypeId], f.Name, f.Latitude, f.Longitude, Math.Round(d, 1), minutes));
        }

        var outlines = Circles.ToDictionary(c => c.Minutes,
            c => Feature(Routing.Paths.Catchment.Compute(network.Graph, here, Math.Max(0, c.Metres - here.Distance)).Outline,
                $$"""{"minutes":{{c.Minutes}},"metres":{{c.Metres.ToString(CultureInfo.InvariantCulture)}}}"""));
        return new WithinResult(Math.Round(here.Distance, 1), reachable.OrderBy(r => r.Distance).ToList(), outlines);
    }

    private static string SnapMessage(SnapResult snap) => snap.Status switch
    {
        SnapStatus.OutsideNetwork => "该点在已导入路网范围之外，无法计算 (the point lies outside the imported network's area)",
        _ => $"该点离最近的可步行道路超过 {snap.Distance.ToString("F0", CultureInfo.InvariantCulture)} 米 (no walkable way within reach of the point)",
    };

    /// <summary>A GeoJSON Feature for a Polygon or MultiPolygon in WGS84.</summary>
    public static string Feature(Geometry geometry, string propertiesJson)
    {
        var sb = new StringBuilder("{\"type\":\"Feature\",\"properties\":").Append(propertiesJson).Append(",\"geometry\":");
        switch (geometry)
        {
            case Polygon p:
                sb.Append("{\"type\":\"Polygon\",\"coordinates\":");
                Polygon(sb, p);
                break;
            case MultiPolygon mp:
                sb.Append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
                for (var i = 0; i < mp.NumGeometries; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    Polygon(sb, (Polygon)mp.GetGeometryN(i));
                }

                sb.Append(']');
                break;
            default:
                sb.Append("{\"type\":\"Polygon\",\"coordinates\":[]");
                break;
        }

        return sb.Append("}}").ToString();
    }

    private static void Polygon(StringBuilder sb, Polygon p)
    {
        sb.Append('[');
        Ring(sb, p.ExteriorRing);
        foreach (var hole in p.InteriorRings)
        {
            sb.Append(',');
            Ring(sb, hole);
        }

        sb.Append(']');
    }

    private static void Ring(StringBuilder sb, LineString ring)
    {
        sb.Append('[');
        for (var i = 0; i < ring.NumPoints; i++)
        {
            if (i > 0)
                sb.Append(',');
            var c = ring.GetCoordinateN(i);
            sb.Append('[').Append(Math.Round(c.X, 6).ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Math.Round(c.Y, 6).ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        sb.Append(']');
    }
}
