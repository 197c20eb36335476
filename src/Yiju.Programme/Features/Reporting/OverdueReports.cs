using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Reporting;

/// <summary>
/// Which periods are owed (configuration section <c>Programme:Reporting</c>): from <see cref="FirstYear"/> (default: the
/// programme's first year). The grace period is deliberately not here: it is the published evaluation scheme's
/// (<see cref="ReportingGrace"/>), so the overdue flags and the on-time score judge a report by the same deadline.
/// </summary>
public sealed class ReportingOptions
{
    public int? FirstYear { get; set; }
}

/// <summary>
/// The one grace period for reports: working days after a period's end by which its report is due. It is set by
/// publishing an evaluation scheme (versioned and audited); the overdue flags use the latest version's, the evaluation the
/// version it is computed with (the latest unless an older one is chosen).
/// </summary>
public static class ReportingGrace
{
    public static async Task<int> Current(IProgrammeDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.EvaluationSchemes.AsNoTracking().Where(s => s.Code == Evaluation.ProgrammeEvaluation.SchemeCode)
            .OrderByDescending(s => s.VersionNumber).Select(s => (int?)s.GraceWorkingDays).FirstOrDefaultAsync(ct);
        return latest ?? EvaluationScheme.DefaultGraceWorkingDays;
    }
}

/// <summary>A report that is overdue, with what a list needs to show it.</summary>
public sealed record OverdueFlag(string IndicatorCode, string IndicatorName, string? LeadDepartment, string Period, string? DistrictCode, DateOnly DueDate, int WorkingDaysLate);

/// <summary>
/// Overdue reports (<see cref="ReportingSchedule.FindOverdue"/>) for a set of indicators at today's date in Asia/Shanghai:
/// for the city and, where broken down, each district, every period whose due date has passed without a submitted or
/// approved value. Published figures count as reported.
/// </summary>
public sealed class OverdueReports(IProgrammeDb db, IProgrammeDirectory directory, IWorkingCalendar calendar, IOptions<ReportingOptions> options, TimeProvider clock)
{
    private int? grace;

    /// <summary>The grace period the flags use (the latest evaluation scheme's; read once per request).</summary>
    public async Task<int> GraceWorkingDays(CancellationToken ct) => grace ??= await ReportingGrace.Current(db, ct);

    public async Task<IReadOnlyList<OverdueFlag>> For(IReadOnlyCollection<long> indicatorIds, CancellationToken ct)
    {
        if (indicatorIds.Count == 0)
            return [];
        var programme = await db.Programmes.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.StartYear, p.EndYear }).FirstOrDefaultAsync(ct);
        if (programme is null)
            return [];
        var indicators = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id))
            .Join(db.ProgrammeTasks.AsNoTracking(), i => i.TaskId, t => t.Id, (i, t) => new { i, t.LeadDepartment })
            .ToListAsync(ct);
        var reported = await db.ReportedValues.AsNoTracking()
            .Where(v => indicatorIds.Contains(v.IndicatorId) && (v.Status == ValueStatus.Submitted || v.Status == ValueStatus.Approved))
            .ToListAsync(ct);
        var byIndicator = reported.ToLookup(v => v.IndicatorId);
        var districts = indicators.Any(x => x.i.HasDistrictBreakdown) ? (await directory.Districts(ct)).Select(d => d.Code).ToList() : [];
        var now = clock.GetUtcNow().UtcDateTime;
        var graceDays = await GraceWorkingDays(ct);
        var firstYear = Math.Max(options.Value.FirstYear ?? programme.StartYear, programme.StartYear);
        var result = new List<OverdueFlag>();
        foreach (var x in indicators.OrderBy(x => x.i.Code, StringComparer.Ordinal))
        {
            var first = x.i.Frequency switch
            {
                PeriodType.Year => PeriodKey.ForYear(firstYear),
                PeriodType.Quarter => PeriodKey.ForQuarter(firstYear, 1),
                _ => PeriodKey.ForMonth(firstYear, 1),
            };
            IReadOnlyList<OverdueReport> overdue;
            try
            {
                overdue = ReportingSchedule.FindOverdueAt(x.i, first, byIndicator[x.i.Id], districts, now, graceDays, calendar);
            }
            catch (CalendarMissingException)
            {
                // Without the official calendar for a year no deadline in it can be computed; none is guessed.
                continue;
            }

            result.AddRange(overdue.Where(o => o.Period.Year <= programme.EndYear)
                .Select(o => new OverdueFlag(x.i.Code, x.i.Name, x.LeadDepartment, o.Period.ToString(), o.DistrictCode, o.DueDate, o.WorkingDaysLate)));
        }

        return result;
    }
}
