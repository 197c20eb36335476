using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class TimeElapsedTests
{
    [Fact]
    public void Share_of_year_counts_the_day_of_reading()
    {
        Assert.Equal(1.0 / 365, TimeElapsed.ShareOfYear(2023, new DateOnly(2023, 1, 1)), 9);
        Assert.Equal(1.0, TimeElapsed.ShareOfYear(2023, new DateOnly(2023, 12, 31)));
        Assert.Equal(182.0 / 366, TimeElapsed.ShareOfYear(2024, new DateOnly(2024, 6, 30)), 9);
        Assert.Equal(0, TimeElapsed.ShareOfYear(2024, new DateOnly(2023, 12, 31)));
        Assert.Equal(1, TimeElapsed.ShareOfYear(2024, new DateOnly(2025, 3, 1)));
    }

    [Fact]
    public void Share_of_plan_period_spans_the_years()
    {
        var days = new DateOnly(2026, 12, 31).DayNumber - new DateOnly(2022, 1, 1).DayNumber + 1;
        Assert.Equal(365.0 * 2 / days, TimeElapsed.ShareOfPlan(2022, 2026, new DateOnly(2023, 12, 31)), 9);
    }

    [Fact]
    public void The_year_turns_at_midnight_in_Shanghai_not_UTC()
    {
        var newYearInHarbin = new DateTime(2023, 12, 31, 16, 30, 0, DateTimeKind.Utc);
        Assert.Equal(new DateOnly(2024, 1, 1), TimeElapsed.ShanghaiDate(newYearInHarbin));
        Assert.Equal(1.0 / 366, TimeElapsed.ShareOfYear(2024, newYearInHarbin), 9);
        Assert.Throws<ArgumentException>(() => TimeElapsed.ShanghaiDate(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)));
    }
}
