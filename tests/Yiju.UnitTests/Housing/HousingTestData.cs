using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Kernel.Calendar;

namespace Yiju.UnitTests.Housing;

/// <summary>Weekends plus a few listed holidays; enough to make working-day arithmetic observable.</summary>
internal sealed class TestCalendar(params DateOnly[] holidays) : IWorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays = [.. holidays];

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var d = start;
        for (var n = 0; n < workingDays;)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d))
            {
                n++;
            }
        }
        return d;
    }

    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var sign = to >= from ? 1 : -1;
        var (a, b) = to >= from ? (from, to) : (to, from);
        var n = 0;
        for (var d = a.AddDays(1); d <= b; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                n++;
            }
        }
        return sign * n;
    }

    public bool HasYear(int year) => true;
}

internal static class HousingTestData
{
    // Valid GB 11643 numbers (check digits computed independently with ISO 7064 MOD 11-2).
    public const string Adult1985 = "230102198503121232";
    public const string Adult1990 = "230103199001014569";
    public const string Child2015 = "230108201506010020";
    public const string Child2018 = "230103201807070033";
    public const string Elder1950 = "230102195001010010";
    public const string Adult1988 = "230104198808088886";
    public const string WithX = "23010419950505005X";

    public static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>A Monday 10:00 Beijing time.</summary>
    public static readonly DateTime NowUtc = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    public static HouseholdApplication Application(SchemeKind scheme = SchemeKind.PublicRental, params (string Name, string Id, Relationship Rel, long IncomeFen)[] members)
    {
        var app = new HouseholdApplication
        {
            Id = Guid.NewGuid(),
            Number = "GZ2026-" + Guid.NewGuid().ToString("N")[..6],
            HouseholdId = Guid.NewGuid(),
            Scheme = scheme,
            DistrictCode = "230102",
            StreetCode = "230102001",
            ApplicantUserId = Guid.NewGuid(),
            CurrentHousingAreaM2 = 0,
            AssetsFen = 50_000_00,
            CreatedUtc = NowUtc,
        };
        if (members.Length == 0)
        {
            members = [("张三明", Adult1985, Relationship.Applicant, 1_800_00), ("李四", Adult1990, Relationship.Spouse, 1_600_00)];
        }
        foreach (var (name, id, rel, income) in members)
        {
            app.Members.Add(new ApplicationMember
            {
                Id = Guid.NewGuid(),
                ApplicationId = app.Id,
                Name = name,
                IdNumber = id,
                Relationship = rel,
                MonthlyIncomeFen = income,
                LocalHukou = true,
            });
        }
        return app;
    }
}
