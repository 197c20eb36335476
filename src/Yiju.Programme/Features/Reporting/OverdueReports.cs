using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Reporting;

/// <summary>
/// When reports fall due (configuration section <c>Programme:Reporting</c>): <see cref="GraceWorkingDays"/> working days
/// after a period ends, counting periods from <see cref="FirstYear"/> (default: the programme's first year).
/// </summary>
public sealed class ReportingOptions
{
    public int GraceWorkingDays { get; set; } = 10;

    public int? FirstYear { get; set; }
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
                overdue = ReportingSchedule.FindOverdueAt(x.i, first, byIndicator[x.i.Id], districts, now, options.Value.GraceWorkingDays, calendar);
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
