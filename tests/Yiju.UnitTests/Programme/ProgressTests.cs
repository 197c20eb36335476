using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class ProgressTests
{
    [Theory]
    [InlineData(Direction.HigherIsBetter, 80, 100, null, 0.8)]
    [InlineData(Direction.HigherIsBetter, 60, 100, 40.0, 1.0 / 3)]
    [InlineData(Direction.LowerIsBetter, 20, 15, null, 0.75)]
    [InlineData(Direction.LowerIsBetter, 10, 15, null, 1.5)]
    [InlineData(Direction.LowerIsBetter, 25, 15, 30.0, 1.0 / 3)]
    [InlineData(Direction.LowerIsBetter, 0, 15, null, 1.0)]
    public void Share_of_target_respects_direction_and_baseline(Direction direction, double actual, double target, double? baseline, double expected) =>
        Assert.Equal(expected, Progress.ShareOfTarget(direction, actual, target, baseline)!.Value, 9);

    [Fact]
    public void No_share_where_it_means_nothing()
    {
        Assert.Null(Progress.ShareOfTarget(Direction.ForInformation, 5, 10, null));
        Assert.Null(Progress.ShareOfTarget(Direction.HigherIsBetter, 5, 0, null));
        Assert.Null(Progress.ShareOfTarget(Direction.HigherIsBetter, 5, 10, 10));
    }

    [Theory]
    [InlineData(1.0, 0.5, ProgressStatus.Met)]
    [InlineData(0.48, 0.5, ProgressStatus.OnTrack)]
    [InlineData(0.45, 0.5, ProgressStatus.AtRisk)]
    [InlineData(0.39, 0.5, ProgressStatus.Lagging)]
    [InlineData(0.0, 0.0, ProgressStatus.OnTrack)]
    public void Status_compares_pace_with_time_elapsed(double share, double elapsed, ProgressStatus expected) =>
        Assert.Equal(expected, Progress.StatusFor(share, elapsed, StatusThresholds.Default));

    [Fact]
    public void Thresholds_are_configurable()
    {
        var strict = new StatusThresholds(OnTrackMinPace: 1.0, AtRiskMinPace: 0.95);
        Assert.Equal(ProgressStatus.AtRisk, Progress.StatusFor(0.48, 0.5, strict));
        Assert.Equal(ProgressStatus.Lagging, Progress.StatusFor(0.45, 0.5, strict));
    }

    [Fact]
    public void Per_period_counts_are_summed_over_a_plan_window()
    {
        var flats = TestData.Indicator();
        var target = TestData.Plan(2022, 2026, 30000);
        var values = new[]
        {
            TestData.Approved(flats, "2022", 5000),
            TestData.Approved(flats, "2023", 6044),
            TestData.Approved(flats, "2021", 9999),
            TestData.Approved(TestData.Indicator(id: 8), "2023", 7777),
        };
        var actual = Progress.ActualToDate(flats, target, values, 2022);
        Assert.Equal((11044.0, new DateOnly(2023, 12, 31)), actual);
    }

    [Fact]
    public void A_year_and_its_own_quarters_are_not_double_counted()
    {
        var indicator = TestData.Indicator();
        var values = new[] { TestData.Approved(indicator, "2024Q1", 10), TestData.Approved(indicator, "2024Q2", 20), TestData.Approved(indicator, "2024", 30) };
        Assert.Equal(30.0, Progress.ActualToDate(indicator, TestData.Annual(2024, 100), values, 2022)!.Value.Actual);
    }

    [Fact]
    public void An_earlier_year_reported_whole_still_counts_beside_later_quarters()
    {
        var indicator = TestData.Indicator();
        var values = new[] { TestData.Approved(indicator, "2023", 100), TestData.Approved(indicator, "2024Q1", 10), TestData.Approved(indicator, "2024Q2", 20) };
        Assert.Equal((130.0, new DateOnly(2024, 6, 30)), Progress.ActualToDate(indicator, TestData.Plan(2022, 2026, 1000), values, 2022));
    }

    [Fact]
    public void Cumulative_and_rate_indicators_take_the_latest_value()
    {
        var stock = TestData.Indicator(accumulation: Accumulation.Cumulative, frequency: PeriodType.Quarter);
        var values = new[] { TestData.Approved(stock, "2024Q1", 40), TestData.Approved(stock, "2024Q2", 45) };
        Assert.Equal(45.0, Progress.ActualToDate(stock, TestData.Plan(null, 2025, 50), values, 2022)!.Value.Actual);

        var rate = TestData.Indicator(IndicatorKind.Rate);
        var rates = new[] { TestData.Approved(rate, "2023", 80), TestData.Approved(rate, "2024", 85) };
        Assert.Equal(85.0, Progress.ActualToDate(rate, TestData.Plan(2022, 2026, 90), rates, 2022)!.Value.Actual);
    }

    [Fact]
    public void Only_current_approved_values_count()
    {
        var indicator = TestData.Indicator();
        var draft = ReportedValue.CreateDraft(indicator.Id, PeriodKey.ForYear(2024), null, 50, null, null, new("x", ""), "clerk", TestData.Now);
        Assert.Null(Progress.ActualToDate(indicator, TestData.Annual(2024, 100), [draft], 2022));
        var assessment = Progress.Assess(indicator, TestData.Annual(2024, 100), [draft], new DateOnly(2024, 6, 30), 2022);
        Assert.Equal(ProgressStatus.NotAssessable, assessment.Status);
    }

    [Fact]
    public void Assessment_uses_time_elapsed_at_the_date_the_data_covers()
    {
        var indicator = TestData.Indicator();
        var values = new[] { TestData.Approved(indicator, "2024Q1", 15), TestData.Approved(indicator, "2024Q2", 15) };
        var a = Progress.Assess(indicator, TestData.Annual(2024, 100), values, new DateOnly(2024, 9, 15), 2022);
        Assert.Equal(new DateOnly(2024, 6, 30), a.AssessedAt);
        Assert.Equal(0.3, a.ShareOfTarget!.Value, 9);
        Assert.Equal(182.0 / 366, a.TimeElapsed!.Value, 9);
        Assert.Equal(ProgressStatus.Lagging, a.Status);
        Assert.Contains("完成度 = 完成值 30 ÷ 目标值 100 = 30.0%", a.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Lower_is_better_with_baseline_is_assessed_against_the_reduction()
    {
        var minutes = TestData.Indicator(IndicatorKind.Level, Direction.LowerIsBetter);
        minutes.Baseline = new IndicatorBaseline { Value = 30 };
        var values = new[] { TestData.Approved(minutes, "2024", 20) };
        var a = Progress.Assess(minutes, TestData.Annual(2024, 15), values, new DateOnly(2025, 1, 10), 2022);
        Assert.Equal(2.0 / 3, a.ShareOfTarget!.Value, 9);
        Assert.Equal(ProgressStatus.Lagging, a.Status);
        Assert.Contains("基期值 30", a.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_target_without_deadline_is_met_or_not_assessable()
    {
        var indicator = TestData.Indicator();
        var target = TestData.Plan(2022, null, 100);
        Assert.Equal(ProgressStatus.NotAssessable, Progress.Assess(indicator, target, [TestData.Approved(indicator, "2023", 50)], new DateOnly(2024, 1, 1), 2022).Status);
        Assert.Equal(ProgressStatus.Met, Progress.Assess(indicator, target, [TestData.Approved(indicator, "2023", 120)], new DateOnly(2024, 1, 1), 2022).Status);
    }

    [Fact]
    public void A_repeating_yearly_target_is_judged_within_each_year()
    {
        var subsidy = TestData.Indicator();
        var target = new IndicatorTarget { Kind = TargetKind.Annual, RepeatsEachYear = true, FromYear = 2022, DeadlineYear = 2026, Value = 4, Source = new("t", "") };
        Assert.True(target.AppliesInYear(2024));
        Assert.False(target.AppliesInYear(2021));
        var a = Progress.Assess(subsidy, target, [TestData.Approved(subsidy, "2023", 4.98, observedThrough: new DateOnly(2023, 12, 5))], new DateOnly(2024, 1, 1), 2022);
        Assert.Equal(ProgressStatus.Met, a.Status);
    }

    [Fact]
    public void A_sum_with_a_missing_period_is_not_judged()
    {
        var monthly = TestData.Indicator(frequency: PeriodType.Month);
        var values = new[] { TestData.Approved(monthly, "2024-01", 10), TestData.Approved(monthly, "2024-03", 10) };
        var a = Progress.Assess(monthly, TestData.Annual(2024, 100), values, new DateOnly(2024, 4, 2), 2022);
        Assert.Equal([PeriodKey.ForMonth(2024, 2)], a.MissingPeriods);
        Assert.Equal(ProgressStatus.NotAssessable, a.Status);
        Assert.Contains("2024-02", a.Formula, StringComparison.Ordinal);

        var complete = values.Append(TestData.Approved(monthly, "2024-02", 10)).ToArray();
        var b = Progress.Assess(monthly, TestData.Annual(2024, 100), complete, new DateOnly(2024, 4, 2), 2022);
        Assert.Empty(b.MissingPeriods);
        Assert.Equal(ProgressStatus.OnTrack, b.Status);
    }
}
