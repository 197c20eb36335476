using NetTopologySuite.Algorithm.Hull;
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
    /// The area, in WGS84 longitude/latitude (SRID 4326): a concave hull (Delaunay triangulation
    /// with border triangles removed while their outer edge exceeds <c>hullEdgeLength</c>; Park &amp;
    /// Oh 2012, as in JTS/NTS ConcaveHull) of points taken along the reachable edge parts. Chosen over
    /// a convex hull, which paints across rivers and rail yards the walker cannot cross, and over a
    /// buffer-union of segments, which is exact but several times slower on a 15-minute catchment.
    /// The hull follows the reachable network within about <c>hullEdgeLength</c>.
    /// </summary>
    public Geometry Outline { get; }

    /// <summary>Network distance from the sources to each vertex (infinity beyond the limit).</summary>
    public IReadOnlyList<double> VertexDistance { get; }

    public static Catchment Compute(WalkGraph graph, ReadOnlySpan<PathSource> sources, double maxDistance, double hullEdgeLength = 120)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(hullEdgeLength, 0);
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

        return new Catchment(parts, BuildOutline(graph, parts, hullEdgeLength), distance);
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

    private static Geometry BuildOutline(WalkGraph graph, List<EdgePart> parts, double hullEdgeLength)
    {
        if (parts.Count == 0)
        {
            return Factory.CreatePolygon();
        }

        // Work in a local plane (metres) so the hull's edge-length threshold means metres.
        var (lat0, lon0) = graph.EdgePoint(parts[0].Edge, 0);
        var lonScale = Math.Cos(lat0 * Math.PI / 180) * MetresPerDegree;
        var spacing = hullEdgeLength / 2;
        var seen = new HashSet<(long, long)>();
        var points = new List<Coordinate>();

        void Add(double lat, double lon)
        {
            var x = (lon - lon0) * lonScale;
            var y = (lat - lat0) * MetresPerDegree;
            // Points closer than a few metres add triangulation work without changing the outline.
            if (seen.Add(((long)Math.Floor(x / 5), (long)Math.Floor(y / 5))))
            {
                points.Add(new Coordinate(x, y));
            }
        }

        foreach (var part in parts)
        {
            var travelled = 0.0;
            var count = graph.EdgePointCount(part.Edge);
            var (pLat, pLon) = graph.EdgePoint(part.Edge, 0);
            for (var i = 1; i < count; i++)
            {
                var (nLat, nLon) = graph.EdgePoint(part.Edge, i);
                var segment = Geodesic.Distance(pLat, pLon, nLat, nLon);
                var segStart = Math.Max(part.Start, travelled);
                var segEnd = Math.Min(part.End, travelled + segment);
                if (segEnd >= segStart && segment > 0)
                {
                    var steps = Math.Max(1, (int)Math.Ceiling((segEnd - segStart) / spacing));
                    for (var s = 0; s <= steps; s++)
                    {
                        var t = (segStart + ((segEnd - segStart) * s / steps) - travelled) / segment;
                        Add(pLat + ((nLat - pLat) * t), pLon + ((nLon - pLon) * t));
                    }
                }
                else if (segment == 0 && travelled >= part.Start && travelled <= part.End)
                {
                    Add(pLat, pLon);
                }

                travelled += segment;
                (pLat, pLon) = (nLat, nLon);
            }
        }

        var planar = Factory.CreateMultiPointFromCoords([.. points]);
        var hull = points.Count >= 3
            ? ConcaveHull.ConcaveHullByLength(planar, hullEdgeLength)
            : planar.ConvexHull();
        hull.Apply(new ToLonLat(lon0, lat0, lonScale));
        hull.GeometryChanged();
        hull.SRID = 4326;
        return hull;
    }

    private sealed class ToLonLat(double lon0, double lat0, double lonScale) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, lon0 + (seq.GetX(i) / lonScale));
            seq.SetY(i, lat0 + (seq.GetY(i) / MetresPerDegree));
        }
    }
}
