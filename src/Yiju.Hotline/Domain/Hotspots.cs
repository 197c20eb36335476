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

/// <summary>How many tickets of one category were accepted in one area in one month.</summary>
public sealed record AreaCount(string CategoryCode, long Area, YearMonth Month, int Count);

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
        var counts = tickets
            .Where(t => t.Status != TicketStatus.Merged)
            .Select(t => (t.CategoryCode, Area: options.AreaLevel == UnitKind.District ? t.DistrictId : t.StreetId, Month: YearMonth.Of(t.AcceptedAtUtc)))
            .Where(x => x.Area is not null)
            .Select(x => new AreaCount(x.CategoryCode, x.Area!.Value, x.Month, 1));
        return Detect(counts, month, options);
    }

    /// <summary>
    /// The same test over counts already grouped by (full category code, area, month of acceptance), e.g. by the
    /// database; rows for the same key are added up, months outside the window ignored. Merged duplicates must be left out by the caller.
    /// </summary>
    public static IReadOnlyList<Hotspot> Detect(IEnumerable<AreaCount> counts, YearMonth month, HotspotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= new HotspotOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BaselineMonths, 1);
        var first = month.AddMonths(-options.BaselineMonths);
        var series = new Dictionary<(string Category, long Area), int[]>();
        foreach (var c in counts)
        {
            if (c.Month.CompareTo(first) < 0 || c.Month.CompareTo(month) > 0)
            {
                continue;
            }

            var index = ((c.Month.Year - first.Year) * 12) + c.Month.Month - first.Month;
            var key = (Category: options.TopLevelCategory ? TopLevel(c.CategoryCode) : c.CategoryCode, c.Area);
            if (!series.TryGetValue(key, out var values))
            {
                values = new int[options.BaselineMonths + 1];
                series[key] = values;
            }

            values[index] += c.Count;
        }

        var hotspots = new List<Hotspot>();
        foreach (var ((category, area), values) in series)
        {
            var current = values[^1];
            if (current < options.MinCount)
            {
                continue;
            }

            var baseline = values[..^1];
            var mean = baseline.Average();
            var sd = Math.Sqrt(baseline.Sum(c => (c - mean) * (c - mean)) / baseline.Length);
            var spread = Math.Max(sd, Math.Max(Math.Sqrt(mean), 1));
            var threshold = mean + (options.K * spread);
            if (current > threshold)
            {
                hotspots.Add(new Hotspot(category, area, current, mean, sd, threshold));
            }
        }

        return [.. hotspots.OrderByDescending(h => (h.Count - h.BaselineMean) / Math.Max(1, h.Threshold - h.BaselineMean)).ThenBy(h => h.CategoryCode, StringComparer.Ordinal).ThenBy(h => h.AreaId)];
    }

    private static string TopLevel(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? code : code[..dot];
    }
}
