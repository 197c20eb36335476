using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Queries;

/// <summary>The programme's status at a date: the six homes with their tasks and indicators judged against 序时进度.</summary>
public sealed record OverviewView(CityProgramme Programme, DateOnly AsOf, IReadOnlyList<HomeProgress> Homes)
{
    public HomeProgress? Home(string code) => Homes.FirstOrDefault(h => string.Equals(h.Home.Code, code, StringComparison.OrdinalIgnoreCase));

    public (HomeProgress Home, Goal Goal, TaskProgress Task)? Task(string code)
    {
        foreach (var home in Homes)
        {
            var task = home.Tasks.FirstOrDefault(t => string.Equals(t.Task.Code, code, StringComparison.OrdinalIgnoreCase));
            if (task is not null)
                return (home, home.Home.Goals.First(g => g.Id == task.Task.GoalId), task);
        }
        return null;
    }
}

/// <summary>One target with its assessment at the reading date; the governing one decides the indicator's status.</summary>
public sealed record TargetView(IndicatorTarget Target, ProgressAssessment? Assessment, bool IsGoverning);

/// <summary>A dated point for the trend chart ("yyyy-MM-dd", value).</summary>
public sealed record ChartPoint(string Date, double Value);

/// <summary>
/// What the trend chart draws: the actual (running total within the target window for per-period counts), the
/// target, the 序时进度 line (where the actual should be if progress kept pace with time) and the projection.
/// </summary>
public sealed record ChartSeries(
    string Unit, IReadOnlyList<ChartPoint> Actual, double? Target, string? TargetLabel,
    IReadOnlyList<ChartPoint> Pace, IReadOnlyList<ChartPoint> Projection, bool RunningTotal);

/// <summary>
/// One indicator's page. <see cref="Approved"/> values are loaded without their <see cref="ReportedValue.History"/>
/// (an indicator broken down by district has 19 values a period); <see cref="Pending"/> values carry theirs.
/// </summary>
public sealed record IndicatorView(
    CityProgramme Programme, Home Home, Goal Goal, ProgrammeTask Task, Indicator Indicator, DateOnly AsOf,
    IReadOnlyList<TargetView> Targets, TargetView? Governing, TrendProjection? Projection,
    IReadOnlyList<ReportedValue> Approved, IReadOnlyList<ReportedValue> Pending, ChartSeries Chart);

/// <summary>Read side of the programme, shared by the pages and the API. Everything is read without tracking.</summary>
public sealed class ProgrammeQueries(IProgrammeDb db, TimeProvider clock)
{
    /// <summary>Today in Asia/Shanghai, the date 序时进度 is read at unless a page asks for another.</summary>
    public DateOnly Today => TimeElapsed.ShanghaiDate(clock.GetUtcNow().UtcDateTime);

    /// <summary>The programme tree (homes → goals → tasks → indicators → targets), or null before seeding.</summary>
    public async Task<CityProgramme?> LoadTree(CancellationToken ct) =>
        await db.Programmes.AsNoTracking()
            .Include(p => p.Homes).ThenInclude(h => h.Goals).ThenInclude(g => g.Tasks)
            .ThenInclude(t => t.Indicators).ThenInclude(i => i.Targets)
            .AsSplitQuery()
            .OrderBy(p => p.Id)
            .FirstOrDefaultAsync(ct);

    public async Task<OverviewView?> Overview(DateOnly? asOf, CancellationToken ct)
    {
        var programme = await LoadTree(ct);
        if (programme is null)
            return null;
        var day = asOf ?? Today;
        // Only the city values the statuses depend on (the latest for rates and levels, the window for sums), not every
        // approved value of every district: see CurrentCityValues.
        var values = await CurrentCityValues.ForOverview(db, programme, day, ct);
        return new OverviewView(programme, day, Domain.Overview.Assess(programme, values, day));
    }

