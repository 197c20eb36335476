using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class ValueValidationTests
{
    private static IEnumerable<string> Codes(Indicator indicator, ValueInput input, ValidationSettings? settings = null) =>
        ValueValidation.Validate(indicator, input, settings).Select(e => e.Code);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.5)]
    public void Rates_must_lie_between_0_and_100(double value) =>
        Assert.Contains(ValueValidation.RateOutOfRange, Codes(TestData.Indicator(IndicatorKind.Rate), new(value, null, null, null, null)));

    [Fact]
    public void Rate_parts_must_be_consistent()
    {
        var rate = TestData.Indicator(IndicatorKind.Rate);
        Assert.Contains(ValueValidation.NumeratorAboveDenominator, Codes(rate, new(100, 12, 10, null, null)));
        Assert.Contains(ValueValidation.ZeroDenominator, Codes(rate, new(0, 0, 0, null, null)));
        Assert.Contains(ValueValidation.PartsRequired, Codes(rate, new(50, 5, null, null, null)));
        Assert.Contains(ValueValidation.PartsMismatch, Codes(rate, new(60, 5, 10, null, null)));
        Assert.Empty(Codes(rate, new(33.33, 1, 3, null, null)));
    }

    [Fact]
    public void A_broken_down_rate_rolled_up_from_parts_needs_them()
    {
        var rate = TestData.Indicator(IndicatorKind.Rate);
        Assert.Empty(Codes(rate, new(50, null, null, null, null)));
        rate.HasDistrictBreakdown = true;
        Assert.Contains(ValueValidation.PartsRequired, Codes(rate, new(50, null, null, null, null)));
    }

    [Fact]
    public void Counts_are_non_negative_but_levels_may_be_negative()
    {
        Assert.Contains(ValueValidation.NegativeCount, Codes(TestData.Indicator(IndicatorKind.Count), new(-1, null, null, null, null)));
        Assert.Empty(Codes(TestData.Indicator(IndicatorKind.Level), new(-3.1, null, null, null, null)));
    }

    [Fact]
    public void Non_finite_numbers_are_refused() =>
        Assert.Equal([ValueValidation.NotFinite], Codes(TestData.Indicator(), new(double.NaN, null, null, null, null)));

    [Theory]
    [InlineData(100, 250, true)]
    [InlineData(100, 200, false)]
    [InlineData(100, 40, true)]
    [InlineData(100, 50, false)]
    [InlineData(0, 5, true)]
    [InlineData(0, 0, false)]
    [InlineData(-10, 10, true)]
    public void A_change_beyond_the_factor_needs_an_explanation(double previous, double value, bool needed)
    {
        var indicator = TestData.Indicator(IndicatorKind.Level);
        Assert.Equal(needed, Codes(indicator, new(value, null, null, previous, null)).Contains(ValueValidation.ExplanationRequired));
        Assert.Empty(Codes(indicator, new(value, null, null, previous, "新增两个区纳入统计")));
    }

    [Fact]
    public void The_change_factor_is_configurable()
    {
        var indicator = TestData.Indicator();
        var input = new ValueInput(150, null, null, 100, null);
        Assert.Empty(Codes(indicator, input));
        Assert.Contains(ValueValidation.ExplanationRequired, Codes(indicator, input, new ValidationSettings(ChangeFactorNeedingExplanation: 1.2)));
    }
}
