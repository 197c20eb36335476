using Yiju.Routing.Geodesy;
using Yiju.Routing.Paths;

namespace Yiju.Routing.Graph;

public enum SnapStatus
{
    /// <summary>The point lies on or near a walkable edge.</summary>
    Snapped,

    /// <summary>The point is inside the network's area but no edge is within the maximum distance.</summary>
    TooFar,

    /// <summary>The point lies outside the network's bounding box (widened by the maximum distance).</summary>
    OutsideNetwork,
}

/// <summary>
/// Where a point meets the network. <see cref="Offset"/> is the distance along the edge from its
/// From vertex, in metres on the spheroid, so From-side and To-side distances add up to the edge length.
/// </summary>
public readonly record struct SnapResult(
    SnapStatus Status,
    int Edge,
    double Offset,
    double Latitude,
    double Longitude,
    double Distance)
{
    public bool IsSnapped => Status == SnapStatus.Snapped;

    /// <summary>The two path sources (one per edge end) that stand for this snapped point.</summary>
    public PathSource[] ToSources(WalkGraph graph, int label)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!IsSnapped)
        {
            throw new InvalidOperationException($"The point was not snapped ({Status}).");
        }

        var remaining = Math.Max(0, graph.EdgeLength(Edge) - Offset);
        return [new PathSource(graph.EdgeFrom(Edge), Offset, label), new PathSource(graph.EdgeTo(Edge), remaining, label)];
    }

    /// <summary>
    /// Network distance from the snapped point to the nearest source of a search, through either end
    /// of its edge. The straight walk from the original point onto the edge (<see cref="Distance"/>)
    /// is left for the caller to add or not. A source on the same edge is reached through an end.
    /// </summary>
    public double NetworkDistance(WalkGraph graph, NearestSourceResult result)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(result);
        if (!IsSnapped)
        {
            return double.PositiveInfinity;
        }

        var viaFrom = result.Distance[graph.EdgeFrom(Edge)] + Offset;
        var viaTo = result.Distance[graph.EdgeTo(Edge)] + Math.Max(0, graph.EdgeLength(Edge) - Offset);
        return Math.Min(viaFrom, viaTo);
    }
}

/// <summary>
/// Finds the nearest edge segment to a point with a uniform grid over all segments (a bucket grid
/// beats an R-tree here: segments in a city are short and evenly spread, and the grid is two arrays).
/// Candidates are compared in a plane tangent at the query point, which is exact enough for
/// choosing among segments metres apart; the reported distances are then measured on the spheroid.
/// </summary>
public sealed class EdgeSnapper
{
    private const double MetresPerDegree = Math.PI * Geodesic.SemiMajorAxis / 180;

    private readonly WalkGraph _graph;
    private readonly double _cellMetres;
    private readonly double _originLat;
    private readonly double _originLon;
    private readonly double _lonScale;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _cellStart;
    private readonly int[] _cellSegments;

