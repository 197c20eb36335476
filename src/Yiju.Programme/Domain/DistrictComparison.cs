namespace Yiju.Programme.Domain;

/// <summary>One indicator in one district: its latest approved figure and, where the district has a target, its status.</summary>
public sealed record DistrictCell(string DistrictCode, ReportedValue? Latest, IndicatorTarget? Target, ProgressAssessment? Assessment)
{
    public ProgressStatus Status => Assessment?.Status ?? ProgressStatus.NotAssessable;
}

public sealed record DistrictRow(Indicator Indicator, IReadOnlyList<DistrictCell> Cells);

/// <summary>
/// Indicators broken down by district, compared across districts. A district is judged only against a target that
/// applies to it: its own (a target with its district code) or a city target marked "每个区、县(市)" (applies to each
/// unit). A city total target (e.g. 全市3万套) says nothing about one district's share of it, so such cells show the
/// figure without a status.
/// </summary>
public static class DistrictComparison
{
    public static IndicatorTarget? TargetFor(Indicator indicator, string districtCode, int year)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var own = indicator.AnnualTargetFor(year, districtCode)
            ?? indicator.PlanTargets(districtCode).FirstOrDefault(t => t.DeadlineYear is { } d && d >= year)
            ?? indicator.PlanTargets(districtCode).LastOrDefault();
        if (own is not null)
            return own;
        var city = Overview.GoverningTarget(indicator, year);
        return city is { AppliesToEachUnit: true } ? city : null;
    }

    public static IReadOnlyList<DistrictRow> Build(
        IEnumerable<Indicator> indicators, IReadOnlyCollection<ReportedValue> current, IReadOnlyList<string> districtCodes,
        DateOnly asOf, int programmeStartYear)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(districtCodes);
        var byIndicator = current.Where(v => v.DistrictCode is not null && v.Period.Start <= asOf).ToLookup(v => v.IndicatorId);
        return indicators.Where(i => i.HasDistrictBreakdown).Select(indicator =>
        {
            var values = byIndicator[indicator.Id].ToList();
            var cells = districtCodes.Select(d =>
            {
                var latest = values.Where(v => v.DistrictCode == d).OrderBy(v => v.Period).ThenBy(v => v.ObservedThrough).LastOrDefault();
                var target = indicator.Direction == Direction.ForInformation ? null : TargetFor(indicator, d, asOf.Year);
                var assessment = target is null ? null : Progress.Assess(indicator, target, values, asOf, programmeStartYear, districtCode: d);
                return new DistrictCell(d, latest, target, assessment);
            }).ToList();
            return new DistrictRow(indicator, cells);
        }).ToList();
    }
}
