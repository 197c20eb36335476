using System.Text;
using Yiju.Routing.Graph;
using Yiju.Routing.Osm;

namespace Yiju.UnitTests.Routing;

internal static class TestData
{
    public static string OsmFile(string name)
    {
        var path = Path.Combine(TestPaths.SharedData, "osm", name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The routing tests read the shared OSM extracts; {path} is missing.", path);
    }

    public static WalkGraph GraphFromXml(string xml) =>
        WalkGraph.Load(new MemoryStream(Encoding.UTF8.GetBytes(xml)));
}

/// <summary>Counts what a reader reports, to compare with osmium's figures in PROVENANCE.md.</summary>
internal sealed class CountingHandler : IOsmHandler
{
    public long Nodes { get; private set; }

    public long Ways { get; private set; }

    public long HighwayWays { get; private set; }

    /// <summary>Node ids that highway ways refer to, including ids a clipped extract lacks.</summary>
    public HashSet<long> HighwayNodeRefs { get; } = [];

    public HashSet<long> NodeIds { get; } = [];

    /// <summary>Nodes the file holds that highway ways use: osmium's "nodes they use".</summary>
    public int HighwayNodesPresent => HighwayNodeRefs.Count(NodeIds.Contains);

    public void Node(long id, int latE7, int lonE7)
    {
        Nodes++;
        NodeIds.Add(id);
    }

    public void Way(long id, ReadOnlySpan<long> refs, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        Ways++;
        if (tags.Any(t => string.Equals(t.Key, "highway", StringComparison.Ordinal)))
        {
            HighwayWays++;
            foreach (var r in refs)
            {
                HighwayNodeRefs.Add(r);
            }
        }
    }
}

/// <summary>The Harbin walking graph, loaded once per test class that asks for it.</summary>
public sealed class HarbinGraphFixture
{
    public WalkGraph Graph { get; } = WalkGraph.Load(TestData.OsmFile("harbin-central.osm.pbf"));
}