    public EdgeSnapper(WalkGraph graph, double cellMetres = 200)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cellMetres, 0);
        _graph = graph;
        _cellMetres = cellMetres;
        var bounds = graph.Bounds;
        _originLat = bounds.MinLatitude;
        _originLon = bounds.MinLongitude;
        _lonScale = Math.Cos((bounds.MinLatitude + bounds.MaxLatitude) / 2 * Math.PI / 180);
        _columns = Math.Max(1, (int)Math.Ceiling((bounds.MaxLongitude - bounds.MinLongitude) * MetresPerDegree * _lonScale / cellMetres) + 1);
        _rows = Math.Max(1, (int)Math.Ceiling((bounds.MaxLatitude - bounds.MinLatitude) * MetresPerDegree / cellMetres) + 1);

        _cellStart = new int[(_columns * _rows) + 1];
        ForEachSegmentCell((_, cell) => _cellStart[cell + 1]++);
        for (var c = 0; c < _columns * _rows; c++)
        {
            _cellStart[c + 1] += _cellStart[c];
        }

        _cellSegments = new int[_cellStart[^1]];
        var fill = _cellStart[..^1];
        ForEachSegmentCell((segment, cell) => _cellSegments[fill[cell]++] = segment);
    }

    public long MemoryBytes => (4L * _cellStart.Length) + (4L * _cellSegments.Length);

    /// <summary>Snaps a point to the nearest edge no farther than <paramref name="maxDistance"/> metres.</summary>
    public SnapResult Snap(double latitude, double longitude, double maxDistance = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude) || Math.Abs(latitude) > 90 || Math.Abs(longitude) > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), "The point is not a valid WGS84 coordinate.");
        }

        var bounds = _graph.Bounds;
        var marginLat = maxDistance / MetresPerDegree;
        var marginLon = maxDistance / (MetresPerDegree * _lonScale);
        if (_graph.EdgeCount == 0
            || latitude < bounds.MinLatitude - marginLat || latitude > bounds.MaxLatitude + marginLat
            || longitude < bounds.MinLongitude - marginLon || longitude > bounds.MaxLongitude + marginLon)
        {
            return new SnapResult(SnapStatus.OutsideNetwork, -1, 0, double.NaN, double.NaN, double.PositiveInfinity);
        }

        var (qx, qy) = ToGrid(latitude, longitude);
        // Not clamped: a query just outside the grid must keep true ring distances.
        var column = (int)Math.Floor(qx / _cellMetres);
        var row = (int)Math.Floor(qy / _cellMetres);
        var (xScale, yScale) = LocalScales(latitude);
        var best = double.PositiveInfinity;
        var bestSegment = -1;
        var bestT = 0.0;
        var maxRing = (int)Math.Ceiling(maxDistance / (_cellMetres * 0.95)) + 1;
        for (var ring = 0; ring <= maxRing; ring++)
        {
            // Every point in ring r is at least (r - 1) cells away from the query; the grid's single
            // scale per axis is off by a fraction of a percent across a city, hence the 0.95.
            if ((ring - 1) * _cellMetres * 0.95 > Math.Min(best, maxDistance))
            {
                break;
            }

            for (var r = row - ring; r <= row + ring; r++)
            {
                if (r < 0 || r >= _rows)
                {
                    continue;
                }

                var step = r == row - ring || r == row + ring ? 1 : 2 * ring;
                for (var c = column - ring; c <= column + ring; c += Math.Max(1, step))
                {
                    if (c < 0 || c >= _columns)
                    {
                        continue;
                    }

                    var cell = (r * _columns) + c;
                    for (var k = _cellStart[cell]; k < _cellStart[cell + 1]; k++)
                    {
                        var segment = _cellSegments[k];
                        var (d, t) = PlanarDistance(segment, latitude, longitude, xScale, yScale);
                        if (d < best || (d == best && segment < bestSegment))
                        {
                            best = d;
                            bestSegment = segment;
                            bestT = t;
                        }
                    }
                }
            }
        }

        if (bestSegment < 0)
        {
            return new SnapResult(SnapStatus.TooFar, -1, 0, double.NaN, double.NaN, double.PositiveInfinity);
        }

        var edge = EdgeOfSegment(bestSegment);
        var index = bestSegment - SegmentStart(edge);
        var (aLat, aLon) = _graph.EdgePoint(edge, index);
        var (bLat, bLon) = _graph.EdgePoint(edge, index + 1);
        var snappedLat = aLat + ((bLat - aLat) * bestT);
        var snappedLon = aLon + ((bLon - aLon) * bestT);
        var distance = Geodesic.Distance(latitude, longitude, snappedLat, snappedLon);
        if (distance > maxDistance)
        {
            return new SnapResult(SnapStatus.TooFar, -1, 0, double.NaN, double.NaN, distance);
        }

        var offset = 0.0;
        for (var i = 0; i < index; i++)
        {
            var (pLat, pLon) = _graph.EdgePoint(edge, i);
            var (nLat, nLon) = _graph.EdgePoint(edge, i + 1);
            offset += Geodesic.Distance(pLat, pLon, nLat, nLon);
        }

        offset += Geodesic.Distance(aLat, aLon, snappedLat, snappedLon);
        offset = Math.Min(offset, _graph.EdgeLength(edge));
        return new SnapResult(SnapStatus.Snapped, edge, offset, snappedLat, snappedLon, distance);
    }

    private (double X, double Y) ToGrid(double latitude, double longitude) =>
        ((longitude - _originLon) * MetresPerDegree * _lonScale, (latitude - _originLat) * MetresPerDegree);

    // Segments are numbered edge by edge; edge e's first segment is SegmentStart(e), which grows
    // strictly with e because every edge has at least one segment.
    private int SegmentStart(int edge) => _graph.GeometryStart(edge) + edge;

    private int EdgeOfSegment(int segment)
    {
        int low = 0, high = _graph.EdgeCount - 1;
        while (low < high)
        {
            var mid = (low + high + 1) >> 1;
            if (SegmentStart(mid) <= segment)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    // Metres per degree of longitude and latitude at a latitude (the ellipsoid's radii of curvature),
    // so candidate distances agree with the spheroid to about a millionth within a few hundred metres.
    private static (double X, double Y) LocalScales(double latitude)
    {
        var e2 = Geodesic.Flattening * (2 - Geodesic.Flattening);
        var (sin, cos) = Math.SinCos(latitude * Math.PI / 180);
        var w = 1 - (e2 * sin * sin);
        var n = Geodesic.SemiMajorAxis / Math.Sqrt(w);
        var m = Geodesic.SemiMajorAxis * (1 - e2) / (w * Math.Sqrt(w));
        return (n * cos * Math.PI / 180, m * Math.PI / 180);
    }

    private (double Distance, double T) PlanarDistance(int segment, double latitude, double longitude, double xScale, double yScale)
    {
        var edge = EdgeOfSegment(segment);
        var index = segment - SegmentStart(edge);
        var (aLat, aLon) = _graph.EdgePoint(edge, index);
        var (bLat, bLon) = _graph.EdgePoint(edge, index + 1);
        var ax = (aLon - longitude) * xScale;
        var ay = (aLat - latitude) * yScale;
        var bx = (bLon - longitude) * xScale;
        var by = (bLat - latitude) * yScale;
        var dx = bx - ax;
        var dy = by - ay;
        var lengthSq = (dx * dx) + (dy * dy);
        var t = lengthSq == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / lengthSq, 0, 1);
        var px = ax + (t * dx);
        var py = ay + (t * dy);
        return (Math.Sqrt((px * px) + (py * py)), t);
    }

    private void ForEachSegmentCell(Action<int, int> visit)
    {
        for (var e = 0; e < _graph.EdgeCount; e++)
        {
            var points = _graph.EdgePointCount(e);
            var (prevLat, prevLon) = _graph.EdgePoint(e, 0);
            for (var i = 1; i < points; i++)
            {
                var (lat, lon) = _graph.EdgePoint(e, i);
                var (x0, y0) = ToGrid(prevLat, prevLon);
                var (x1, y1) = ToGrid(lat, lon);
                var c0 = Math.Clamp((int)(Math.Min(x0, x1) / _cellMetres), 0, _columns - 1);
                var c1 = Math.Clamp((int)(Math.Max(x0, x1) / _cellMetres), 0, _columns - 1);
                var r0 = Math.Clamp((int)(Math.Min(y0, y1) / _cellMetres), 0, _rows - 1);
                var r1 = Math.Clamp((int)(Math.Max(y0, y1) / _cellMetres), 0, _rows - 1);
                var segment = SegmentStart(e) + i - 1;
                for (var r = r0; r <= r1; r++)
                {
                    for (var c = c0; c <= c1; c++)
                    {
                        visit(segment, (r * _columns) + c);
                    }
                }

                (prevLat, prevLon) = (lat, lon);
            }
        }
    }
}
