using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Yiju.Routing.Graph;

namespace Yiju.Routing.Paths;

/// <summary>
/// A start of a search: a vertex, the distance already walked to reach it (for a point snapped
/// part-way along an edge) and a label the caller uses to tell sources apart (e.g. a facility index).
/// </summary>
public readonly record struct PathSource(int Vertex, double Offset, int Label);

/// <summary>Network distance from every vertex to its nearest source, and which source that is.</summary>
public sealed class NearestSourceResult
{
    internal NearestSourceResult(double[] distance, int[] label)
    {
        Distance = distance;
        Label = label;
    }

    /// <summary>Metres; <see cref="double.PositiveInfinity"/> when no source is within the cutoff.</summary>
    public double[] Distance { get; }

    /// <summary>The label of the nearest source, or -1 when none is within the cutoff.</summary>
    public int[] Label { get; }
}

/// <summary>
/// Shortest walking distances by Dijkstra's method with a bucket queue instead of a binary heap.
/// Several sources are searched at once (one search, not one per source): coverage needs the
/// distance to the nearest facility, and a multi-source search costs about as much as a
/// single-source one.
/// <para>
/// The queue files a vertex under bucket ⌊d / <see cref="BucketWidth"/>⌋ and empties buckets in
/// order; inside a bucket vertices are taken in any order and taken again if a shorter distance
/// reaches them before the bucket is left (label correcting). Leaving bucket b, every distance
/// below (b + 1)·width is final, because edges are never negative — so the result is the exact
/// shortest distance, the same as Dijkstra's with a heap (checked against igraph in the tests),
/// at half the cost on the Harbin and Porto graphs: a heap's log-depth sifting is what a street
/// network search spends most of its time on. The buckets are a ring as long as the longest edge
/// allows, as in Dial's algorithm (Dial 1969) generalised to real lengths.
/// </para>
/// </summary>
public static class ShortestPaths
{
    /// <summary>
    /// Bucket width in metres. Narrower buckets re-take fewer vertices, wider ones skip fewer empty
    /// buckets; 10 m was fastest on both graphs (2, 5, 10 and 25 m measured; all within 15%).
    /// </summary>
    public const double BucketWidth = 10;

    public static NearestSourceResult NearestSource(WalkGraph graph, ReadOnlySpan<PathSource> sources, double cutoff = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var distance = new double[graph.VertexCount];
        var label = new int[graph.VertexCount];
        NearestSource(graph, sources, cutoff, distance, label);
        return new NearestSourceResult(distance, label);
    }

    /// <summary>Single-source distances, for catchments.</summary>
    public static double[] From(WalkGraph graph, int vertex, double cutoff = double.PositiveInfinity) =>
        NearestSource(graph, [new PathSource(vertex, 0, 0)], cutoff).Distance;

    /// <summary>Writes into caller-owned arrays so repeated runs (one per facility type) allocate little.</summary>
    public static void NearestSource(WalkGraph graph, ReadOnlySpan<PathSource> sources, double cutoff, Span<double> distance, Span<int> label)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (distance.Length != graph.VertexCount || label.Length != graph.VertexCount)
        {
            throw new ArgumentException("The output spans must have one entry per vertex.");
        }

        if (double.IsNaN(cutoff) || cutoff < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cutoff), "The cutoff must be a non-negative distance.");
        }

        distance.Fill(double.PositiveInfinity);
        label.Fill(-1);
        var maxOffset = 0.0;
        foreach (var source in sources)
        {
            if ((uint)source.Vertex >= (uint)graph.VertexCount)
            {
                throw new ArgumentOutOfRangeException(nameof(sources), $"Source vertex {source.Vertex} is not in the graph.");
            }

            if (!double.IsFinite(source.Offset) || source.Offset < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(sources), "A source offset must be a finite, non-negative distance.");
            }

            if (source.Offset <= cutoff && source.Offset < distance[source.Vertex])
            {
                distance[source.Vertex] = source.Offset;
                label[source.Vertex] = source.Label;
                maxOffset = Math.Max(maxOffset, source.Offset);
            }
        }

        // Live entries never lie more than one edge (or the largest offset) ahead of the bucket
        // being emptied, so a ring of this many buckets never wraps onto itself.
        var queue = new BucketQueue((int)((graph.MaxEdgeLength + maxOffset) / BucketWidth) + 2);
        foreach (var source in sources)
        {
            if (distance[source.Vertex] == source.Offset && label[source.Vertex] == source.Label)
            {
                queue.Push(source.Offset, source.Vertex);
            }
        }

        Search(graph, queue, distance, label, cutoff);
    }

    // The hot loop: bounds checks removed by hand because the CSR arrays are consistent by
    // construction (every target < VertexCount, offsets monotone), which the JIT cannot prove.
    private static void Search(WalkGraph graph, BucketQueue queue, Span<double> distanceSpan, Span<int> labelSpan, double cutoff)
    {
        ref var offsets = ref MemoryMarshal.GetReference(graph.ArcOffsets);
        ref var arcs = ref MemoryMarshal.GetReference(graph.Arcs);
        ref var distance = ref MemoryMarshal.GetReference(distanceSpan);
        ref var label = ref MemoryMarshal.GetReference(labelSpan);

        // The distance each vertex last had when its arcs were relaxed, so that a vertex filed
        // twice at the same distance is expanded once.
        var expandedAt = new double[distanceSpan.Length];
        Array.Fill(expandedAt, -1.0);
        while (queue.TryPop(out var u))
        {
            var d = Unsafe.Add(ref distance, u);
            if (BucketQueue.BucketOf(d) != queue.Current || expandedAt[u] == d)
            {
                continue;
            }

            expandedAt[u] = d;
            var uLabel = Unsafe.Add(ref label, u);
            var end = Unsafe.Add(ref offsets, u + 1);
            for (var a = Unsafe.Add(ref offsets, u); a < end; a++)
            {
                var arc = Unsafe.Add(ref arcs, a);
                var nd = d + arc.Length;
                ref var dv = ref Unsafe.Add(ref distance, arc.Target);
                if (nd < dv && nd <= cutoff)
                {
                    dv = nd;
                    Unsafe.Add(ref label, arc.Target) = uLabel;
                    queue.Push(nd, arc.Target);
                }
            }
        }
    }

    private sealed class BucketQueue(int ringLength)
    {
        private readonly int[]?[] _items = new int[ringLength][];
        private readonly int[] _counts = new int[ringLength];
        private long _pending;

        /// <summary>The bucket being emptied; entries filed under another bucket are stale.</summary>
        public long Current { get; private set; } = long.MaxValue;

        public static long BucketOf(double distance) => (long)(distance / BucketWidth);

        public void Push(double distance, int vertex)
        {
            var bucket = BucketOf(distance);
            Current = Math.Min(Current, bucket);
            var slot = (int)(bucket % _items.Length);
            var items = _items[slot] ??= new int[16];
            var count = _counts[slot];
            if (count == items.Length)
            {
                Array.Resize(ref items, count * 2);
                _items[slot] = items;
            }

            items[count] = vertex;
            _counts[slot] = count + 1;
            _pending++;
        }

        public bool TryPop(out int vertex)
        {
            if (_pending == 0)
            {
                vertex = -1;
                return false;
            }

            var slot = (int)(Current % _items.Length);
            while (_counts[slot] == 0)
            {
                Current++;
                slot = (int)(Current % _items.Length);
            }

            vertex = _items[slot]![--_counts[slot]];
            _pending--;
            return true;
        }
    }
}