    /// <summary>
    /// One indicator with all its targets assessed, its approved values with their sources, the trend and projection.
    /// Values not yet approved are included only when <paramref name="includePending"/> (staff who report or review it).
    /// </summary>
    public async Task<IndicatorView?> Indicator(string code, DateOnly? asOf, bool includePending, CancellationToken ct)
    {
        var canonical = ProgrammeCodes.Normalise(code);
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Targets).FirstOrDefaultAsync(i => i.Code == canonical, ct);
        if (indicator is null)
            return null;
        var task = await db.ProgrammeTasks.AsNoTracking().FirstAsync(t => t.Id == indicator.TaskId, ct);
        var goal = await db.Goals.AsNoTracking().FirstAsync(g => g.Id == task.GoalId, ct);
        var home = await db.Homes.AsNoTracking().FirstAsync(h => h.Id == goal.HomeId, ct);
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == home.ProgrammeId, ct);
        // History is shown only for values in progress: approved values (every district, every period) come without it.
        // Filtered on the indicator alone: with a status condition as well, SQLite without statistics reads through the
        // status index (every approved value of every indicator) instead of the indicator's own rows.
        var values = await db.ReportedValues.AsNoTracking()
            .Where(v => v.IndicatorId == indicator.Id)
            .ToListAsync(ct);
        var approvedValues = values.Where(v => v.Status == ValueStatus.Approved).ToList();
        var pendingValues = includePending && approvedValues.Count < values.Count
            ? await db.ReportedValues.AsNoTracking().Include(v => v.History)
                .Where(v => v.IndicatorId == indicator.Id && v.Status != ValueStatus.Approved)
                .ToListAsync(ct)
            : [];
        var day = asOf ?? Today;
        var approved = approvedValues.OrderBy(v => v.Period).ThenBy(v => v.DistrictCode, StringComparer.Ordinal).ThenBy(v => v.Revision).ToList();
        var current = approved.Where(v => v.IsCurrent).ToList();
        var governing = Domain.Overview.GoverningTarget(indicator, day.Year);
        var targets = indicator.Targets
            .OrderBy(t => t.DistrictCode, StringComparer.Ordinal).ThenBy(t => t.DeadlineYear ?? int.MaxValue).ThenBy(t => t.Id)
            .Select(t => new TargetView(
                t,
                indicator.Direction == Direction.ForInformation ? null : Progress.Assess(indicator, t, current, day, programme.StartYear, districtCode: t.DistrictCode),
                ReferenceEquals(t, governing)))
            .ToList();
        var projection = governing is null || indicator.Direction == Direction.ForInformation
            ? null
            : Projection.ProjectToDeadline(indicator, governing, current, programme.StartYear);
        var pending = pendingValues.OrderBy(v => v.Period).ThenBy(v => v.DistrictCode, StringComparer.Ordinal).ToList();
        return new IndicatorView(programme, home, goal, task, indicator, day, targets, targets.FirstOrDefault(t => t.IsGoverning),
            projection, approved, pending, Chart(indicator, governing, current, projection, programme.StartYear));
    }

    private static ChartSeries Chart(Indicator indicator, IndicatorTarget? target, IReadOnlyList<ReportedValue> current, TrendProjection? projection, int startYear)
    {
        var city = current.Where(v => v.DistrictCode is null).ToList();
        var (from, to) = target is null ? (DateOnly.MinValue, DateOnly.MaxValue) : Progress.Window(target, startYear);
        var runningTotal = target is not null && indicator.IsAdditiveOverTime && from != DateOnly.MinValue;
        var inWindow = runningTotal ? city.Where(v => v.Period.Start >= from && v.Period.End <= to).ToList() : city;
        var points = Progress.WithoutOverlaps(inWindow).Select(v => new TrendPoint(v.ObservedThrough ?? v.Period.End, v.Value)).ToList();
        if (runningTotal)
            points = [.. Projection.RunningTotals(points)];
        var actual = points.Select(p => new ChartPoint(Day(p.Date), p.Value)).ToList();

        // Where the actual would stand if progress kept pace with time: from the baseline (or zero) at the window's start
        // to the target at its end. Without a baseline a lower-is-better share is target ÷ actual, which has no such line.
        var pace = new List<ChartPoint>();
        if (target is not null && from != DateOnly.MinValue && to != DateOnly.MaxValue && target.Kind != TargetKind.Undated
            && (indicator.Baseline is not null || indicator.Direction == Direction.HigherIsBetter))
        {
            var start = target.RepeatsEachYear ? new DateOnly(to.Year, 1, 1) : from;
            pace.Add(new ChartPoint(Day(start.AddDays(-1)), indicator.Baseline?.Value ?? 0));
            pace.Add(new ChartPoint(Day(to), target.Value));
        }

        var projected = new List<ChartPoint>();
        if (projection is not null && points.Count > 0)
        {
            projected.Add(new ChartPoint(Day(points[^1].Date), points[^1].Value));
            projected.Add(new ChartPoint(Day(projection.TargetDate), Math.Round(projection.Value, 4)));
        }

        return new ChartSeries(indicator.Unit, actual, target?.Value, target?.PeriodLabel, pace, projected, runningTotal);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
