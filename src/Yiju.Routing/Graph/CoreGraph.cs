using System.Runtime.InteropServices;

namespace Yiju.Routing.Graph;

/// <summary>
/// The walking graph with its chains and dead ends contracted away, for fast exact searches.
/// <para>
/// A street network has many vertices that no shortest path needs to decide anything at: the
/// ends of cul-de-sacs and the trees of paths behind them (a <b>tree</b> vertex: the only way out
/// leads through its parent), and vertices where exactly two streets meet, e.g. where an OSM way
/// changes its tags (a <b>chain</b> vertex: a path through it comes from one neighbour and goes on
/// to the other). Peeling the trees off leaves the 2-core of the graph; in the 2-core, the vertices
/// of degree other than two are the <b>core</b>, and each maximal run of degree-2 vertices between
/// two core vertices is a chain, replaced in the core by one arc as long as the whole chain.
/// </para>
/// <para>
/// A search then runs on the core alone and fills the rest afterwards, exactly: a chain vertex at
/// distance x along a chain of length L from core vertex a to core vertex b is at
/// min(d(a) + x, d(b) + L − x, and any source on the chain itself), computed by one sweep along
/// the chain in each direction; a tree vertex is at min(d(parent) + edge, any source below it),
/// filled parents first. Sources on chains or in trees are first carried to the core (up the tree
/// to its root, along the chain to both its ends) so that the core search sees them. Every
/// figure is a sum of the same edge lengths along the same path as a plain Dijkstra's, so the
/// distances agree with one (to rounding of the order of 1e-12 m; tests check it).
/// </para>
/// <para>
/// The vertex numbering serves this: <see cref="WalkGraph"/> numbers the core first (in the
/// Hilbert order the builder chose), then the chain vertices chain by chain in order along each
/// chain, then the tree vertices with every parent before its children. A search thus touches
/// one compact prefix of the distance array, and the fill-in passes walk the rest in order.
/// </para>
/// </summary>
internal sealed class CoreGraph
{
    private CoreGraph(
        int vertexCount,
        int coreCount,
        int[] coreOffsets,
        CoreArc[] coreArcs,
        int[] chainStart,
        int[] chainFrom,
        int[] chainTo,
        float[] chainStep,
        float[] chainLast,
        int[] treeParent,
        float[] treeStep)
    {
        VertexCount = vertexCount;
        CoreCount = coreCount;
        CoreOffsets = coreOffsets;
        CoreArcs = coreArcs;
        ChainStart = chainStart;
        ChainFrom = chainFrom;
        ChainTo = chainTo;
        ChainStep = chainStep;
        ChainLast = chainLast;
        TreeParent = treeParent;
        TreeStep = treeStep;
        MaxCoreArcLength = coreArcs.Length == 0 ? 0 : coreArcs.Max(a => a.Length);
    }

    public int VertexCount { get; }

    /// <summary>Core vertices are 0 … CoreCount − 1.</summary>
    public int CoreCount { get; }

    /// <summary>Chain vertices are TreeStart − ChainVertexCount … TreeStart − 1.</summary>
    public int ChainVertexCount => ChainStep.Length;

    /// <summary>Tree vertices are TreeStart … VertexCount − 1, parents before children.</summary>
    public int TreeStart => CoreCount + ChainVertexCount;

    public int ChainCount => ChainFrom.Length;

    /// <summary>Core CSR: arcs of core vertex c are CoreArcs[CoreOffsets[c] … CoreOffsets[c + 1]).</summary>
    public int[] CoreOffsets { get; }

    public CoreArc[] CoreArcs { get; }

    public double MaxCoreArcLength { get; }

    /// <summary>Chain k holds chain vertices CoreCount + ChainStart[k] … CoreCount + ChainStart[k + 1] − 1, in order from ChainFrom[k] to ChainTo[k].</summary>
    public int[] ChainStart { get; }

    public int[] ChainFrom { get; }

    public int[] ChainTo { get; }

    /// <summary>Per chain vertex (index i for vertex CoreCount + i): the length of the edge from the previous vertex of its chain (or from ChainFrom).</summary>
    public float[] ChainStep { get; }

    /// <summary>Per chain: the length of its last edge, from its last chain vertex to ChainTo.</summary>
    public float[] ChainLast { get; }

    /// <summary>Per tree vertex (index t for vertex TreeStart + t): its parent, towards the core.</summary>
    public int[] TreeParent { get; }

