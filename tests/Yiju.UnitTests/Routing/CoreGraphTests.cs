using Yiju.Routing.Graph;
using Yiju.Routing.Paths;

namespace Yiju.UnitTests.Routing;

/// <summary>
/// The contracted search (core, chains, trees) against a plain binary-heap Dijkstra on the full
/// graph: on random multigraphs built to contain every awkward case, and on the Harbin extract.
/// </summary>
public class CoreGraphTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Contracted_search_equals_plain_dijkstra_on_random_graphs(int seed)
    {
        var random = new Random(seed);
        var graph = RandomGraph(random, vertexCount: 20 + random.Next(200));
        for (var round = 0; round < 20; round++)
        {
            var sources = RandomSources(random, graph, count: 1 + random.Next(6));
            var cutoff = random.Next(3) == 0 ? random.NextDouble() * 300 : double.PositiveInfinity;
            AssertSameAsPlainDijkstra(graph, sources, cutoff);
        }
    }

    [Fact]
    public void Contracted_search_equals_plain_dijkstra_on_harbin()
    {
        var graph = WalkGraph.Load(TestData.OsmFile("harbin-central.osm.pbf"));
        var core = graph.Core;

        // The extract has all three kinds, so every path of the search is exercised.
        Assert.InRange(core.CoreCount, graph.VertexCount / 3, graph.VertexCount - 1);
        Assert.True(core.ChainVertexCount > 1000, $"{core.ChainVertexCount} chain vertices");
        Assert.True(graph.VertexCount - core.TreeStart > 1000, $"{graph.VertexCount - core.TreeStart} tree vertices");

        var random = new Random(20261122);
        for (var round = 0; round < 4; round++)
        {
            // Sources drawn from each kind of vertex, with offsets as snapped facilities have.
            var sources = new List<PathSource>();
            for (var i = 0; i < 30; i++)
            {
                var vertex = (i % 3) switch
                {
                    0 => random.Next(core.CoreCount),
                    1 => core.CoreCount + random.Next(core.ChainVertexCount),
                    _ => core.TreeStart + random.Next(graph.VertexCount - core.TreeStart),
                };
                sources.Add(new PathSource(vertex, random.Next(2) == 0 ? 0 : random.NextDouble() * 80, i));
            }

            AssertSameAsPlainDijkstra(graph, [.. sources], round == 3 ? 700 : double.PositiveInfinity);
        }
    }

    [Fact]
    public void Vertices_are_numbered_core_then_chains_then_trees()
    {
        // A triangle 0-1-2 with a chain 2-3-4-0 and a tail 1-5-6, plus a separate path 7-8 and a
        // ring 9-10-11 without junctions (its first vertex becomes core). Once the tail is peeled
        // off, 1 has two streets left and lies on the chain 0-1-2, with the tail hanging off it.
        var graph = GraphOf(12, [(0, 1, 10), (1, 2, 10), (2, 0, 10), (2, 3, 5), (3, 4, 5), (4, 0, 5), (1, 5, 7), (5, 6, 7), (7, 8, 4), (9, 10, 3), (10, 11, 3), (11, 9, 3)]);
        var core = graph.Core;
        var kinds = Enumerable.Range(0, graph.VertexCount)
            .GroupBy(v => core.IsTree(v) ? "tree" : core.IsChain(v) ? "chain" : "core")
            .ToDictionary(g => g.Key, g => g.Select(v => graph.OsmNodeId(v)).Order().ToArray());
        Assert.Equal([0L, 2, 8, 9], kinds["core"]);
        Assert.Equal([1L, 3, 4, 10, 11], kinds["chain"]);
        Assert.Equal([5L, 6, 7], kinds["tree"]);
        for (var t = core.TreeStart; t < graph.VertexCount; t++)
        {
            Assert.True(core.TreeParent[t - core.TreeStart] < t, "a parent comes before its children");
        }

        AssertSameAsPlainDijkstra(graph, [new PathSource(VertexOf(graph, 6), 1, 0), new PathSource(VertexOf(graph, 10), 0, 1)], double.PositiveInfinity);
    }

    private static int VertexOf(WalkGraph graph, long id) =>
        Enumerable.Range(0, graph.VertexCount).Single(v => graph.OsmNodeId(v) == id);

    private static void AssertSameAsPlainDijkstra(WalkGraph graph, PathSource[] sources, double cutoff)
    {
        var result = ShortestPaths.NearestSource(graph, sources, cutoff);
        var expected = PlainDijkstra(graph, sources, cutoff);
        var perLabel = sources.Select(s => s.Label).Distinct().ToDictionary(l => l, l => PlainDijkstra(graph, [.. sources.Where(s => s.Label == l)], cutoff));
        for (var v = 0; v < graph.VertexCount; v++)
        {
            if (double.IsPositiveInfinity(expected[v]))
            {
                Assert.True(double.IsPositiveInfinity(result.Distance[v]), $"vertex {v}: unreachable, got {result.Distance[v]}");
                Assert.Equal(-1, result.Label[v]);
                continue;
            }

            Assert.True(Math.Abs(expected[v] - result.Distance[v]) < 1e-9, $"vertex {v}: expected {expected[v]}, got {result.Distance[v]}");

            // Ties may go either way; the label must name a source that is that near.
            Assert.True(perLabel.TryGetValue(result.Label[v], out var fromLabel), $"vertex {v}: label {result.Label[v]}");
            Assert.True(Math.Abs(fromLabel[v] - expected[v]) < 1e-9, $"vertex {v}: label {result.Label[v]} is {fromLabel[v]} away, nearest {expected[v]}");
        }
    }

    /// <summary>Textbook Dijkstra with a binary heap over the full graph's arcs.</summary>
    private static double[] PlainDijkstra(WalkGraph graph, PathSource[] sources, double cutoff)
    {
        var distance = Enumerable.Repeat(double.PositiveInfinity, graph.VertexCount).ToArray();
        var queue = new PriorityQueue<int, double>();
        foreach (var s in sources)
        {
            if (s.Offset <= cutoff && s.Offset < distance[s.Vertex])
            {
                distance[s.Vertex] = s.Offset;
                queue.Enqueue(s.Vertex, s.Offset);
            }
        }

        while (queue.TryDequeue(out var u, out var d))
        {
            if (d > distance[u])
            {
                continue;
            }

            for (var a = graph.ArcStart(u); a < graph.ArcEnd(u); a++)
            {
                var v = graph.ArcTarget(a);
                var nd = d + graph.ArcLength(a);
                if (nd < distance[v] && nd <= cutoff)
                {
                    distance[v] = nd;
                    queue.Enqueue(v, nd);
                }
            }
        }

        return distance;
    }

    private static PathSource[] RandomSources(Random random, WalkGraph graph, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PathSource(random.Next(graph.VertexCount), random.Next(3) == 0 ? random.NextDouble() * 50 : 0, i % 4))];

    /// <summary>
    /// A sparse random multigraph like a street network's: a random tree, extra edges making
    /// cycles, edges subdivided into chains, pendant paths, parallel edges, self-loops, rings
    /// without junctions and isolated vertices — several components.
    /// </summary>
    private static WalkGraph RandomGraph(Random random, int vertexCount)
    {
        var edges = new List<(int, int, double)>();
        var next = 0;
        int NewVertex() => next++;
        double Length() => Math.Round(1 + (random.NextDouble() * 120), 3);
        var main = Enumerable.Range(0, vertexCount / 2).Select(_ => NewVertex()).ToArray();
        for (var i = 1; i < main.Length; i++)
        {
            edges.Add((main[i], main[random.Next(i)], Length()));
        }

        for (var i = 0; i < main.Length / 3; i++)
        {
            edges.Add((main[random.Next(main.Length)], main[random.Next(main.Length)], Length()));
        }

        // Subdivide some edges into chains of one to four vertices.
        for (var i = 0; i < edges.Count / 3; i++)
        {
            var k = random.Next(edges.Count);
            var (a, b, _) = edges[k];
            var previous = a;
            edges.RemoveAt(k);
            for (var j = random.Next(1, 5); j > 0; j--)
            {
                var x = NewVertex();
                edges.Add((previous, x, Length()));
                previous = x;
            }

            edges.Add((previous, b, Length()));
        }

        // Pendant trees hanging off any vertex so far, chain vertices included.
        var before = next;
        for (var i = 0; i < vertexCount / 6; i++)
        {
            var root = random.Next(next);
            edges.Add((root, NewVertex(), Length()));
            if (random.Next(2) == 0)
            {
                edges.Add((next - 1, NewVertex(), Length()));
            }
        }

        for (var i = 0; i < 3; i++)
        {
            var a = random.Next(before);
            edges.Add((a, a, Length()));
            var b = random.Next(before);
            var c = random.Next(before);
            edges.Add((b, c, Length()));
            edges.Add((b, c, Length()));
        }

        // A ring without junctions, a lone path and an isolated vertex.
        var ring = Enumerable.Range(0, 3 + random.Next(4)).Select(_ => NewVertex()).ToArray();
        for (var i = 0; i < ring.Length; i++)
        {
            edges.Add((ring[i], ring[(i + 1) % ring.Length], Length()));
        }

        var p = NewVertex();
        var q = NewVertex();
        edges.Add((p, q, Length()));
        NewVertex();
        return GraphOf(next, edges);
    }

    /// <summary>A graph straight from an edge list; vertex v gets OSM id v so tests can find it after renumbering.</summary>
    internal static WalkGraph GraphOf(int vertexCount, IReadOnlyList<(int From, int To, double Length)> edges) =>
        new(
            [.. Enumerable.Range(0, vertexCount).Select(v => (long)v)],
            new int[vertexCount],
            new int[vertexCount],
            [.. edges.Select(e => e.From)],
            [.. edges.Select(e => e.To)],
            [.. edges.Select(e => (float)e.Length)],
            new int[edges.Count + 1],
            [],
            []);
}
