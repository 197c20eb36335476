using System.Numerics;
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
/// Shortest walking distances by Dijkstra's method on the contracted graph (<see cref="CoreGraph"/>)
/// with a bucket queue instead of a binary heap. Several sources are searched at once (one
/// search, not one per source): coverage needs the distance to the nearest facility, and a
/// multi-source search costs about as much as a single-source one.
/// <para>
/// A search carries the sources onto the core (up their trees, along their chains), searches the
/// core, and fills chains and trees in from it; see <see cref="CoreGraph"/> for why that is exact.
/// </para>
/// <para>
/// The queue files a vertex under bucket ⌊d / <see cref="BucketWidth"/>⌋ and empties buckets in
/// order; inside a bucket vertices are taken in any order and taken again if a shorter distance
/// reaches them before the bucket is left (label correcting). Leaving bucket b, every distance
/// below (b + 1)·width is final, because edges are never negative — so the result is the exact
/// shortest distance, the same as Dijkstra's with a heap (checked against igraph and a plain
/// heap Dijkstra in the tests): a heap's log-depth sifting is what a street network search
/// spends most of its time on. The buckets are a ring as long as the longest core arc allows, as
/// in Dial's algorithm (Dial 1969) generalised to real lengths. Queue entries live in a per-thread
/// pool that is reused, so a search allocates nothing once warm.
/// </para>
/// </summary>
public static class ShortestPaths
{
    /// <summary>
    /// Bucket width in metres. Narrower buckets re-take fewer vertices, wider ones skip fewer empty
    /// buckets.
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

