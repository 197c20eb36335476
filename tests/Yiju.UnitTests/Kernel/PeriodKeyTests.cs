using Yiju.Kernel.Indicators;

namespace Yiju.UnitTests.Kernel;

public class PeriodKeyTests
{
    [Theory]
    [InlineData("2024", PeriodType.Year, 2024, 1)]
    [InlineData("2024Q3", PeriodType.Quarter, 2024, 3)]
    [InlineData("2024-07", PeriodType.Month, 2024, 7)]
    public void Parses_and_round_trips_the_three_forms(string text, PeriodType type, int year, int number)
    {
        var key = PeriodKey.Parse(text);
        Assert.Equal(type, key.Type);
        Assert.Equal(year, key.Year);
        Assert.Equal(number, key.Number);
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("24")]
    [InlineData("2024Q5")]
    [InlineData("2024-13")]
    [InlineData("2024-7")]
    [InlineData("2024-01..2024-10")]
    [InlineData("@2023-12-05")]
    public void Rejects_other_text(string text)
    {
        Assert.False(PeriodKey.TryParse(text, out _));
        Assert.Throws<FormatException>(() => PeriodKey.Parse(text));
    }

    [Fact]
    public void Quarter_and_month_boundaries()
    {
        var q1 = PeriodKey.ForQuarter(2024, 1);
        Assert.Equal(new DateOnly(2024, 1, 1), q1.Start);
        Assert.Equal(new DateOnly(2024, 3, 31), q1.End);
        Assert.Equal(new DateOnly(2024, 2, 29), PeriodKey.ForMonth(2024, 2).End);
        Assert.Equal(366, PeriodKey.ForYear(2024).LengthInDays);
        Assert.Equal(PeriodKey.ForQuarter(2025, 1), PeriodKey.ForQuarter(2024, 4).Next());
        Assert.Equal(PeriodKey.ForMonth(2023, 12), PeriodKey.ForMonth(2024, 1).Previous());
        Assert.Equal(PeriodKey.ForQuarter(2024, 3), PeriodKey.Containing(new DateOnly(2024, 8, 15), PeriodType.Quarter));
        Assert.True(PeriodKey.ForYear(2024).Contains(PeriodKey.ForMonth(2024, 7)));
        Assert.False(PeriodKey.ForQuarter(2024, 2).Contains(PeriodKey.ForMonth(2024, 7)));
    }

    [Fact]
    public void Orders_by_start_with_the_longer_period_first()
    {
        var keys = new[] { "2024-02", "2024Q1", "2023Q4", "2024", "2024-01" }.Select(PeriodKey.Parse).Order().Select(k => k.ToString());
        Assert.Equal(["2023Q4", "2024", "2024Q1", "2024-01", "2024-02"], keys);
        Assert.True(PeriodKey.Parse("2024-07") < PeriodKey.Parse("2024-10"));
    }

    [Fact]
    public void Text_form_sorts_chronologically_within_a_type()
    {
        var months = Enumerable.Range(1, 12).Select(m => PeriodKey.ForMonth(2024, m)).ToList();
        var byText = months.Select(m => m.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(months.Select(m => m.ToString()), byText);
    }
}
