using Yiju.Routing.Graph;

namespace Yiju.Routing.Paths;

/// <summary>
/// Facilities (or any points) snapped onto the network, ready for a nearest-source search, and
/// able to answer "how far is this other snapped point from the nearest of them". The answer
/// also considers a facility on the same edge as the point, which a search through the edge's
/// ends alone would overestimate (a home 50 m along the same street would seem to be a detour
/// through the street's end away).
/// </summary>
public sealed class SnappedSources
{
    private readonly WalkGraph _graph;
    private readonly PathSource[] _sources;
    private readonly Dictionary<int, List<(double Offset, int Label)>> _byEdge = [];

    /// <param name="points">Snapped points with the caller's label for each (e.g. a facility index).
    /// Points that did not snap are left out; the caller decides how to report them.</param>
    public SnappedSources(WalkGraph graph, IEnumerable<(SnapResult Snap, int Label)> points)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(points);
        _graph = graph;
        var sources = new List<PathSource>();
        foreach (var (snap, label) in points)
        {
            if (!snap.IsSnapped)
            {
                continue;
            }

            sources.AddRange(snap.ToSources(graph, label));
            if (!_byEdge.TryGetValue(snap.Edge, out var onEdge))
            {
                _byEdge[snap.Edge] = onEdge = [];
            }

            onEdge.Add((snap.Offset, label));
        }

        _sources = [.. sources];
    }

    public ReadOnlySpan<PathSource> Sources => _sources;

    public int Count => _sources.Length / 2;

    /// <summary>Every vertex's distance to the nearest of these points, up to <paramref name="cutoff"/> metres.</summary>
    public NearestSourceResult Search(double cutoff = double.PositiveInfinity) =>
        ShortestPaths.NearestSource(_graph, _sources, cutoff);

    /// <summary>
    /// Network distance from a snapped point to the nearest source and that source's label, or
    /// (infinity, -1) when none is reachable within the search's cutoff. The walk from the original
    /// point onto the network (<see cref="SnapResult.Distance"/>) is not included.
    /// </summary>
    public (double Distance, int Label) NearestTo(SnapResult point, NearestSourceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!point.IsSnapped)
        {
            return (double.PositiveInfinity, -1);
        }

        var from = _graph.EdgeFrom(point.Edge);
        var to = _graph.EdgeTo(point.Edge);
        var viaFrom = result.Distance[from] + point.Offset;
        var viaTo = result.Distance[to] + Math.Max(0, _graph.EdgeLength(point.Edge) - point.Offset);
        var best = viaFrom <= viaTo ? (viaFrom, result.Label[from]) : (viaTo, result.Label[to]);
        if (_byEdge.TryGetValue(point.Edge, out var onEdge))
        {
            foreach (var (offset, label) in onEdge)
            {
                var along = Math.Abs(offset - point.Offset);
                if (along < best.Item1)
                {
                    best = (along, label);
                }
            }
        }

        return double.IsPositiveInfinity(best.Item1) ? (double.PositiveInfinity, -1) : best;
    }
}
