using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class EvaluationTests
{
    private static readonly EvaluationScheme Scheme =
        EvaluationScheme.Create("dept", 2, "部门考核", TestData.Now, 0.5, 0.3, 0.2);

    private static readonly PeriodKey Q3 = PeriodKey.Parse("2024Q3");

    [Fact]
    public void Scores_follow_the_published_formula()
    {
        var scores = Evaluation.Rank(Scheme, Q3,
        [
            new("A", "市住建局", [1.2, 0.6], ReportsDue: 4, ReportsOnTime: 3, Submissions: 5, Returns: 1),
        ]);
        var a = scores.Single();

        // completion = mean(min(1.2,1), 0.6) = 80; on time 75; quality 80 → 0.5×80 + 0.3×75 + 0.2×80 = 78.5
        Assert.Equal(80, a.TargetCompletion, 9);
        Assert.Equal(75, a.OnTimeReporting, 9);
        Assert.Equal(80, a.DataQuality, 9);
        Assert.Equal(78.5, a.Score, 9);
        Assert.Equal("0.5×80 + 0.3×75 + 0.2×80 = 78.5", a.Calculation);
        Assert.Equal(2, a.SchemeVersion);
        Assert.Contains("0.5×目标完成度 + 0.3×按时报送率 + 0.2×数据质量", Scheme.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_scores_share_a_rank()
    {
        var scores = Evaluation.Rank(Scheme, Q3,
        [
            new("C", "丙", [0.5], 1, 1, 1, 0),
            new("A", "甲", [1.0], 1, 1, 1, 0),
            new("B", "乙", [1.0], 1, 1, 1, 0),
            new("D", "丁", [], 0, 0, 0, 0),
        ]);
        Assert.Equal([("A", 1), ("B", 1), ("C", 3), ("D", 4)], scores.Select(s => (s.UnitCode, s.Rank)).OrderBy(x => x.UnitCode, StringComparer.Ordinal));
        Assert.Equal(50, scores.Single(s => s.UnitCode == "D").Score, 9);
    }

    [Theory]
    [InlineData(0.5, 0.3, 0.3)]
    [InlineData(-0.1, 0.6, 0.5)]
    public void Weights_must_be_non_negative_and_sum_to_one(double a, double b, double c) =>
        Assert.Throws<ProgrammeRuleException>(() => EvaluationScheme.Create("x", 1, "x", TestData.Now, a, b, c));

    [Fact]
    public void Reporting_counts_come_from_values_and_their_history()
    {
        var calendar = new TestCalendar();
        var onTime = ReportedValue.CreateDraft(1, Q3, null, 1, null, null, new("x", ""), "clerk", TestData.Now);
        onTime.Submit("clerk", new DateTime(2024, 10, 2, 1, 0, 0, DateTimeKind.Utc));
        onTime.Return("coord", new DateTime(2024, 10, 3, 1, 0, 0, DateTimeKind.Utc), "口径错误");
        onTime.Submit("clerk", new DateTime(2024, 10, 20, 1, 0, 0, DateTimeKind.Utc));
        var late = ReportedValue.CreateDraft(2, Q3, null, 1, null, null, new("x", ""), "clerk", TestData.Now);
        late.Submit("clerk", new DateTime(2024, 10, 30, 1, 0, 0, DateTimeKind.Utc));

        var counts = Evaluation.CountReporting([(1L, Q3, (string?)null), (2L, Q3, null), (3L, Q3, null)], [onTime, late], 5, calendar);
        Assert.Equal((3, 1, 3, 1), counts);
    }
}
