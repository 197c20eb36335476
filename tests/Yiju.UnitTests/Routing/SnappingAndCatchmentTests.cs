using NetTopologySuite.Geometries;
using Yiju.Routing.Graph;
using Yiju.Routing.Paths;

namespace Yiju.UnitTests.Routing;

public class SnappingAndCatchmentTests(HarbinGraphFixture harbin) : IClassFixture<HarbinGraphFixture>
{
    [Fact]
    public void Point_beside_a_footway_snaps_onto_it_with_the_offset_along_the_edge()
    {
        var graph = TestData.GraphFromXml(WalkGraphTests.StreetXml);
        var snapper = new EdgeSnapper(graph, cellMetres: 50);
        // 30 m west of n2 (0.001° of longitude is ≈77.7 m here).
        var result = snapper.Snap(45.7510, 126.6 - (0.001 * 30 / 77.7), maxDistance: 100);
        Assert.Equal(SnapStatus.Snapped, result.Status);
        Assert.Equal((1, 3), WalkGraphTests.Ends(graph, result.Edge));
        Assert.Equal(30, result.Distance, 0.05);
        Assert.Equal(45.751, result.Latitude, 1e-7);
        Assert.Equal(126.6, result.Longitude, 1e-7);
        var fromN1 = graph.OsmNodeId(graph.EdgeFrom(result.Edge)) == 1;
        var expectedOffset = WalkGraphTests.MeridianArc(45.750, 45.751);
        Assert.Equal(fromN1 ? expectedOffset : graph.EdgeLength(result.Edge) - expectedOffset, result.Offset, 0.01);
    }

    [Fact]
    public void Point_inside_the_area_but_beyond_the_limit_is_not_snapped()
    {
        var graph = TestData.GraphFromXml(WalkGraphTests.StreetXml);
        var snapper = new EdgeSnapper(graph, cellMetres: 50);
        // Inside the bounding box, ≈117 m from the n1–n3 footway and farther from everything else.
        var far = snapper.Snap(45.7505, 126.6015, maxDistance: 50);
        Assert.Equal(SnapStatus.TooFar, far.Status);
        Assert.False(far.IsSnapped);
        var near = snapper.Snap(45.7505, 126.6015, maxDistance: 200);
        Assert.Equal(SnapStatus.Snapped, near.Status);
        Assert.Equal((1, 3), WalkGraphTests.Ends(graph, near.Edge));
        Assert.InRange(near.Distance, 110, 125);
    }

    [Fact]
    public void Point_outside_the_network_area_gets_a_clear_answer()
    {
        var graph = TestData.GraphFromXml(WalkGraphTests.StreetXml);
        var snapper = new EdgeSnapper(graph);
        var result = snapper.Snap(39.9042, 116.4074, maxDistance: 500);
        Assert.Equal(SnapStatus.OutsideNetwork, result.Status);
        Assert.Throws<InvalidOperationException>(() => result.ToSources(graph, 0));
    }

    [Fact]
    public void Snapping_on_Harbin_agrees_with_a_brute_force_search()
    {
        var graph = harbin.Graph;
        var snapper = new EdgeSnapper(graph);
        var random = new Random(20261122);
        var bounds = graph.Bounds;
        for (var i = 0; i < 200; i++)
        {
            var lat = bounds.MinLatitude + (random.NextDouble() * (bounds.MaxLatitude - bounds.MinLatitude));
            var lon = bounds.MinLongitude + (random.NextDouble() * (bounds.MaxLongitude - bounds.MinLongitude));
            var snapped = snapper.Snap(lat, lon, maxDistance: 300);
            var brute = BruteForceNearest(graph, lat, lon);
            // The brute force uses a cruder sphere-like plane (±0.3%), so compare with that margin.
            if (brute > 302)
            {
                Assert.False(snapped.IsSnapped);
            }
            else if (brute < 298)
            {
                Assert.True(snapped.IsSnapped);
                Assert.Equal(brute, snapped.Distance, (brute * 0.004) + 0.01);
            }
        }
    }

