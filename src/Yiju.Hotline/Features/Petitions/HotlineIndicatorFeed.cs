using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Kpi;
using Yiju.Hotline.Features.Settings;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;

namespace Yiju.Hotline.Features.Petitions;

/// <summary>
/// The petition figures the programme tracks (和谐家园 H4.G7.T1: 信访事项时限内办结率 target 100%, 信访工作群众满意率 target 70%),
/// computed from the petitions themselves with <see cref="PetitionKpis"/>, city-wide and per district (where the matter is).
/// A rate with nothing to count in the period is not reported: there is no figure, rather than a 0 or 100 that means nothing.
/// </summary>
public sealed class HotlineIndicatorFeed(IHotlineDb db, IHotlineDirectory directory, TimeProvider clock, HotlineConfiguration configuration) : IIndicatorFeed
{
    public const string PetitionsOnTime = "H4.G7.T1.I1";
    public const string PetitionSatisfaction = "H4.G7.T1.I2";

    public string FeedName => "hotline";

    public IReadOnlyCollection<string> IndicatorCodes { get; } = [PetitionsOnTime, PetitionSatisfaction];

    public async Task<IReadOnlyList<IndicatorFigure>> GetFiguresAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = (ChinaTime.StartOfDayUtc(period.Start), ChinaTime.EndOfDayUtc(period.End));
        var petitions = await PetitionQueries.Snapshots(db, start, end, cancellationToken);
        var credit = (await configuration.Weights(cancellationToken)).For(YearMonth.Of(start)).BasicallySatisfiedCredit;
        var districts = (await directory.Units(UnitKind.District, cancellationToken)).ToDictionary(u => u.Id, u => u.Code);
        var label = period.ToString();
        var figures = new List<IndicatorFigure>();
        Add(figures, period, null, PetitionKpis.ForPeriod(petitions, start, end, now, credit), label);
        foreach (var group in petitions.Where(p => p.DistrictId is { } d && districts.ContainsKey(d)).GroupBy(p => p.DistrictId!.Value).OrderBy(g => districts[g.Key], StringComparer.Ordinal))
            Add(figures, period, districts[group.Key], PetitionKpis.ForPeriod(group, start, end, now, credit), label);
        return figures;
    }

    private static void Add(List<IndicatorFigure> figures, PeriodKey period, string? district, (Rate OnTime, Rate Satisfaction) rates, string label)
    {
        if (rates.OnTime.Value is { } onTime)
            figures.Add(new IndicatorFigure(PetitionsOnTime, period, district, 100 * onTime, rates.OnTime.Numerator, rates.OnTime.Denominator,
                $"12345热线·信访: {label} 按法定期限（受理后60日，批准延期至多30日；不予受理为15日内告知）办结的信访事项占到期信访事项的比例"));
        if (rates.Satisfaction.Value is { } satisfied)
            figures.Add(new IndicatorFigure(PetitionSatisfaction, period, district, 100 * satisfied, rates.Satisfaction.Numerator, rates.Satisfaction.Denominator,
                $"12345热线·信访: {label} 已答复信访事项的回访评价中满意的比例（基本满意按考核权重计入）"));
    }
}
