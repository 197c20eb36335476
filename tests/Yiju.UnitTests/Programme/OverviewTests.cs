using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;
using Yiju.Programme.SeedData;

namespace Yiju.UnitTests.Programme;

public class OverviewTests
{
    [Fact]
    public void Governing_target_prefers_this_years_then_the_next_deadline()
    {
        var indicator = TestData.Indicator();
        var y2025 = TestData.Plan(null, 2025, 90);
        var y2026 = TestData.Plan(2022, 2026, 90);
        var annual = TestData.Annual(2024, 10);
        indicator.Targets = [y2026, annual, y2025];
        Assert.Same(annual, Overview.GoverningTarget(indicator, 2024));
        Assert.Same(y2025, Overview.GoverningTarget(indicator, 2025));
        Assert.Same(y2026, Overview.GoverningTarget(indicator, 2026));
        Assert.Same(y2026, Overview.GoverningTarget(indicator, 2027));
    }

    [Fact]
    public void A_task_takes_its_worst_assessable_status()
    {
        Assert.Equal(ProgressStatus.Lagging, Overview.Worst([ProgressStatus.Met, ProgressStatus.Lagging, ProgressStatus.NotAssessable]));
        Assert.Equal(ProgressStatus.Met, Overview.Worst([ProgressStatus.Met, ProgressStatus.NotAssessable]));
        Assert.Equal(ProgressStatus.NotAssessable, Overview.Worst([]));
    }

    [Fact]
    public void Harbin_overview_at_end_of_2023_counts_every_task_once()
    {
        var seed = HarbinSeedLoader.Load(TestData.Now);
        var homes = Overview.Assess(seed.Programme, seed.Values, new DateOnly(2023, 12, 31));
        Assert.Equal(6, homes.Count);
        Assert.Equal(71, homes.Sum(h => h.TaskCounts.Values.Sum()));

        var tasks = homes.SelectMany(h => h.Tasks).ToDictionary(t => t.Task.Code);
        Assert.Equal(ProgressStatus.Met, tasks["H2.G1.T6"].Status);
        Assert.Equal(ProgressStatus.OnTrack, tasks["H1.G1.T1"].Status);

        // 6044 flats in 2023 against 30000 over 2022–2026: 2022 is missing, so the sum is not judged.
        var flats = tasks["H4.G1.T2"].Indicators.Single(i => i.Indicator.Code == "H4.G1.T2.I1").Assessment!;
        Assert.Equal(ProgressStatus.NotAssessable, flats.Status);
        Assert.Equal([PeriodKey.ForYear(2022)], flats.MissingPeriods);
        Assert.Equal(6044.0 / 30000, flats.ShareOfTarget!.Value, 9);
    }

    [Fact]
    public void Lagging_lists_filter_by_department()
    {
        var indicator = TestData.Indicator();
        indicator.Targets = [TestData.Annual(2024, 100)];
        var programme = new CityProgramme
        {
            StartYear = 2022,
            EndYear = 2026,
            Homes = [new Home { Code = "H4", Goals = [new Goal { Tasks = [new ProgrammeTask { Code = "T", LeadDepartment = "市住建局", SupportingDepartments = ["市民政局"], Indicators = [indicator] }] }] }],
        };
        var homes = Overview.Assess(programme, [TestData.Approved(indicator, "2024", 10, observedThrough: new DateOnly(2024, 6, 30))], new DateOnly(2024, 7, 1));
        Assert.Equal(1, homes.Single().TaskCounts[ProgressStatus.Lagging]);
        Assert.Single(Overview.Lagging(homes, "市住建局"));
        Assert.Single(Overview.Lagging(homes, "市民政局"));
        Assert.Empty(Overview.Lagging(homes, "市人社局"));
        Assert.Equal([0.1], Evaluation.SharesFor(homes, "市民政局"));
        Assert.Empty(Evaluation.SharesFor(homes, "市人社局"));
    }

    [Fact]
    public void Fed_figures_become_drafts_with_the_feed_as_source()
    {
        var indicator = TestData.Indicator(IndicatorKind.Rate, frequency: PeriodType.Quarter);
        var feed = new StubFeed();
        var figure = new IndicatorFigure(indicator.Code, PeriodKey.Parse("2024Q3"), "230102", 95.5, 191, 200, "2024Q3 办结工单统计");
        var draft = FeedIntake.ToDraft(feed, figure, indicator, "tester", TestData.Now);
        Assert.Equal(ValueStatus.Draft, draft.Status);
        Assert.Equal(new SourceReference("数据来源：hotline 模块", "2024Q3 办结工单统计"), draft.Source);
        Assert.Equal("tester", draft.EnteredBy);
        Assert.Equal((191.0, 200.0), (draft.Numerator!.Value, draft.Denominator!.Value));
        Assert.Throws<ProgrammeRuleException>(() => FeedIntake.ToDraft(feed, figure with { Period = PeriodKey.Parse("2024-07") }, indicator, "tester", TestData.Now));
    }

    private sealed class StubFeed : IIndicatorFeed
    {
        public string FeedName => "hotline";

        public IReadOnlyCollection<string> IndicatorCodes => ["T.I7"];

        public Task<IReadOnlyList<IndicatorFigure>> GetFiguresAsync(PeriodKey period, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IndicatorFigure>>([]);
    }
}
