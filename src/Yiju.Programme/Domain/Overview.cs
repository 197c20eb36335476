namespace Yiju.Programme.Domain;

public sealed record IndicatorProgress(Indicator Indicator, IndicatorTarget? Target, ProgressAssessment? Assessment)
{
    public ProgressStatus Status => Assessment?.Status ?? ProgressStatus.NotAssessable;
}

public sealed record TaskProgress(ProgrammeTask Task, ProgressStatus Status, IReadOnlyList<IndicatorProgress> Indicators);

public sealed record HomeProgress(Home Home, IReadOnlyDictionary<ProgressStatus, int> TaskCounts, IReadOnlyList<TaskProgress> Tasks);

/// <summary>
/// The whole programme's status at a date, for the overview cards, the drill-down and the lagging lists.
/// An indicator is judged against its governing target (<see cref="GoverningTarget"/>); a task takes the worst status
/// of its assessable indicators (lagging &gt; at risk &gt; on track &gt; met), and is not assessable when none is.
/// </summary>
public static class Overview
{
    public static IReadOnlyList<HomeProgress> Assess(
        CityProgramme programme, IReadOnlyCollection<ReportedValue> values, DateOnly asOf, StatusThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var byIndicator = values.ToLookup(v => v.IndicatorId);
        return programme.Homes.OrderBy(h => h.SortOrder).Select(home =>
        {
            var tasks = home.Goals.OrderBy(g => g.SortOrder).SelectMany(g => g.Tasks.OrderBy(t => t.SortOrder)).Select(task =>
            {
                var indicators = task.Indicators.Select(i =>
                {
                    var target = GoverningTarget(i, asOf.Year);
                    var assessment = target is null || i.Direction == Direction.ForInformation
                        ? null
                        : Progress.Assess(i, target, byIndicator[i.Id], asOf, programme.StartYear, thresholds);
                    return new IndicatorProgress(i, target, assessment);
                }).ToList();
                return new TaskProgress(task, Worst(indicators.Select(i => i.Status)), indicators);
            }).ToList();
            var counts = Enum.GetValues<ProgressStatus>().ToDictionary(s => s, s => tasks.Count(t => t.Status == s));
            return new HomeProgress(home, counts, tasks);
        }).ToList();
    }

    /// <summary>
    /// The city target an indicator is judged against in <paramref name="year"/>: that year's annual target if there is
    /// one; otherwise the plan-period target with the earliest deadline not yet passed; otherwise the latest plan-period
    /// target; otherwise an undated target. Other targets remain on the indicator page.
    /// </summary>
    public static IndicatorTarget? GoverningTarget(Indicator indicator, int year)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var plans = indicator.PlanTargets().ToList();
        return indicator.AnnualTargetFor(year)
            ?? plans.FirstOrDefault(t => t.DeadlineYear is { } d && d >= year)
            ?? plans.LastOrDefault()
            ?? indicator.Targets.FirstOrDefault(t => t.Kind == TargetKind.Undated && t.DistrictCode is null);
    }

    public static IEnumerable<TaskProgress> Tasks(IEnumerable<HomeProgress> homes) => homes.SelectMany(h => h.Tasks);

    /// <summary>Tasks whose status is lagging or at risk, for one department (as lead or supporter).</summary>
    public static IEnumerable<TaskProgress> Lagging(IEnumerable<HomeProgress> homes, string? department = null) =>
        homes.SelectMany(h => h.Tasks)
            .Where(t => t.Status is ProgressStatus.Lagging or ProgressStatus.AtRisk)
            .Where(t => department is null || t.Task.IsLedBy(department));

    public static ProgressStatus Worst(IEnumerable<ProgressStatus> statuses)
    {
        var assessable = statuses.Where(s => s != ProgressStatus.NotAssessable).ToList();
        return assessable.Count == 0 ? ProgressStatus.NotAssessable : assessable.Max();
    }
}
