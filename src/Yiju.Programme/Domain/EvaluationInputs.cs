using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;

namespace Yiju.Programme.Domain;

/// <summary>A report that fell due in an evaluation quarter: indicator × period × district (null = city).</summary>
public sealed record DueReport(long IndicatorId, PeriodKey Period, string? DistrictCode, DateOnly DueDate);

/// <summary>
/// Builds <see cref="EvaluationInput"/>s for one quarter, for departments (the tasks they lead or support) and districts
/// (their breakdown of indicators reported per district). The rules, stated on the evaluation page:
/// <list type="bullet">
/// <item>target completion: the unit's assessable shares of target at the end of the quarter (or today, if earlier);</item>
/// <item>reports due: every period of the indicator's frequency whose due date (period end + the scheme's grace working
/// days) falls inside the quarter, is on or after the scheme's <see cref="EvaluationScheme.ReportingFrom"/> and has
/// passed; a department answers for the indicators of tasks it leads (supporting departments give figures to the lead),
/// a district for its own line of indicators broken down by district;</item>
/// <item>submissions and returns: from the history of every revision of those reports.</item>
/// </list>
/// </summary>
public static class EvaluationInputs
{
    /// <summary>The day a quarter's evaluation is read at: its last day, or <paramref name="today"/> while it runs.</summary>
    public static DateOnly ReadingDate(PeriodKey quarter, DateOnly today) => quarter.End < today ? quarter.End : today;

    public static IReadOnlyList<DueReport> ReportsDue(
        IEnumerable<Indicator> indicators, PeriodKey quarter, DateOnly today, EvaluationScheme scheme,
        IWorkingCalendar calendar, Func<Indicator, IEnumerable<string?>> units)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(units);
        if (quarter.Type != PeriodType.Quarter)
            throw new ArgumentException("Evaluation periods are quarters.", nameof(quarter));
        var result = new List<DueReport>();
        foreach (var indicator in indicators)
        {
            // Due dates follow period ends by at most the grace period (≤ 60 working days < 100 days), so only periods
            // ending from 100 days before the quarter to its end can fall due inside it.
            for (var p = PeriodKey.Containing(quarter.Start.AddDays(-100), indicator.Frequency); p.End <= quarter.End; p = p.Next())
            {
                // A period ending on the quarter's last day falls due after it (unless there is no grace at all).
                if (p.End == quarter.End && scheme.GraceWorkingDays > 0)
                    continue;
                var due = ReportingSchedule.DueDate(p, scheme.GraceWorkingDays, calendar);
                if (due < quarter.Start || due > quarter.End || due < scheme.ReportingFrom || due >= today)
                    continue;
                result.AddRange(units(indicator).Select(u => new DueReport(indicator.Id, p, u, due)));
            }
        }

        return result;
    }

    /// <summary>Shares of target for a district: its own targets, or city targets that apply to each district.</summary>
    public static IReadOnlyList<double> DistrictShares(
        IEnumerable<Indicator> indicators, IReadOnlyCollection<ReportedValue> current, string districtCode, DateOnly asOf, int programmeStartYear)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var shares = new List<double>();
        foreach (var indicator in indicators.Where(i => i.HasDistrictBreakdown && i.Direction != Direction.ForInformation))
        {
            var target = DistrictComparison.TargetFor(indicator, districtCode, asOf.Year);
            if (target is null)
                continue;
            var a = Progress.Assess(indicator, target, current, asOf, programmeStartYear, districtCode: districtCode);
            if (a.Status != ProgressStatus.NotAssessable && a.ShareOfTarget is { } s)
                shares.Add(s);
        }

        return shares;
    }

    /// <summary>Counts of reporting for the due reports, from every revision of those reports (with their history).</summary>
    public static EvaluationInput Input(
        string unitCode, string unitName, IReadOnlyList<double> shares, IReadOnlyList<DueReport> due, IEnumerable<ReportedValue> allValues,
        EvaluationScheme scheme, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(scheme);
        var keys = due.Select(d => (d.IndicatorId, d.Period, d.DistrictCode)).ToHashSet();
        var relevant = allValues.Where(v => keys.Contains((v.IndicatorId, v.Period, v.DistrictCode))).ToList();
        var (dueCount, onTime, submissions, returns) = Evaluation.CountReporting(
            due.Select(d => (d.IndicatorId, d.Period, d.DistrictCode)), relevant, scheme.GraceWorkingDays, calendar);
        return new EvaluationInput(unitCode, unitName, shares, dueCount, onTime, submissions, returns);
    }
}
