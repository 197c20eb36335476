using Yiju.Kernel.Indicators;

namespace Yiju.Programme.Domain;

/// <summary>
/// The yearly observations the 宜居指数 is computed from, per component, year and district (null = city):
/// <list type="bullet">
/// <item>only years in which the unit has an approved current value of the indicator count (no carrying forward);</item>
/// <item>target-based components of indicators summed over time (per-period counts and amounts) take the running total
/// over the target's window up to the end of the year, as progress does, because the target is about the total;</item>
/// <item>otherwise the year's own figure: the sum of non-overlapping periods for per-period counts and amounts, the
/// latest value for stocks, rates and levels.</item>
/// </list>
/// </summary>
public static class LivabilityObservations
{
    public static IReadOnlyList<IndexObservation> ForYears(
        LivabilityIndexDefinition definition, IReadOnlyDictionary<string, Indicator> indicators, IReadOnlyCollection<ReportedValue> current,
        int fromYear, int toYear, DateOnly asOf, IReadOnlyList<string> districtCodes, int programmeStartYear)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(districtCodes);
        var byIndicator = current.Where(v => v.Status == ValueStatus.Approved && v.IsCurrent).ToLookup(v => v.IndicatorId);
        var result = new List<IndexObservation>();
        foreach (var component in definition.Components)
        {
            if (!indicators.TryGetValue(component.IndicatorCode, out var indicator))
                continue;
            var values = byIndicator[indicator.Id].ToList();
            var units = new List<string?> { null };
            if (indicator.HasDistrictBreakdown)
                units.AddRange(districtCodes);
            for (var year = fromYear; year <= toYear; year++)
            {
                var yearStart = new DateOnly(year, 1, 1);
                if (yearStart > asOf)
                    break;
                var at = new DateOnly(year, 12, 31) < asOf ? new DateOnly(year, 12, 31) : asOf;
                foreach (var unit in units)
                {
                    var inYear = values.Where(v => v.DistrictCode == unit && v.Period.Start >= yearStart && v.Period.End <= new DateOnly(year, 12, 31) && v.Period.Start <= at)
                        .OrderBy(v => v.Period).ThenBy(v => v.ObservedThrough).ToList();
                    if (inYear.Count == 0)
                        continue;
                    double value;
                    var target = Overview.GoverningTarget(indicator, year);
                    if (component.Normalisation == Normalisation.TargetBased && indicator.IsAdditiveOverTime && target is not null
                        && Progress.ActualToDate(indicator, target, values, programmeStartYear, unit, at) is { } running)
                        value = running.Actual;
                    else if (indicator.IsAdditiveOverTime)
                        value = Progress.WithoutOverlaps(inYear).Sum(v => v.Value);
                    else
                        value = inYear[^1].Value;
                    result.Add(new IndexObservation(component.IndicatorCode, PeriodKey.Parse(year.ToString(System.Globalization.CultureInfo.InvariantCulture)), unit, value));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The platform's default definition: every indicator with a direction and a city plan-period target ending in the
    /// programme's last year, equally weighted, each scored as its share of that target (capped at 100).
    /// </summary>
    public static LivabilityIndexDefinition Default(CityProgramme programme, DateTime publishedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var chosen = programme.Indicators
            .Where(i => i.Direction != Direction.ForInformation)
            .Select(i => (Indicator: i, Target: i.PlanTargets().FirstOrDefault(t => t.DeadlineYear == programme.EndYear)))
            .Where(x => x.Target is not null && x.Target.Value != (x.Indicator.Baseline?.Value ?? double.NaN))
            .Where(x => x.Indicator.Baseline is not null || x.Target!.Value != 0)
            .OrderBy(x => x.Indicator.Code, StringComparer.Ordinal)
            .ToList();
        var definition = new LivabilityIndexDefinition
        {
            Code = "livability",
            VersionNumber = 1,
            Name = "宜居指数（平台默认：各指标完成" + programme.EndYear + "年目标的程度，等权）",
            PublishedAtUtc = publishedAtUtc,
            PublishedBy = "seed",
        };
        var weights = EqualWeights(chosen.Count);
        definition.Components = chosen.Select((x, n) => new LivabilityIndexComponent
        {
            IndicatorCode = x.Indicator.Code,
            SortOrder = n,
            Weight = weights[n],
            Direction = x.Indicator.Direction,
            Normalisation = Normalisation.TargetBased,
            Target = x.Target!.Value,
            Baseline = x.Indicator.Baseline?.Value,
        }).ToList();
        return definition;
    }

    /// <summary>Weights of 1/n rounded to 6 decimals, the last one taking the remainder so that they sum to exactly 1.</summary>
    public static double[] EqualWeights(int n)
    {
        if (n <= 0)
            return [];
        var w = Enumerable.Repeat(Math.Round(1.0 / n, 6), n).ToArray();
        w[^1] = Math.Round(1 - w.Take(n - 1).Sum(), 6);
        return w;
    }
}
