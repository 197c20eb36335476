using Microsoft.EntityFrameworkCore;
using Yiju.Places.Data;
using Yiju.Places.Domain;
using Yiju.Routing.Graph;

namespace Yiju.Places.Features;

/// <summary>The walking graph of the current network (the latest import) with its snapping index.</summary>
public sealed record LoadedNetwork(long Id, string FileName, WalkGraph Graph, EdgeSnapper Snapper);

/// <summary>
/// Keeps the current walking graph in memory. The graph is rebuilt from the OSM file stored in the database on first
/// use in each process (about a second for central Harbin) and whenever a newer import appears; nothing is cached on
/// disk, so several web nodes share one database without shared files.
/// </summary>
public sealed class NetworkCache
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private LoadedNetwork? _current;

    public async Task<LoadedNetwork?> Current(IPlacesDb db, CancellationToken ct)
    {
        var latest = await db.WalkingNetworks.AsNoTracking().OrderByDescending(n => n.Id).Select(n => new { n.Id, n.FileName }).FirstOrDefaultAsync(ct);
        if (latest is null)
            return null;
        if (_current?.Id == latest.Id)
            return _current;
        await _lock.WaitAsync(ct);
        try
        {
            if (_current?.Id == latest.Id)
                return _current;
            var content = await db.WalkingNetworks.AsNoTracking().Where(n => n.Id == latest.Id).Select(n => n.Content).SingleAsync(ct);
            var graph = WalkGraph.Load(new MemoryStream(content));
            _current = new LoadedNetwork(latest.Id, latest.FileName, graph, new EdgeSnapper(graph));
            return _current;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Installs a graph just built by an import, saving the rebuild.</summary>
    public void Set(LoadedNetwork network) => _current = network;
}
