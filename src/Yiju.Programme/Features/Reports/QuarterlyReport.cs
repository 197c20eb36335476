using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Features.Reports;

/// <summary>One indicator in the report: where it stands at the reading date and the figures approved for the quarter.</summary>
public sealed record ReportLine(
    Indicator Indicator, string TaskName, string? LeadDepartment, IndicatorTarget? Target, ProgressAssessment? Assessment,
    ReportedValue? Latest, IReadOnlyList<ReportedValue> InQuarter)
{
    public ProgressStatus Status => Assessment?.Status ?? ProgressStatus.NotAssessable;
}

public sealed record ReportHome(Home Home, IReadOnlyDictionary<ProgressStatus, int> TaskCounts, IReadOnlyList<ReportLine> Lines);

/// <summary>
/// The quarterly progress report (季度进展报告) of the whole programme or one home. Only approved values appear: the
/// report is public, like the overview it follows. Read at the quarter's last day, or today while the quarter runs.
/// </summary>
public sealed record QuarterlyReport(
    CityProgramme Programme, PeriodKey Quarter, DateOnly AsOf, DateTime GeneratedAtUtc, IReadOnlyList<ReportHome> Homes,
    IReadOnlyList<TaskProgress> Lagging, IReadOnlyDictionary<string, string> DistrictNames, bool WholeProgramme)
{
    public string Title => string.Format(CultureInfo.InvariantCulture, "{0}{1}年第{2}季度进展报告{3}",
        Programme.Name, Quarter.Year, QuarterNumber, WholeProgramme ? "" : "（" + Homes[0].Home.Name + "）");

    public int QuarterNumber => ((Quarter.Start.Month - 1) / 3) + 1;

    public string FileName => string.Format(CultureInfo.InvariantCulture, "programme-{0}{1}", Quarter, WholeProgramme ? "" : "-" + Homes[0].Home.Code);

    public static string StatusName(ProgressStatus s) => s switch
    {
        ProgressStatus.Met => "已完成",
        ProgressStatus.OnTrack => "正常推进",
        ProgressStatus.AtRisk => "存在风险",
        ProgressStatus.Lagging => "滞后",
        _ => "暂不评估",
    };

    public static string Number(double? v) => v is { } x ? x.ToString("#,0.####", CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? v) => v is { } x ? x.ToString("0.0%", CultureInfo.InvariantCulture) : "—";

    /// <summary>The actual with the date it covers, so that an old figure in a later report is read as old.</summary>
    public static string ActualText(ReportLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Assessment is { Actual: { } actual, AssessedAt: { } at })
            return $"{Number(actual)}（截至{Day(at)}）";
        return line.Latest is { } v ? $"{Number(v.Value)}（{v.PeriodLabel ?? v.Period.ToString()}）" : "—";
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string District(string? code) => code is null ? "全市" : DistrictNames.TryGetValue(code, out var n) ? n : code;

    /// <summary>The method, printed at the end of every format so that readers can check the statuses.</summary>
    public const string Method =
        "说明：完成度 = 完成值 ÷ 目标值（有基期值时为 (完成值 − 基期值) ÷ (目标值 − 基期值)；越低越好且无基期值时为 目标值 ÷ 完成值）。" +
        "序时进度 = 目标期内已过天数 ÷ 总天数，在完成值所覆盖的最后一天计算。完成度 ≥ 100% 为已完成；完成度 ÷ 序时进度 ≥ 0.95 为正常推进，≥ 0.80 为存在风险，否则为滞后；" +
        "无已审核完成值、无目标期限或分期数据不全的指标暂不评估。只列入已审核的数值；每个数值后注明其来源。";
}

public sealed class QuarterlyReportBuilder(IProgrammeDb db, IProgrammeDirectory directory, TimeProvider clock)
{
    public async Task<Outcome<QuarterlyReport>> Build(string? quarterText, string? homeCode, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var quarter = string.IsNullOrWhiteSpace(quarterText)
            ? PeriodKey.Containing(today, PeriodType.Quarter)
            : PeriodKey.TryParse(quarterText.Trim().ToUpperInvariant(), out var q) && q.Type == PeriodType.Quarter ? q : (PeriodKey?)null;
        if (quarter is not { } quarterKey)
            return Failure.Invalid("quarter", "季度格式应为 2026Q3 (quarter must look like 2026Q3)");
        if (quarterKey.Start > today)
            return Failure.Invalid("quarter", "该季度尚未开始 (the quarter has not begun)");
        var overview = await new ProgrammeQueries(db, clock).Overview(quarterKey.End < today ? quarterKey.End : today, ct);
        if (overview is null)
            return Failure.NotFound("规划尚未导入 (no programme yet)");
        if (quarterKey.Year < overview.Programme.StartYear || quarterKey.Year > overview.Programme.EndYear)
            return Failure.Invalid("quarter", $"季度须在 {overview.Programme.StartYear}—{overview.Programme.EndYear} 年内 (outside the programme)");
        var homes = overview.Homes.ToList();
        if (!string.IsNullOrWhiteSpace(homeCode))
        {
            var home = overview.Home(homeCode.Trim());
            if (home is null)
                return Failure.NotFound($"家园 {homeCode} 不存在 (unknown home)");
            homes = [home];
        }

        var current = await db.ReportedValues.AsNoTracking().Where(v => v.Status == ValueStatus.Approved && v.IsCurrent).ToListAsync(ct);
        var byIndicator = current.ToLookup(v => v.IndicatorId);
        var asOf = overview.AsOf;
        var reportHomes = homes.Select(h => new ReportHome(h.Home, h.TaskCounts, h.Tasks.SelectMany(t => t.Indicators.Select(i =>
        {
            var values = byIndicator[i.Indicator.Id].Where(v => v.Period.Start <= asOf).ToList();
            var latest = values.Where(v => v.DistrictCode is null).OrderBy(v => v.Period).ThenBy(v => v.ObservedThrough).LastOrDefault();
            var inQuarter = values.Where(v => v.Period.End >= quarterKey.Start && v.Period.End <= quarterKey.End)
                .OrderBy(v => v.DistrictCode is not null).ThenBy(v => v.DistrictCode, StringComparer.Ordinal).ThenBy(v => v.Period).ToList();
            return new ReportLine(i.Indicator, t.Task.Name, t.Task.LeadDepartment, i.Target, i.Assessment, latest, inQuarter);
        })).ToList())).ToList();
        var lagging = Domain.Overview.Lagging(homes).OrderByDescending(t => t.Status).ThenBy(t => t.Task.Code, StringComparer.Ordinal).ToList();
        var districts = (await directory.Districts(ct)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        return new QuarterlyReport(overview.Programme, quarterKey, asOf, clock.GetUtcNow().UtcDateTime, reportHomes, lagging, districts, homes.Count > 1);
    }
}
