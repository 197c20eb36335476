using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;

namespace Yiju.Programme.Domain;

/// <summary>A report that should have been submitted and was not.</summary>
public sealed record OverdueReport(string IndicatorCode, PeriodKey Period, string? DistrictCode, DateOnly DueDate, int WorkingDaysLate);

/// <summary>
/// When reports fall due: a period's report is due <c>graceWorkingDays</c> working days after the period's last day
/// (China's official calendar, so 调休 Saturdays count and holidays do not). A report is on time when it was first
/// submitted on or before its due date (Asia/Shanghai), and overdue when the due date has passed with no submitted or approved value.
/// </summary>
public static class ReportingSchedule
{
    public static DateOnly DueDate(PeriodKey period, int graceWorkingDays, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(graceWorkingDays);
        return calendar.AddWorkingDays(period.End, graceWorkingDays);
    }

    public static bool WasOnTime(ReportedValue value, int graceWorkingDays, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.FirstSubmittedAtUtc is { } at
            && TimeElapsed.ShanghaiDate(at) <= DueDate(value.Period, graceWorkingDays, calendar);
    }

    /// <summary>
    /// True when <paramref name="value"/> counts as the report for its period: submitted and awaiting review, or
    /// approved (which includes figures published by an authority and taken in as approved, never submitted in Yiju).
    /// A draft is not a report, and neither is a returned one: the department still owes a figure that can stand.
    /// </summary>
    public static bool CountsAsReport(ReportedValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Status is ValueStatus.Submitted or ValueStatus.Approved;
    }

    /// <summary>
    /// <see cref="FindOverdue(Indicator, PeriodKey, IEnumerable{ReportedValue}, IReadOnlyCollection{string}, DateOnly, int, IWorkingCalendar)"/>
    /// at a UTC instant: "today" is the civil date in Asia/Shanghai, so a report due on the 14th is overdue from
    /// 16:00 UTC on the 14th (midnight in Harbin), not from midnight UTC.
    /// </summary>
    public static IReadOnlyList<OverdueReport> FindOverdueAt(
        Indicator indicator, PeriodKey firstPeriod, IEnumerable<ReportedValue> values, IReadOnlyCollection<string> districtCodes,
        DateTime nowUtc, int graceWorkingDays, IWorkingCalendar calendar) =>
        FindOverdue(indicator, firstPeriod, values, districtCodes, ChinaTime.DateOf(nowUtc), graceWorkingDays, calendar);

    /// <summary>
    /// Every period of the indicator's frequency from <paramref name="firstPeriod"/> whose due date is before
    /// <paramref name="today"/>, for the city and each of <paramref name="districtCodes"/> when the indicator is broken
    /// down, that has no value counting as a report (<see cref="CountsAsReport"/>: submitted or approved, any revision).
    /// </summary>
    public static IReadOnlyList<OverdueReport> FindOverdue(
        Indicator indicator, PeriodKey firstPeriod, IEnumerable<ReportedValue> values, IReadOnlyCollection<string> districtCodes,
        DateOnly today, int graceWorkingDays, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(districtCodes);
        if (firstPeriod.Type != indicator.Frequency)
        {
            throw new ArgumentException("The first period must have the indicator's frequency.", nameof(firstPeriod));
        }

        // Published figures have no submission time (nobody submitted them in Yiju) but are approved: they are reports.
        var reported = values
            .Where(v => v.IndicatorId == indicator.Id && CountsAsReport(v))
            .Select(v => (v.Period, v.DistrictCode))
            .ToHashSet();
        var units = new List<string?> { null };
        if (indicator.HasDistrictBreakdown)
        {
            units.AddRange(districtCodes);
        }

        var result = new List<OverdueReport>();
        for (var period = firstPeriod; period.End < today; period = period.Next())
        {
            var due = DueDate(period, graceWorkingDays, calendar);
            if (due >= today)
            {
                break;
            }

            foreach (var unit in units)
            {
                if (!reported.Contains((period, unit)))
                {
                    result.Add(new OverdueReport(indicator.Code, period, unit, due, calendar.WorkingDaysBetween(due, today)));
                }
            }
        }

        return result;
    }
}
