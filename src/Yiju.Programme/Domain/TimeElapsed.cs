using Yiju.Kernel.Calendar;

namespace Yiju.Programme.Domain;

/// <summary>
/// 序时进度: the share of a year or plan period that has passed. Counted in whole civil days in
/// Asia/Shanghai, including the day of the reading: on 31 December the year is 100% elapsed, on
/// 1 January 1/365. Days, not months, so that the figure moves every day and a mid-month reading is fair.
/// </summary>
public static class TimeElapsed
{
    /// <summary>The civil date in Asia/Shanghai at the given UTC instant.</summary>
    public static DateOnly ShanghaiDate(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Expected a UTC time.", nameof(utc));
        }

        return ChinaTime.DateOf(utc);
    }

    /// <summary>Share (0–1) of [<paramref name="start"/>, <paramref name="end"/>] (inclusive) elapsed by the end of <paramref name="asOf"/>.</summary>
    public static double Share(DateOnly start, DateOnly end, DateOnly asOf)
    {
        if (end < start)
        {
            throw new ArgumentException("The window ends before it starts.", nameof(end));
        }

        var total = end.DayNumber - start.DayNumber + 1;
        var elapsed = asOf.DayNumber - start.DayNumber + 1;
        return Math.Clamp((double)elapsed / total, 0, 1);
    }

    public static double ShareOfYear(int year, DateOnly asOf) =>
        Share(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), asOf);

    /// <summary>Share of a plan period running from 1 January of <paramref name="fromYear"/> to 31 December of <paramref name="toYear"/>.</summary>
    public static double ShareOfPlan(int fromYear, int toYear, DateOnly asOf) =>
        Share(new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31), asOf);

    public static double ShareOfYear(int year, DateTime utc) => ShareOfYear(year, ShanghaiDate(utc));
}
