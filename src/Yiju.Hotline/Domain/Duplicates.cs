namespace Yiju.Hotline.Domain;

public sealed record DuplicateOptions
{
    /// <summary>Two reports further apart than this are different problems (a blocked drain 300 m away is another drain).</summary>
    public double MaxDistanceMetres { get; init; } = 200;

    /// <summary>Reports further apart in time than this are treated as a recurrence, not a duplicate.</summary>
    public int MaxDaysApart { get; init; } = 7;

    /// <summary>Minimum cosine similarity of character-bigram counts.</summary>
    public double MinTextSimilarity { get; init; } = 0.35;

    /// <summary>Same first-level category is enough (operators often pick a different leaf for the same problem).</summary>
    public bool MatchTopLevelCategoryOnly { get; init; } = true;
}

/// <summary>A proposal to merge the new ticket into <see cref="TicketId"/>; the operator decides.</summary>
public sealed record MergeSuggestion(Guid TicketId, string Number, double Score, double TextSimilarity, double? DistanceMetres, double DaysApart);

/// <summary>
/// Finds open tickets that look like the same problem: same category, near each other, similar
/// words, within a few days. Tickets without a point match only when both name the same street
/// (and then distance plays no part in the score).
/// </summary>
public static class DuplicateDetector
{
    public static IReadOnlyList<MergeSuggestion> FindCandidates(Ticket incoming, IEnumerable<Ticket> recent, DuplicateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(recent);
        options ??= new DuplicateOptions();
        var suggestions = new List<MergeSuggestion>();
        foreach (var other in recent)
        {
            if (other.Id == incoming.Id || other.Status is TicketStatus.Closed or TicketStatus.Merged)
            {
                continue;
            }

            if (!SameCategory(incoming.CategoryCode, other.CategoryCode, options.MatchTopLevelCategoryOnly))
            {
                continue;
            }

            var days = Math.Abs((incoming.AcceptedAtUtc - other.AcceptedAtUtc).TotalDays);
            if (days > options.MaxDaysApart)
            {
                continue;
            }

            double? distance = null;
            if (incoming.Location is { } a && other.Location is { } b)
            {
                distance = a.DistanceTo(b);
                if (distance > options.MaxDistanceMetres)
                {
                    continue;
                }
            }
            else if (incoming.StreetId is null || incoming.StreetId != other.StreetId)
            {
                continue;
            }

            var similarity = TextFeatures.Cosine(incoming.Text, other.Text);
            if (similarity < options.MinTextSimilarity)
            {
                continue;
            }

            // Text carries most of the evidence; nearness in space and time each take off up to a quarter.
            var nearness = distance is { } d ? 1 - (0.25 * d / options.MaxDistanceMetres) : 1;
            var recency = 1 - (0.25 * days / Math.Max(1, options.MaxDaysApart));
            suggestions.Add(new MergeSuggestion(other.Id, other.Number, similarity * nearness * recency, similarity, distance, days));
        }

        return [.. suggestions.OrderByDescending(s => s.Score)];
    }

    private static bool SameCategory(string a, string b, bool topLevelOnly) =>
        topLevelOnly
            ? string.Equals(TopLevel(a), TopLevel(b), StringComparison.Ordinal)
            : string.Equals(a, b, StringComparison.Ordinal);

    private static string TopLevel(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? code : code[..dot];
    }
}