    [Fact]
    public void Snapped_point_distance_goes_through_the_nearer_end_of_its_edge()
    {
        var graph = TestData.GraphFromXml(WalkGraphTests.StreetXml);
        var snap = new EdgeSnapper(graph).Snap(45.7510, 126.6, maxDistance: 10);
        var fromN4 = ShortestPaths.NearestSource(graph, [new PathSource(WalkGraphTests.Vertex(graph, 4), 0, 0)]);
        var expected = WalkGraphTests.MeridianArc(45.753, 45.752) + WalkGraphTests.MeridianArc(45.752, 45.751);
        Assert.Equal(expected, snap.NetworkDistance(graph, fromN4), 0.01);
        var sources = snap.ToSources(graph, 7);
        Assert.Equal(graph.EdgeLength(snap.Edge), sources[0].Offset + sources[1].Offset, 1e-6);
    }

    [Fact]
    public void Facility_on_the_same_edge_is_reached_along_the_edge_not_through_its_ends()
    {
        var graph = TestData.GraphFromXml(WalkGraphTests.StreetXml);
        var snapper = new EdgeSnapper(graph);
        // Facility at n2 (middle of n1–n3); home 40 m further north on the same footway.
        var facility = snapper.Snap(45.7510, 126.6, maxDistance: 10);
        var home = snapper.Snap(45.7510 + (40 / 111_150.0), 126.6, maxDistance: 10);
        Assert.Equal(facility.Edge, home.Edge);
        var sources = new SnappedSources(graph, [(facility, 3)]);
        var result = sources.Search();
        var (distance, label) = sources.NearestTo(home, result);
        Assert.Equal(3, label);
        Assert.Equal(40, distance, 0.1);
        // Through the ends alone it would be 40 m plus twice the walk to n3 and back.
        Assert.True(home.NetworkDistance(graph, result) > 100);
        Assert.Equal((double.PositiveInfinity, -1), sources.NearestTo(snapper.Snap(39.9, 116.4, 100), result));
    }

    [Fact]
    public void Catchment_of_a_point_covers_its_own_edge_even_when_no_vertex_is_reached()
    {
        var graph = TestData.GraphFromXml(WalkGraphTests.StreetXml);
        // n2 lies in the middle of the 222 m edge n1–n3; 50 m reaches neither end.
        var origin = new EdgeSnapper(graph).Snap(45.7510, 126.6, maxDistance: 10);
        var catchment = Catchment.Compute(graph, origin, 50);
        var part = Assert.Single(catchment.Parts);
        Assert.Equal(origin.Edge, part.Edge);
        Assert.Equal(origin.Offset - 50, part.Start, 1e-9);
        Assert.Equal(origin.Offset + 50, part.End, 1e-9);
        Assert.False(catchment.Outline.IsEmpty);
        Assert.True(catchment.Outline.Covers(new Point(126.6, 45.7510)));

        // 150 m reaches n1 and n3 (111 m each way) and 39 m beyond n3 on both its other edges;
        // the own edge is then whole and listed once.
        var wider = Catchment.Compute(graph, origin, 150);
        var own = Assert.Single(wider.Parts, p => p.Edge == origin.Edge);
        Assert.Equal(0, own.Start);
        Assert.Equal(graph.EdgeLength(origin.Edge), own.End, 1e-9);
        Assert.Equal(3, wider.Parts.Count);
    }

    [Fact]
    public void Catchment_cuts_edges_at_the_distance_limit()
    {
        var graph = TestData.GraphFromXml(WalkGraphTests.StreetXml);
        var catchment = Catchment.Compute(graph, [new PathSource(WalkGraphTests.Vertex(graph, 1), 0, 0)], 250);
        var toN3 = WalkGraphTests.MeridianArc(45.750, 45.752);
        var left = 250 - toN3;
        var byEnds = catchment.Parts.ToDictionary(p => WalkGraphTests.Ends(graph, p.Edge));
        Assert.Equal(3, byEnds.Count);
        Assert.Equal(graph.EdgeLength(byEnds[(1, 3)].Edge), byEnds[(1, 3)].End - byEnds[(1, 3)].Start, 1e-6);
        Assert.Equal(left, byEnds[(3, 4)].End - byEnds[(3, 4)].Start, 0.001);
        Assert.Equal(left, byEnds[(3, 5)].End - byEnds[(3, 5)].Start, 0.001);
        Assert.False(byEnds.ContainsKey((5, 7)));
    }

