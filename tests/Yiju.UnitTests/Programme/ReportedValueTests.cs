using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class ReportedValueTests
{
    private static readonly DateTime T0 = new(2024, 10, 8, 1, 0, 0, DateTimeKind.Utc);

    private static ReportedValue Draft(double value = 10) =>
        ReportedValue.CreateDraft(7, PeriodKey.Parse("2024Q3"), "230102", value, null, null, new SourceReference("市住建局", "三季度台账"), "clerk", T0);

    [Fact]
    public void Submit_then_approve()
    {
        var v = Draft();
        var version = v.Version;
        v.Submit("clerk", T0.AddHours(1));
        v.Approve("coordinator", T0.AddHours(2));
        Assert.Equal(ValueStatus.Approved, v.Status);
        Assert.Equal("coordinator", v.ReviewedBy);
        Assert.True(v.Version > version);
        Assert.Equal([ValueStatus.Draft, ValueStatus.Submitted, ValueStatus.Approved], v.History.Select(h => h.ToStatus));
    }

    [Fact]
    public void Return_requires_a_reason_and_allows_correction_and_resubmission()
    {
        var v = Draft();
        v.Submit("clerk", T0);
        Assert.Throws<ProgrammeRuleException>(() => v.Return("coordinator", T0, " "));
        v.Return("coordinator", T0.AddHours(1), "分母与上季度口径不一致");
        Assert.Equal(ValueStatus.Returned, v.Status);
        Assert.Equal("分母与上季度口径不一致", v.ReturnReason);

        v.Edit(12, null, null, "已按新口径更正", "clerk", T0.AddHours(2));
        v.Submit("clerk", T0.AddHours(3));
        v.Approve("coordinator", T0.AddHours(4));
        Assert.Equal(12, v.Value);
        Assert.Equal(1, v.TimesReturned);
        Assert.Equal(T0, v.FirstSubmittedAtUtc);
        Assert.Null(v.ReturnReason);
    }

    [Fact]
    public void Approved_and_submitted_values_cannot_be_edited()
    {
        var v = Draft();
        v.Submit("clerk", T0);
        Assert.Throws<ProgrammeRuleException>(() => v.Edit(1, null, null, null, "clerk", T0));
        v.Approve("coordinator", T0);
        Assert.Throws<ProgrammeRuleException>(() => v.Edit(1, null, null, null, "clerk", T0));
        Assert.Throws<ProgrammeRuleException>(() => v.Approve("coordinator", T0));
    }

    [Fact]
    public void An_approved_value_changes_only_through_an_approved_revision()
    {
        var original = Draft(10);
        original.Submit("clerk", T0);
        original.Approve("coordinator", T0);

        Assert.Throws<ProgrammeRuleException>(() => original.Revise(11, null, null, "", "clerk", T0));
        var revision = original.Revise(11, null, null, "统计局反馈修正", "clerk", T0.AddDays(1));
        Assert.Equal(2, revision.Revision);
        Assert.Equal(original.Id, revision.PreviousRevisionId);
        Assert.False(revision.IsCurrent);
        Assert.True(original.IsCurrent);
        Assert.Equal(10, original.Value);

        revision.Submit("clerk", T0.AddDays(1));
        Assert.Throws<ProgrammeRuleException>(() => revision.Approve("coordinator", T0.AddDays(2)));
        revision.Approve("coordinator", T0.AddDays(2), original);

        Assert.True(revision.IsCurrent);
        Assert.False(original.IsCurrent);
        Assert.Equal(10, original.Value);
        Assert.Throws<ProgrammeRuleException>(() => original.Revise(12, null, null, "again", "clerk", T0));
    }

    [Fact]
    public void Local_times_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ReportedValue.CreateDraft(
            7, PeriodKey.ForYear(2024), null, 1, null, null, new SourceReference("x", ""), "clerk", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local)));
    }
}
