using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Kpi;
using Yiju.Hotline.Features.Queries;

namespace Yiju.UnitTests.Hotline;

public sealed class QueueCursorAndKpiCountsTests
{
    [Fact]
    public void A_cursor_reads_back_what_it_wrote_with_and_without_a_deadline()
    {
        var due = new DateTime(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc);
        var accepted = new DateTime(2026, 11, 22, 1, 2, 3, DateTimeKind.Utc).AddTicks(4567);
        foreach (var cursor in new[] { new QueueCursor(due, accepted, "12345-20261122-000123"), new QueueCursor(null, accepted, "XF-20261122-000001") })
        {
            Assert.True(QueueCursor.TryParse(cursor.ToString(), out var read));
            Assert.Equal(cursor, read);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2")]
    [InlineData("x.2.12345-1")]
    [InlineData("-.-5.12345-1")]
    [InlineData("1.2.")]
    [InlineData("99999999999999999999.2.n")]
    [InlineData("1.2.123456789012345678901234567890123")]
    public void A_tampered_cursor_is_refused(string text) => Assert.False(QueueCursor.TryParse(text, out _));

    [Fact]
    public void Counts_make_the_same_rates_and_score_as_the_domain()
    {
        var counts = new KpiCounts(false, UnitKind.Department, 7, Tickets: 10, ResponseCounted: 8, ResponseMet: 6, ResolutionCounted: 5, Resolved: 4,
            Satisfied: 2, BasicallySatisfied: 2, Dissatisfied: 1, OnTimeCounted: 5, OnTimeMet: 5);
        var strict = KpiWeights.Default with { Version = 2, BasicallySatisfiedCredit = 0.5 };
        Assert.Equal(new Rate(3, 5), counts.Satisfaction(0.5));
        var score = counts.Score(7, strict);
        Assert.Equal(Kpis.Composite(strict, new Rate(6, 8), new Rate(4, 5), new Rate(3, 5), new Rate(5, 5)), score.Composite);
        Assert.Equal(2, score.WeightsVersion);
        var sum = KpiCounts.Sum([counts, counts with { UnitId = 8, Tickets = 1, ResponseCounted = 1, ResponseMet = 0 }]);
        Assert.Equal((11, 9, 6), (sum.Tickets, sum.ResponseCounted, sum.ResponseMet));
        Assert.Null(sum.UnitId);
    }
}
