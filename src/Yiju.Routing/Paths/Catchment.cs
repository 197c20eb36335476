using NetTopologySuite.Geometries;
using Yiju.Routing.Geodesy;
using Yiju.Routing.Graph;

namespace Yiju.Routing.Paths;

/// <summary>The stretch of an edge reachable within the limit, as distances from the edge's From vertex.</summary>
public readonly record struct EdgePart(int Edge, double Start, double End);

/// <summary>What can be reached on foot within a distance: the edge parts and an outline polygon.</summary>
public sealed class Catchment
{
    private const double MetresPerDegree = Math.PI * Geodesic.SemiMajorAxis / 180;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private Catchment(IReadOnlyList<EdgePart> parts, Geometry outline, double[] distance)
    {
        Parts = parts;
        Outline = outline;
        VertexDistance = distance;
    }

    public IReadOnlyList<EdgePart> Parts { get; }

    /// <summary>
    /// The area, in WGS84 longitude/latitude (SRID 4326): the reachable edge parts buffered by
    /// <c>buffer</c> metres (what a walker reaches a few steps off the path: entrances, courtyards),
    /// unioned, computed on a raster of <c>cellSize</c>-metre cells and traced back to polygons
    /// (a Polygon, or a MultiPolygon when the buffer leaves separate pieces; holes kept). This is the
    /// buffer-union isochrone used by OSMnx and pandana users, on a grid so it stays within a few
    /// milliseconds. A convex hull was rejected because it paints across rivers and rail yards the
    /// walker cannot cross; NTS's Delaunay concave hull was measured at 40–80 ms for 1,000 points,
    /// too slow for a click on the map. Edges are stair-stepped at <c>cellSize</c>.
    /// </summary>
    public Geometry Outline { get; }

    /// <summary>Network distance from the sources to each vertex (infinity beyond the limit).</summary>
    public IReadOnlyList<double> VertexDistance { get; }

