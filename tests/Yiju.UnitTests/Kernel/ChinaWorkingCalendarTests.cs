using Yiju.Kernel.Calendar;

namespace Yiju.UnitTests.Kernel;

public class ChinaWorkingCalendarTests
{
    private static readonly ChinaWorkingCalendar Shipped = ChinaWorkingCalendar.LoadEmbedded();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Shipped_data_covers_2019_to_2026_and_not_the_empty_2027_notice()
    {
        Assert.Equal([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026], Shipped.LoadedYears);
        Assert.False(Shipped.HasYear(2027));
    }

    [Fact]
    public void Shipped_licence_and_provenance_travel_with_the_data()
    {
        Assert.Contains("MIT", ChinaWorkingCalendar.ReadEmbeddedText("LICENSE.holiday-cn"), StringComparison.Ordinal);
        Assert.Contains("NateScarlet/holiday-cn", ChinaWorkingCalendar.ReadEmbeddedText("PROVENANCE.md"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2025, 10, 1)]
    [InlineData(2025, 10, 4)]
    [InlineData(2025, 10, 8)]
    public void National_Day_2025_runs_from_1_to_8_October(int y, int m, int d) =>
        Assert.False(Shipped.IsWorkingDay(D(y, m, d)));

    [Fact]
    public void National_Day_2025_make_up_working_days_are_the_Sundays_and_Saturdays_listed()
    {
        Assert.Equal(DayOfWeek.Sunday, D(2025, 9, 28).DayOfWeek);
        Assert.True(Shipped.IsWorkingDay(D(2025, 9, 28)));
        Assert.Equal(DayOfWeek.Saturday, D(2025, 10, 11).DayOfWeek);
        Assert.True(Shipped.IsWorkingDay(D(2025, 10, 11)));
        Assert.True(Shipped.IsWorkingDay(D(2025, 10, 9)));
        Assert.False(Shipped.IsWorkingDay(D(2025, 10, 12)));
    }

    [Fact]
    public void A_ticket_opened_before_National_Day_2025_with_three_working_days_is_due_on_the_make_up_Saturday()
    {
        // Tuesday 30 September: 1..8 October are off, so the three days are 9, 10 and 11 October.
        Assert.Equal(D(2025, 10, 11), Shipped.AddWorkingDays(D(2025, 9, 30), 3));
        Assert.Equal(D(2025, 10, 9), Shipped.AddWorkingDays(D(2025, 9, 30), 1));
        Assert.Equal(D(2025, 10, 13), Shipped.AddWorkingDays(D(2025, 9, 30), 4));
    }

    [Fact]
    public void Working_days_between_spans_the_holiday_and_is_antisymmetric()
    {
        // (26 Sep, 12 Oct]: 28, 29, 30 Sep, 9, 10, 11 Oct.
        Assert.Equal(6, Shipped.WorkingDaysBetween(D(2025, 9, 26), D(2025, 10, 12)));
        Assert.Equal(-6, Shipped.WorkingDaysBetween(D(2025, 10, 12), D(2025, 9, 26)));
        Assert.Equal(0, Shipped.WorkingDaysBetween(D(2025, 10, 1), D(2025, 10, 8)));
        Assert.Equal(0, Shipped.WorkingDaysBetween(D(2025, 10, 1), D(2025, 10, 1)));
    }

    [Fact]
    public void Adding_negative_working_days_walks_back_over_the_holiday()
    {
        Assert.Equal(D(2025, 9, 30), Shipped.AddWorkingDays(D(2025, 10, 9), -1));
        Assert.Equal(D(2025, 9, 28), Shipped.AddWorkingDays(D(2025, 10, 9), -3));
    }

    [Fact]
    public void Adding_is_the_inverse_of_counting_across_a_whole_year()
    {
        var start = D(2024, 1, 2);
        for (var n = 0; n <= 240; n += 7)
        {
            var due = Shipped.AddWorkingDays(start, n);
            Assert.Equal(n, Shipped.WorkingDaysBetween(start, due));
        }
    }

    [Fact]
    public void Merged_weekends_absent_from_the_notice_are_still_off()
    {
        Assert.False(Shipped.IsWorkingDay(D(2024, 6, 8)));
        Assert.False(Shipped.IsWorkingDay(D(2024, 6, 9)));
        Assert.True(Shipped.IsWorkingDay(D(2024, 6, 11)));
    }

    [Fact]
    public void The_2020_COVID_extension_overrides_the_original_make_up_day()
    {
        Assert.False(Shipped.IsWorkingDay(D(2020, 1, 31)));
        Assert.False(Shipped.IsWorkingDay(D(2020, 2, 1)));
        Assert.False(Shipped.IsWorkingDay(D(2020, 2, 2)));
        Assert.True(Shipped.IsWorkingDay(D(2020, 2, 3)));
        Assert.True(Shipped.IsWorkingDay(D(2020, 1, 19)));
    }

    [Fact]
    public void A_late_December_day_is_governed_by_the_next_years_notice()
    {
        // 31 December 2022 (Saturday) is listed in 2023.json only; 2023-12-30/31 are merged weekends.
        Assert.False(Shipped.IsWorkingDay(D(2022, 12, 31)));
        Assert.False(Shipped.IsWorkingDay(D(2023, 12, 30)));

        var calendar = new ChinaWorkingCalendar();
        calendar.SetYear(2018, [new CalendarDay(D(2018, 10, 1), "国庆节", true)]);
        calendar.SetYear(2019, [
            new CalendarDay(D(2018, 12, 29), "元旦", false),
            new CalendarDay(D(2018, 12, 31), "元旦", true),
        ]);
        Assert.True(calendar.IsWorkingDay(D(2018, 12, 29)));
        Assert.False(calendar.IsWorkingDay(D(2018, 12, 31)));
    }

    [Fact]
    public void The_empty_2027_notice_makes_2027_missing_rather_than_guessed()
    {
        var ex = Assert.Throws<CalendarMissingException>(() => Shipped.IsWorkingDay(D(2027, 3, 1)));
        Assert.Equal(2027, ex.Year);
        Assert.Throws<CalendarMissingException>(() => Shipped.AddWorkingDays(D(2026, 12, 1), 40));
    }

    [Fact]
    public void Late_December_2026_needs_the_2027_notice_but_early_December_does_not()
    {
        Assert.True(Shipped.IsWorkingDay(D(2026, 12, 1)));
        Assert.True(Shipped.Covers(D(2026, 12, 24)));
        Assert.False(Shipped.Covers(D(2026, 12, 28)));
        var ex = Assert.Throws<CalendarMissingException>(() => Shipped.IsWorkingDay(D(2026, 12, 28)));
        Assert.Equal(2027, ex.Year);
    }

    [Fact]
    public void An_administrator_can_add_a_future_year_and_then_deadlines_run_into_it()
    {
        var calendar = ChinaWorkingCalendar.LoadEmbedded();
        calendar.SetYear(2027, [
            new CalendarDay(D(2027, 1, 1), "元旦", true),
            new CalendarDay(D(2027, 2, 6), "春节", false),
        ]);
        Assert.True(calendar.HasYear(2027));
        Assert.True(calendar.IsWorkingDay(D(2027, 2, 6)));
        Assert.False(calendar.IsWorkingDay(D(2027, 1, 1)));
        // 28, 29, 30, 31 Dec 2026 then 4 Jan 2027 (1 Jan off, 2/3 Jan weekend).
        Assert.Equal(D(2027, 1, 4), calendar.AddWorkingDays(D(2026, 12, 25), 5));
        Assert.False(Shipped.HasYear(2027));
    }

    [Fact]
    public void An_administrator_can_override_a_shipped_year_and_remove_it()
    {
        var calendar = ChinaWorkingCalendar.LoadEmbedded();
        calendar.SetYear(2026, [new CalendarDay(D(2026, 11, 23), "test holiday", true)]);
        Assert.False(calendar.IsWorkingDay(D(2026, 11, 23)));
        Assert.True(calendar.IsWorkingDay(D(2026, 10, 1)));
        Assert.Single(calendar.DaysOf(2026));

        Assert.True(calendar.RemoveYear(2026));
        Assert.Throws<CalendarMissingException>(() => calendar.IsWorkingDay(D(2026, 6, 1)));
    }

    [Fact]
    public void A_notice_with_no_days_or_with_foreign_dates_is_refused()
    {
        var calendar = new ChinaWorkingCalendar();
        Assert.Throws<ArgumentException>(() => calendar.SetYear(2028, []));
        Assert.Throws<ArgumentException>(() => calendar.SetYear(2028, [new CalendarDay(D(2027, 6, 1), "x", true)]));
        Assert.Throws<ArgumentException>(() => calendar.SetYear(2028, [
            new CalendarDay(D(2028, 1, 1), "元旦", true),
            new CalendarDay(D(2028, 1, 1), "元旦", false),
        ]));
    }

    [Fact]
    public void Loading_an_empty_file_leaves_the_year_missing()
    {
        var calendar = new ChinaWorkingCalendar();
        using var json = new MemoryStream("""{"year":2030,"papers":[],"days":[]}"""u8.ToArray());
        calendar.LoadHolidayCnJson(json);
        Assert.False(calendar.HasYear(2030));
    }

    [Fact]
    public void Shipped_make_up_working_day_counts_match_the_provenance_table()
    {
        int[] expected = [7, 7, 7, 7, 7, 8, 5, 6];
        var actual = Enumerable.Range(2019, 8).Select(y => Shipped.DaysOf(y).Count(d => !d.IsOffDay)).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Missing_years_ahead_are_listed_for_a_warning()
    {
        Assert.Empty(Shipped.MissingYears(D(2026, 1, 1), D(2026, 12, 1)));
        Assert.Equal([2027], Shipped.MissingYears(D(2026, 11, 22), D(2026, 12, 31)));
        Assert.Equal([2027, 2028], Shipped.MissingYears(D(2026, 11, 22), D(2028, 3, 1)));
        Assert.Equal([2018], Shipped.MissingYears(D(2018, 6, 1), D(2019, 3, 1)));
    }
}
