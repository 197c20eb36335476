using System.Text;
using Yiju.Routing.Graph;
using Yiju.Routing.Osm;

namespace Yiju.UnitTests.Routing;

public class OsmReaderTests
{
    [Theory]
    [InlineData("harbin-central.osm.pbf", 226_042, 34_996, 10_083, 51_182)]
    [InlineData("porto-portugal-roads.osm.pbf", 347_944, 51_458, 51_349, 347_182)]
    public void Pbf_reader_reports_the_counts_osmium_reports(string file, long nodes, long ways, long highwayWays, long highwayNodes)
    {
        var counter = new CountingHandler();
        OsmPbfReader.Read(TestData.OsmFile(file), counter);
        Assert.Equal(nodes, counter.Nodes);
        Assert.Equal(ways, counter.Ways);
        Assert.Equal(highwayWays, counter.HighwayWays);
        Assert.Equal(highwayNodes, counter.HighwayNodesPresent);
    }

    [Fact]
    public void Pbf_coordinates_fall_inside_the_extract_bounding_box()
    {
        var graph = WalkGraph.Load(TestData.OsmFile("harbin-central.osm.pbf"));
        // bbox from PROVENANCE.md: 126.5061299,45.6579199 to 126.7718619,45.830905.
        Assert.InRange(graph.Bounds.MinLatitude, 45.6579199, 45.830905);
        Assert.InRange(graph.Bounds.MaxLatitude, 45.6579199, 45.830905);
        Assert.InRange(graph.Bounds.MinLongitude, 126.5061299, 126.7718619);
        Assert.InRange(graph.Bounds.MaxLongitude, 126.5061299, 126.7718619);
        Assert.True(graph.Bounds.MaxLatitude - graph.Bounds.MinLatitude > 0.1);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.999)]
    [InlineData(0.00001)]
    public void Truncated_pbf_is_rejected_with_a_format_error(double keep)
    {
        var bytes = File.ReadAllBytes(TestData.OsmFile("harbin-central.osm.pbf"));
        var truncated = bytes.AsSpan(0, Math.Max(1, (int)(bytes.Length * keep))).ToArray();
        var ex = Assert.Throws<OsmFormatException>(() => WalkGraph.Load(new MemoryStream(truncated)));
        Assert.Contains("trunc", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Corrupt_compressed_block_is_rejected_with_a_format_error()
    {
        var bytes = File.ReadAllBytes(TestData.OsmFile("harbin-central.osm.pbf"));
        for (var i = bytes.Length / 2; i < (bytes.Length / 2) + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        Assert.Throws<OsmFormatException>(() => WalkGraph.Load(new MemoryStream(bytes)));
    }

    [Theory]
    [InlineData("PK\u0003\u0004 this is a zip file, not OSM")]
    [InlineData("just some text")]
    [InlineData("{\"type\":\"FeatureCollection\"}")]
    public void Non_osm_input_is_rejected_with_a_format_error(string content)
    {
        var ex = Assert.Throws<OsmFormatException>(() => WalkGraph.Load(new MemoryStream(Encoding.UTF8.GetBytes(content))));
        Assert.Contains("not an OSM", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_with_another_root_element_is_rejected()
    {
        var ex = Assert.Throws<OsmFormatException>(() => TestData.GraphFromXml("<gpx version=\"1.1\"></gpx>"));
        Assert.Contains("'gpx'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_xml_is_rejected_with_a_format_error()
    {
        const string xml = "<?xml version=\"1.0\"?><osm version=\"0.6\"><node id=\"1\" lat=\"45.75\" lon=\"126.6\"/><node id=\"2\" lat=\"45.76\" lon=\"126.6\"/><way id=\"1\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"highway\" v=\"footway\"/>";
        Assert.Throws<OsmFormatException>(() => TestData.GraphFromXml(xml));
    }

    [Fact]
    public void Xml_node_without_coordinates_is_rejected()
    {
        const string xml = "<osm version=\"0.6\"><node id=\"1\" lat=\"45.75\"/></osm>";
        var ex = Assert.Throws<OsmFormatException>(() => TestData.GraphFromXml(xml));
        Assert.Contains("'lon'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        Assert.Throws<OsmFormatException>(() => WalkGraph.Load(new MemoryStream([])));
    }
}
