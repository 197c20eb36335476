using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class OverdueTests
{
    // 2024-10-01..07 is the National Day holiday; Q3 ends on Monday 30 September.
    private static readonly TestCalendar Calendar = new([.. Enumerable.Range(1, 7).Select(d => new DateOnly(2024, 10, d))]);

    [Fact]
    public void Due_date_counts_working_days_after_the_period_end()
    {
        Assert.Equal(new DateOnly(2024, 10, 14), ReportingSchedule.DueDate(PeriodKey.Parse("2024Q3"), 5, Calendar));
        Assert.Equal(new DateOnly(2024, 9, 30), ReportingSchedule.DueDate(PeriodKey.Parse("2024Q3"), 0, Calendar));
    }

    [Fact]
    public void Reports_are_overdue_once_their_due_date_has_passed_without_submission()
    {
        var indicator = TestData.Indicator(frequency: PeriodType.Quarter);
        indicator.HasDistrictBreakdown = true;
        var q1 = ReportedValue.CreateDraft(indicator.Id, PeriodKey.Parse("2024Q1"), null, 1, null, null, new("x", ""), "clerk", TestData.Now);
        q1.Submit("clerk", TestData.Now);
        var draftQ2 = ReportedValue.CreateDraft(indicator.Id, PeriodKey.Parse("2024Q2"), null, 1, null, null, new("x", ""), "clerk", TestData.Now);

        var overdue = ReportingSchedule.FindOverdue(indicator, PeriodKey.Parse("2024Q1"), [q1, draftQ2], ["230102"],
            today: new DateOnly(2024, 10, 15), graceWorkingDays: 5, Calendar);

        Assert.Equal(
            ["2024Q1/230102", "2024Q2/", "2024Q2/230102", "2024Q3/", "2024Q3/230102"],
            overdue.Select(o => $"{o.Period}/{o.DistrictCode}"));
        Assert.Equal(1, overdue.Single(o => o.Period == PeriodKey.Parse("2024Q3") && o.DistrictCode is null).WorkingDaysLate);
    }

    [Fact]
    public void Not_yet_overdue_on_the_due_date()
    {
        var indicator = TestData.Indicator(frequency: PeriodType.Quarter);
        var overdue = ReportingSchedule.FindOverdue(indicator, PeriodKey.Parse("2024Q3"), [], [], new DateOnly(2024, 10, 14), 5, Calendar);
        Assert.Empty(overdue);
    }

    [Fact]
    public void On_time_is_judged_by_the_first_submission_in_Shanghai_time()
    {
        var v = ReportedValue.CreateDraft(7, PeriodKey.Parse("2024Q3"), null, 1, null, null, new("x", ""), "clerk", TestData.Now);

        // 23:30 on 14 October in Harbin is still the due date.
        v.Submit("clerk", new DateTime(2024, 10, 14, 15, 30, 0, DateTimeKind.Utc));
        Assert.True(ReportingSchedule.WasOnTime(v, 5, Calendar));

        var late = ReportedValue.CreateDraft(7, PeriodKey.Parse("2024Q3"), null, 1, null, null, new("x", ""), "clerk", TestData.Now);
        late.Submit("clerk", new DateTime(2024, 10, 14, 16, 30, 0, DateTimeKind.Utc));
        Assert.False(ReportingSchedule.WasOnTime(late, 5, Calendar));
    }

    [Fact]
    public void A_published_figure_counts_as_reported_and_a_returned_one_does_not()
    {
        var indicator = TestData.Indicator(frequency: PeriodType.Quarter);
        // Published figures are approved without ever being submitted in Yiju (no FirstSubmittedAtUtc).
        var published = TestData.Approved(indicator, "2024Q1", 10);
        Assert.Null(published.FirstSubmittedAtUtc);
        var returned = ReportedValue.CreateDraft(indicator.Id, PeriodKey.Parse("2024Q2"), null, 1, null, null, new("x", ""), "clerk", TestData.Now);
        returned.Submit("clerk", TestData.Now);
        returned.Return("coordinator", TestData.Now, "请附清单");
        var submitted = ReportedValue.CreateDraft(indicator.Id, PeriodKey.Parse("2024Q3"), null, 1, null, null, new("x", ""), "clerk", TestData.Now);
        submitted.Submit("clerk", TestData.Now);
        var otherIndicator = TestData.Approved(TestData.Indicator(id: 8, frequency: PeriodType.Quarter), "2024Q2", 3);

        var overdue = ReportingSchedule.FindOverdue(indicator, PeriodKey.Parse("2024Q1"), [published, returned, submitted, otherIndicator], [],
            today: new DateOnly(2024, 10, 15), graceWorkingDays: 5, Calendar);

        Assert.Equal(["2024Q2"], overdue.Select(o => o.Period.ToString()));
    }

    [Fact]
    public void A_revision_in_review_keeps_the_period_reported()
    {
        var indicator = TestData.Indicator(frequency: PeriodType.Quarter);
        var approved = TestData.Approved(indicator, "2024Q3", 10);
        var revision = approved.Revise(11, null, null, "口径更正", "clerk", TestData.Now);
        var overdue = ReportingSchedule.FindOverdue(indicator, PeriodKey.Parse("2024Q3"), [approved, revision], [], new DateOnly(2024, 10, 20), 5, Calendar);
        Assert.Empty(overdue);
    }

    [Theory]
    // The Q3 report is due on 14 October (five working days after the National Day week). Harbin is UTC+8:
    // 15:59:59 UTC on the 14th is 23:59:59 on the due date (not overdue); 16:00 UTC is midnight of the 15th (overdue).
    [InlineData("2024-10-14T15:59:59Z", false)]
    [InlineData("2024-10-14T16:00:00Z", true)]
    [InlineData("2024-10-14T23:59:59Z", true)]
    public void Overdue_turns_at_midnight_in_Shanghai_not_at_midnight_UTC(string nowUtc, bool overdue)
    {
        var indicator = TestData.Indicator(frequency: PeriodType.Quarter);
        var now = DateTime.Parse(nowUtc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var found = ReportingSchedule.FindOverdueAt(indicator, PeriodKey.Parse("2024Q3"), [], [], now, 5, Calendar);
        Assert.Equal(overdue, found.Count == 1);
    }
}
