using Yiju.Kernel.Calendar;

namespace Yiju.UnitTests.Kernel;

public class ChinaTimeTests
{
    [Fact]
    public void Utc_evening_is_the_next_civil_day_in_Shanghai()
    {
        var utc = new DateTime(2025, 9, 30, 17, 30, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2025, 10, 1, 1, 30, 0), ChinaTime.ToShanghai(utc));
        Assert.Equal(new DateOnly(2025, 10, 1), ChinaTime.DateOf(utc));
        Assert.Equal(TimeSpan.FromHours(8), ChinaTime.ToShanghaiOffset(utc).Offset);
    }

    [Fact]
    public void Round_trip_between_civil_time_and_utc()
    {
        var civil = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Unspecified);
        var utc = ChinaTime.ToUtc(civil);
        Assert.Equal(new DateTime(2026, 1, 5, 1, 0, 0, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(civil, ChinaTime.ToShanghai(utc));
    }

    [Fact]
    public void Day_bounds_are_Shanghai_midnights()
    {
        var day = new DateOnly(2025, 10, 11);
        Assert.Equal(new DateTime(2025, 10, 10, 16, 0, 0, DateTimeKind.Utc), ChinaTime.StartOfDayUtc(day));
        Assert.Equal(new DateTime(2025, 10, 11, 16, 0, 0, DateTimeKind.Utc), ChinaTime.EndOfDayUtc(day));
    }

    [Fact]
    public void Ambiguous_kinds_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ChinaTime.ToUtc(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Throws<ArgumentException>(() => ChinaTime.ToShanghai(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)));
    }
}
