using Yiju.Kernel.Indicators;

namespace Yiju.Programme.Domain;

/// <summary>
/// Takes a figure another module published through <see cref="IIndicatorFeed"/> as a draft value, so that it is
/// validated and reviewed like any department's report rather than trusted blindly. The draft's source is the feed
/// and the figure's own description of how it was computed; <paramref name="enteredBy"/> is the person who took it in.
/// </summary>
public static class FeedIntake
{
    public static ReportedValue ToDraft(IIndicatorFeed feed, IndicatorFigure figure, Indicator indicator, string enteredBy, DateTime atUtc, string? explanation = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(indicator);
        if (!string.Equals(figure.IndicatorCode, indicator.Code, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Figure for {figure.IndicatorCode} offered to indicator {indicator.Code}.", nameof(figure));
        }

        if (figure.Period.Type != indicator.Frequency)
        {
            var expected = indicator.Frequency switch
            {
                PeriodType.Year => "年",
                PeriodType.Quarter => "季度",
                PeriodType.Month => "月",
                _ => indicator.Frequency.ToString(),
            };
            throw new ProgrammeRuleException($"指标 {indicator.Code} 按{expected}报送，收到的是 {figure.Period}。");
        }

        return ReportedValue.CreateDraft(indicator.Id, figure.Period, figure.DistrictCode, figure.Value, figure.Numerator, figure.Denominator,
            new SourceReference(SourceDocument(feed.FeedName), figure.Source), enteredBy, atUtc, explanation);
    }

    /// <summary>How a fed figure's source is named, so a draft taken from a feed can be told from a typed one.</summary>
    public static string SourceDocument(string feedName) => $"数据来源：{feedName} 模块";
}