    /// <summary>
    /// The catchment of a point snapped onto the network (a facility, an address). Unlike the
    /// vertex-source overload it also covers the point's own edge in both directions from the
    /// point, which matters for short limits: 100 m from the middle of a 400 m street reaches no
    /// vertex at all, yet 200 m of that street.
    /// </summary>
    public static Catchment Compute(WalkGraph graph, SnapResult origin, double maxDistance, double buffer = 50, double cellSize = 10)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Compute(graph, origin.ToSources(graph, 0), maxDistance, buffer, cellSize, origin);
    }

    /// <summary>The catchment of search sources at vertices (with offsets), e.g. several facilities at once.</summary>
    public static Catchment Compute(WalkGraph graph, ReadOnlySpan<PathSource> sources, double maxDistance, double buffer = 50, double cellSize = 10) =>
        Compute(graph, sources, maxDistance, buffer, cellSize, origin: null);

    private static Catchment Compute(WalkGraph graph, ReadOnlySpan<PathSource> sources, double maxDistance, double buffer, double cellSize, SnapResult? origin)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(buffer, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cellSize, 0);
        var result = ShortestPaths.NearestSource(graph, sources, maxDistance);
        var distance = result.Distance;
        var parts = new List<EdgePart>();
        var reachedVertices = new List<int>();
        for (var v = 0; v < graph.VertexCount; v++)
        {
            if (distance[v] <= maxDistance)
            {
                reachedVertices.Add(v);
            }
        }

        // Each edge with a reached end is visited from that end; an edge reached from both ends
        // is seen twice, so keep it only from the end with the smaller index.
        foreach (var v in reachedVertices)
        {
            for (var a = graph.ArcStart(v); a < graph.ArcEnd(v); a++)
            {
                var e = graph.ArcEdge(a);
                var from = graph.EdgeFrom(e);
                var to = graph.EdgeTo(e);
                var other = from == v ? to : from;
                if (distance[other] <= maxDistance && other < v)
                {
                    continue;
                }

                if (from == to && a != FirstArcOf(graph, v, e))
                {
                    continue;
                }

                var length = graph.EdgeLength(e);
                var fromReach = Math.Min(length, Math.Max(0, maxDistance - distance[from]));
                var toReach = Math.Min(length, Math.Max(0, maxDistance - distance[to]));
                var fromReached = distance[from] <= maxDistance;
                var toReached = distance[to] <= maxDistance;
                if (fromReached && toReached && fromReach + toReach >= length)
                {
                    parts.Add(new EdgePart(e, 0, length));
                    continue;
                }

                if (fromReached)
                {
                    parts.Add(new EdgePart(e, 0, fromReach));
                }

                if (toReached)
                {
                    parts.Add(new EdgePart(e, length - toReach, length));
                }
            }
        }

        if (origin is { } point)
        {
            AddOwnEdge(graph, parts, point, maxDistance);
        }

        return new Catchment(parts, BuildOutline(graph, parts, buffer, cellSize), distance);
    }

    // The stretch of the origin's own edge walked directly from the origin, merged with whatever
    // reached the same edge through its ends, so Parts never lists one edge twice.
    private static void AddOwnEdge(WalkGraph graph, List<EdgePart> parts, SnapResult origin, double maxDistance)
    {
        var length = graph.EdgeLength(origin.Edge);
        var start = Math.Max(0, origin.Offset - maxDistance);
        var end = Math.Min(length, origin.Offset + maxDistance);
        var others = parts.Where(p => p.Edge == origin.Edge).ToList();
        parts.RemoveAll(p => p.Edge == origin.Edge);
        foreach (var other in others)
        {
            if (other.End >= start && other.Start <= end)
            {
                start = Math.Min(start, other.Start);
                end = Math.Max(end, other.End);
            }
            else
            {
                parts.Add(other);
            }
        }

        parts.Add(new EdgePart(origin.Edge, start, end));
    }

    private static int FirstArcOf(WalkGraph graph, int vertex, int edge)
    {
        for (var a = graph.ArcStart(vertex); a < graph.ArcEnd(vertex); a++)
        {
            if (graph.ArcEdge(a) == edge)
            {
                return a;
            }
        }

        return -1;
    }

    private static Geometry BuildOutline(WalkGraph graph, List<EdgePart> parts, double buffer, double cellSize)
    {
        if (parts.Count == 0)
        {
            return Factory.CreatePolygon();
        }

        // Work in a local plane (metres) around the first reached point.
        var (lat0, lon0) = graph.EdgePoint(parts[0].Edge, 0);
        var lonScale = Math.Cos(lat0 * Math.PI / 180) * MetresPerDegree;
        var segments = new List<(double X0, double Y0, double X1, double Y1)>();
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var part in parts)
        {
            var travelled = 0.0;
            var count = graph.EdgePointCount(part.Edge);
            var (pLat, pLon) = graph.EdgePoint(part.Edge, 0);
            for (var i = 1; i < count && travelled <= part.End; i++)
            {
                var (nLat, nLon) = graph.EdgePoint(part.Edge, i);
                var length = Geodesic.Distance(pLat, pLon, nLat, nLon);
                var from = Math.Max(part.Start, travelled);
                var to = Math.Min(part.End, travelled + length);
                if (to >= from)
                {
                    var t0 = length > 0 ? (from - travelled) / length : 0;
                    var t1 = length > 0 ? (to - travelled) / length : 0;
                    var x0 = (pLon + ((nLon - pLon) * t0) - lon0) * lonScale;
                    var y0 = (pLat + ((nLat - pLat) * t0) - lat0) * MetresPerDegree;
                    var x1 = (pLon + ((nLon - pLon) * t1) - lon0) * lonScale;
                    var y1 = (pLat + ((nLat - pLat) * t1) - lat0) * MetresPerDegree;
                    segments.Add((x0, y0, x1, y1));
                    minX = Math.Min(minX, Math.Min(x0, x1));
                    minY = Math.Min(minY, Math.Min(y0, y1));
                    maxX = Math.Max(maxX, Math.Max(x0, x1));
                    maxY = Math.Max(maxY, Math.Max(y0, y1));
                }

                travelled += length;
                (pLat, pLon) = (nLat, nLon);
            }
        }

        // Keep the raster bounded for very large catchments by coarsening the cells.
        var spanX = maxX - minX + (2 * buffer);
        var spanY = maxY - minY + (2 * buffer);
        cellSize = Math.Max(cellSize, Math.Sqrt(spanX * spanY / 4_000_000));
        var originX = minX - buffer - cellSize;
        var originY = minY - buffer - cellSize;
        var columns = (int)Math.Ceiling(spanX / cellSize) + 2;
        var rows = (int)Math.Ceiling(spanY / cellSize) + 2;
        var filled = new bool[columns * rows];
        var bufferSq = buffer * buffer;
        foreach (var (x0, y0, x1, y1) in segments)
        {
            var c0 = Math.Max(0, (int)((Math.Min(x0, x1) - buffer - originX) / cellSize));
            var c1 = Math.Min(columns - 1, (int)((Math.Max(x0, x1) + buffer - originX) / cellSize));
            var r0 = Math.Max(0, (int)((Math.Min(y0, y1) - buffer - originY) / cellSize));
            var r1 = Math.Min(rows - 1, (int)((Math.Max(y0, y1) + buffer - originY) / cellSize));
            var dx = x1 - x0;
            var dy = y1 - y0;
            var lengthSq = (dx * dx) + (dy * dy);
            for (var r = r0; r <= r1; r++)
            {
                var cy = originY + ((r + 0.5) * cellSize);
                for (var c = c0; c <= c1; c++)
                {
                    var index = (r * columns) + c;
                    if (filled[index])
                    {
                        continue;
                    }

                    var cx = originX + ((c + 0.5) * cellSize);
                    var t = lengthSq == 0 ? 0 : Math.Clamp((((cx - x0) * dx) + ((cy - y0) * dy)) / lengthSq, 0, 1);
                    var ex = x0 + (t * dx) - cx;
                    var ey = y0 + (t * dy) - cy;
                    if ((ex * ex) + (ey * ey) <= bufferSq)
                    {
                        filled[index] = true;
                    }
                }
            }
        }

        var rings = GridOutline.Trace(filled, columns, rows);
        Coordinate ToLonLat((int X, int Y) p) => new(
            lon0 + ((originX + (p.X * cellSize)) / lonScale),
            lat0 + ((originY + (p.Y * cellSize)) / MetresPerDegree));

        var shells = rings.Where(r => r.IsShell).Select(r => (Ring: r, Holes: new List<LinearRing>())).ToList();
        foreach (var hole in rings.Where(r => !r.IsShell))
        {
            var inside = hole.InsidePoint();
            var owner = shells.Where(s => s.Ring.Contains(inside)).MinBy(s => s.Ring.Area);
            owner.Holes?.Add(Factory.CreateLinearRing([.. hole.Points.Select(ToLonLat)]));
        }

        var polygons = shells
            .Select(s => Factory.CreatePolygon(Factory.CreateLinearRing([.. s.Ring.Points.Select(ToLonLat)]), [.. s.Holes]))
            .ToArray();
        return polygons.Length == 1 ? polygons[0] : Factory.CreateMultiPolygon(polygons);
    }
}