    /// <summary>Per tree vertex: the length of the edge to its parent.</summary>
    public float[] TreeStep { get; }

    public long MemoryBytes =>
        (4L * CoreOffsets.Length) + (12L * CoreArcs.Length) + (4L * ChainStart.Length) + (4L * ChainFrom.Length)
        + (4L * ChainTo.Length) + (4L * ChainStep.Length) + (4L * ChainLast.Length) + (4L * TreeParent.Length) + (4L * TreeStep.Length);

    public bool IsTree(int vertex) => vertex >= TreeStart;

    public bool IsChain(int vertex) => vertex >= CoreCount && vertex < TreeStart;

    /// <summary>The chain a chain vertex lies on.</summary>
    public int ChainOf(int vertex)
    {
        var i = vertex - CoreCount;
        var found = Array.BinarySearch(ChainStart, i);
        if (found >= 0)
        {
            // Several chains cannot start at the same index: every chain holds at least one vertex.
            return found;
        }

        return ~found - 1;
    }

    /// <summary>
    /// Classifies the vertices of an undirected multigraph (self-loops and parallel edges allowed)
    /// and returns the new numbering (<c>order[new] = old</c>) with the contraction in new numbers.
    /// </summary>
    public static (int[] Order, CoreGraph Core) Build(int vertexCount, int[] edgeFrom, int[] edgeTo, float[] edgeLength)
    {
        var n = vertexCount;
        var m = edgeFrom.Length;

        // Adjacency of the input graph, as (neighbour, edge) per vertex; a self-loop appears twice.
        var offsets = new int[n + 1];
        for (var e = 0; e < m; e++)
        {
            offsets[edgeFrom[e] + 1]++;
            offsets[edgeTo[e] + 1]++;
        }

        for (var v = 0; v < n; v++)
        {
            offsets[v + 1] += offsets[v];
        }

        var neighbour = new int[2 * m];
        var viaEdge = new int[2 * m];
        var next = offsets[..^1];
        for (var e = 0; e < m; e++)
        {
            var a = next[edgeFrom[e]]++;
            neighbour[a] = edgeTo[e];
            viaEdge[a] = e;
            var b = next[edgeTo[e]]++;
            neighbour[b] = edgeFrom[e];
            viaEdge[b] = e;
        }

        // Peel the trees: repeatedly remove a vertex with one remaining arc; its neighbour is its
        // parent. A component that is a tree shrinks to one vertex of degree 0, which stays as core.
        var degree = new int[n];
        for (var v = 0; v < n; v++)
        {
            degree[v] = offsets[v + 1] - offsets[v];
        }

        var removed = new bool[n];
        var parent = new int[n];
        var parentEdge = new int[n];
        var peeled = new List<int>();
        var pending = new Stack<int>();
        for (var v = n - 1; v >= 0; v--)
        {
            if (degree[v] == 1)
            {
                pending.Push(v);
            }
        }

        while (pending.Count > 0)
        {
            var v = pending.Pop();
            if (removed[v] || degree[v] != 1)
            {
                continue;
            }

            for (var a = offsets[v]; a < offsets[v + 1]; a++)
            {
                if (!removed[neighbour[a]])
                {
                    parent[v] = neighbour[a];
                    parentEdge[v] = viaEdge[a];
                    break;
                }
            }

            removed[v] = true;
            peeled.Add(v);
            var p = parent[v];
            if (--degree[p] == 1)
            {
                pending.Push(p);
            }
        }

        // In the 2-core, vertices of degree other than 2 are core; walk the chains between them.
        var isCore = new bool[n];
        for (var v = 0; v < n; v++)
        {
            isCore[v] = !removed[v] && degree[v] != 2;
        }

        var edgeUsed = new bool[m];
        var onChain = new bool[n];
        var chains = new List<(int From, int To, int First, int Count, float Last)>();
        var chainVertices = new List<int>();
        var chainSteps = new List<float>();
        var direct = new List<(int From, int To, double Length)>();

        void WalkFrom(int a)
        {
            for (var arc = offsets[a]; arc < offsets[a + 1]; arc++)
            {
                var e = viaEdge[arc];
                var x = neighbour[arc];
                if (edgeUsed[e] || removed[x])
                {
                    continue;
                }

                edgeUsed[e] = true;
                if (isCore[x])
                {
                    direct.Add((a, x, edgeLength[e]));
                    continue;
                }

                var first = chainVertices.Count;
                var step = edgeLength[e];
                var total = 0.0;
                while (true)
                {
                    chainVertices.Add(x);
                    chainSteps.Add(step);
                    onChain[x] = true;
                    total += step;

                    // x has exactly two arcs in the 2-core: the one just used and the way on.
                    var on = -1;
                    for (var b = offsets[x]; b < offsets[x + 1]; b++)
                    {
                        if (!edgeUsed[viaEdge[b]] && !removed[neighbour[b]])
                        {
                            on = b;
                            break;
                        }
                    }

                    var onEdge = viaEdge[on];
                    edgeUsed[onEdge] = true;
                    step = edgeLength[onEdge];
                    x = neighbour[on];
                    if (isCore[x])
                    {
                        total += step;
                        chains.Add((a, x, first, chainVertices.Count - first, step));
                        direct.Add((a, x, total));
                        break;
                    }
                }
            }
        }

        for (var v = 0; v < n; v++)
        {
            if (isCore[v])
            {
                WalkFrom(v);
            }
        }

        // What is left of degree 2 lies on cycles without a junction: make one vertex of each core.
        for (var v = 0; v < n; v++)
        {
            if (!removed[v] && !isCore[v] && !onChain[v])
            {
                isCore[v] = true;
                WalkFrom(v);
            }
        }

        // New numbering: core (in the given order), chains in order, trees parents first.
        var order = new int[n];
        var rank = new int[n];
        var coreCount = 0;
        for (var v = 0; v < n; v++)
        {
            if (isCore[v])
            {
                order[coreCount++] = v;
            }
        }

        var k = coreCount;
        foreach (var v in chainVertices)
        {
            order[k++] = v;
        }

        for (var i = peeled.Count - 1; i >= 0; i--)
        {
            order[k++] = peeled[i];
        }

        if (k != n)
        {
            throw new InvalidOperationException($"Contraction numbered {k} of {n} vertices.");
        }

        for (var i = 0; i < n; i++)
        {
            rank[order[i]] = i;
        }

        // Core arcs, both directions of every direct edge and chain; loops at one vertex never
        // shorten a path and are left out.
        var coreOffsets = new int[coreCount + 1];
        foreach (var (from, to, _) in direct)
        {
            if (from != to)
            {
                coreOffsets[rank[from] + 1]++;
                coreOffsets[rank[to] + 1]++;
            }
        }

        for (var c = 0; c < coreCount; c++)
        {
            coreOffsets[c + 1] += coreOffsets[c];
        }

        var coreArcs = new CoreArc[coreOffsets[coreCount]];
        var fill = coreOffsets[..^1];
        foreach (var (from, to, length) in direct)
        {
            if (from != to)
            {
                coreArcs[fill[rank[from]]++] = new CoreArc(length, rank[to]);
                coreArcs[fill[rank[to]]++] = new CoreArc(length, rank[from]);
            }
        }

        // Each vertex's arcs by target, so that a search reads the distance array in order.
        for (var c = 0; c < coreCount; c++)
        {
            coreArcs.AsSpan(coreOffsets[c], coreOffsets[c + 1] - coreOffsets[c]).Sort((x, y) => x.Target.CompareTo(y.Target));
        }

        var chainStart = new int[chains.Count + 1];
        var chainFrom = new int[chains.Count];
        var chainTo = new int[chains.Count];
        var chainLast = new float[chains.Count];
        for (var c = 0; c < chains.Count; c++)
        {
            chainStart[c] = chains[c].First;
            chainFrom[c] = rank[chains[c].From];
            chainTo[c] = rank[chains[c].To];
            chainLast[c] = chains[c].Last;
        }

        chainStart[chains.Count] = chainVertices.Count;
        var treeParent = new int[peeled.Count];
        var treeStep = new float[peeled.Count];
        var treeStart = coreCount + chainVertices.Count;
        for (var t = 0; t < peeled.Count; t++)
        {
            var v = order[treeStart + t];
            treeParent[t] = rank[parent[v]];
            treeStep[t] = edgeLength[parentEdge[v]];
        }

        var core = new CoreGraph(n, coreCount, coreOffsets, coreArcs, chainStart, chainFrom, chainTo, [.. chainSteps], chainLast, treeParent, treeStep);
        return (order, core);
    }
}

/// <summary>A core arc: its length (double, as a chain's is a sum of float edge lengths) and head, 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct CoreArc(double Length, int Target);
