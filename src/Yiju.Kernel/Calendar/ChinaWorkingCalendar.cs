using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Yiju.Kernel.Calendar;

/// <summary>
/// China's official working-day calendar built from State Council holiday notices in the
/// NateScarlet/holiday-cn JSON format (MIT; shipped in Calendar/holidays-cn with its licence).
/// </summary>
/// <remarks>
/// <para>A year counts as loaded only when its notice has at least one listed day: an empty file
/// (as 2027.json is before the State Council publishes) is "not yet known", never "no holidays".</para>
/// <para>Files are keyed by the year of the notice, and a notice can list late-December days of the
/// previous year (2019.json lists 2018-12-29..31). So the status of a date is taken from the next
/// year's notice first, then its own year's, then the weekend rule; and dates from
/// <see cref="NextYearNoticeWindowStart"/> to 31 December need the next year's notice too.</para>
/// <para>Weekends merged into a holiday block are not listed upstream (2024.json lacks 2024-06-08/09);
/// the weekend rule gives the same answer, so nothing is lost.</para>
/// <para>Instances are safe to share: administrators' edits swap an immutable snapshot.</para>
/// </remarks>
public sealed class ChinaWorkingCalendar : IWorkingCalendar
{
    /// <summary>
    /// Earliest December day that a following year's notice has governed. Observed: 2007-12-29,
    /// 2012-12-29, 2018-12-29..31 and 2022-12-31; a few days of margin are kept.
    /// </summary>
    public static readonly (int Month, int Day) NextYearNoticeWindowStart = (12, 25);

    private const string ResourcePrefix = "Yiju.Kernel.Calendar.holidays-cn.";
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly Lock _gate = new();
    private volatile FrozenDictionary<int, FrozenDictionary<DateOnly, CalendarDay>> _notices =
        FrozenDictionary<int, FrozenDictionary<DateOnly, CalendarDay>>.Empty;

    /// <summary>A calendar with the holiday notices shipped in this assembly (2019 onwards).</summary>
    public static ChinaWorkingCalendar LoadEmbedded()
    {
        var calendar = new ChinaWorkingCalendar();
        var assembly = typeof(ChinaWorkingCalendar).Assembly;
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            var stem = name[ResourcePrefix.Length..^".json".Length];
            if (!int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue; // schema.json
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            calendar.LoadHolidayCnJson(stream);
        }

        return calendar;
    }

    /// <summary>The licence text of the shipped holiday data, for an "about" page.</summary>
    public static string ReadEmbeddedText(string fileName)
    {
        using var stream = typeof(ChinaWorkingCalendar).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new FileNotFoundException($"No embedded calendar file named {fileName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads one holiday-cn year file. An empty day list leaves the year missing.</summary>
    public void LoadHolidayCnJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<HolidayCnFile>(json, JsonOptions)
            ?? throw new InvalidDataException("Empty holiday-cn document.");
        if (file.Year is < 1949 or > 9999 || file.Days is null)
        {
            throw new InvalidDataException("A holiday-cn document needs a year and a days array.");
        }

        if (file.Days.Count == 0)
        {
            return;
        }

        var days = file.Days.Select(d =>
        {
            if (!DateOnly.TryParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new InvalidDataException($"Bad date '{d.Date}' in the {file.Year} holiday notice.");
            }

            return new CalendarDay(date, d.Name ?? string.Empty, d.IsOffDay);
        });
        SetYear(file.Year, days);
    }

    /// <summary>
    /// Adds or replaces the notice for <paramref name="year"/>: its public holidays and make-up
    /// working days. This is how administrators enter a year the shipped data does not cover.
    /// Days may lie in that year or in the last days of the previous December.
    /// </summary>
    public void SetYear(int year, IEnumerable<CalendarDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var list = days.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException($"A notice for {year} must list at least one day; every year has public holidays. Use RemoveYear to mark a year unknown.", nameof(days));
        }

        foreach (var day in list)
        {
            var inYear = day.Date.Year == year;
            var inPreviousDecember = day.Date.Year == year - 1 && IsInNextYearWindow(day.Date);
            if (!inYear && !inPreviousDecember)
            {
                throw new ArgumentException($"{day.Date:yyyy-MM-dd} cannot belong to the {year} notice.", nameof(days));
            }
        }

        var duplicates = list.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1);
        if (duplicates is not null)
        {
            throw new ArgumentException($"{duplicates.Key:yyyy-MM-dd} is listed twice in the {year} notice.", nameof(days));
        }

