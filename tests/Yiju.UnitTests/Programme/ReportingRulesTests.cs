using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class ReportingRulesTests
{
    private static readonly DateOnly Today = new(2024, 10, 8);

    private static ProgrammeTask Task(string? lead = "市住建局") =>
        new() { Id = 1, Code = "H4.G1.T1", Name = "老旧小区改造", LeadDepartment = lead, SupportingDepartments = ["市财政局"] };

    private static readonly RoleGrant HousingStaff = new(Role.DepartmentStaff, null, 3);

    [Fact]
    public void Lead_department_staff_may_report()
    {
        Assert.True(ReportingRules.CanReport(Task(), [HousingStaff], ["市住建局"]));
    }

    [Fact]
    public void Supporting_departments_other_departments_and_other_roles_may_not_report()
    {
        Assert.False(ReportingRules.CanReport(Task(), [new RoleGrant(Role.DepartmentStaff, null, 9)], ["市财政局"]));
        Assert.False(ReportingRules.CanReport(Task(), [new RoleGrant(Role.DepartmentStaff, null, 5)], ["市教育局"]));
        Assert.False(ReportingRules.CanReport(Task(), [new RoleGrant(Role.ProgrammeCoordinator, null, null)], ["市住建局"]));
        Assert.False(ReportingRules.CanReport(Task(), [], []));
    }

    [Fact]
    public void A_task_without_a_named_lead_cannot_be_reported()
    {
        Assert.False(ReportingRules.CanReport(Task(lead: null), [HousingStaff], ["市住建局"]));
    }

    [Fact]
    public void Coordinators_and_administrators_review_department_staff_do_not()
    {
        Assert.True(ReportingRules.CanReview([new RoleGrant(Role.ProgrammeCoordinator, null, null)]));
        Assert.True(ReportingRules.CanReview([new RoleGrant(Role.CityAdmin, null, null)]));
        Assert.False(ReportingRules.CanReview([HousingStaff]));
        Assert.False(ReportingRules.CanReview([new RoleGrant(Role.Auditor, null, null)]));
    }

    [Fact]
    public void Nobody_reviews_their_own_report()
    {
        var value = ReportedValue.CreateDraft(7, PeriodKey.Parse("2024Q3"), null, 10, null, null, new SourceReference("市住建局", ""), "clerk",
            new DateTime(2024, 10, 8, 1, 0, 0, DateTimeKind.Utc));
        Assert.NotNull(ReportingRules.CheckReviewer(value, "clerk"));
        Assert.Null(ReportingRules.CheckReviewer(value, "coordinator"));
    }

    [Theory]
    [InlineData("2024", null)]
    [InlineData("2024Q3", null)]
    [InlineData("2024-10", null)]
    [InlineData("2024Q4", null)]
    [InlineData("2024-11", "尚未开始")]
    [InlineData("2025", "尚未开始")]
    [InlineData("2021", "不在规划期")]
    [InlineData("2027Q1", "不在规划期")]
    public void A_yearly_indicator_takes_its_own_or_finer_periods_within_the_programme_once_begun(string period, string? error)
    {
        var result = ReportingRules.CheckPeriod(TestData.Indicator(frequency: PeriodType.Year), PeriodKey.Parse(period), 2022, 2026, Today);
        if (error is null)
            Assert.Null(result);
        else
            Assert.Contains(error, result, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quarterly_indicator_refuses_a_whole_year()
    {
        var result = ReportingRules.CheckPeriod(TestData.Indicator(frequency: PeriodType.Quarter), PeriodKey.Parse("2023"), 2022, 2026, Today);
        Assert.Contains("按季度填报", result, StringComparison.Ordinal);
    }

    [Fact]
    public void District_figures_only_where_broken_down_and_for_known_districts()
    {
        var plain = TestData.Indicator();
        var broken = TestData.Indicator();
        broken.HasDistrictBreakdown = true;
        string[] known = ["230102", "230103"];
        Assert.Null(ReportingRules.CheckDistrict(plain, null, known));
        Assert.NotNull(ReportingRules.CheckDistrict(plain, "230102", known));
        Assert.Null(ReportingRules.CheckDistrict(broken, "230102", known));
        Assert.NotNull(ReportingRules.CheckDistrict(broken, "999999", known));
    }

    [Theory]
    [InlineData("h4.g1.t1.i2", "H4.G1.T1.I2")]
    [InlineData(" H4.G1 ", "H4.G1")]
    [InlineData(null, "")]
    public void Codes_are_matched_upper_case(string? input, string expected)
    {
        Assert.Equal(expected, ProgrammeCodes.Normalise(input));
    }
}
