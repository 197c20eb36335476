using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Geo;
using Yiju.Places.Data;
using Yiju.Places.Domain;
using Yiju.Routing.Graph;
using Yiju.Routing.Osm;

namespace Yiju.Places.Features;

public sealed record NetworkImportResult(long NetworkId, int Vertices, int Edges, int EstimatedUnits, double EstimatedPeople);

/// <summary>
/// Imports an OSM file (PBF or XML) as the walking network and replaces the OSM population estimate from its
/// residential buildings. The whole file is read and the graph built before anything is written; the writes happen in
/// one transaction. A truncated, corrupt or non-OSM file is refused with the reader's message and changes nothing.
/// </summary>
public sealed class ImportNetwork(IPlacesDb db, IDistrictLookup districts, NetworkCache cache, TimeProvider clock)
{
    public const long MaxBytes = 200L * 1024 * 1024;

    public async Task<Outcome<NetworkImportResult>> Import(Stream file, string fileName, string actor,
        IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        progress?.Report(("read", 0));
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes)
            return Failure.Invalid("file", "文件过大 (file larger than 200 MB)");
        var bytes = buffer.ToArray();
        WalkGraph graph;
        var estimate = new PopulationEstimate();
        try
        {
            progress?.Report(("graph", 0.1));
            graph = WalkGraph.Load(new MemoryStream(bytes));
            progress?.Report(("population", 0.5));
            OsmReader.Read(new MemoryStream(bytes), estimate);
        }
        catch (OsmFormatException e)
        {
            return Failure.Invalid("file", $"不是可读的 OSM 文件，未导入任何内容 (not a readable OSM file; nothing was imported): {e.Message}");
        }

        if (graph.EdgeCount == 0)
            return Failure.Invalid("file", "文件中没有可步行的道路，未导入 (no walkable ways in the file; nothing was imported)");

        progress?.Report(("districts", 0.7));
        var source = $"OSM 建筑估算 ESTIMATE ({Path.GetFileName(fileName)})";
        var units = estimate.Units().Select(u =>
        {
            var match = districts.Find(new GeoPoint(u.Latitude, u.Longitude));
            return new PopulationUnit
            {
                Latitude = u.Latitude,
                Longitude = u.Longitude,
                Total = u.Counts.Total,
                Age0To3 = u.Counts.Age0To3,
                Age3To6 = u.Counts.Age3To6,
                Age6To12 = u.Counts.Age6To12,
                Age12To15 = u.Counts.Age12To15,
                Age65Plus = u.Counts.Age65Plus,
                IsEstimate = true,
                Source = source.Length > 200 ? source[..200] : source,
                DistrictCode = match?.DistrictCode,
                StreetCode = match?.StreetCode,
                DistrictName = Cut(match?.DistrictName),
                StreetName = Cut(match?.StreetName),
            };
        }).ToList();

        progress?.Report(("save", 0.85));
        var network = new WalkingNetwork
        {
            FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 200 } n ? n : "network.osm",
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            VertexCount = graph.VertexCount,
            EdgeCount = graph.EdgeCount,
            EstimatedUnits = units.Count,
            ImportedAt = clock.GetUtcNow().UtcDateTime,
            ImportedBy = actor.Length > 100 ? actor[..100] : actor,
        };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.PopulationUnits.Where(p => p.IsEstimate).ExecuteDeleteAsync(ct);
            db.WalkingNetworks.Add(network);
            db.PopulationUnits.AddRange(units);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        cache.Set(new LoadedNetwork(network.Id, network.FileName, graph, new EdgeSnapper(graph)));
        progress?.Report(("done", 1));
        return new NetworkImportResult(network.Id, graph.VertexCount, graph.EdgeCount, units.Count, units.Sum(u => u.Total));
    }

    private static string? Cut(string? name) => name is { Length: > 100 } ? name[..100] : name;
}
