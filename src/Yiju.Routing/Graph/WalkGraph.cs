using System.Globalization;
using Yiju.Routing.Osm;

namespace Yiju.Routing.Graph;

/// <summary>
/// The walking network as compact arrays. Vertices sit only at junctions and way ends (as in
/// osm2pgrouting); each edge keeps the OSM nodes between its ends as geometry so that points can
/// be snapped to it and catchments drawn along it. Edges are undirected and stored as two arcs in
/// compressed sparse row (CSR) form. Coordinates are integers in 1e-7 degree, OSM's own precision.
/// Immutable once built, so one instance can serve concurrent queries.
/// </summary>
public sealed class WalkGraph
{
    internal const double E7 = 1e-7;

    private readonly long[] _vertexOsmId;
    private readonly int[] _vertexLatE7;
    private readonly int[] _vertexLonE7;
    private readonly int[] _arcOffsets;
    private readonly int[] _arcEdge;
    private readonly int[] _edgeFrom;
    private readonly int[] _edgeTo;
    private readonly float[] _edgeLength;
    private readonly int[] _geometryStart;
    private readonly int[] _pointLatE7;
    private readonly int[] _pointLonE7;

    internal WalkGraph(
        long[] vertexOsmId,
        int[] vertexLatE7,
        int[] vertexLonE7,
        int[] edgeFrom,
        int[] edgeTo,
        float[] edgeLength,
        int[] geometryStart,
        int[] pointLatE7,
        int[] pointLonE7)
    {
        // Renumber for the contracted search (see CoreGraph): core first, then chains, then trees.
        var (order, core) = CoreGraph.Build(vertexOsmId.Length, edgeFrom, edgeTo, edgeLength);
        var rank = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        Core = core;
        _vertexOsmId = [.. order.Select(v => vertexOsmId[v])];
        _vertexLatE7 = [.. order.Select(v => vertexLatE7[v])];
        _vertexLonE7 = [.. order.Select(v => vertexLonE7[v])];
        _edgeFrom = [.. edgeFrom.Select(v => rank[v])];
        _edgeTo = [.. edgeTo.Select(v => rank[v])];
        _edgeLength = edgeLength;
        _geometryStart = geometryStart;
        _pointLatE7 = pointLatE7;
        _pointLonE7 = pointLonE7;

        var vertexCount = vertexOsmId.Length;
        _arcOffsets = new int[vertexCount + 1];
        foreach (var v in _edgeFrom)
        {
            _arcOffsets[v + 1]++;
        }

        foreach (var v in _edgeTo)
        {
            _arcOffsets[v + 1]++;
        }

        for (var v = 0; v < vertexCount; v++)
        {
            _arcOffsets[v + 1] += _arcOffsets[v];
        }

        var arcCount = 2 * edgeFrom.Length;
        _arcEdge = new int[arcCount];
        var next = _arcOffsets[..^1];
        for (var e = 0; e < edgeFrom.Length; e++)
        {
            _arcEdge[next[_edgeFrom[e]]++] = e << 1;
            _arcEdge[next[_edgeTo[e]]++] = (e << 1) | 1;
        }

        MaxEdgeLength = edgeLength.Length == 0 ? 0 : edgeLength.Max();
        var minLat = int.MaxValue;
        var minLon = int.MaxValue;
        var maxLat = int.MinValue;
        var maxLon = int.MinValue;
        foreach (var lat in vertexLatE7.Concat(pointLatE7))
        {
            minLat = Math.Min(minLat, lat);
            maxLat = Math.Max(maxLat, lat);
        }

        foreach (var lon in vertexLonE7.Concat(pointLonE7))
        {
            minLon = Math.Min(minLon, lon);
            maxLon = Math.Max(maxLon, lon);
        }

        Bounds = vertexCount == 0
            ? new GeoBounds(0, 0, 0, 0)
            : new GeoBounds(minLat * E7, minLon * E7, maxLat * E7, maxLon * E7);
    }

    public int VertexCount => _vertexOsmId.Length;

    /// <summary>Undirected edges; the arc count is twice this.</summary>
    public int EdgeCount => _edgeFrom.Length;

    public int ArcCount => _arcEdge.Length;

    /// <summary>Vertices the searches run on; the others lie on chains or in trees (see CoreGraph).</summary>
    public int CoreVertexCount => Core.CoreCount;

    public int CoreArcCount => Core.CoreArcs.Length;

    public GeoBounds Bounds { get; }

    /// <summary>The longest edge, in metres; bounds how far ahead a search's bucket queue reaches.</summary>
    public double MaxEdgeLength { get; }

