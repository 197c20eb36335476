namespace Yiju.Kernel.Calendar;

/// <summary>
/// China's official working-day calendar (weekends, public holidays and 调休 make-up working days).
/// Dates are civil dates in Asia/Shanghai. A year whose calendar has not been loaded is never guessed:
/// members throw <see cref="CalendarMissingException"/>.
/// </summary>
public interface IWorkingCalendar
{
    bool IsWorkingDay(DateOnly date);

    /// <summary>The date that is <paramref name="workingDays"/> working days after <paramref name="start"/> (start itself not counted).</summary>
    DateOnly AddWorkingDays(DateOnly start, int workingDays);

    /// <summary>Working days in (from, to], negative when to precedes from.</summary>
    int WorkingDaysBetween(DateOnly from, DateOnly to);

    bool HasYear(int year);
}

public sealed class CalendarMissingException(int year)
    : InvalidOperationException($"The official working-day calendar for {year} has not been loaded; an administrator must add it before deadlines in {year} can be computed.")
{
    public int Year { get; } = year;
}
