using Yiju.Kernel.Calendar;

namespace Yiju.UnitTests.Programme;

/// <summary>Weekends off, plus any listed holidays; enough to test deadline arithmetic without the official calendar.</summary>
internal sealed class TestCalendar(params DateOnly[] holidays) : IWorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays = [.. holidays];

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var date = start;
        for (var added = 0; added < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                added++;
            }
        }

        return date;
    }

    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var sign = to >= from ? 1 : -1;
        var (a, b) = to >= from ? (from, to) : (to, from);
        var count = 0;
        for (var d = a.AddDays(1); d <= b; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return sign * count;
    }

    public bool HasYear(int year) => true;
}
