using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.UnitTests.Programme;

public class DepartmentScorecardTests
{
    [Fact]
    public void Departments_count_the_tasks_they_lead_and_list_lagging_tasks_they_lead_or_support()
    {
        var behind = TestData.Indicator(id: 1);
        behind.Targets.Add(TestData.Annual(2024, 100));
        var done = TestData.Indicator(id: 2);
        done.Targets.Add(TestData.Annual(2024, 10));
        var programme = new CityProgramme { Id = 1, StartYear = 2022, EndYear = 2026 };
        programme.Homes.Add(new Home
        {
            Id = 1,
            Code = "H1",
            Name = "和谐家园",
            SortOrder = 1,
            Goals =
            [
                new Goal
                {
                    Id = 1, Code = "H1.G1", SortOrder = 1,
                    Tasks =
                    [
                        new ProgrammeTask { Id = 1, GoalId = 1, Code = "H1.G1.T1", SortOrder = 1, LeadDepartment = "市住建局", SupportingDepartments = ["市民政局"], Indicators = [behind] },
                        new ProgrammeTask { Id = 2, GoalId = 1, Code = "H1.G1.T2", SortOrder = 2, LeadDepartment = "市民政局", Indicators = [done] },
                    ],
                },
            ],
        });
        // Half the year gone, a tenth of the target reached: lagging. The other target is met.
        var values = new[] { TestData.Approved(behind, "2024Q1", 10), TestData.Approved(done, "2024Q1", 12) };
        var homes = Overview.Assess(programme, values, new DateOnly(2024, 6, 30));

        var cards = DepartmentScorecard.Build(homes);

        Assert.Equal(["市住建局", "市民政局"], cards.Select(c => c.Department));
        var housing = cards[0];
        Assert.Equal(1, housing.Led);
        Assert.Equal(0, housing.Supported);
        Assert.Equal(1, housing.LedByStatus[ProgressStatus.Lagging]);
        Assert.Equal("H1.G1.T1", Assert.Single(housing.Lagging).Task.Code);
        var civil = cards[1];
        Assert.Equal(1, civil.LedByStatus[ProgressStatus.Met]);
        Assert.Equal(1, civil.Supported);
        Assert.Equal("H1.G1.T1", Assert.Single(civil.Lagging).Task.Code);
    }
}