    [Fact]
    public void Fifteen_minute_catchment_polygon_on_Harbin_covers_every_reached_vertex()
    {
        var graph = harbin.Graph;
        var snap = new EdgeSnapper(graph).Snap(45.7732, 126.6177, maxDistance: 200);
        Assert.True(snap.IsSnapped);
        var catchment = Catchment.Compute(graph, snap, 1000);
        var outline = Assert.IsAssignableFrom<Polygon>(catchment.Outline);
        Assert.True(outline.IsValid);
        var reached = Enumerable.Range(0, graph.VertexCount).Where(v => catchment.VertexDistance[v] <= 1000).ToList();
        Assert.True(reached.Count > 50);
        foreach (var v in reached)
        {
            Assert.True(outline.Covers(new Point(graph.Longitude(v), graph.Latitude(v))), $"vertex {v} is outside the catchment outline");
        }

        // Unreached vertices far from every reached part stay outside the outline.
        var farOutside = Enumerable.Range(0, graph.VertexCount).Where(v => double.IsPositiveInfinity(catchment.VertexDistance[v])).Take(2000)
            .Where(v => Math.Abs(graph.Latitude(v) - snap.Latitude) > 0.03);
        Assert.All(farOutside, v => Assert.False(outline.Covers(new Point(graph.Longitude(v), graph.Latitude(v)))));

        // A 1 km walk buffered by 50 m cannot cover more than a 1.05 km-radius disc.
        var areaKm2 = outline.Area * 111.32 * 111.32 * Math.Cos(45.77 * Math.PI / 180);
        Assert.InRange(areaKm2, 0.05, Math.PI * 1.05 * 1.05);
    }

    [Fact]
    public void Grid_outline_traces_shells_and_holes_and_joins_corner_contacts()
    {
        // 5×5 raster: a ring of cells around an empty centre (one hole), plus a cell touching the
        // ring only at a corner, which must be joined rather than left as a pinch.
        const string raster = """
            ....#
            ###.#
            #.##.
            ###..
            .....
            """;
        var lines = raster.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Reverse().ToArray();
        var columns = lines[0].Length;
        var filled = lines.SelectMany(l => l.Select(ch => ch == '#')).ToArray();
        var rings = Yiju.Routing.Paths.GridOutline.Trace(filled, columns, lines.Length);
        var shells = rings.Where(r => r.IsShell).ToList();
        var holes = rings.Where(r => !r.IsShell).ToList();
        Assert.Single(shells);
        Assert.Single(holes);
        Assert.Equal(1, holes[0].Area);
        Assert.True(shells[0].Contains(holes[0].InsidePoint()));
        var factory = new GeometryFactory();
        LinearRing Ring(Yiju.Routing.Paths.GridOutline.Ring r) => factory.CreateLinearRing([.. r.Points.Select(p => new Coordinate(p.X, p.Y))]);
        var polygon = factory.CreatePolygon(Ring(shells[0]), [Ring(holes[0])]);
        Assert.True(polygon.IsValid);
        Assert.Equal(filled.Count(f => f), polygon.Area);
    }

    private static double BruteForceNearest(WalkGraph graph, double lat, double lon)
    {
        var best = double.PositiveInfinity;
        var scale = Math.Cos(lat * Math.PI / 180);
        const double m = Math.PI * Yiju.Routing.Geodesy.Geodesic.SemiMajorAxis / 180;
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            for (var i = 1; i < graph.EdgePointCount(e); i++)
            {
                var (aLat, aLon) = graph.EdgePoint(e, i - 1);
                var (bLat, bLon) = graph.EdgePoint(e, i);
                double ax = (aLon - lon) * scale * m, ay = (aLat - lat) * m, bx = (bLon - lon) * scale * m, by = (bLat - lat) * m;
                double dx = bx - ax, dy = by - ay;
                var len = (dx * dx) + (dy * dy);
                var t = len == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / len, 0, 1);
                best = Math.Min(best, Math.Sqrt(Math.Pow(ax + (t * dx), 2) + Math.Pow(ay + (t * dy), 2)));
            }
        }

        return best;
    }
}
