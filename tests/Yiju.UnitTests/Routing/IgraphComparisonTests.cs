using System.Diagnostics;
using System.Globalization;
using Yiju.Routing.Graph;
using Yiju.Routing.Paths;

namespace Yiju.UnitTests.Routing;

/// <summary>
/// The correctness check: Yiju's network distances against an independent implementation
/// (igraph's C core, through Debian's python3-igraph) on the same graph and the same sources.
/// </summary>
public class IgraphComparisonTests
{
    // Debian's interpreter: python3-igraph installs into its dist-packages, which a pyenv or venv
    // python3 earlier on PATH would not see.
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys
        try:
            import igraph
        except ImportError:
            sys.stderr.write("python3-igraph is not installed\n")
            sys.exit(3)
        n = int(sys.argv[1])
        edges, weights = [], []
        with open(sys.argv[2]) as f:
            for line in f:
                a, b, w = line.split()
                edges.append((int(a), int(b)))
                weights.append(float(w))
        sources = [int(s) for s in open(sys.argv[3]).read().split()]
        g = igraph.Graph(n=n, edges=edges, directed=False)
        rows = g.distances(source=sources, weights=weights)
        with open(sys.argv[4], "w") as out:
            for v in range(n):
                out.write(repr(min(row[v] for row in rows)) + "\n")
        """;

    [Theory]
    [InlineData("harbin-central.osm.pbf")]
    [InlineData("porto-portugal-roads.osm.pbf")]
    public void Nearest_source_distances_equal_igraph_on_every_vertex(string file)
    {
        var graph = WalkGraph.Load(TestData.OsmFile(file));
        var random = new Random(6);
        var sources = Enumerable.Range(0, 25).Select(_ => random.Next(graph.VertexCount)).Distinct().ToArray();
        var yiju = ShortestPaths.NearestSource(graph, sources.Select((v, i) => new PathSource(v, 0, i)).ToArray());
        var reference = RunIgraph(graph, sources);

        var compared = 0;
        var maxDifference = 0.0;
        for (var v = 0; v < graph.VertexCount; v++)
        {
            if (double.IsPositiveInfinity(reference[v]))
            {
                Assert.True(double.IsPositiveInfinity(yiju.Distance[v]), $"vertex {v}: igraph finds it unreachable, Yiju {yiju.Distance[v]}");
                continue;
            }

            var difference = Math.Abs(reference[v] - yiju.Distance[v]);
            maxDifference = Math.Max(maxDifference, difference);
            Assert.True(difference < 1e-6, $"vertex {v}: igraph {reference[v]}, Yiju {yiju.Distance[v]}");
            compared++;
        }

        // The sources must reach most of the city, or the comparison proves little.
        Assert.True(compared > graph.VertexCount / 2, $"only {compared} of {graph.VertexCount} vertices reached");
        Assert.True(maxDifference < 1e-6);
    }

    private static double[] RunIgraph(WalkGraph graph, int[] sources)
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} is missing: install Debian's python3 and python3-igraph (apt-get install python3-igraph); scripts/ sets them up for the test run.");
        }

        var dir = Directory.CreateTempSubdirectory("yiju-igraph-");
        try
        {
            var script = Path.Combine(dir.FullName, "distances.py");
            var edges = Path.Combine(dir.FullName, "edges.txt");
            var sourceFile = Path.Combine(dir.FullName, "sources.txt");
            var output = Path.Combine(dir.FullName, "distances.txt");
            File.WriteAllText(script, Script);
            using (var writer = new StreamWriter(edges))
            {
                graph.WriteEdgeList(writer);
            }

            File.WriteAllLines(sourceFile, sources.Select(s => s.ToString(CultureInfo.InvariantCulture)));
            var start = new ProcessStartInfo(Python)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { script, graph.VertexCount.ToString(CultureInfo.InvariantCulture), edges, sourceFile, output })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 3)
            {
                Assert.Fail("python3-igraph is not installed: run `apt-get install python3-igraph` (the repository's test script installs it). This test compares Yiju with igraph and must not be skipped.");
            }

            Assert.True(process.ExitCode == 0, $"igraph script failed ({process.ExitCode}): {stderr}");
            return File.ReadAllLines(output)
                .Select(line => string.Equals(line, "inf", StringComparison.Ordinal)
                    ? double.PositiveInfinity
                    : double.Parse(line, CultureInfo.InvariantCulture))
                .ToArray();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