    /// <summary>Writes into caller-owned arrays so repeated runs (one per facility type) allocate nothing.</summary>
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
        }

        distance.Fill(double.PositiveInfinity);
        label.Fill(-1);
        foreach (var source in sources)
        {
            if (source.Offset <= cutoff && source.Offset < distance[source.Vertex])
            {
                distance[source.Vertex] = source.Offset;
                label[source.Vertex] = source.Label;
            }
        }

        var core = graph.Core;
        var scratch = Scratch.ForThread();
        scratch.Seeds.Clear();
        scratch.Chains.Clear();
        foreach (var source in sources)
        {
            // The source that won its vertex carries it to the core (a later one with the same
            // offset and label repeats harmless work).
            if (distance[source.Vertex] == source.Offset && label[source.Vertex] == source.Label)
            {
                CarryToCore(core, source.Vertex, cutoff, distance, label, scratch);
            }
        }

        if (scratch.Chains.Count > 0)
        {
            scratch.Chains.Sort();
            var previous = -1;
            foreach (var chain in scratch.Chains)
            {
                if (chain != previous)
                {
                    SweepChain(core, chain, cutoff, distance, label, scratch.Seeds);
                    previous = chain;
                }
            }
        }

        SearchCore(core, scratch, distance, label, cutoff);
        for (var chain = 0; chain < core.ChainCount; chain++)
        {
            SweepChain(core, chain, cutoff, distance, label, null);
        }

        FillTrees(core, cutoff, distance, label);
    }

    /// <summary>
    /// Walks a source in a tree up to the tree's root, lowering each vertex on the way (sources
    /// below a vertex reach the rest of the graph only through it), and records where it lands.
    /// </summary>
    private static void CarryToCore(CoreGraph core, int v, double cutoff, Span<double> distance, Span<int> label, Scratch scratch)
    {
        var treeStart = core.TreeStart;
        while (v >= treeStart)
        {
            var t = v - treeStart;
            var p = core.TreeParent[t];
            var nd = distance[v] + core.TreeStep[t];
            if (nd > cutoff || nd >= distance[p])
            {
                // Whatever holds p at least as close has been or will be carried on from there.
                return;
            }

            distance[p] = nd;
            label[p] = label[v];
            v = p;
        }

        if (v >= core.CoreCount)
        {
            scratch.Chains.Add(core.ChainOf(v));
        }
        else
        {
            scratch.Seeds.Add(v);
        }
    }

    /// <summary>
    /// One pass along a chain in each direction: every chain vertex gets the nearer of what comes
    /// from either end and what lies on the chain. With <paramref name="seeds"/>, the chain's ends
    /// are lowered too (sources on the chain reach the core that way) and recorded as seeds.
    /// </summary>
    private static void SweepChain(CoreGraph core, int chain, double cutoff, Span<double> distance, Span<int> label, List<int>? seeds)
    {
        var from = core.ChainFrom[chain];
        var to = core.ChainTo[chain];
        var first = core.ChainStart[chain];
        var end = core.ChainStart[chain + 1];
        var steps = core.ChainStep;
        var offset = core.CoreCount;

        var d = distance[from];
        var l = label[from];
        for (var i = first; i < end; i++)
        {
            d += steps[i];
            ref var dv = ref distance[offset + i];
            if (d < dv)
            {
                if (d <= cutoff)
                {
                    dv = d;
                    label[offset + i] = l;
                }
            }
            else
            {
                d = dv;
                l = label[offset + i];
            }
        }

        d += core.ChainLast[chain];
        if (seeds is not null && d < distance[to] && d <= cutoff)
        {
            distance[to] = d;
            label[to] = l;
            seeds.Add(to);
        }

        d = distance[to];
        l = label[to];
        var step = core.ChainLast[chain];
        for (var i = end - 1; i >= first; i--)
        {
            d += step;
            step = steps[i];
            ref var dv = ref distance[offset + i];
            if (d < dv)
            {
                if (d <= cutoff)
                {
                    dv = d;
                    label[offset + i] = l;
                }
            }
            else
            {
                d = dv;
                l = label[offset + i];
            }
        }

        d += step;
        if (seeds is not null && d < distance[from] && d <= cutoff)
        {
            distance[from] = d;
            label[from] = l;
            seeds.Add(from);
        }
    }

    /// <summary>Parents come before children, so one pass in vertex order fills every tree.</summary>
    private static void FillTrees(CoreGraph core, double cutoff, Span<double> distanceSpan, Span<int> labelSpan)
    {
        var treeStart = core.TreeStart;
        var parents = core.TreeParent;
        var steps = core.TreeStep;
        ref var distance = ref MemoryMarshal.GetReference(distanceSpan);
        ref var label = ref MemoryMarshal.GetReference(labelSpan);
        for (var t = 0; t < parents.Length; t++)
        {
            var p = parents[t];
            var nd = Unsafe.Add(ref distance, p) + steps[t];
            ref var dv = ref Unsafe.Add(ref distance, treeStart + t);
            if (nd < dv && nd <= cutoff)
            {
                dv = nd;
                Unsafe.Add(ref label, treeStart + t) = Unsafe.Add(ref label, p);
            }
        }
    }

    // The hot loop: bounds checks removed by hand because the core CSR arrays are consistent by
    // construction (every target < CoreCount, offsets monotone), which the JIT cannot prove; the
    // queue lives in locals so that nothing is reloaded from the heap per entry.
    private static void SearchCore(CoreGraph core, Scratch scratch, Span<double> distanceSpan, Span<int> labelSpan, double cutoff)
    {
        var seeds = scratch.Seeds;
        if (seeds.Count == 0)
        {
            return;
        }

        var min = double.PositiveInfinity;
        var max = 0.0;
        foreach (var s in seeds)
        {
            min = Math.Min(min, distanceSpan[s]);
            max = Math.Max(max, distanceSpan[s]);
        }

        // Live entries lie between the bucket being emptied and one core arc beyond the farthest
        // seed or the vertex being expanded; a ring that long never wraps onto itself. Very long
        // spans widen the buckets instead of growing the ring without bound.
        var span = max - min + core.MaxCoreArcLength;
        var width = Math.Max(BucketWidth, span / (1 << 20));
        var ring = scratch.Ring((int)(span / width) + 2);
        var mask = ring.Length - 1;
        var inverse = 1 / width;

        ref var offsets = ref MemoryMarshal.GetArrayDataReference(core.CoreOffsets);
        ref var arcs = ref MemoryMarshal.GetArrayDataReference(core.CoreArcs);
        ref var distance = ref MemoryMarshal.GetReference(distanceSpan);
        ref var label = ref MemoryMarshal.GetReference(labelSpan);
        ref var head = ref MemoryMarshal.GetArrayDataReference(ring);

        // Entries form one linked list per bucket; popped entries go on a free list and are
        // filed again, so the pool stays as small as the queue's largest size.
        var entries = scratch.Entries;
        var used = 0;
        var free = -1;
        // Buckets count from the nearest seed, so their numbers stay small whatever the offsets.
        var pending = 0;
        foreach (var s in seeds)
        {
            var d = Unsafe.Add(ref distance, s);
            ref var slot = ref Unsafe.Add(ref head, (int)((d - min) * inverse) & mask);
            if (used == entries.Length)
            {
                entries = scratch.Grow();
            }

            entries[used] = new Entry { Distance = d, Vertex = s, Next = slot };
            slot = used++;
            pending++;
        }

        var position = 0;
        while (pending > 0)
        {
            ref var slot = ref Unsafe.Add(ref head, position & mask);
            var index = slot;
            if (index < 0)
            {
                position++;
                continue;
            }

            ref var entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(entries), index);
            slot = entry.Next;
            var u = entry.Vertex;
            var d = entry.Distance;
            entry.Next = free;
            free = index;
            pending--;
            if (d != Unsafe.Add(ref distance, u))
            {
                // Superseded by a shorter distance filed since.
                continue;
            }

            var uLabel = Unsafe.Add(ref label, u);
            var end = Unsafe.Add(ref offsets, u + 1);
            for (var a = Unsafe.Add(ref offsets, u); a < end; a++)
            {
                ref var arc = ref Unsafe.Add(ref arcs, a);
                var nd = d + arc.Length;
                var v = arc.Target;
                ref var dv = ref Unsafe.Add(ref distance, v);
                if (nd < dv && nd <= cutoff)
                {
                    dv = nd;
                    Unsafe.Add(ref label, v) = uLabel;
                    ref var target = ref Unsafe.Add(ref head, double.ConvertToIntegerNative<int>((nd - min) * inverse) & mask);
                    int taken;
                    if (free >= 0)
                    {
                        taken = free;
                        free = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(entries), taken).Next;
                    }
                    else
                    {
                        if (used == entries.Length)
                        {
                            entries = scratch.Grow();
                        }

                        taken = used++;
                    }

                    ref var fresh = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(entries), taken);
                    fresh.Distance = nd;
                    fresh.Vertex = v;
                    fresh.Next = target;
                    target = taken;
                    pending++;
                }
            }
        }
    }

    /// <summary>A search's reusable working memory, one per thread.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? t_current;

        private int[] _ring = [];

        public List<int> Seeds { get; } = [];

        public List<int> Chains { get; } = [];

        /// <summary>The pool of queue entries; a bucket is a linked list through <see cref="Entry.Next"/>.</summary>
        public Entry[] Entries { get; private set; } = new Entry[4096];

        public static Scratch ForThread() => t_current ??= new Scratch();

        /// <summary>The bucket heads, all empty (-1): every search leaves them empty when it ends.</summary>
        public int[] Ring(int length)
        {
            if (_ring.Length < length)
            {
                _ring = new int[(int)BitOperations.RoundUpToPowerOf2((uint)length)];
                Array.Fill(_ring, -1);
            }

            return _ring;
        }

        public Entry[] Grow()
        {
            var grown = Entries;
            Array.Resize(ref grown, grown.Length * 2);
            Entries = grown;
            return grown;
        }
    }

    private struct Entry
    {
        public double Distance;
        public int Vertex;
        public int Next;
    }
}
