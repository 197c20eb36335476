using Microsoft.EntityFrameworkCore;
using Yiju.Kernel.Indicators;
using Yiju.Places.Data;

namespace Yiju.Places.Features;

/// <summary>
/// Feeds life-circle coverage to Programme: indicator code "PLACES.COVERAGE.&lt;type code&gt;", the share (%) of the
/// type's target group within its standard walking distance, city-wide and per district, from the latest run that
/// finished within the period (or before its end). Programme maps these codes onto its own indicators.
/// </summary>
public sealed class PlacesIndicatorFeed(IPlacesDb db) : IIndicatorFeed
{
    public const string Prefix = "PLACES.COVERAGE.";

    public string FeedName => "places";

    public IReadOnlyCollection<string> IndicatorCodes =>
        db.FacilityTypes.AsNoTracking().OrderBy(t => t.Code).Select(t => t.Code).ToList().Select(c => Prefix + c).ToList();

    public async Task<IReadOnlyList<IndicatorFigure>> GetFiguresAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        var end = period.End.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var run = await db.AnalysisRuns.AsNoTracking().Where(r => r.FinishedAt < end).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.UsesEstimatedPopulation }).FirstOrDefaultAsync(cancellationToken);
        if (run is null)
            return [];
        var rows = await db.CoverageRows.AsNoTracking().Where(r => r.RunId == run.Id && r.AreaLevel != "street").ToListAsync(cancellationToken);
        var source = $"生活圈分析 第{run.Id}次运行{(run.UsesEstimatedPopulation ? "（人口为OSM建筑估算）" : "")} (places analysis run {run.Id})";
        return rows.Select(r => new IndicatorFigure(Prefix + r.FacilityTypeCode, period, r.AreaLevel == "city" ? null : r.AreaCode,
            r.CoveragePercent, r.Covered, r.Population, source)).ToList();
    }
}
