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
/// Dijkstra's algorithm with a binary heap and lazy deletion. Several sources are searched at
/// once (one search, not one per source): the distance to the nearest facility is what coverage
/// needs, and a multi-source search costs about the same as a single-source one.
/// </summary>
public static class ShortestPaths
{
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

    /// <summary>Writes into caller-owned arrays so repeated runs (one per facility type) allocate nothing large.</summary>
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
        var heap = new MinHeap(Math.Max(16, sources.Length * 2));
        foreach (var source in sources)
        {
            if ((uint)source.Vertex >= (uint)graph.VertexCount)
            {
                throw new ArgumentOutOfRangeException(nameof(sources), $"Source vertex {source.Vertex} is not in the graph.");
            }

            if (double.IsNaN(source.Offset) || source.Offset < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(sources), "A source offset must be a non-negative distance.");
            }

            if (source.Offset <= cutoff && source.Offset < distance[source.Vertex])
            {
                distance[source.Vertex] = source.Offset;
                label[source.Vertex] = source.Label;
                heap.Push(source.Offset, source.Vertex);
            }
        }

        var offsets = graph.ArcOffsets;
        var targets = graph.ArcTargets;
        var lengths = graph.ArcLengths;
        while (heap.Count > 0)
        {
            var (d, u) = heap.Pop();
            if (d > distance[u])
            {
                continue;
            }

            var uLabel = label[u];
            var end = offsets[u + 1];
            for (var a = offsets[u]; a < end; a++)
            {
                var v = targets[a];
                var nd = d + lengths[a];
                if (nd < distance[v] && nd <= cutoff)
                {
                    distance[v] = nd;
                    label[v] = uLabel;
                    heap.Push(nd, v);
                }
            }
        }
    }

    private struct MinHeap(int capacity)
    {
        private (double Key, int Value)[] _items = new (double, int)[capacity];

        public int Count { get; private set; }

        public void Push(double key, int value)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            var items = _items;
            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (items[parent].Key <= key)
                {
                    break;
                }

                items[i] = items[parent];
                i = parent;
            }

            items[i] = (key, value);
        }

        public (double Key, int Value) Pop()
        {
            var items = _items;
            var top = items[0];
            var last = items[--Count];
            var n = Count;
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= n)
                {
                    break;
                }

                if (child + 1 < n && items[child + 1].Key < items[child].Key)
                {
                    child++;
                }

                if (items[child].Key >= last.Key)
                {
                    break;
                }

                items[i] = items[child];
                i = child;
            }

            items[i] = last;
            return top;
        }
    }
}
