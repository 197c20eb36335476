using Yiju.Routing;
using Yiju.Routing.Geodesy;
using Yiju.Routing.Graph;
using Yiju.Routing.Osm;
using Yiju.Routing.Paths;

namespace Yiju.UnitTests.Routing;

public class WalkGraphTests
{
    // A small street pattern near Harbin (lon 126.60, lat 45.75), one step = 0.001°:
    //   n4 (45.753)                         n9 (45.753, 126.602)
    //   |                                   | cycleway foot=designated
    //   n3 (45.752) —— residential —— n5 —— n7 (service, access=private + foot=yes)
    //   |
    //   n2 (45.751)  footway, n2 is interior
    //   |
    //   n1 (45.750)
    // plus ways that must be left out: motorway n4–n5, footway foot=no n1–n5,
    // service access=private n2–n6, cycleway without foot n7–n8, construction n6–n8.
    internal const string StreetXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <osm version="0.6" generator="hand">
          <node id="1" lat="45.7500000" lon="126.6000000"/>
          <node id="2" lat="45.7510000" lon="126.6000000"/>
          <node id="3" lat="45.7520000" lon="126.6000000"/>
          <node id="4" lat="45.7530000" lon="126.6000000"/>
          <node id="5" lat="45.7520000" lon="126.6010000"/>
          <node id="6" lat="45.7510000" lon="126.5990000"/>
          <node id="7" lat="45.7520000" lon="126.6020000"/>
          <node id="8" lat="45.7510000" lon="126.6020000"/>
          <node id="9" lat="45.7530000" lon="126.6020000"/>
          <way id="101"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><tag k="highway" v="footway"/></way>
          <way id="102"><nd ref="3"/><nd ref="5"/><tag k="highway" v="residential"/><tag k="name" v="中央大街"/></way>
          <way id="103"><nd ref="4"/><nd ref="5"/><tag k="highway" v="motorway"/></way>
          <way id="104"><nd ref="1"/><nd ref="5"/><tag k="highway" v="footway"/><tag k="foot" v="no"/></way>
          <way id="105"><nd ref="2"/><nd ref="6"/><tag k="highway" v="service"/><tag k="access" v="private"/></way>
          <way id="106"><nd ref="5"/><nd ref="7"/><tag k="highway" v="service"/><tag k="access" v="private"/><tag k="foot" v="yes"/></way>
          <way id="107"><nd ref="7"/><nd ref="8"/><tag k="highway" v="cycleway"/></way>
          <way id="108"><nd ref="7"/><nd ref="9"/><tag k="highway" v="cycleway"/><tag k="foot" v="designated"/></way>
          <way id="109"><nd ref="6"/><nd ref="8"/><tag k="highway" v="construction"/></way>
          <relation id="1"><member type="way" ref="101" role=""/><tag k="type" v="route"/></relation>
        </osm>
        """;

    private const double Step = 0.001;

    [Fact]
    public void Vertices_are_only_at_junctions_and_way_ends()
    {
        var graph = TestData.GraphFromXml(StreetXml);
        var ids = Enumerable.Range(0, graph.VertexCount).Select(graph.OsmNodeId).Order().ToArray();
        Assert.Equal([1L, 3, 4, 5, 7, 9], ids);
        Assert.Equal(5, graph.EdgeCount);
        Assert.Equal(10, graph.ArcCount);
        var n1ToN3 = Enumerable.Range(0, graph.EdgeCount).Single(e => Ends(graph, e) == (1, 3));
        Assert.Equal(3, graph.EdgePointCount(n1ToN3));
        Assert.Equal((45.751, 126.6), Round(graph.EdgePoint(n1ToN3, 1)));
    }

    [Fact]
    public void Edge_lengths_match_independent_meridian_and_parallel_arcs()
    {
        var graph = TestData.GraphFromXml(StreetXml);
        var n1ToN3 = Enumerable.Range(0, graph.EdgeCount).Single(e => Ends(graph, e) == (1, 3));
        var n3ToN5 = Enumerable.Range(0, graph.EdgeCount).Single(e => Ends(graph, e) == (3, 5));
        var expectedMeridian = MeridianArc(45.750, 45.751) + MeridianArc(45.751, 45.752);
        Assert.Equal(expectedMeridian, graph.EdgeLength(n1ToN3), 0.001);
        // Along a parallel the geodesic is shorter than the parallel arc by far less than a millimetre at 78 m.
        Assert.Equal(ParallelArc(45.752, Step), graph.EdgeLength(n3ToN5), 0.001);
    }

    [Fact]
    public void Vincenty_reproduces_the_classic_Flinders_Peak_to_Buninyong_distance()
    {
        // Vincenty (1975)'s and Geoscience Australia's worked example: 54 972.271 m.
        var lat1 = -(37 + (57 / 60.0) + (3.72030 / 3600));
        var lon1 = 144 + (25 / 60.0) + (29.52440 / 3600);
        var lat2 = -(37 + (39 / 60.0) + (10.15610 / 3600));
        var lon2 = 143 + (55 / 60.0) + (35.38390 / 3600);
        Assert.Equal(54_972.271, Geodesic.Distance(lat1, lon1, lat2, lon2), 0.001);
    }

    [Fact]
    public void Pedestrian_filter_follows_the_documented_rule()
    {
        static bool Walk(params string[] kv) => PedestrianFilter.Default.IsWalkable(
            [.. kv.Select(s => s.Split('=')).Select(p => new KeyValuePair<string, string>(p[0], p[1]))]);

        Assert.True(Walk("highway=footway"));
        Assert.True(Walk("highway=primary_link"));
        Assert.True(Walk("highway=steps"));
        Assert.True(Walk("highway=corridor"));
        Assert.False(Walk("highway=motorway"));
        Assert.False(Walk("highway=motorway_link", "foot=yes"));
        Assert.False(Walk("highway=construction"));
        Assert.False(Walk("highway=proposed"));
        Assert.False(Walk("building=yes"));
        Assert.False(Walk("highway=residential", "foot=no"));
        Assert.False(Walk("highway=service", "access=private"));
        Assert.False(Walk("highway=service", "access=no"));
        Assert.True(Walk("highway=service", "access=private", "foot=yes"));
        Assert.False(Walk("highway=cycleway"));
        Assert.True(Walk("highway=cycleway", "foot=designated"));
        Assert.False(Walk("highway=trunk"));
        Assert.True(Walk("highway=trunk", "foot=yes"));
        Assert.True(new PedestrianFilter(includeTrunk: true).IsWalkable([new("highway", "trunk")]));
        Assert.False(new PedestrianFilter(includeTrunk: true).IsWalkable([new("highway", "trunk"), new("motorroad", "yes")]));
        Assert.True(PedestrianFilter.Osm2pgrouting.IsWalkable([new("highway", "service"), new("access", "private")]));
    }

    [Fact]
    public void Way_clipped_by_the_extract_is_split_at_the_missing_node_not_bridged()
    {
        const string xml = """
            <osm version="0.6">
              <node id="10" lat="45.7000000" lon="126.6000000"/>
              <node id="11" lat="45.7010000" lon="126.6000000"/>
              <node id="13" lat="45.7030000" lon="126.6000000"/>
              <node id="14" lat="45.7040000" lon="126.6000000"/>
              <way id="1"><nd ref="10"/><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><tag k="highway" v="path"/></way>
            </osm>
            """;
        var graph = TestData.GraphFromXml(xml);
        Assert.Equal(2, graph.EdgeCount);
        var result = ShortestPaths.NearestSource(graph, [new PathSource(Vertex(graph, 10), 0, 0)]);
        Assert.True(double.IsPositiveInfinity(result.Distance[Vertex(graph, 14)]));
        Assert.Equal(-1, result.Label[Vertex(graph, 13)]);
    }

    [Fact]
    public void Multi_source_search_gives_each_vertex_its_nearest_source()
    {
        var graph = TestData.GraphFromXml(StreetXml);
        var result = ShortestPaths.NearestSource(graph, [new PathSource(Vertex(graph, 1), 0, 10), new PathSource(Vertex(graph, 9), 0, 20)]);
        var meridianStep = MeridianArc(45.750, 45.751);
        var d3 = MeridianArc(45.750, 45.751) + MeridianArc(45.751, 45.752);
        Assert.Equal(0, result.Distance[Vertex(graph, 1)]);
        Assert.Equal(d3, result.Distance[Vertex(graph, 3)], 0.001);
        Assert.Equal(10, result.Label[Vertex(graph, 3)]);
        Assert.Equal(d3 + MeridianArc(45.752, 45.753), result.Distance[Vertex(graph, 4)], 0.001);
        // n5 is 2 steps north + 1 east from n1 (≈300 m) but 1 south + 1 west from n9 (≈189 m).
        Assert.Equal(20, result.Label[Vertex(graph, 5)]);
        Assert.Equal(MeridianArc(45.752, 45.753) + ParallelArc(45.752, Step), result.Distance[Vertex(graph, 5)], 0.001);
        Assert.True(meridianStep > 110 && meridianStep < 112);
    }

    [Fact]
    public void Cutoff_leaves_farther_vertices_unreached()
    {
        var graph = TestData.GraphFromXml(StreetXml);
        var result = ShortestPaths.NearestSource(graph, [new PathSource(Vertex(graph, 1), 0, 0)], cutoff: 250);
        Assert.True(result.Distance[Vertex(graph, 3)] < 250);
        Assert.True(double.IsPositiveInfinity(result.Distance[Vertex(graph, 4)]));
        Assert.Equal(-1, result.Label[Vertex(graph, 5)]);
    }

    [Fact]
    public void Single_source_search_agrees_with_the_multi_source_one()
    {
        var graph = TestData.GraphFromXml(StreetXml);
        var single = ShortestPaths.From(graph, Vertex(graph, 9));
        var multi = ShortestPaths.NearestSource(graph, [new PathSource(Vertex(graph, 9), 0, 0)]);
        Assert.Equal(multi.Distance, single);
        Assert.Equal(MeridianArc(45.752, 45.753) + ParallelArc(45.752, Step) + ParallelArc(45.752, Step), single[Vertex(graph, 3)], 0.001);
    }

    [Fact]
    public void Source_offset_counts_toward_the_distance()
    {
        var graph = TestData.GraphFromXml(StreetXml);
        var distances = ShortestPaths.NearestSource(graph, [new PathSource(Vertex(graph, 4), 40, 0)]).Distance;
        Assert.Equal(40 + MeridianArc(45.752, 45.753), distances[Vertex(graph, 3)], 0.001);
    }

    [Fact]
    public void Walking_speed_converts_distance_and_time_both_ways()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), WalkingSpeed.Default.TimeFor(300));
        Assert.Equal(1000, new WalkingSpeed(80 / 60.0).DistanceIn(TimeSpan.FromSeconds(750)), 1e-9);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WalkingSpeed(0));
    }

    internal static int Vertex(WalkGraph graph, long osmId) =>
        Enumerable.Range(0, graph.VertexCount).Single(v => graph.OsmNodeId(v) == osmId);

    internal static (long, long) Ends(WalkGraph graph, int edge)
    {
        var a = graph.OsmNodeId(graph.EdgeFrom(edge));
        var b = graph.OsmNodeId(graph.EdgeTo(edge));
        return a < b ? (a, b) : (b, a);
    }

    private static (double, double) Round((double Lat, double Lon) p) => (Math.Round(p.Lat, 7), Math.Round(p.Lon, 7));

    // Meridian arc by the radius of curvature at the mid-latitude: exact to ~1e-9 for 0.001° steps.
    internal static double MeridianArc(double lat1, double lat2)
    {
        var e2 = Geodesic.Flattening * (2 - Geodesic.Flattening);
        var phi = (lat1 + lat2) / 2 * Math.PI / 180;
        var s = Math.Sin(phi);
        var m = Geodesic.SemiMajorAxis * (1 - e2) / Math.Pow(1 - (e2 * s * s), 1.5);
        return m * Math.Abs(lat2 - lat1) * Math.PI / 180;
    }

    internal static double ParallelArc(double lat, double dLon)
    {
        var e2 = Geodesic.Flattening * (2 - Geodesic.Flattening);
        var phi = lat * Math.PI / 180;
        var s = Math.Sin(phi);
        var n = Geodesic.SemiMajorAxis / Math.Sqrt(1 - (e2 * s * s));
        return n * Math.Cos(phi) * dLon * Math.PI / 180;
    }
}
