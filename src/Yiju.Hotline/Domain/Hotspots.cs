namespace Yiju.Hotline.Domain;

public sealed record HotspotOptions
{
    /// <summary>How many preceding months make "the usual level".</summary>
    public int BaselineMonths { get; init; } = 6;

    /// <summary>Standard deviations above the mean that count as a spike.</summary>
    public double K { get; init; } = 2.0;

    /// <summary>Fewer tickets than this are never a hotspot, whatever the baseline.</summary>
    public int MinCount { get; init; } = 5;

    /// <summary>Group by first-level category (default) or by the full code.</summary>
    public bool TopLevelCategory { get; init; } = true;

    /// <summary>Street (default) or district.</summary>
    public UnitKind AreaLevel { get; init; } = UnitKind.Street;
}

public sealed record Hotspot(string CategoryCode, long AreaId, int Count, double BaselineMean, double BaselineSd, double Threshold);

/// <summary>
/// Category × area spikes: this month's count against the mean and standard deviation of the
/// previous N months (months with no tickets count as 0). The spread is floored at √mean
/// (and at 1), the Poisson spread, so that an area with a flat history of 0 or 2 tickets
/// does not flag on a single extra call.
/// </summary>
public static class HotspotDetector
{
    public static IReadOnlyList<Hotspot> Detect(IEnumerable<TicketSnapshot> tickets, YearMonth month, HotspotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        options ??= new HotspotOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BaselineMonths, 1);
        var first = month.AddMonths(-options.BaselineMonths);
        var counts = new Dictionary<(string Category, long Area), int[]>();
        foreach (var t in tickets)
        {
            if (t.Status == TicketStatus.Merged)
            {
                continue;
            }

            var area = options.AreaLevel == UnitKind.District ? t.DistrictId : t.StreetId;
            if (area is null)
            {
                continue;
            }

            var ticketMonth = YearMonth.Of(t.AcceptedAtUtc);
            if (ticketMonth.CompareTo(first) < 0 || ticketMonth.CompareTo(month) > 0)
            {
                continue;
            }

            var index = ((ticketMonth.Year - first.Year) * 12) + ticketMonth.Month - first.Month;
            var key = (Category: options.TopLevelCategory ? TopLevel(t.CategoryCode) : t.CategoryCode, Area: area.Value);
            if (!counts.TryGetValue(key, out var series))
            {
                series = new int[options.BaselineMonths + 1];
                counts[key] = series;
            }

            series[index]++;
        }

        var hotspots = new List<Hotspot>();
        foreach (var ((category, area), series) in counts)
        {
            var current = series[^1];
            if (current < options.MinCount)
            {
                continue;
            }

            var baseline = series[..^1];
            var mean = baseline.Average();
            var sd = Math.Sqrt(baseline.Sum(c => (c - mean) * (c - mean)) / baseline.Length);
            var spread = Math.Max(sd, Math.Max(Math.Sqrt(mean), 1));
            var threshold = mean + (options.K * spread);
            if (current > threshold)
            {
                hotspots.Add(new Hotspot(category, area, current, mean, sd, threshold));
            }
        }

        return [.. hotspots.OrderByDescending(h => (h.Count - h.BaselineMean) / Math.Max(1, h.Threshold - h.BaselineMean))];
    }

    private static string TopLevel(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? code : code[..dot];
    }
}
