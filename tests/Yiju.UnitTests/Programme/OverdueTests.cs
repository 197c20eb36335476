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
}
