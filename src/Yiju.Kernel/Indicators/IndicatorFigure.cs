namespace Yiju.Kernel.Indicators;

/// <summary>
/// One figure that a module publishes for a Programme indicator.
/// <paramref name="DistrictCode"/> is null for the whole city. For rates, <paramref name="Value"/> is a
/// percentage (0–100) and <paramref name="Numerator"/>/<paramref name="Denominator"/> are given so that
/// districts can be rolled up to the city correctly. <paramref name="Source"/> says where the number comes
/// from in words a reader can check (e.g. "12345热线: 2024Q3 办结工单统计").
/// </summary>
public sealed record IndicatorFigure(
    string IndicatorCode,
    PeriodKey Period,
    string? DistrictCode,
    double Value,
    double? Numerator,
    double? Denominator,
    string Source);

/// <summary>
/// Implemented by the module that owns a figure (Hotline, Places, Housing) so that Programme can take it
/// without reading that module's tables. Programme treats fed figures like any department's report: they
/// are validated and go through the same review.
/// </summary>
public interface IIndicatorFeed
{
    /// <summary>Short name of the publishing module, e.g. "hotline".</summary>
    string FeedName { get; }

    /// <summary>The Programme indicator codes this feed can provide.</summary>
    IReadOnlyCollection<string> IndicatorCodes { get; }

    /// <summary>All figures the feed has for <paramref name="period"/>, city-wide and per district.</summary>
    Task<IReadOnlyList<IndicatorFigure>> GetFiguresAsync(PeriodKey period, CancellationToken cancellationToken);
}