    public long OsmNodeId(int vertex) => _vertexOsmId[vertex];

    public double Latitude(int vertex) => _vertexLatE7[vertex] * E7;

    public double Longitude(int vertex) => _vertexLonE7[vertex] * E7;

    public int EdgeFrom(int edge) => _edgeFrom[edge];

    public int EdgeTo(int edge) => _edgeTo[edge];

    /// <summary>Length in metres on the WGS84 spheroid, summed over the edge's segments.</summary>
    public double EdgeLength(int edge) => _edgeLength[edge];

    /// <summary>Number of points in the edge's polyline, ends included.</summary>
    public int EdgePointCount(int edge) => _geometryStart[edge + 1] - _geometryStart[edge] + 2;

    /// <summary>Point <paramref name="index"/> of the edge's polyline, from its From vertex to its To vertex.</summary>
    public (double Latitude, double Longitude) EdgePoint(int edge, int index)
    {
        var interior = _geometryStart[edge + 1] - _geometryStart[edge];
        if (index == 0)
        {
            return (Latitude(_edgeFrom[edge]), Longitude(_edgeFrom[edge]));
        }

        if (index == interior + 1)
        {
            return (Latitude(_edgeTo[edge]), Longitude(_edgeTo[edge]));
        }

        if ((uint)index > (uint)interior)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        var p = _geometryStart[edge] + index - 1;
        return (_pointLatE7[p] * E7, _pointLonE7[p] * E7);
    }

    /// <summary>The arcs leaving <paramref name="vertex"/> are the indexes [ArcStart, ArcEnd).</summary>
    public int ArcStart(int vertex) => _arcOffsets[vertex];

    public int ArcEnd(int vertex) => _arcOffsets[vertex + 1];

    public int ArcTarget(int arc)
    {
        // An arc is stored as its edge and direction (edge · 2 + 1 when it runs To → From): the
        // searches use the contracted core, so the full graph need not keep heads and lengths twice.
        var code = _arcEdge[arc];
        return (code & 1) == 0 ? _edgeTo[code >> 1] : _edgeFrom[code >> 1];
    }

    public double ArcLength(int arc) => _edgeLength[_arcEdge[arc] >> 1];

    public int ArcEdge(int arc) => _arcEdge[arc] >> 1;

    internal int GeometryStart(int edge) => _geometryStart[edge];

    /// <summary>The contracted form the searches run on.</summary>
    internal CoreGraph Core { get; }

    /// <summary>Bytes held by the graph's arrays (adjacency, lengths, coordinates, geometry, OSM ids and the contracted core).</summary>
    public long MemoryBytes => Core.MemoryBytes +
        (8L * _vertexOsmId.Length) + (4L * _vertexLatE7.Length) + (4L * _vertexLonE7.Length)
        + (4L * _arcOffsets.Length) + (4L * _arcEdge.Length)
        + (4L * _edgeFrom.Length) + (4L * _edgeTo.Length) + (4L * _edgeLength.Length) + (4L * _geometryStart.Length)
        + (4L * _pointLatE7.Length) + (4L * _pointLonE7.Length);

    /// <summary>Reads an OSM PBF or XML file and builds the walking graph from it.</summary>
    /// <exception cref="OsmFormatException">The file is truncated, corrupt or not OSM.</exception>
    public static WalkGraph Load(string path, PedestrianFilter? filter = null)
    {
        var builder = new WalkGraphBuilder(filter ?? PedestrianFilter.Default);
        OsmReader.Read(path, builder);
        return builder.Build();
    }

    /// <inheritdoc cref="Load(string, PedestrianFilter?)"/>
    public static WalkGraph Load(Stream stream, PedestrianFilter? filter = null)
    {
        var builder = new WalkGraphBuilder(filter ?? PedestrianFilter.Default);
        OsmReader.Read(stream, builder);
        return builder.Build();
    }

    /// <summary>
    /// Writes one line per undirected edge, "from to length" with the length as stored (float,
    /// round-trip formatted), for independent tools (igraph, pgRouting) to load the same graph.
    /// </summary>
    public void WriteEdgeList(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var e = 0; e < EdgeCount; e++)
        {
            writer.Write(_edgeFrom[e].ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(_edgeTo[e].ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(((double)_edgeLength[e]).ToString("R", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }
}

/// <summary>A latitude/longitude box in degrees.</summary>
public readonly record struct GeoBounds(double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude)
{
    public bool Contains(double latitude, double longitude) =>
        latitude >= MinLatitude && latitude <= MaxLatitude && longitude >= MinLongitude && longitude <= MaxLongitude;
}