        lock (_gate)
        {
            var next = new Dictionary<int, FrozenDictionary<DateOnly, CalendarDay>>(_notices)
            {
                [year] = list.ToFrozenDictionary(d => d.Date),
            };
            _notices = next.ToFrozenDictionary();
        }
    }

    /// <summary>Forgets a year, so that dates in it raise <see cref="CalendarMissingException"/>.</summary>
    public bool RemoveYear(int year)
    {
        lock (_gate)
        {
            if (!_notices.ContainsKey(year))
            {
                return false;
            }

            _notices = _notices.Where(kv => kv.Key != year).ToFrozenDictionary();
            return true;
        }
    }

    /// <summary>The listed days of a year's notice, in date order (empty when the year is missing).</summary>
    public IReadOnlyList<CalendarDay> DaysOf(int year) =>
        _notices.TryGetValue(year, out var days) ? [.. days.Values.OrderBy(d => d.Date)] : [];

    public IReadOnlyList<int> LoadedYears => [.. _notices.Keys.Order()];

    public bool HasYear(int year) => _notices.ContainsKey(year);

    /// <summary>Whether a date can be answered without guessing (its year, and for late December the next year too).</summary>
    public bool Covers(DateOnly date) => MissingYearFor(date, _notices) is null;

    /// <summary>
    /// Years whose notice is needed for dates in [from, to] but not loaded: for the administrators'
    /// warning banner ahead of the turn of the year, before any deadline fails.
    /// </summary>
    public IReadOnlyList<int> MissingYears(DateOnly from, DateOnly to)
    {
        var notices = _notices;
        var missing = new SortedSet<int>();
        for (var year = from.Year; year <= to.Year; year++)
        {
            if (!notices.ContainsKey(year))
            {
                missing.Add(year);
            }
        }

        var windowStart = new DateOnly(to.Year, NextYearNoticeWindowStart.Month, NextYearNoticeWindowStart.Day);
        if (to >= windowStart && !notices.ContainsKey(to.Year + 1))
        {
            missing.Add(to.Year + 1);
        }

        return [.. missing];
    }

    public bool IsWorkingDay(DateOnly date) => IsWorkingDay(date, _notices);

    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var notices = _notices;
        var step = workingDays >= 0 ? 1 : -1;
        var remaining = Math.Abs(workingDays);
        var date = start;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date, notices))
            {
                remaining--;
            }
        }

        return date;
    }

    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var notices = _notices;
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date, notices))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsWorkingDay(DateOnly date, FrozenDictionary<int, FrozenDictionary<DateOnly, CalendarDay>> notices)
    {
        var missing = MissingYearFor(date, notices);
        if (missing is { } year)
        {
            throw new CalendarMissingException(year);
        }

        // The later notice wins: it is the one that can still move a late-December day.
        if (notices.TryGetValue(date.Year + 1, out var next) && next.TryGetValue(date, out var listedNext))
        {
            return !listedNext.IsOffDay;
        }

        if (notices[date.Year].TryGetValue(date, out var listed))
        {
            return !listed.IsOffDay;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    private static int? MissingYearFor(DateOnly date, FrozenDictionary<int, FrozenDictionary<DateOnly, CalendarDay>> notices)
    {
        if (!notices.ContainsKey(date.Year))
        {
            return date.Year;
        }

        if (IsInNextYearWindow(date) && !notices.ContainsKey(date.Year + 1))
        {
            return date.Year + 1;
        }

        return null;
    }

    private static bool IsInNextYearWindow(DateOnly date) =>
        date.Month == NextYearNoticeWindowStart.Month && date.Day >= NextYearNoticeWindowStart.Day;

    private sealed record HolidayCnFile(int Year, List<HolidayCnDay>? Days);

    private sealed record HolidayCnDay(string? Name, string Date, bool IsOffDay);
}
